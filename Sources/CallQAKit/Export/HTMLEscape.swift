/// Escaping of text placed in HTML and SVG (element content and quoted attribute values).
public enum HTMLEscape {
  /// `&`, `<`, `>`, `"` and `'` replaced by entities; everything else (Chinese included) kept.
  public static func text(_ value: String) -> String {
    var result = ""
    result.reserveCapacity(value.utf8.count)
    for character in value {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
