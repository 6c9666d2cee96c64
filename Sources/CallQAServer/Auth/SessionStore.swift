import CallQAKit
import Foundation

/// Signed-in browser sessions, kept in the database (``QADatabase/createSession(login:limits:now:)``):
/// every `callqa serve` on the same database sees the same sessions, and a restart signs
/// nobody out. A session ends on sign-out, after ``ServerOptions/sessionIdleTimeout`` without
/// a request, after ``ServerOptions/sessionLifetime`` in all, or when its user is deactivated
/// (checked on every request by the auth middleware).
struct SessionStore: Sendable {
  let backend: Backend
  let limits: SessionLimits

  init(backend: Backend, idleTimeout: TimeInterval, lifetime: TimeInterval) {
    self.backend = backend
    limits = SessionLimits(idleTimeout: idleTimeout, lifetime: lifetime)
  }

  /// A new session for `login`: its id (the cookie) and its CSRF token.
  func create(login: String) async throws -> (id: String, csrf: String) {
    let limits = self.limits
    return try await backend.run { try $0.createSession(login: login, limits: limits) }
  }

  /// The live session `id`, refreshed; nil when unknown or expired (then forgotten).
  func find(_ id: String) async throws -> ServerSession? {
    let limits = self.limits
    return try await backend.run { try $0.session(id: id, limits: limits) }
  }

  /// Ends session `id` (sign-out).
  func remove(_ id: String) async throws {
    try await backend.run { try $0.endSession(id: id) }
  }
}
