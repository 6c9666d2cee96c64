import GRDB

/// A row of `agents`: a call-centre agent, identified by a stable code.
public struct AgentRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "agents"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var code: String
  public var name: String
  public var team: String?
  public var active: Bool
  public var createdAt: String

  public init(id: Int64? = nil, code: String, name: String, team: String?, active: Bool = true, createdAt: String) {
    self.id = id
    self.code = code
    self.name = name
    self.team = team
    self.active = active
    self.createdAt = createdAt
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AgentRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let code = Column("code")
    public static let team = Column("team")
  }
}
