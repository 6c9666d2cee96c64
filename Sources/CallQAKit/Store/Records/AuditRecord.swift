import GRDB

/// A row of `audit_log`: who did what to which entity, with before/after as JSON.
public struct AuditRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "audit_log"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  /// UTC time of the change.
  public var at: String
  public var actor: String
  /// `create`, `submit`, `import`, `revise`, `dispute`, `tag`, `delete`, …
  public var action: String
  /// The table the change is about (`evaluation`, `scorecard`, `agent`, …).
  public var entity: String
  public var entityId: Int64?
  public var before: String?
  public var after: String?

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
