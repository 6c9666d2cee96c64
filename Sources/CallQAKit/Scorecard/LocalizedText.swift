/// A text shown to people: either one plain string or a map of language code → string.
///
/// Scorecards are bilingual (zh/en). `resolve(_:)` picks the requested language,
/// then English, then Chinese, then any language present, so a text never comes out empty.
public struct LocalizedText: Hashable, Sendable, Codable {
  /// Language code → text. A plain string is stored under the empty code `""`.
  public let values: [String: String]

  /// A text that is the same in every language.
  public init(_ plain: String) { values = ["": plain] }

  /// A text with one entry per language code (`en`, `zh`, …).
  public init(values: [String: String]) { self.values = values }

  /// The text in `language` (`en`, `zh`, …), falling back to en, zh, the plain text, then any.
  public func resolve(_ language: String) -> String {
    for code in [language, "en", "zh", ""] {
      if let text = values[code] { return text }
    }
    return values.sorted { $0.key < $1.key }.first?.value ?? ""
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let plain = try? container.decode(String.self) {
      values = ["": plain]
    } else {
      values = try container.decode([String: String].self)
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    if values.count == 1, let plain = values[""] {
      try container.encode(plain)
    } else {
      try container.encode(values)
    }
  }
}
