import Hummingbird

/// One route the server answers, as registered.
public struct RouteEntry: Hashable, Sendable, CustomStringConvertible {
  public let method: String
  /// The path with `{name}` parameters, as the OpenAPI document writes it.
  public let path: String
  /// True for the JSON API and machine endpoints (listed in `/openapi.yaml`); false for pages.
  public let isAPI: Bool

  public var description: String { "\(method) \(path)" }
}

/// Adds routes to the router and records each one, so that a test can hold the routes
/// against the OpenAPI document in both directions.
final class Routes {
  typealias Handler = @Sendable (Request, ServerContext) async throws -> Response
  let router: Router<ServerContext>
  private(set) var entries: [RouteEntry] = []

  init(router: Router<ServerContext>) { self.router = router }

  func get(_ path: String, api: Bool = true, _ handler: @escaping Handler) { add(.get, path, api, handler) }
  func post(_ path: String, api: Bool = true, _ handler: @escaping Handler) { add(.post, path, api, handler) }
  func put(_ path: String, api: Bool = true, _ handler: @escaping Handler) { add(.put, path, api, handler) }
  func delete(_ path: String, api: Bool = true, _ handler: @escaping Handler) { add(.delete, path, api, handler) }

  private func add(_ method: HTTPRequest.Method, _ path: String, _ api: Bool, _ handler: @escaping Handler) {
    router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
    entries.append(RouteEntry(method: method.rawValue, path: path, isAPI: api))
  }
}
