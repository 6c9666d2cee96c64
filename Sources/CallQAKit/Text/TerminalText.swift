/// Text made safe to print on a terminal: every control character (C0, DEL, C1) and every
/// bidirectional override or isolate is shown escaped (`\x1b`, `\r`, `\u{202E}`), so a
/// stored name such as `"\e[2J\e]0;pwned\a"` prints as text instead of clearing the screen
/// and retitling the window, and a right-to-left override cannot reorder a line.
public enum TerminalText {
  /// `text` with its control and bidi characters escaped; `keepingColours` keeps exactly the
  /// colour codes callqa itself paints with (bold, dim, red, green, reset).
  public static func escaped(_ text: String, keepingColours: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    var scalars = text.unicodeScalars[...]
    while let scalar = scalars.first {
      if keepingColours, scalar == "\u{1B}", let code = colours.first(where: { scalars.starts(with: $0.unicodeScalars) }) {
        result += code
        scalars = scalars.dropFirst(code.unicodeScalars.count)
        continue
      }
      scalars = scalars.dropFirst()
      guard needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      default:
        let hex = String(scalar.value, radix: 16)
        result += scalar.value < 0x100 ? "\\x" + (hex.count == 1 ? "0" + hex : hex) : "\\u{\(hex.uppercased())}"
      }
    }
    return result
  }

  /// Lines of `text` escaped one by one: line breaks stay line breaks.
  public static func escapedLines(_ text: String, keepingColours: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { escaped(String($0), keepingColours: keepingColours) }.joined(separator: "\n")
  }

  /// The SGR codes of callqa's own colours.
  static let colours = ["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[31m", "\u{1B}[32m"]

  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x202A...0x202E, 0x2066...0x2069: return true  // embeddings, overrides, isolates
    default: return false
    }
  }
}
