import Foundation

/// How `callqa serve` runs: where it listens, how sessions and sign-ins behave, and the
/// limits that keep one client from exhausting the server.
public struct ServerOptions: Sendable {
  public var host: String
  public var port: Int
  /// HTTPS with this certificate and key; nil for plain HTTP (behind a reverse proxy).
  public var tls: ServerTLS?
  /// Mark the session cookie `Secure` (HTTPS only). Always on with ``tls``; set it when a
  /// reverse proxy terminates TLS in front of the server.
  public var secureCookies: Bool
  /// Read the client address from `X-Forwarded-For` (only behind a reverse proxy that sets it).
  public var trustProxy: Bool
  /// The largest request body accepted, in bytes (413 beyond it).
  public var maxBodyBytes: Int
  /// A session ends after this long without a request.
  public var sessionIdleTimeout: TimeInterval
  /// A session ends this long after sign-in, however active.
  public var sessionLifetime: TimeInterval
  /// Failed sign-ins allowed per login within ``loginWindow`` before it is refused (429).
  public var loginFailuresPerUser: Int
  /// Failed sign-ins allowed per client address within ``loginWindow``.
  public var loginFailuresPerAddress: Int
  /// The window failed sign-ins are counted in.
  public var loginWindow: TimeInterval
  /// How long a dashboard panel is reused for readers of the same scope (0: never).
  public var dashboardCacheSeconds: TimeInterval
  /// Folder relative recording and transcript paths are resolved against (the database's folder).
  public var mediaRoot: String?
  /// Folder case-library exports are built in before they are sent (the system's temporary folder).
  public var workFolder: String

  public init(
    host: String = "127.0.0.1", port: Int = 8080, tls: ServerTLS? = nil, secureCookies: Bool = false, trustProxy: Bool = false,
    maxBodyBytes: Int = 1 << 20, sessionIdleTimeout: TimeInterval = 8 * 3600, sessionLifetime: TimeInterval = 12 * 3600,
    loginFailuresPerUser: Int = 5, loginFailuresPerAddress: Int = 20, loginWindow: TimeInterval = 15 * 60,
    dashboardCacheSeconds: TimeInterval = 30, mediaRoot: String? = nil, workFolder: String = NSTemporaryDirectory()
  ) {
    self.dashboardCacheSeconds = dashboardCacheSeconds
    self.host = host
    self.port = port
    self.tls = tls
    self.secureCookies = secureCookies || tls != nil
    self.trustProxy = trustProxy
    self.maxBodyBytes = maxBodyBytes
    self.sessionIdleTimeout = sessionIdleTimeout
    self.sessionLifetime = sessionLifetime
    self.loginFailuresPerUser = loginFailuresPerUser
    self.loginFailuresPerAddress = loginFailuresPerAddress
    self.loginWindow = loginWindow
    self.mediaRoot = mediaRoot
    self.workFolder = workFolder
  }
}
