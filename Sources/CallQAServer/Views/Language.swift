import CallQAKit

/// The language of the pages: the `lang` query (the user's choice, remembered in a cookie),
/// else that cookie, else the browser's `Accept-Language`, else English. The words come from
/// the library's catalogue (``Messages``), the same as the CLI's.
extension Language {
  static let cookie = "callqa_lang"

  static func choose(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
    if let query, let chosen = Language(rawValue: query) { return chosen }
    if let cookie, let chosen = Language(rawValue: cookie) { return chosen }
    return acceptLanguage.flatMap(fromAcceptLanguage) ?? .en
  }
}
