import CallQAKit
import Mustache

/// The pages, rendered from the Mustache templates shipped with the server. Every value is
/// HTML-escaped by the template engine (`{{ }}`); no template uses `{{{ }}}`, so a note
/// such as `<script>` is shown as text wherever it appears.
struct Views: Sendable {
  private let library: MustacheLibrary

  init(templates: [String: String]) throws {
    var library = MustacheLibrary()
    for (name, text) in templates { try library.register(text, named: name) }
    self.library = library
  }

  /// Page `template` with `data` and what every page shows: the user and their menu, the
  /// language and its words, the CSRF token for forms.
  func page(_ template: String, title: String, context: ServerContext, data: [String: Any] = [:]) -> String {
    var values = data
    let words = Messages(context.language).byName
    values["t"] = words
    values["lang"] = context.language.rawValue
    values["title"] = title
    values["page"] = template
    values["csrf"] = context.identity?.csrf ?? ""
    if let actor = context.identity?.actor, let user = actor.user {
      values["user"] = [
        "name": user.displayName, "login": user.login, "roleLabel": words["role\(user.role.rawValue.capitalized)"] ?? user.role.rawValue,
        "nav": Self.menu(user.role, words: words, current: template),
      ]
    }
    return library.render(values, withTemplate: template) ?? "template \(template) is missing"
  }

  /// A fragment (no layout): the live breakdown.
  func fragment(_ template: String, context: ServerContext, data: [String: Any]) -> String {
    var values = data
    values["t"] = Messages(context.language).byName
    return library.render(values, withTemplate: template) ?? ""
  }

  /// The page shown for a failure of a page request.
  func errorPage(_ failure: ServerError, context: ServerContext) -> String {
    let words = Messages(context.language).byName
    let heading: String
    switch failure.status.code {
    case 404: heading = words["pageNotFound"] ?? ""
    case 403: heading = words["forbidden"] ?? ""
    case 409: heading = words["conflict"] ?? ""
    case 400, 413, 422: heading = words["badRequest"] ?? ""
    default: heading = words["error"] ?? ""
    }
    return page(
      "error", title: heading, context: context, data: ["status": failure.status.code, "heading": heading, "message": failure.message(in: context.language)])
  }

  /// Where each role starts, and its menu.
  static func home(_ role: Role) -> String {
    switch role {
    case .inspector: "/queue"
    case .agent: "/my"
    case .supervisor, .manager: "/dashboard"
    case .trainer: "/cases"
    case .admin: "/admin/users"
    }
  }

  static func menu(_ role: Role, words: [String: String], current: String) -> [[String: Any]] {
    let entries: [(String, String, String)]
    switch role {
    case .inspector: entries = [("queue", "/queue", "myQueue"), ("disputes", "/disputes", "disputes"), ("cases", "/cases", "caseLibrary")]
    case .agent: entries = [("my", "/my", "myEvaluations")]
    case .supervisor: entries = [("dashboard", "/dashboard", "dashboard"), ("disputes", "/disputes", "disputes")]
    case .manager:
      entries = [
        ("dashboard", "/dashboard", "dashboard"), ("disputes", "/disputes", "disputes"), ("cases", "/cases", "caseLibrary"),
        ("scorecards", "/admin/scorecards", "scorecards"),
      ]
    case .trainer: entries = [("cases", "/cases", "caseLibrary")]
    case .admin: entries = [("users", "/admin/users", "users"), ("scorecards", "/admin/scorecards", "scorecards")]
    }
    return entries.map { page, href, key in ["href": href, "label": words[key] ?? key, "current": page == current] }
  }
}
