/// The two tables of the catalogue, one per ``Language``: the words of the reports, pages and
/// sessions (MessageTable+en.swift, MessageTable+zh.swift), then the errors and the `--help`
/// texts (MessageTable+Errors.swift, MessageTable+Help.swift). A key is in exactly one part.
enum MessageTable {
  /// English.
  static let en = enWords.merging(enErrors) { kept, _ in kept }.merging(enHelp) { kept, _ in kept }
  /// Simplified Chinese.
  static let zh = zhWords.merging(zhErrors) { kept, _ in kept }.merging(zhHelp) { kept, _ in kept }
}
