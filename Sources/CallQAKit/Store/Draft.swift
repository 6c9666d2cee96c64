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

  /// The answer sheet so far (incomplete until every item is answered).
  public var sheet: AnswerSheet { AnswerSheet(answers: answers, notes: notes, comment: comment, proposals: proposals) }

  /// Keys of the items still without an answer, in scorecard order.
  public var unanswered: [String] {
    scorecard.scorecard.allItems.map(\.item.key).filter { answers[$0] == nil }
  }
}
