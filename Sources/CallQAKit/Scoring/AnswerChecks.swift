/// The checks every answer set passes, whatever it came from — an answers file, an import
/// record, a revision — with the one wording of each refusal. Callers add the location
/// (a YAML node's line and column, an import file's line).
enum AnswerChecks {
  /// `raw` read as the answer of item `key`; `item` is nil when the scorecard has no such item.
  static func answer(_ raw: RawAnswer, key: String, item: ScorecardItem?, scorecard: Scorecard) throws(CallQAError) -> Answer {
    guard let item else { throw unknownItem(key, scorecard: scorecard) }
    // `na` of an item a condition may skip is how a skipped item is stored; whether it is
    // allowed is decided once the conditions are (``requireAsked(_:_:states:item:)``).
    if !item.na, case .text(let text) = raw, ["na", "n/a", "不适用"].contains(text.lowercased()), scorecard.canBeSkipped(item) {
      return .notApplicable
    }
    do {
      return try item.parseAnswer(raw)
    } catch {
      throw CallQAError(text: error.text)
    }
  }

  /// The refusal of an answer for an item the scorecard does not have.
  static func unknownItem(_ key: String, scorecard: Scorecard) -> CallQAError {
    CallQAError(.errUnknownItemScorecard, key, scorecard.reference)
  }

  /// Every item of the scorecard (`keys`, in order) has an answer.
  static func requireComplete(_ answers: [String: Answer], keys: [String]) throws(CallQAError) {
    let missing = keys.filter { answers[$0] == nil }
    guard missing.isEmpty else {
      throw CallQAError(.errNoAnswerForItems, missing.count, MessageArgument.quotedList(missing))
    }
  }

  /// A note names an item of the scorecard.
  static func requireNoteItem(_ key: String, known: Bool) throws(CallQAError) {
    guard known else { throw CallQAError(.errNoteUnknownItem, key) }
  }

  /// The keys of the items that need an answer: every item not skipped by a condition, in order.
  static func askedKeys(_ scorecard: Scorecard, states: [String: ItemState]) -> [String] {
    scorecard.allItems.map(\.item.key).filter { states[$0]?.isSkipped != true }
  }

  /// An item skipped by its condition carries no answer (or `na`, how it is stored).
  /// An asked item's `na` needs the item's `na: true`.
  static func requireAsked(_ key: String, _ answer: Answer?, states: [String: ItemState], item: ScorecardItem? = nil) throws(CallQAError) {
    guard case .skipped(let condition)? = states[key] else {
      if answer == .notApplicable, let item, !item.na { throw CallQAError(.errItemNAllowed, key) }
      return
    }
    guard let answer, answer != .notApplicable else { return }
    throw Scorecard.skippedAnswerError(key, condition)
  }

  /// The root causes given for item `key`: known, offered for the item, not repeated, and only
  /// for an answer that lost points.
  static func causes(_ keys: [String], item key: String, answers: [String: Answer], scorecard: Scorecard) throws(CallQAError) -> [String] {
    guard let item = scorecard.item(key) else { throw CallQAError(.errRootCausesUnknown, key) }
    guard scorecard.causes != nil else {
      throw CallQAError(.errItemScorecardHas, key, scorecard.reference)
    }
    guard !keys.isEmpty else { throw CallQAError(.errItemGiveLeast, key) }
    let allowed = scorecard.offeredCauses(item).map(\.key)
    var seen: [String] = []
    for cause in keys {
      guard allowed.contains(cause) else {
        throw CallQAError(.errItemUnknownRoot, key, cause, MessageArgument.list(allowed))
      }
      guard !seen.contains(cause) else { throw CallQAError(.errItemRootCause, key, cause) }
      seen.append(cause)
    }
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    guard let answer = answers[key], states[key]?.isSkipped != true, item.losesPoints(answer) else {
      throw CallQAError(.errItemLostNo, key)
    }
    return seen
  }

  /// Every item with `cause_required` whose answer lost points names a root cause.
  static func requireCauses(_ causes: [String: [String]], answers: [String: Answer], scorecard: Scorecard) throws(CallQAError) {
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    for (_, item) in scorecard.allItems where item.requiresCause && states[item.key]?.isSkipped != true {
      guard let answer = answers[item.key], item.losesPoints(answer), causes[item.key]?.isEmpty != false else { continue }
      let offered = scorecard.offeredCauses(item).map(\.key)
      throw CallQAError(.errItemLostPoints, item.key, MessageArgument.list(offered))
    }
  }
}
