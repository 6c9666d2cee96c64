import Foundation

extension AnswerSheet {
  /// A sheet from fields already read by a front end (a JSON request body of the team
  /// server): the checks and wording of an answers file, in scorecard order, without a file
  /// position. Unknown items are refused before bad answers; every item needs an answer.
  public static func make(
    answers raw: [String: RawAnswer], notes: [String: String] = [:], comment: String? = nil,
    causes rawCauses: [String: [String]] = [:], scorecard: Scorecard
  ) throws -> AnswerSheet {
    if let unknown = raw.keys.sorted().first(where: { scorecard.item($0) == nil }) {
      throw AnswerChecks.unknownItem(unknown, scorecard: scorecard)
    }
    var answers: [String: Answer] = [:]
    for (_, item) in scorecard.allItems {
      guard let value = raw[item.key] else { continue }
      answers[item.key] = try AnswerChecks.answer(value, key: item.key, item: item, scorecard: scorecard)
    }
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    for (_, item) in scorecard.allItems { try AnswerChecks.requireAsked(item.key, answers[item.key], states: states, item: item) }
    try AnswerChecks.requireComplete(answers, keys: AnswerChecks.askedKeys(scorecard, states: states))
    var causes: [String: [String]] = [:]
    for key in rawCauses.keys.sorted() {
      causes[key] = try AnswerChecks.causes(rawCauses[key] ?? [], item: key, answers: answers, scorecard: scorecard)
    }
    try AnswerChecks.requireCauses(causes, answers: answers, scorecard: scorecard)
    var kept: [String: String] = [:]
    for key in notes.keys.sorted() {
      try AnswerChecks.requireNoteItem(key, known: scorecard.item(key) != nil)
      let note = notes[key] ?? ""
      if !note.isEmpty { kept[key] = note }
    }
    let text = comment?.trimmingCharacters(in: .whitespacesAndNewlines)
    return AnswerSheet(answers: answers, notes: kept, comment: text?.isEmpty == false ? text : nil, causes: causes)
  }
}
