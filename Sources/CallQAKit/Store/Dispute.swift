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
  @NullEncoded public var finalScore: Double?
  public var status: DisputeStatus
  public var openedBy: String
  public var reason: String
  public var openedAt: String
  @NullEncoded public var resolvedBy: String?
  @NullEncoded public var resolvedAt: String?
  @NullEncoded public var resolutionNote: String?
  /// The revision created when the dispute was resolved with new scores.
  @NullEncoded public var revision: Int64?
  /// The revision's final score.
  @NullEncoded public var revisedFinalScore: Double?
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
