import GRDB

/// A row of `calibration_sessions`: several inspectors score one call on one scorecard version
/// and are compared with an expert (or with each other).
public struct CalibrationSessionRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "calibration_sessions"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var callId: Int64
  public var scorecardId: Int64
  /// The inspector whose scoring is the reference; nil compares with the session mean.
  public var expertInspectorId: Int64?
  /// Allowed distance of an inspector's final score from the reference, in points.
  public var tolerance: Double
  public var createdBy: String
  public var createdAt: String

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
