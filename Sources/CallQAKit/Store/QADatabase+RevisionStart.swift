/// Where a reviewer's interactive revision of a disputed evaluation starts: the scorecard
/// version it was scored with and its answers, notes, comment and root causes, so the
/// session changes only what the review changed (`dispute resolve ID --revise` without a file).
public struct RevisionStart: Sendable {
  /// The open dispute.
  public let dispute: Dispute
  /// The scorecard version of the disputed evaluation (the revision is scored with it).
  public let scorecard: Scorecard
  /// The disputed evaluation as stored.
  public let disputed: EvaluationDetail
  /// The disputed evaluation's answers, notes, comment and causes.
  public let sheet: AnswerSheet

  /// The revision as it would be if `sheet` were submitted now (for the session's breakdown).
  public func preview(_ sheet: AnswerSheet) throws -> EvaluationDetail { try disputed.rescored(scorecard, sheet: sheet) }
}

extension QADatabase {
  /// The start of an interactive revision of dispute `id`. Refuses, before anything is asked,
  /// an actor who may not resolve disputes and a dispute that is no longer open.
  public func revisionStart(dispute id: Int64, actor: Actor) throws -> RevisionStart {
    try Policy.require(actor, .resolveDispute)
    let dispute = try self.dispute(id: id)
    guard dispute.status == .open else {
      throw CallQAError.conflict(.errDisputeOnlyOpen, id, dispute.status.rawValue)
    }
    let scorecard = try self.scorecard(ofEvaluation: dispute.evaluation).scorecard
    let disputed = try evaluation(id: dispute.evaluation)
    var answers: [String: Answer] = [:]
    var notes: [String: String] = [:]
    var causes: [String: [String]] = [:]
    for item in disputed.items {
      guard let definition = scorecard.item(item.key) else { continue }
      if let text = item.answer {
        do {
          answers[item.key] = try definition.parseAnswer(.text(text))
        } catch {
          throw CallQAError(.errEvaluation, disputed.id, MessageArgument.describing(error))
        }
      }
      if let note = item.note { notes[item.key] = note }
      if let given = item.causes, !given.isEmpty { causes[item.key] = given }
    }
    let sheet = AnswerSheet(answers: answers, notes: notes, comment: disputed.comment, causes: causes)
    return RevisionStart(dispute: dispute, scorecard: scorecard, disputed: disputed, sheet: sheet)
  }
}
