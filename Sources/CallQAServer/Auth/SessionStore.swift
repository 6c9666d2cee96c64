import Foundation

/// Signed-in browser sessions, held in the server's memory: a restart signs everyone out,
/// which is the safe direction. A session ends on sign-out, after
/// ``ServerOptions/sessionIdleTimeout`` without a request, after
/// ``ServerOptions/sessionLifetime`` in all, or when its user is deactivated (checked on
/// every request by the auth middleware).
actor SessionStore {
  struct Session: Sendable {
    var login: String
    var csrf: String
    var created: Date
    var lastSeen: Date
  }

  private var sessions: [String: Session] = [:]
  private let idleTimeout: TimeInterval
  private let lifetime: TimeInterval
  private let now: @Sendable () -> Date

  init(idleTimeout: TimeInterval, lifetime: TimeInterval, now: @escaping @Sendable () -> Date = Date.init) {
    self.idleTimeout = idleTimeout
    self.lifetime = lifetime
    self.now = now
  }

  /// A new session for `login`: its id (the cookie) and its CSRF token.
  func create(login: String) -> (id: String, csrf: String) {
    let time = now()
    sweep(at: time)
    let id = RandomToken.make(), csrf = RandomToken.make()
    sessions[id] = Session(login: login, csrf: csrf, created: time, lastSeen: time)
    return (id, csrf)
  }

  /// The live session `id`, refreshed; nil when unknown or expired (then forgotten).
  func find(_ id: String) -> Session? {
    let time = now()
    guard var session = sessions[id] else { return nil }
    guard time.timeIntervalSince(session.lastSeen) < idleTimeout, time.timeIntervalSince(session.created) < lifetime else {
      sessions[id] = nil
      return nil
    }
    session.lastSeen = time
    sessions[id] = session
    return session
  }

  /// Ends session `id` (sign-out).
  func remove(_ id: String) { sessions[id] = nil }

  /// How many sessions are live.
  var count: Int { sessions.count }

  private func sweep(at time: Date) {
    guard sessions.count > 1000 else { return }
    sessions = sessions.filter { time.timeIntervalSince($0.value.lastSeen) < idleTimeout && time.timeIntervalSince($0.value.created) < lifetime }
  }
}
