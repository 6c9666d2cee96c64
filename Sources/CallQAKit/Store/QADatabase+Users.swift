import Foundation
import GRDB

extension QADatabase {
  // MARK: - Who is acting

  /// The actor for a terminal run by the operating-system account `osUser`: single-desk mode
  /// while the database has no users, else the active user mapped to that account.
  public func actor(osUser: String?) throws -> Actor {
    try readSQL { session in
      guard try QADatabase.hasUsers(session) else { return .singleDesk(osUser: osUser) }
      guard let osUser, let record = try session.fetchOne(UserRecord.self, "SELECT * FROM users WHERE os_user = ?", osUser)
      else {
        throw CallQAError.forbidden(.errOSAccountNotLinked, osUser ?? "?")
      }
      let user = try QADatabase.user(session, record)
      guard user.active else { throw CallQAError.forbidden(.errDeactivated, user.login, user.role.rawValue) }
      return Actor(user: user, osUser: osUser)
    }
  }

  /// The active user `login` when `password` is theirs (for the team server's sign-in); nil
  /// for an unknown login, a wrong password, a user without one or a deactivated user.
  public func authenticate(login: String, password: String) throws -> Actor? {
    let record = try readSQL { session in try session.fetchOne(UserRecord.self, "SELECT * FROM users WHERE login = ?", login) }
    guard let record, record.active, let hash = record.passwordHash, PasswordHash.verify(password, hash: hash) else {
      return nil
    }
    return Actor(user: try readSQL { session in try QADatabase.user(session, record) })
  }

  /// True while the database has no users (single-desk mode).
  public func isSingleDesk() throws -> Bool {
    try readSQL { session in try !QADatabase.hasUsers(session) }
  }

  /// True once the first user was added (single-desk mode has ended).
  static func hasUsers(_ session: any SQLSession) throws -> Bool {
    try session.row("SELECT 1 FROM users LIMIT 1") != nil
  }

  // MARK: - Users

  /// Adds a user. The first user of a database must be an admin: adding it ends single-desk
  /// mode, and the OS account running it (`osUser` when the new user names none) becomes theirs.
  @discardableResult
  public func addUser(_ new: NewUser, actor: Actor) throws -> User {
    try new.validate()
    return try guardedSQL(actor, .manageUsers) { db in
      var osUser = new.osUser
      if try !QADatabase.hasUsers(db) {
        guard new.role == .admin else {
          throw CallQAError(.errFirstUserMust)
        }
        osUser = osUser ?? actor.osUser
      }
      if try db.fetchOne(UserRecord.self, "SELECT * FROM users WHERE login = ?", new.login) != nil {
        throw CallQAError.conflict(.errUserAlreadyExists, new.login)
      }
      try QADatabase.checkOSUserFree(db, osUser, except: nil)
      for team in new.teams { try FilterNames(team: team).check(db) }
      var record = UserRecord(
        id: nil, login: new.login, displayName: new.displayName, role: new.role, teams: new.teams.joined(separator: ","),
        inspectorId: try new.inspectorCode.map { try QADatabase.personID(db, table: "inspectors", code: $0, what: .phrase(.whatInspector)) },
        agentId: try new.agentCode.map { try QADatabase.personID(db, table: "agents", code: $0, what: .phrase(.whatAgent)) },
        osUser: osUser, active: true, passwordHash: nil, createdAt: Timestamp.nowUTC())
      record.id = try db.insert(record, into: UserRecord.databaseTableName)
      let user = try QADatabase.user(db, record)
      try QADatabase.appendAudit(
        db, actor: actor.auditName, action: "create", entity: "user", entityId: user.id, before: nil,
        after: try QADatabase.describe(user), evaluationDigest: nil)
      return user
    }
  }

  /// Every user, by login.
  public func users() throws -> [User] {
    try readSQL { db in try db.fetchAll(UserRecord.self, "SELECT * FROM users ORDER BY login").map { try QADatabase.user(db, $0) } }
  }

  /// The user `login`.
  public func user(login: String) throws -> User {
    try readSQL { db in try QADatabase.user(db, try QADatabase.userRecord(db, login: login)) }
  }

  /// Changes a user's role (with the code or teams the new role needs).
  @discardableResult
  public func setRole(
    login: String, to role: Role, teams: [String] = [], inspectorCode: String? = nil, agentCode: String? = nil,
    actor: Actor
  ) throws -> User {
    try changeUser(login, action: "set-role", actor: actor) { db, record in
      try NewUser(login: login, displayName: record.displayName, role: role, teams: teams, inspectorCode: inspectorCode, agentCode: agentCode)
        .validate()
      for team in teams { try FilterNames(team: team).check(db) }
      if record.role == .admin, role != .admin { try QADatabase.keepOneAdmin(db, losing: login) }
      record.role = role
      record.teams = teams.joined(separator: ",")
      record.inspectorId = try inspectorCode.map { try QADatabase.personID(db, table: "inspectors", code: $0, what: .phrase(.whatInspector)) }
      record.agentId = try agentCode.map { try QADatabase.personID(db, table: "agents", code: $0, what: .phrase(.whatAgent)) }
    }
  }

  /// Links a user to an OS account (nil unlinks it).
  @discardableResult
  public func setOSUser(login: String, to osUser: String?, actor: Actor) throws -> User {
    try changeUser(login, action: "set-os-user", actor: actor) { db, record in
      try QADatabase.checkOSUserFree(db, osUser, except: record.id)
      record.osUser = osUser
    }
  }

  /// Deactivates a user: they can no longer act; their history stays. The last active admin
  /// cannot be deactivated.
  @discardableResult
  public func deactivateUser(login: String, actor: Actor) throws -> User {
    try changeUser(login, action: "deactivate", actor: actor) { db, record in
      guard record.active else { throw CallQAError.conflict(.errUserAlreadyDeactivated, login) }
      if record.role == .admin { try QADatabase.keepOneAdmin(db, losing: login) }
      record.active = false
    }
  }

  /// One change of a user by an admin: `change` edits the record, which is then stored with an
  /// audit row holding the user before and after.
  private func changeUser(
    _ login: String, action: String, actor: Actor, _ change: (any SQLSession, inout UserRecord) throws -> Void
  ) throws -> User {
    try guardedSQL(actor, .manageUsers) { db in
      var record = try QADatabase.userRecord(db, login: login)
      let before = try QADatabase.user(db, record)
      try change(db, &record)
      try QADatabase.update(db, record)
      let after = try QADatabase.user(db, record)
      try QADatabase.appendAudit(
        db, actor: actor.auditName, action: action, entity: "user", entityId: after.id,
        before: try QADatabase.describe(before), after: try QADatabase.describe(after), evaluationDigest: nil)
      return after
    }
  }

  /// Sets a user's password (stored as a bcrypt hash). Admins set anyone's; a user their own.
  public func setPassword(login: String, password: String, actor: Actor, cost: UInt8 = PasswordHash.defaultCost) throws {
    let own = actor.user?.login == login
    // Who may is checked before the password: a refusal says so, whatever was typed.
    if !own { try Policy.require(actor, .manageUsers) }
    let hash = try PasswordHash.make(password, cost: cost)
    try guardedSQL(actor, own ? nil : .manageUsers) { db in
      var record = try QADatabase.userRecord(db, login: login)
      record.passwordHash = hash
      try QADatabase.update(db, record)
      try QADatabase.appendAudit(
        db, actor: actor.auditName, action: "set-password", entity: "user", entityId: record.id, before: nil, after: nil,
        evaluationDigest: nil)
    }
  }

  // MARK: - Guarded writes

  /// One write transaction on behalf of `actor`, after ``Policy/require(_:_:)`` for `action`
  /// (nil: the body's own subject rules decide). A refusal — from the policy or from a subject
  /// rule inside `body` — writes nothing of the action; one `refused` audit row records the
  /// attempt (when the database can be written).
  func guarded<T>(_ actor: Actor, _ action: Action?, useCase: String = #function, _ body: (Database) throws -> T) throws -> T {
    return try guardedSQL(actor, action) { session in
      guard let db = session as? Database else {
        throw CallQAError(.errNotOnPostgresYet, QADatabase.useCaseName(useCase), kind: .invalidInput)
      }
      return try body(db)
    }
  }

  /// ``guarded(_:_:useCase:_:)`` for the use cases written against ``SQLSession`` (both
  /// engines); `retrying` as in ``writeSQL(retrying:_:)``.
  func guardedSQL<T>(_ actor: Actor, _ action: Action?, retrying: Bool = true, _ body: (any SQLSession) throws -> T) throws -> T {
    do {
      if let action { try Policy.require(actor, action) }
      return try writeSQL(retrying: retrying) { session in
        if actor.isSingleDesk, try QADatabase.hasUsers(session) { throw Self.singleDeskEnded }
        return try body(session)
      }
    } catch let error as CallQAError where error.kind == .forbidden {
      recordRefusal(actor, action, error)
      throw error
    }
  }

  private static let singleDeskEnded = CallQAError.forbidden(.errSingleDeskMode)

  /// The one `refused` audit row of a refusal, when the database can be written (a
  /// read-only connection refuses without a row).
  private func recordRefusal(_ actor: Actor, _ action: Action?, _ error: CallQAError) {
    try? writeSQL { session in
      try QADatabase.appendAudit(
        session, actor: actor.auditName, action: "refused", entity: action?.rawValue ?? "user.self", entityId: nil,
        before: nil, after: try JSONText.object(["reason": error.message]), evaluationDigest: nil)
    }
  }

  /// Checks that `actor` may take `action`, recording a refusal like every guarded write does;
  /// for actions that write files rather than rows (a case library) or replace the whole
  /// database (restore).
  public func authorize(_ actor: Actor, _ action: Action) throws {
    do {
      try Policy.require(actor, action)
      if actor.isSingleDesk, try readSQL({ session in try QADatabase.hasUsers(session) }) { throw Self.singleDeskEnded }
    } catch let error as CallQAError where error.kind == .forbidden {
      recordRefusal(actor, action, error)
      throw error
    }
  }

  // MARK: - Helpers

  static func userRecord(_ db: any SQLSession, login: String) throws -> UserRecord {
    guard let record = try db.fetchOne(UserRecord.self, "SELECT * FROM users WHERE login = ?", login) else {
      throw CallQAError.notFound(.errNoUser, login)
    }
    return record
  }

  /// Stores every column of a changed user.
  private static func update(_ db: any SQLSession, _ record: UserRecord) throws {
    try db.execute(
      """
      UPDATE users SET display_name = ?, role = ?, teams = ?, inspector_id = ?, agent_id = ?, os_user = ?, active = ?,
        password_hash = ?
      WHERE id = ?
      """, record.displayName, record.role.rawValue, record.teams, record.inspectorId, record.agentId, record.osUser,
      record.active, record.passwordHash, try record.storedID())
  }

  static func user(_ session: any SQLSession, _ record: UserRecord) throws -> User {
    let inspector = try record.inspectorId.flatMap { try session.value(String.self, "SELECT code FROM inspectors WHERE id = ?", $0) }
    let agent = try record.agentId.flatMap { try session.value(String.self, "SELECT code FROM agents WHERE id = ?", $0) }
    return User(
      id: try record.storedID(), login: record.login, displayName: record.displayName, role: record.role,
      teams: record.teams.split(separator: ",").map(String.init), inspectorCode: inspector, agentCode: agent,
      osUser: record.osUser, active: record.active, hasPassword: record.passwordHash != nil)
  }

  private static func personID(_ db: any SQLSession, table: String, code: String, what: MessageArgument) throws -> Int64 {
    guard let id = try db.value(Int64.self, "SELECT id FROM \(table) WHERE code = ?", code) else {
      throw CallQAError.notFound(.errNo, what, code)
    }
    return id
  }

  private static func checkOSUserFree(_ db: any SQLSession, _ osUser: String?, except id: Int64?) throws {
    guard let osUser else { return }
    if let other = try db.fetchOne(UserRecord.self, "SELECT * FROM users WHERE os_user = ?", osUser), other.id != id {
      throw CallQAError.conflict(.errOsAccountAlready, osUser, other.login)
    }
  }

  private static func keepOneAdmin(_ db: any SQLSession, losing login: String) throws {
    let others =
      try db.value(Int.self, "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND login <> ?", login) ?? 0
    guard others > 0 else { throw CallQAError.conflict(.errUserLastActive, login) }
  }

  private static func describe(_ user: User) throws -> String {
    try JSONText.object([
      "login": user.login, "name": user.displayName, "role": user.role.rawValue, "teams": user.teams.joined(separator: ","),
      "inspector": user.inspectorCode ?? "", "agent": user.agentCode ?? "", "os_user": user.osUser ?? "",
      "active": user.active ? "true" : "false",
    ])
  }
}
