import CallQAKit
import Hummingbird
import Logging

/// The team server as built from its options: the router with every route and middleware,
/// and what the routes share. Tests build the same value in-process.
public struct TeamServer {
  public let router: Router<ServerContext>
  /// Every route, in the order added (the OpenAPI test holds them against `/openapi.yaml`).
  public let routes: [RouteEntry]
  /// The OpenAPI document served at `/openapi.yaml`.
  public let openAPI: String
}

/// Builds the router of `callqa serve` over `database`: middleware first (request setup, access
/// log, security headers, errors, authentication, CSRF), then the API, then the pages.
public func buildRouter(database: QADatabase, options: ServerOptions, logger: Logger) throws -> TeamServer {
  let assets = try Assets.load()
  let views = try Views(templates: assets.templates)
  let backend = Backend(db: database)
  let sessions = SessionStore(backend: backend, idleTimeout: options.sessionIdleTimeout, lifetime: options.sessionLifetime)
  let throttle = LoginThrottle(
    backend: backend, perUser: options.loginFailuresPerUser, perAddress: options.loginFailuresPerAddress, window: options.loginWindow)
  let signIn = SignIn(backend: backend, sessions: sessions, throttle: throttle, options: options)

  let router = Router(context: ServerContext.self)
  router.add(middleware: RequestSetupMiddleware(options: options))
  router.add(middleware: AccessLogMiddleware(logger: logger))
  router.add(middleware: WriteLaneMiddleware())
  router.add(middleware: SecurityHeadersMiddleware())
  router.add(middleware: ErrorMiddleware(views: views, logger: logger))
  router.add(middleware: AuthMiddleware(backend: backend, sessions: sessions))
  router.add(middleware: CSRFMiddleware())

  let routes = Routes(router: router)
  MetaController(backend: backend, assets: assets).register(routes)
  SessionController(signIn: signIn).register(routes)
  EvaluationController(backend: backend).register(routes)
  DraftController(backend: backend).register(routes)
  DisputeController(backend: backend).register(routes)
  ReportController(backend: backend, options: options).register(routes)
  CaseController(backend: backend, options: options).register(routes)
  CallController(backend: backend, options: options).register(routes)
  AdminController(backend: backend).register(routes)
  PageRoutes(backend: backend, views: views, signIn: signIn, options: options, panelCache: PanelCache(ttl: options.dashboardCacheSeconds))
    .register(routes)
  return TeamServer(router: router, routes: routes.entries, openAPI: String(decoding: assets.openAPI, as: UTF8.self))
}

/// `callqa serve`'s application: the router on `options.host:options.port`, over HTTPS when
/// `options.tls` is set. Run it with
/// `runService()`: SIGTERM and SIGINT stop accepting, let requests in flight finish, then return.
public func buildApplication(
  database: QADatabase, options: ServerOptions, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
  let server = try buildRouter(database: database, options: options, logger: logger)
  return Application(
    router: server.router,
    server: try options.tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration()) } ?? .http1(),
    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "callqa"),
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? options.port) },
    logger: logger)
}
