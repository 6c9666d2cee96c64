import GRDB

/// A row of `complaints`: a customer complaint against an agent on a day, optionally about a call.
public struct ComplaintRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "complaints"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var agentId: Int64
  /// `YYYY-MM-DD`.
  public var date: String
  public var callId: Int64?
  /// Only valid complaints count in the quality index.
  public var valid: Bool
  public var note: String?
  public var createdAt: String

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ComplaintRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let callId = Column("call_id")
    public static let date = Column("date")
    public static let id = Column("id")
  }
}
