import CallQAKit
import Foundation
import Hummingbird

/// The web pages: thin handlers that read through the same library calls as the API and
/// render a template; forms post back here and redirect (303) to the page they change.
struct PageRoutes: Sendable {
  let backend: Backend
  let views: Views
  let signIn: SignIn
  let options: ServerOptions
  let panelCache: PanelCache

  /// Messages a redirect may ask the next page to show (`?flash=KEY`).
  static let flashes: Set<String> = ["saved", "signedOut"]

  func register(_ routes: Routes) {
    routes.get("/", api: false) { _, context in
      guard let identity = context.identity else { return Reply.redirect("/login") }
      return Reply.redirect(Views.home(identity.actor.role))
    }
    routes.get("/login", api: false) { request, context in try loginPage(request, context) }
    routes.post("/login", api: false) { request, context in try await login(request, context) }
    routes.post("/logout", api: false) { _, context in
      if let identity = context.identity { try await signIn.signOut(identity) }
      var response = Reply.redirect("/login?flash=signedOut")
      response.setCookie(signIn.expiredCookie())
      return response
    }
    registerInspector(routes)
    registerEvaluation(routes)
    registerDashboard(routes)
    registerLibrary(routes)
  }

  /// The page `template` for the signed-in user, with the `?flash=` message if any.
  func render(_ template: String, title key: String, _ request: Request, _ context: ServerContext, _ data: [String: Any]) -> Response {
    var data = data
    let words = Messages(context.language).byName
    if data["flash"] == nil, let flash = request.uri.queryParameters.get("flash"), Self.flashes.contains(flash) {
      data["flash"] = ["kind": "ok", "text": words[flash] ?? flash]
    }
    return Reply.html(views.page(template, title: words[key] ?? key, context: context, data: data))
  }

  // MARK: - Sign-in

  func loginPage(_ request: Request, _ context: ServerContext, problem: String? = nil, login: String = "", status: HTTPResponse.Status = .ok)
    throws -> Response
  {
    let token = RandomToken.make()
    let next = request.uri.queryParameters.get("next").map { String($0) } ?? ""
    var data: [String: Any] = ["signinToken": token, "next": Self.safeNext(next) ?? "", "login": login]
    if let problem { data["problem"] = problem }
    var response = render("login", title: "signIn", request, context, data)
    response.status = status
    response.setCookie(
      Cookie(
        name: CSRFMiddleware.signInCookie, value: token, maxAge: 3600, path: "/login", secure: options.secureCookies, httpOnly: true,
        sameSite: .lax))
    return response
  }

  func login(_ request: Request, _ context: ServerContext) async throws -> Response {
    var request = request
    let form = try await Form.read(&request, context: context)
    let login = form.text("login") ?? ""
    do {
      let session = try await signIn.attempt(login: login, password: form["password"] ?? "", address: context.clientAddress)
      var response = Reply.redirect(Self.safeNext(form["next"] ?? "") ?? Views.home(session.actor.role))
      response.setCookie(signIn.cookie(session.id))
      return response
    } catch let failure as ServerError where failure.status == .unauthorized || failure.status == .tooManyRequests {
      var response = try loginPage(request, context, problem: failure.message(in: context.language), login: login, status: failure.status)
      for field in failure.headers where field.name != .wwwAuthenticate { response.headers.append(field) }
      return response
    }
  }

  /// A local path to go back to after signing in; nil for anything that could leave the site.
  static func safeNext(_ next: String) -> String? {
    guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("://") else { return nil }
    return next
  }
}

/// Small formatting shared by the pages.
enum PageFormat {
  static func score(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
  static func day(_ timestamp: String?) -> String { String((timestamp ?? "").prefix(10)) }
  /// `HH:MM:SS` of `date` in the server's time zone.
  static func clock(_ date: Date) -> String {
    let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
    return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  }
  /// A value a template tests with `{{#key}}`: the text, or false when missing or empty (an
  /// empty string would still open the section).
  static func optional(_ text: String?) -> Any {
    guard let text, !text.isEmpty else { return false }
    return text
  }
  static func time(_ seconds: Double?) -> String {
    guard let seconds else { return "" }
    let whole = Int(seconds)
    return String(format: "%02d:%02d", whole / 60, whole % 60)
  }
}
