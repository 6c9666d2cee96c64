/// Terminal display width of text: East Asian wide and full-width characters take two
/// columns, combining marks and zero-width characters none (Unicode UAX #11, simplified),
/// counted per grapheme cluster as terminals draw them.
public enum DisplayWidth {
  /// Columns `text` occupies on a terminal, one grapheme cluster at a time: an emoji ZWJ
  /// sequence (👩‍💻), a flag (🇨🇳) or an emoji with its presentation selector takes two.
  /// callqa's own colour codes (``TerminalText``) take no columns.
  public static func of(_ text: String) -> Int {
    guard text.unicodeScalars.contains("\u{1B}") else { return text.reduce(0) { $0 + width(of: $1) } }
    var visible = text
    for code in TerminalText.colours { visible = visible.replacingOccurrences(of: code, with: "") }
    return visible.reduce(0) { $0 + width(of: $1) }
  }

  /// Columns one grapheme cluster occupies: its first scalar's width (combining marks and
  /// joined scalars add none), two for an emoji shown as one.
  public static func width(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count > 1 {
      if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }  // a flag: two regional indicators
      if scalars.contains("\u{FE0F}") || scalars.contains("\u{200D}") {
        if first.properties.isEmoji { return 2 }
      }
    }
    return width(of: first)
  }

  /// Columns one scalar occupies (0, 1 or 2).
  public static func width(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v == 0 || (v < 0x20) || (0x7F..<0xA0).contains(v) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if v == 0x200B || (0xFE00...0xFE0F).contains(v) { return 0 }
    return isWide(v) || scalar.properties.isEmojiPresentation ? 2 : 1
  }

  private static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
      0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
      0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
      0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
      0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
      0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
      0x20000...0x2FFFD, 0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// `text` padded with spaces to `width` columns (left-aligned, or right-aligned).
  public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - of(text)))
    return right ? padding + text : text + padding
  }

  /// `text` cut to at most `width` columns, ending with `…` when cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      let w = DisplayWidth.width(of: character)
      if used + w > width - 1 { break }
      result.append(character)
      used += w
    }
    return result + "…"
  }
}
