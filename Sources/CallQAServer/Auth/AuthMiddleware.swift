import CallQAKit
import Hummingbird

/// Proves who is asking, without deciding what they may do (the library's ``Policy`` does):
/// an `Authorization: Bearer` API token, else the session cookie. A token that is unknown,
/// revoked or belongs to a deactivated user is a 401; a stale cookie is ignored (anonymous).
struct AuthMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  static let sessionCookie = "callqa_session"
  let backend: Backend
  let sessions: SessionStore

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var context = context
    if let header = request.headers[.authorization] {
      guard header.lowercased().hasPrefix("bearer ") else {
        throw ServerError.unauthorized("only Authorization: Bearer TOKEN is accepted (make one with `callqa user token LOGIN`)")
      }
      let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
      guard let actor = try await backend.run({ try $0.actor(apiToken: token) }) else {
        throw ServerError.unauthorized("the API token is unknown, revoked, or its user is deactivated")
      }
      context.identity = Identity(actor: actor, credential: .token)
    } else if let id = request.cookies[Self.sessionCookie]?.value, let session = try await sessions.find(id) {
      if let actor = try await backend.run({ try $0.activeActor(login: session.login) }) {
        context.identity = Identity(actor: actor, credential: .session(id: id, csrf: session.csrf))
      } else {
        try await sessions.remove(id)
      }
    }
    if let identity = context.identity { context.trace.user = identity.actor.login }
    return try await next(request, context)
  }
}

/// Refuses a write made with the session cookie unless it carries the session's CSRF token:
/// the `X-CSRF-Token` header (scripts, the pages' JavaScript) or the `_csrf` field of a form.
/// The sign-in form has no session yet: it carries the token of a short-lived cookie it was
/// served with (double submit). API tokens need none: a browser never sends them by itself.
struct CSRFMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  static let field = "_csrf"
  static let signInCookie = "callqa_signin"

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
    var request = request
    let path = request.uri.path
    if path == "/api/session", request.method == .post {
      // JSON only: a page elsewhere cannot send it without the browser asking first (CORS).
      guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
        throw ServerError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "sign in with a JSON body {login, password}")
      }
      return try await next(request, context)
    }
    if path == "/login", request.method == .post {
      let form = try await Form.read(&request, context: context)
      guard let cookie = request.cookies[Self.signInCookie]?.value, let sent = form[Self.field], RandomToken.equal(cookie, sent) else {
        throw ServerError.forbidden(LocalizedMessage(.srvSignInFormExpired, []))
      }
      return try await next(request, context)
    }
    guard let identity = context.identity, let expected = identity.csrf else { return try await next(request, context) }
    var sent = request.headers[.xCSRFToken]
    if sent == nil, request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
      sent = try await Form.read(&request, context: context)[Self.field]
    }
    guard let sent, RandomToken.equal(sent, expected) else {
      throw ServerError(status: .forbidden, code: "csrf", LocalizedMessage(.srvCsrfMissing, []))
    }
    return try await next(request, context)
  }
}
