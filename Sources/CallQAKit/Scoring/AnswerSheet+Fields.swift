import Foundation

extension AnswerSheet {
  /// A sheet from fields already read by a front end (a JSON request body of the team
  /// server): the checks and wording of an answers file, in scorecard order, without a file
  /// position. Unknown items are refused before bad answers; every item needs an answer.
  public static func make(
    answers raw: [String: RawAnswer], notes: [String: String] = [:], comment: String? = nil, scorecard: Scorecard
  ) throws -> AnswerSheet {
    if let unknown = raw.keys.sorted().first(where: { scorecard.item($0) == nil }) {
      throw AnswerChecks.unknownItem(unknown, scorecard: scorecard)
    }
    var answers: [String: Answer] = [:]
    for (_, item) in scorecard.allItems {
      guard let value = raw[item.key] else { continue }
      answers[item.key] = try AnswerChecks.answer(value, key: item.key, item: item, scorecard: scorecard)
    }
    try AnswerChecks.requireComplete(answers, keys: scorecard.allItems.map(\.item.key))
    var kept: [String: String] = [:]
    for key in notes.keys.sorted() {
      try AnswerChecks.requireNoteItem(key, known: scorecard.item(key) != nil)
      let note = notes[key] ?? ""
      if !note.isEmpty { kept[key] = note }
    }
    let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
    return AnswerSheet(answers: answers, notes: kept, comment: text?.isEmpty == false ? text : nil)
  }
}
