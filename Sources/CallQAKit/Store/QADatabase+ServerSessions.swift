import Foundation

/// A signed-in browser session of the team server, as the database keeps it.
public struct ServerSession: Hashable, Sendable {
  /// The user it signed in.
  public var login: String
  /// The token a form or script sends back with every change (`X-CSRF-Token`).
  public var csrf: String
}

/// How long a session lives: it ends after ``idleTimeout`` without a request, or
/// ``lifetime`` after sign-in however active.
public struct SessionLimits: Hashable, Sendable {
  public var idleTimeout: TimeInterval
  public var lifetime: TimeInterval

  public init(idleTimeout: TimeInterval, lifetime: TimeInterval) {
    self.idleTimeout = idleTimeout
    self.lifetime = lifetime
  }
}

/// How many failed sign-ins are allowed per login and per client address within ``window``.
public struct SignInLimits: Hashable, Sendable {
  public var perLogin: Int
  public var perAddress: Int
  public var window: TimeInterval

  public init(perLogin: Int, perAddress: Int, window: TimeInterval) {
    self.perLogin = perLogin
    self.perAddress = perAddress
    self.window = window
  }
}

/// The team server's sessions and sign-in throttle live in the database, not in a server's
/// memory: two `callqa serve` processes on one database (behind a load balancer) see the same
/// sessions and count the same failures, and a restart signs nobody out. The cookie itself is
/// never stored, only its SHA-256 (as API tokens): a copy of the table opens no session.
///
/// These rows are not history: they are not audited, and expired ones are deleted.
extension QADatabase {
  /// A session's `last_seen` is written at most this often (a request does not cost a write).
  static let sessionTouchInterval: TimeInterval = 60

  /// Opens a session for `login`: its cookie value and its CSRF token (64 hex digits each).
  /// Sessions past their lifetime are removed on the way.
  public func createSession(login: String, limits: SessionLimits, now: Date = Date()) throws -> (id: String, csrf: String) {
    let id = Self.randomToken(), csrf = Self.randomToken()
    let time = now.timeIntervalSince1970
    try writeSQL { db in
      try db.execute(
        "DELETE FROM server_sessions WHERE created_at <= ? OR last_seen <= ?", time - limits.lifetime, time - limits.idleTimeout)
      try db.execute(
        "INSERT INTO server_sessions (token_sha256, login, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
        Self.digest(id), login, csrf, time, time)
    }
    return (id, csrf)
  }

  /// The live session whose cookie is `id`, its last request moved to `now`; nil when there is
  /// none or it has expired (then it is removed).
  public func session(id: String, limits: SessionLimits, now: Date = Date()) throws -> ServerSession? {
    let time = now.timeIntervalSince1970
    let key = Self.digest(id)
    let row = try readSQL { db in
      try db.row("SELECT login, csrf, created_at, last_seen FROM server_sessions WHERE token_sha256 = ?", key)
    }
    guard let row else { return nil }
    let created: Double = try row["created_at"], seen: Double = try row["last_seen"]
    guard time - seen < limits.idleTimeout, time - created < limits.lifetime else {
      try endSession(id: id)
      return nil
    }
    if time - seen >= Self.sessionTouchInterval {
      try writeSQL { db in try db.execute("UPDATE server_sessions SET last_seen = ? WHERE token_sha256 = ?", time, key) }
    }
    return ServerSession(login: try row["login"], csrf: try row["csrf"])
  }

  /// Ends the session whose cookie is `id` (sign-out, or a user who is gone).
  public func endSession(id: String) throws {
    try writeSQL { db in try db.execute("DELETE FROM server_sessions WHERE token_sha256 = ?", Self.digest(id)) }
  }

  /// How many sessions are stored (live or not yet swept).
  public func sessionCount() throws -> Int {
    try readSQL { db in try db.value(Int.self, "SELECT count(*) FROM server_sessions") ?? 0 }
  }

  // MARK: - Sign-in throttle

  /// Seconds `login` must wait before trying again from `address`, or nil when it may now:
  /// once either has ``SignInLimits/perLogin`` (or ``SignInLimits/perAddress``) failures in
  /// the window, until the oldest of them leaves it.
  public func signInWait(login: String, address: String, limits: SignInLimits, now: Date = Date()) throws -> Int? {
    let time = now.timeIntervalSince1970
    let since = time - limits.window
    let waits = try readSQL { db in
      try [(Self.failureKey("user", login), limits.perLogin), (Self.failureKey("address", address), limits.perAddress)]
        .compactMap { key, limit -> TimeInterval? in
          let recent = try db.rows("SELECT at FROM sign_in_failures WHERE key = ? AND at > ? ORDER BY at", key, since)
            .map { try $0[0] as Double }
          guard recent.count >= limit, let oldest = recent.first else { return nil }
          return limits.window - (time - oldest)
        }
    }
    return waits.max().map { max(1, Int($0.rounded(.up))) }
  }

  /// Counts a failed sign-in against both the login and the address (and forgets failures
  /// older than the window).
  public func recordSignInFailure(login: String, address: String, limits: SignInLimits, now: Date = Date()) throws {
    let time = now.timeIntervalSince1970
    try writeSQL { db in
      try db.execute("DELETE FROM sign_in_failures WHERE at <= ?", time - limits.window)
      for key in [Self.failureKey("user", login), Self.failureKey("address", address)] {
        try db.execute("INSERT INTO sign_in_failures (key, at) VALUES (?, ?)", key, time)
      }
    }
  }

  /// A successful sign-in clears the login's failures (not the address's).
  public func clearSignInFailures(login: String) throws {
    try writeSQL { db in try db.execute("DELETE FROM sign_in_failures WHERE key = ?", Self.failureKey("user", login)) }
  }

  static func failureKey(_ kind: String, _ value: String) -> String { "\(kind):\(value.lowercased())" }

  /// 32 bytes of the system's cryptographic generator as 64 hex digits.
  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
  }

  static func digest(_ token: String) -> String { SHA256.hex(Array(token.utf8)) }
}
