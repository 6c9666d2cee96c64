/// The checks every answer set passes, whatever it came from — an answers file, an import
/// record, a revision — with the one wording of each refusal. Callers add the location
/// (a YAML node's line and column, an import file's line).
enum AnswerChecks {
  /// `raw` read as the answer of item `key`; `item` is nil when the scorecard has no such item.
  static func answer(_ raw: RawAnswer, key: String, item: ScorecardItem?, scorecard: Scorecard) throws(CallQAError) -> Answer {
    guard let item else { throw unknownItem(key, scorecard: scorecard) }
    do {
      return try item.parseAnswer(raw)
    } catch {
      throw CallQAError(error.description)
    }
  }

  /// The refusal of an answer for an item the scorecard does not have.
  static func unknownItem(_ key: String, scorecard: Scorecard) -> CallQAError {
    CallQAError("unknown item '\(key)' (not on scorecard \(scorecard.reference))")
  }

  /// Every item of the scorecard (`keys`, in order) has an answer.
  static func requireComplete(_ answers: [String: Answer], keys: [String]) throws(CallQAError) {
    let missing = keys.filter { answers[$0] == nil }
    guard missing.isEmpty else {
      throw CallQAError("no answer for \(missing.count == 1 ? "item" : "items") \(missing.map { "'\($0)'" }.joined(separator: ", "))")
    }
  }

  /// A note names an item of the scorecard.
  static func requireNoteItem(_ key: String, known: Bool) throws(CallQAError) {
    guard known else { throw CallQAError("note for unknown item '\(key)'") }
  }
}
