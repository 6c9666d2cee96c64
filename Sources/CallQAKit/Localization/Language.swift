import Foundation

/// The language a person reads callqa in: Simplified Chinese or English.
///
/// The raw value is the short code scorecard texts are keyed by (``LocalizedText``), so
/// `language.rawValue` resolves a scorecard title in the same language as the words around it.
public enum Language: String, Sendable, CaseIterable, Codable {
  case zh
  case en

  /// The BCP 47 tag (`zh-Hans`, `en`), for `<html lang>`.
  public var tag: String {
    switch self {
    case .zh: return "zh-Hans"
    case .en: return "en"
    }
  }

  /// `zh`, `zh-Hans`, `zh_CN.UTF-8`, `en_GB`, `C`…: the language a code or POSIX locale names,
  /// nil when it names neither Chinese nor English (so the next source is consulted).
  public init?(code: String) {
    let lowered = code.trimmingCharacters(in: .whitespaces).lowercased()
    if lowered.hasPrefix("zh") {
      self = .zh
    } else if lowered.hasPrefix("en") {
      self = .en
    } else {
      return nil
    }
  }

  /// The language in effect: the `--lang` flag, then `CALLQA_LANG`, then the first of
  /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (POSIX precedence: a set `LC_ALL` decides,
  /// even as `C`), then English.
  public static func resolve(flag: String?, environment: [String: String]) -> Language {
    if let flag, let chosen = Language(code: flag) { return chosen }
    if let chosen = environment["CALLQA_LANG"].flatMap(Language.init(code:)) { return chosen }
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      guard let value = environment[name], !value.isEmpty else { continue }
      return Language(code: value) ?? .en
    }
    return .en
  }

  /// The first of zh and en in an HTTP `Accept-Language` header's order of preference
  /// (`zh-CN,zh;q=0.9,en;q=0.8`), nil when it names neither.
  public static func fromAcceptLanguage(_ header: String) -> Language? {
    let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Double, Int, Language)? in
      let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      guard let tag = pieces.first else { return nil }
      let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
      guard quality > 0, let language = Language(code: tag) else { return nil }
      return (quality, index, language)
    }
    return ranked.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.first?.2
  }
}
