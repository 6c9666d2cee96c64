/// The language of the pages: the `lang` query (remembered in a cookie), else the cookie,
/// else the browser's `Accept-Language`, else English.
enum Language: String, Sendable, CaseIterable {
  case zh, en

  static let cookie = "callqa_lang"

  static func choose(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
    if let query, let chosen = Language(rawValue: query) { return chosen }
    if let cookie, let chosen = Language(rawValue: cookie) { return chosen }
    return acceptLanguage.flatMap(fromAcceptLanguage) ?? .en
  }

  /// The first of zh and en in the header's order of preference (`zh-CN,zh;q=0.9,en;q=0.8`).
  static func fromAcceptLanguage(_ header: String) -> Language? {
    let ranked = header.split(separator: ",").enumerated().compactMap { index, part -> (Double, Int, Language)? in
      let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
      guard let tag = pieces.first else { return nil }
      let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
      guard quality > 0 else { return nil }
      let language: Language? = tag.hasPrefix("zh") ? .zh : tag.hasPrefix("en") ? .en : nil
      return language.map { (quality, index, $0) }
    }
    return ranked.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.first?.2
  }
}
