/// The fixed words of an exported library, in English or Chinese (`--lang`), from the catalogue.
public struct CaseLabels: Sendable {
  public let language: String

  public init(language: String) { self.language = language == "zh" ? "zh" : "en" }

  /// The words of `language`, from the catalogue (keys `caseLib…`).
  public var words: Messages { Messages(language == "zh" ? .zh : .en) }

  /// The label for `key` (`library`, `wholeCall`…; the key itself if unknown).
  public subscript(_ key: String) -> String {
    guard let found = MessageKey(rawValue: "caseLib" + key.prefix(1).uppercased() + key.dropFirst()) else { return key }
    return words[found]
  }

  /// The label for `key` with `{0}`, `{1}`… replaced by the arguments.
  public func format(_ key: String, _ arguments: String...) -> String {
    Messages.format(self[key], arguments)
  }

  /// `exemplary`/`cautionary` in this language.
  public func kind(_ kind: CaseKind) -> String { self[kind.rawValue] }

  /// A level in this language (`any level` for nil).
  public func level(_ level: CaseLevel?) -> String { self[level?.rawValue ?? "unspecified"] }

  /// The separator of lists inside a sentence.
  public var listSeparator: String { language == "zh" ? "、" : ", " }
}
