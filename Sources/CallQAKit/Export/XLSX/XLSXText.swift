/// Text helpers for SpreadsheetML: XML escaping and A1 cell references.
enum XLSXText {
  /// `text` escaped for an XML element or a double-quoted attribute.
  ///
  /// Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and carriage
  /// return) are written as Excel's `_xHHHH_` escape, which Excel and LibreOffice turn back
  /// into the character; a literal `_x` that would read as such an escape is itself escaped.
  static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "_" where looksLikeEscape(scalars, at: index): out += "_x005F_"
      default:
        let v = scalar.value
        if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF {
          out += "_x" + hex4(v) + "_"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// The column letters of a zero-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`.
  static func columnName(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
      let remainder = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  /// An A1 reference from zero-based row and column.
  static func reference(row: Int, column: Int) -> String {
    columnName(column) + String(row + 1)
  }

  private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
    return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
