import GRDB

/// Why an evaluation was made: routine monitoring (监听), a mystery-shopper test call (拨测),
/// or an inspector calibration session (never counted in agent reports).
public enum EvaluationKind: String, Codable, Hashable, Sendable, CaseIterable {
  case monitoring
  case testCall = "test-call"
  case calibration
}

/// Where an evaluation is in its life.
public enum EvaluationStatus: String, Codable, Hashable, Sendable, CaseIterable {
  /// Being scored; never counted in any report.
  case draft
  case submitted
  /// Submitted and appealed by the agent; still counted until resolved.
  case disputed
  /// Replaced by a newer revision; kept readable, no longer counted.
  case revised
}

/// A row of `evaluations`: one inspector's scoring of one call on one scorecard version.
public struct EvaluationRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "evaluations"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  /// The key of an imported evaluation, which makes re-imports safe.
  public var externalId: String?
  public var callId: Int64
  public var agentId: Int64
  public var scorecardId: Int64
  public var inspectorId: Int64
  public var kind: EvaluationKind
  public var status: EvaluationStatus
  public var rawScore: Double?
  public var finalScore: Double?
  public var criticalFailed: Bool?
  public var passed: Bool?
  public var band: String?
  public var comment: String?
  public var createdAt: String
  public var submittedAt: String?
  public var updatedAt: String
  /// The calibration session this evaluation belongs to (kind `calibration` only).
  public var calibrationSessionId: Int64? = nil
  /// The evaluation this one revises (after a dispute); the older row is then `revised`.
  public var revisionOf: Int64? = nil

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EvaluationRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let id = Column("id")
    public static let status = Column("status")
  }
}
