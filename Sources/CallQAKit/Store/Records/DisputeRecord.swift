import GRDB

/// How a dispute stands.
public enum DisputeStatus: String, Codable, Hashable, Sendable, CaseIterable {
  /// Opened by the agent, waiting for a reviewer.
  case open
  /// The reviewer kept the original scores.
  case upheld
  /// The reviewer re-scored the call: a new revision replaced the evaluation.
  case revised
}

/// A row of `disputes`: an agent's appeal against one submitted evaluation.
public struct DisputeRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "disputes"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var evaluationId: Int64
  /// The agent code of who appealed.
  public var openedBy: String
  public var reason: String
  public var status: DisputeStatus
  public var openedAt: String
  public var resolvedBy: String?
  public var resolvedAt: String?
  public var resolutionNote: String?
  /// The new evaluation created by a `revised` resolution.
  public var revisionId: Int64?

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
