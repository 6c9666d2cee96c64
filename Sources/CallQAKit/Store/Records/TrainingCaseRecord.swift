import GRDB

/// A row of `training_cases`: one call (evaluation) tagged for trainers.
public struct TrainingCaseRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "training_cases"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var evaluationId: Int64
  public var title: String
  public var kind: CaseKind
  /// JSON array of item keys.
  public var skills: String
  public var level: CaseLevel?
  public var clipStart: Double?
  public var clipEnd: Double?
  public var notes: String?
  public var createdBy: String?
  public var createdAt: String

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
