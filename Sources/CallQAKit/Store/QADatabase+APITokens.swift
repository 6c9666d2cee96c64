import Foundation
import GRDB

/// A row of `api_tokens`: a token for scripts calling the team server, stored as its SHA-256.
struct APITokenRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "api_tokens"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64?
  var userId: Int64
  var tokenSha256: String
  var label: String
  var createdAt: String
  var createdBy: String
  var revokedAt: String?

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension APITokenRecord: StoredRecord {}

/// A new API token, shown once: callqa keeps only its SHA-256.
public struct NewAPIToken: Hashable, Sendable, Encodable {
  public var id: Int64
  public var login: String
  /// The token itself (`cqa_` and 64 hex digits), sent as `Authorization: Bearer TOKEN`.
  public var token: String
  public var label: String

  enum CodingKeys: String, CodingKey { case id, login, token, label }
}

extension QADatabase {
  /// The prefix of every API token, so a leaked one is recognisable in logs and scanners.
  public static let apiTokenPrefix = "cqa_"

  /// Makes a new API token for `login` (admins for anyone, a user for themselves), audited;
  /// the returned token is the only copy: the table keeps its SHA-256.
  public func createAPIToken(login: String, label: String = "", actor: Actor) throws -> NewAPIToken {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let token = QADatabase.apiTokenPrefix + bytes.map { String(format: "%02x", $0) }.joined()
    let own = actor.user?.login == login
    return try guardedSQL(actor, own ? nil : .manageUsers) { db in
      let user = try QADatabase.userRecord(db, login: login)
      guard user.active else { throw CallQAError.conflict(.errUserDeactivatedToken, login) }
      let record = APITokenRecord(
        id: nil, userId: try user.storedID(), tokenSha256: SHA256.hex(Array(token.utf8)), label: label,
        createdAt: Timestamp.nowUTC(), createdBy: actor.auditName, revokedAt: nil)
      let id = try db.insert(record, into: APITokenRecord.databaseTableName)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "create-token", entity: "user", entityId: user.id,
        after: try JSONText.object(["token": String(id), "label": label]))
      return NewAPIToken(id: id, login: login, token: token, label: label)
    }
  }

  /// Revokes every token of `login` (admins for anyone, a user their own); returns how many.
  @discardableResult
  public func revokeAPITokens(login: String, actor: Actor) throws -> Int {
    let own = actor.user?.login == login
    return try guardedSQL(actor, own ? nil : .manageUsers) { db in
      let user = try QADatabase.userRecord(db, login: login)
      let count = try db.rows(
        "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id", Timestamp.nowUTC(), user.id
      ).count
      try QADatabase.audit(
        db, actor: actor.auditName, action: "revoke-tokens", entity: "user", entityId: user.id,
        after: try JSONText.object(["revoked": String(count)]))
      return count
    }
  }

  /// The active user a bearer token belongs to; nil for an unknown, revoked or malformed token
  /// and for a deactivated user.
  public func actor(apiToken token: String) throws -> Actor? {
    guard token.hasPrefix(QADatabase.apiTokenPrefix), token.utf8.count == QADatabase.apiTokenPrefix.utf8.count + 64 else { return nil }
    let digest = SHA256.hex(Array(token.utf8))
    return try readSQL { db in
      guard
        let record = try db.fetchOne(
          APITokenRecord.self, "SELECT * FROM api_tokens WHERE token_sha256 = ? AND revoked_at IS NULL", digest),
        let user = try db.fetchOne(UserRecord.self, "SELECT * FROM users WHERE id = ?", record.userId), user.active
      else { return nil }
      return Actor(user: try QADatabase.user(db, user))
    }
  }

  /// The active user `login` as an actor, for a signed-in session that outlives a request: nil
  /// once they are deactivated or gone, so a session ends with the user.
  public func activeActor(login: String) throws -> Actor? {
    try readSQL { db in
      guard let record = try db.fetchOne(UserRecord.self, "SELECT * FROM users WHERE login = ?", login), record.active else {
        return nil
      }
      return Actor(user: try QADatabase.user(db, record))
    }
  }
}
