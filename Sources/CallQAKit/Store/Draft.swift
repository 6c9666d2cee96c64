/// What is needed to open a draft evaluation before any item is answered.
public struct DraftInput: Hashable, Sendable {
  public var scorecard: StoredScorecard
  public var agentCode: String
  public var inspectorCode: String
  public var call: CallInput
  public var kind: EvaluationKind
  /// Who is acting: checked by the ``Policy`` and recorded in the audit trail.
  public var actor: Actor

  public init(
    scorecard: StoredScorecard, agentCode: String, inspectorCode: String, call: CallInput,
    kind: EvaluationKind = .monitoring, actor: Actor
  ) {
    self.scorecard = scorecard
    self.agentCode = agentCode
    self.inspectorCode = inspectorCode
    self.call = call
    self.kind = kind
    self.actor = actor
  }
}

/// A draft evaluation as stored: who and what is being scored, and the answers given so far.
///
/// Drafts are work in progress: they have no scores and never count in any report.
public struct Draft: Hashable, Sendable {
  public var id: Int64
  public var scorecard: StoredScorecard
  public var agentCode: String
  public var inspectorCode: String
  public var callId: String
  public var kind: EvaluationKind
  /// Item key → answer, for the items answered so far.
  public var answers: [String: Answer]
  /// Item key → note.
  public var notes: [String: String]
  /// Item key → the answer auto-QA proposed (``Answer/text``) when the item was answered,
  /// for the answered items that had a proposal.
  public var proposals: [String: String] = [:]
  public var comment: String?
  /// When the draft last changed (UTC).
  public var updatedAt: String

  /// Item key → the root causes given for the item's lost points.
  public var causes: [String: [String]] = [:]

  /// Whether each item is asked given the answers so far (conditions, SPEC-style `when:`).
  public var itemStates: [String: ItemState] {
    scorecard.scorecard.hasConditions ? scorecard.scorecard.itemStates(answers) : [:]
  }

  /// The answer sheet so far (incomplete until every asked item is answered). Answers of items
  /// a later change made unasked, and causes of items that no longer lose points, are left out:
  /// they were given while the item was asked and no longer apply.
  public var sheet: AnswerSheet {
    let states = itemStates
    let card = scorecard.scorecard
    let kept = answers.filter { states[$0.key]?.isSkipped != true }
    let keptCauses = causes.filter { key, _ in
      guard let answer = kept[key], let item = card.item(key) else { return false }
      return item.losesPoints(answer)
    }
    return AnswerSheet(
      answers: kept, notes: notes, comment: comment, proposals: proposals.filter { kept[$0.key] != nil }, causes: keptCauses)
  }

  /// The items to ask, in scorecard order: every item but those a condition skips.
  public var askedItems: [(section: ScorecardSection, item: ScorecardItem)] {
    let states = itemStates
    return scorecard.scorecard.allItems.filter { states[$0.item.key]?.isSkipped != true }
  }

  /// Keys of the asked items still without an answer, in scorecard order.
  public var unanswered: [String] {
    askedItems.map(\.item.key).filter { answers[$0] == nil }
  }
}
