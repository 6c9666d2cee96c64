import GRDB

/// A row of `users`: a person who may act in callqa, with one role (see ``User``).
struct UserRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "users"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64?
  var login: String
  var displayName: String
  var role: Role
  /// A supervisor's teams, comma-separated; empty otherwise.
  var teams: String
  var inspectorId: Int64?
  var agentId: Int64?
  var osUser: String?
  var active: Bool
  var passwordHash: String?
  var createdAt: String

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The columns queries filter and sort by, named once.
  enum Columns {
    static let login = Column("login")
    static let osUser = Column("os_user")
    static let active = Column("active")
    static let role = Column("role")
  }
}

extension Role: DatabaseValueConvertible {}
extension UserRecord: StoredRecord {}
