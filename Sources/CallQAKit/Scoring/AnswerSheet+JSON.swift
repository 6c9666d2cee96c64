import Foundation

extension AnswerSheet {
  /// The sheet as an answers file in JSON, which ``parse(text:file:scorecard:)`` reads back
  /// to the same sheet: `answers` (levels and counts as numbers), and `notes`, `comment` and
  /// `causes` where given. Keys are sorted, so the same sheet always writes the same text.
  public func jsonText() throws -> String {
    var root: [String: Any] = [:]
    var written: [String: Any] = [:]
    for (key, answer) in answers {
      switch answer {
      case .level(let score): written[key] = score
      case .count(let n): written[key] = n
      default: written[key] = answer.text
      }
    }
    root["answers"] = written
    if !notes.isEmpty { root["notes"] = notes }
    if let comment { root["comment"] = comment }
    if !causes.isEmpty { root["causes"] = causes }
    let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
