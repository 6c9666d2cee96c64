import CallQAKit
import Foundation
import Hummingbird

/// Signing in and out, shared by the JSON API and the sign-in page: the rate limit, the
/// password check (bcrypt, off the request threads), the session and its cookie.
struct SignIn: Sendable {
  let backend: Backend
  let sessions: SessionStore
  let throttle: LoginThrottle
  let options: ServerOptions

  /// A new session for `login` when `password` is theirs; 429 while the login or the address
  /// is throttled, 401 otherwise (the same message whether the login exists or not).
  func attempt(login: String, password: String, address: String) async throws -> (actor: Actor, id: String, csrf: String) {
    if let wait = try await throttle.retryAfter(login: login, address: address) { throw ServerError.tooManyRequests(retryAfter: wait) }
    guard let actor = try await backend.run({ try $0.authenticate(login: login, password: password) }) else {
      try await throttle.failed(login: login, address: address)
      throw ServerError.unauthorized(LocalizedMessage(.srvWrongLoginPassword, []))
    }
    try await throttle.succeeded(login: login)
    let (id, csrf) = try await sessions.create(login: actor.login)
    return (actor, id, csrf)
  }

  /// Ends the session of `identity` (a cookie session); a token has none.
  func signOut(_ identity: Identity) async throws {
    if case .session(let id, _) = identity.credential { try await sessions.remove(id) }
  }

  /// The session cookie: HttpOnly, SameSite=Lax, Secure with `--secure-cookies` or TLS.
  func cookie(_ id: String) -> Cookie {
    Cookie(
      name: AuthMiddleware.sessionCookie, value: id, maxAge: Int(options.sessionLifetime), path: "/", secure: options.secureCookies,
      httpOnly: true, sameSite: .lax)
  }

  /// The cookie that removes the session cookie.
  func expiredCookie() -> Cookie {
    Cookie(name: AuthMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", secure: options.secureCookies, httpOnly: true, sameSite: .lax)
  }
}
