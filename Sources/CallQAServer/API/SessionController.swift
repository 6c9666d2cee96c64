import CallQAKit
import Hummingbird

/// `POST /api/session` (sign in), `GET /api/session` (who am I, and my CSRF token),
/// `DELETE /api/session` (sign out).
struct SessionController {
  let signIn: SignIn

  struct Credentials: Decodable {
    var login: String
    var password: String
  }

  struct SessionView: Encodable {
    var user: User?
    /// Send it back as `X-CSRF-Token` on every write made with the cookie.
    var csrfToken: String?
    var via: String
    enum CodingKeys: String, CodingKey {
      case user, via
      case csrfToken = "csrf_token"
    }
  }

  func register(_ routes: Routes) {
    routes.post("/api/session") { request, context in
      let body = try await request.decode(as: Credentials.self, context: context)
      let session = try await signIn.attempt(login: body.login, password: body.password, address: context.clientAddress)
      var response = try Reply.json(SessionView(user: session.actor.user, csrfToken: session.csrf, via: "session"))
      response.setCookie(signIn.cookie(session.id))
      return response
    }
    routes.get("/api/session") { _, context in
      let identity = try context.requireIdentity()
      return try Reply.json(SessionView(user: identity.actor.user, csrfToken: identity.csrf, via: identity.csrf == nil ? "token" : "session"))
    }
    routes.delete("/api/session") { _, context in
      let identity = try context.requireIdentity()
      guard identity.csrf != nil else {
        throw ServerError.badRequest("an API token has no session to end: revoke it with `callqa user token LOGIN --revoke`")
      }
      try await signIn.signOut(identity)
      var response = Reply.noContent()
      response.setCookie(signIn.expiredCookie())
      return response
    }
  }
}
