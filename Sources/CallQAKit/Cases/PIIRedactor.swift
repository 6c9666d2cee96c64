import Foundation

/// Masks personal data in text leaving callqa: e-mail addresses, mainland-China resident ID
/// numbers (checksum-verified), bank-card numbers (Luhn-verified, 16–19 digits), mobile numbers
/// and landlines. Numbers shorter than these patterns (scores, durations, dates, short order
/// numbers) are left alone; digits touching other digits never match partially.
public enum PIIRedactor {
  /// One class of personal data and its mask.
  public enum Kind: String, CaseIterable, Sendable {
    case email, residentId = "id-number", bankCard = "bank-card", mobile, landline

    /// What replaces a match.
    public var mask: String { "[\(rawValue) redacted]" }
  }

  /// `text` with every match replaced by its kind's mask.
  public static func redact(_ text: String) -> String {
    guard text.contains(where: { $0.isNumber || $0 == "@" }) else { return text }
    var result = text
    for kind in Kind.allCases { result = replace(kind, in: result) }
    return result
  }

  /// The kinds found in `text`, in the order they are checked (for tests and reports).
  public static func findings(_ text: String) -> [Kind] {
    var found: [Kind] = []
    var rest = text
    for kind in Kind.allCases {
      let replaced = replace(kind, in: rest)
      if replaced != rest { found.append(kind) }
      rest = replaced
    }
    return found
  }

  private static let patterns: [Kind: NSRegularExpression] = {
    let sources: [Kind: String] = [
      .email: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#,
      .residentId: #"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])"#,
      .bankCard: #"(?<![0-9])(?:[0-9]{16,19}|[0-9]{4}(?:[ \-][0-9]{4}){3}(?:[ \-]?[0-9]{1,3})?)(?![0-9])"#,
      .mobile: #"(?<![0-9])(?:(?:\+|00)?86[ \-]?)?1[3-9][0-9](?:[ \-]?[0-9]{4}){2}(?![0-9])"#,
      .landline: #"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[ \-]?[2-9][0-9]{6,7}(?![0-9])"#,
    ]
    var compiled: [Kind: NSRegularExpression] = [:]
    for (kind, source) in sources {
      // The patterns are constants; a failure here would be caught by every redaction test.
      if let regex = try? NSRegularExpression(pattern: source) { compiled[kind] = regex }
    }
    return compiled
  }()

  private static func replace(_ kind: Kind, in text: String) -> String {
    guard let regex = patterns[kind] else { return text }
    let ns = text as NSString
    var result = ""
    var cursor = 0
    for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
      let candidate = ns.substring(with: match.range)
      guard accepts(kind, candidate) else { continue }
      result += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
      result += kind.mask
      cursor = match.range.location + match.range.length
    }
    guard cursor > 0 else { return text }
    return result + ns.substring(from: cursor)
  }

  private static func accepts(_ kind: Kind, _ candidate: String) -> Bool {
    switch kind {
    case .residentId: return isResidentId(candidate)
    case .bankCard:
      let digits = candidate.filter(\.isASCII).filter(\.isNumber)
      return (16...19).contains(digits.count) && passesLuhn(String(digits))
    default: return true
    }
  }

  /// GB 11643 check: 17 digits weighted, the 18th is the check character (0–9 or X),
  /// and positions 7–14 are a real date.
  public static func isResidentId(_ text: String) -> Bool {
    let chars = Array(text.uppercased())
    guard chars.count == 18 else { return false }
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    var sum = 0
    for (index, weight) in weights.enumerated() {
      guard let digit = chars[index].wholeNumberValue, chars[index].isASCII else { return false }
      sum += digit * weight
    }
    let check = Array("10X98765432")[sum % 11]
    guard chars[17] == check else { return false }
    let date = String(chars[6..<14])
    guard let year = Int(date.prefix(4)), let month = Int(date.dropFirst(4).prefix(2)), let day = Int(date.suffix(2)) else {
      return false
    }
    return (1900...2100).contains(year) && Timestamp.isValidDate(year: year, month: month, day: day)
  }

  /// The Luhn (mod 10) check used by bank cards.
  public static func passesLuhn(_ digits: String) -> Bool {
    var sum = 0
    for (index, char) in digits.reversed().enumerated() {
      guard var digit = char.wholeNumberValue else { return false }
      if index % 2 == 1 {
        digit *= 2
        if digit > 9 { digit -= 9 }
      }
      sum += digit
    }
    return !digits.isEmpty && sum % 10 == 0
  }
}
