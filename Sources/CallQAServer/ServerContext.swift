import CallQAKit
import Foundation
import Hummingbird

/// The request context of the team server: who is asking (set by ``AuthMiddleware``), from
/// where, in which language, and the body limit in force.
public struct ServerContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The signed-in user and how they proved it; nil for an anonymous request.
  var identity: Identity?
  /// The client's address (from `X-Forwarded-For` behind a trusted proxy), for sign-in limits and logs.
  var clientAddress: String
  /// The page language: zh or en.
  var language: Language = .en
  /// The largest body a handler may read (413 beyond it).
  var bodyLimit = 1 << 20
  /// What the access log learns while the request is handled (who it was).
  var trace = RequestTrace()

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
  }

  public var maxUploadSize: Int { bodyLimit }

  /// The signed-in actor, or a 401 for an anonymous request.
  func requireIdentity() throws -> Identity {
    guard let identity else { throw ServerError.unauthorized(LocalizedMessage(.srvSignInFirst, [])) }
    return identity
  }
}

/// Shared by the middlewares of one request: the access log (outermost) reads what the auth
/// middleware (inner) found out.
final class RequestTrace: @unchecked Sendable {
  private let lock = NSLock()
  private var storedUser = "-"

  var user: String {
    get { lock.withLock { storedUser } }
    set { lock.withLock { storedUser = newValue } }
  }
}
