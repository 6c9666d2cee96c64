import GRDB

/// A row of `inspectors`: a QA inspector who scores calls.
public struct InspectorRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "inspectors"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var code: String
  public var name: String
  public var createdAt: String

  public init(id: Int64? = nil, code: String, name: String, createdAt: String) {
    self.id = id
    self.code = code
    self.name = name
    self.createdAt = createdAt
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension InspectorRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let code = Column("code")
  }
}
