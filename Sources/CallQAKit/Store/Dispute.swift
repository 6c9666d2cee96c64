/// A dispute as listed and shown: the appeal, the evaluation it is about and how it ended.
public struct Dispute: Hashable, Sendable, Encodable {
  public var id: Int64
  public var evaluation: Int64
  public var agent: String
  public var inspector: String
  public var call: String
  /// `key@version` the evaluation was scored with.
  public var scorecard: String
  /// The disputed evaluation's final score.
  public var finalScore: Double?
  public var status: DisputeStatus
  public var openedBy: String
  public var reason: String
  public var openedAt: String
  public var resolvedBy: String?
  public var resolvedAt: String?
  public var resolutionNote: String?
  /// The revision created when the dispute was resolved with new scores.
  public var revision: Int64?
  /// The revision's final score.
  public var revisedFinalScore: Double?

  enum CodingKeys: String, CodingKey {
    case id, evaluation, agent, inspector, call, scorecard, status, reason, revision
    case finalScore = "final_score"
    case openedBy = "opened_by"
    case openedAt = "opened_at"
    case resolvedBy = "resolved_by"
    case resolvedAt = "resolved_at"
    case resolutionNote = "resolution_note"
    case revisedFinalScore = "revised_final_score"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(evaluation, forKey: .evaluation)
    try c.encode(agent, forKey: .agent)
    try c.encode(inspector, forKey: .inspector)
    try c.encode(call, forKey: .call)
    try c.encode(scorecard, forKey: .scorecard)
    try c.encode(finalScore, forKey: .finalScore)
    try c.encode(status, forKey: .status)
    try c.encode(openedBy, forKey: .openedBy)
    try c.encode(reason, forKey: .reason)
    try c.encode(openedAt, forKey: .openedAt)
    try c.encode(resolvedBy, forKey: .resolvedBy)
    try c.encode(resolvedAt, forKey: .resolvedAt)
    try c.encode(resolutionNote, forKey: .resolutionNote)
    try c.encode(revision, forKey: .revision)
    try c.encode(revisedFinalScore, forKey: .revisedFinalScore)
  }
}

/// Where an evaluation sits among its revisions, and the disputes raised against it.
public struct EvaluationHistory: Hashable, Sendable {
  /// The older evaluation this one revised.
  public var revisionOf: Int64?
  /// The newer evaluation that replaced this one.
  public var revisedBy: Int64?
  /// Newest first.
  public var disputes: [Dispute]
}
