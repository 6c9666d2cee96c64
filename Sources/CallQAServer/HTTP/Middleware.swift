import CallQAKit
import Foundation
import Hummingbird
import Logging

/// One line per request after it is answered: method, path (never the query, which may
/// carry filters people consider private), status, time, user and client address.
struct AccessLogMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  let logger: Logger

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let start = ContinuousClock.now
    var context = context
    context.trace = RequestTrace()
    let response = try await next(request, context)
    let elapsed = ContinuousClock.now - start
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    logger.info(
      "request",
      metadata: [
        "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
        "ms": "\(String(format: "%.1f", ms))", "addr": "\(context.clientAddress)", "user": "\(context.trace.user)",
      ])
    return response
  }
}

/// Puts every request that may change something (any method but GET and HEAD) on the
/// ``Backend/Lane/write`` lane, so its library calls wait their turn behind the other writes
/// and leave the cores to the pages.
struct WriteLaneMiddleware: RouterMiddleware {
  typealias Context = ServerContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    guard request.method != .get, request.method != .head else { return try await next(request, context) }
    return try await Backend.$lane.withValue(.write) { try await next(request, context) }
  }
}

/// Sets the client address (behind a trusted proxy), the body limit and the page language.
struct RequestSetupMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  let options: ServerOptions

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var context = context
    context.bodyLimit = options.maxBodyBytes
    if options.trustProxy, let forwarded = request.headers[.xForwardedFor] {
      let first = forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      if !first.isEmpty { context.clientAddress = first }
    }
    context.language = Language.choose(
      query: request.uri.queryParameters.get("lang"), cookie: request.cookies[Language.cookie]?.value,
      acceptLanguage: request.headers[.acceptLanguage])
    var response = try await next(request, context)
    if let lang = request.uri.queryParameters.get("lang"), Language(rawValue: lang) != nil {
      response.setCookie(Cookie(name: Language.cookie, value: lang, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .lax))
    }
    return response
  }
}

/// Turns every error into its client view (``ServerError``): JSON `{error, message}` under
/// `/api` and for machine endpoints, a small page otherwise; a page that needs a signed-in
/// user sends the browser to the sign-in page instead of a bare 401.
struct ErrorMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  let views: Views
  let logger: Logger

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      let failure = ServerError.from(error, bodyLimit: context.bodyLimit)
      if failure.status.code >= 500 {
        logger.error("failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(describing: error).prefix(500))"])
      }
      let path = request.uri.path
      let wantsJSON = path.hasPrefix("/api") || path == "/healthz" || path == "/openapi.yaml"
      if wantsJSON {
        return try Reply.json(ErrorBody(error: failure.code, message: failure.message), status: failure.status, headers: failure.headers)
      }
      if failure.status == .unauthorized, request.method == .get {
        let next = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "/"
        return Reply.redirect("/login?next=\(next)")
      }
      var headers = failure.headers
      headers[.wwwAuthenticate] = nil
      return Reply.html(views.errorPage(failure, context: context), status: failure.status, headers: headers)
    }
  }
}

/// Headers that make the pages harder to abuse: no framing, no sniffing, scripts and styles
/// from the server only, no caching of personal data.
struct SecurityHeadersMiddleware: RouterMiddleware {
  typealias Context = ServerContext

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.xFrameOptions] = "DENY"
    response.headers[.referrerPolicy] = "same-origin"
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    return response
  }
}
