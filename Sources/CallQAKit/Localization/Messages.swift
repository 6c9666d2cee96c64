/// The words of one language, looked up by key: `words[.weakAreas]`, or with arguments
/// `words(.showingTop, 15, 46)`.
///
/// A message may hold `{0}`, `{1}`… for its arguments, and `{0:one|other}` for an English
/// plural chosen by argument 0 (`1` takes `one`); Chinese messages have no plural forms.
public struct Messages: Sendable {
  public let language: Language

  public init(_ language: Language) { self.language = language }

  /// The table of `language`.
  public static func table(_ language: Language) -> [MessageKey: String] {
    switch language {
    case .en: return MessageTable.en
    case .zh: return MessageTable.zh
    }
  }

  /// The message without arguments (its key's name when missing, which the catalogue test forbids).
  public subscript(_ key: MessageKey) -> String {
    Self.table(language)[key] ?? key.rawValue
  }

  /// The message with its placeholders filled in (an error or a ``MessageArgument`` among the
  /// arguments renders in this language too).
  public func callAsFunction(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> String {
    LocalizedMessage(key, arguments).rendered(self)
  }

  /// Every message keyed by its key's name, for templates (`{{t.weakAreas}}`).
  public var byName: [String: String] {
    Dictionary(uniqueKeysWithValues: Self.table(language).map { ($0.key.rawValue, $0.value) })
  }

  /// `template` with `{N}` replaced by argument N and `{N:one|other}` by the English plural form.
  static func format(_ template: String, _ arguments: [String]) -> String {
    guard template.contains("{") else { return template }
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      result += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { break }
      let inside = rest[rest.index(after: open)..<close]
      let parts = inside.split(separator: ":", maxSplits: 1)
      if let first = parts.first, let index = Int(first), index < arguments.count {
        if parts.count == 2 {
          let forms = parts[1].split(separator: "|", omittingEmptySubsequences: false)
          result += arguments[index] == "1" || forms.count < 2 ? forms[0] : forms[1]
        } else {
          result += arguments[index]
        }
      } else {
        result += rest[open...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  /// The placeholders a message uses (`{0}`, `{1}`), for the catalogue test.
  public static func placeholders(_ template: String) -> Set<Int> {
    var found: Set<Int> = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let inside = rest[rest.index(after: open)..<close]
      if let number = inside.split(separator: ":").first.flatMap({ Int($0) }) { found.insert(number) }
      rest = rest[rest.index(after: close)...]
    }
    return found
  }

  /// A month `2026-11` as people read it: `2026年11月` in Chinese, unchanged in English.
  public func month(_ period: String) -> String {
    guard language == .zh else { return period }
    let parts = period.split(separator: "-")
    guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return period }
    return "\(year)年\(month)月"
  }

  /// `2026-11-05` → `2026年11月5日` in Chinese; a month as ``month(_:)``; anything else unchanged.
  public func date(_ day: String) -> String {
    guard language == .zh else { return day }
    let parts = day.split(separator: "-")
    if parts.count == 2 { return month(day) }
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let date = Int(parts[2]) else { return day }
    return "\(year)年\(month)月\(date)日"
  }

  /// Items joined as a list: `a, b` in English, `a、b` in Chinese.
  public func list(_ items: [String]) -> String {
    items.joined(separator: language == .zh ? "、" : ", ")
  }

  /// The separator of clauses in one line: `; ` in English, `；` in Chinese.
  public var semicolon: String { language == .zh ? "；" : "; " }
  /// `: ` in English, `：` in Chinese.
  public var colon: String { language == .zh ? "：" : ": " }
}
