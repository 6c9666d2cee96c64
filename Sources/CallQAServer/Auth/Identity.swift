import CallQAKit

/// Who sent a request, once the auth middleware has proved it, and how.
struct Identity: Sendable {
  enum Credential: Sendable {
    /// A browser's session cookie; its writes must carry the session's CSRF token.
    case session(id: String, csrf: String)
    /// `Authorization: Bearer` with an API token (scripts): no cookie, so no CSRF.
    case token
  }

  var actor: Actor
  var credential: Credential

  /// The CSRF token of a cookie session; nil for API tokens.
  var csrf: String? {
    if case .session(_, let csrf) = credential { return csrf }
    return nil
  }
}
