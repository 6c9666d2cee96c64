import CallQAKit
import Foundation
import Hummingbird

/// The trainer's case library and the admin's users and scorecards.
extension PageRoutes {
  func registerLibrary(_ routes: Routes) {
    routes.get("/cases", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let cases = try await backend.run { db in
        try Policy.requireCaseReader(actor)
        return try db.trainingCases(CaseFilter())
      }
      let canUntag = Policy.allows(actor, .untagCase)
      let rows = cases.map { found -> [String: Any] in
        [
          "id": found.id, "title": found.title, "kind": found.kind.rawValue, "level": found.level?.rawValue ?? "",
          "skills": found.skills.joined(separator: ", "), "evaluation": found.evaluationId, "agent": found.agent,
          "final": PageFormat.score(found.finalScore), "note": found.notes ?? "", "canUntag": canUntag,
        ]
      }
      return render(
        "cases", title: "caseLibrary", request, context,
        ["rows": rows, "hasRows": !rows.isEmpty, "canExport": Policy.allows(actor, .exportCases), "canTag": Policy.allows(actor, .tagCase)])
    }
    routes.post("/cases", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      var request = request
      let form = try await Form.read(&request, context: context)
      guard let evaluation = form.text("evaluation").flatMap(Int64.init) else { throw ServerError.badRequest(LocalizedMessage(.srvNameEvaluation, [])) }
      let body = CaseController.newCase(evaluation: evaluation, form: form)
      _ = try await backend.run { db in try CaseController.tag(db, body, actor) }
      return Reply.redirect("/cases?flash=saved")
    }
    routes.post("/cases/{id}/untag", api: false) { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      _ = try await backend.run { db in try db.untagCase(id: id, actor: actor) }
      return Reply.redirect("/cases?flash=saved")
    }
    routes.get("/admin/users", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let users = try await backend.run { db in
        try Policy.requireUserReader(actor)
        return try db.users()
      }
      let rows = users.map { user -> [String: Any] in
        let link = user.inspectorCode.map { "inspector \($0)" } ?? user.agentCode.map { "agent \($0)" } ?? user.teams.joined(separator: ",")
        return [
          "login": user.login, "name": user.displayName, "role": user.role.rawValue, "link": link, "active": user.active ? "✓" : "—",
          "password": user.hasPassword ? "✓" : "—", "canDeactivate": user.active && user.login != actor.login,
          "inspector": user.inspectorCode ?? "", "agent": user.agentCode ?? "", "teams": user.teams.joined(separator: ","),
          "roles": Role.allCases.map { ["value": $0.rawValue, "selected": $0 == user.role] },
        ]
      }
      return render("users", title: "users", request, context, ["rows": rows, "roles": Role.allCases.map(\.rawValue)])
    }
    routes.post("/admin/users", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      var request = request
      let form = try await Form.read(&request, context: context)
      let role = try form.role()
      let teams = form.commaList("teams")
      let new = NewUser(
        login: form.text("login") ?? "", displayName: form.text("name") ?? "", role: role, teams: teams,
        inspectorCode: form.text("inspector"), agentCode: form.text("agent"))
      let password = form.text("password")
      try await backend.run { db in
        try db.addUser(new, actor: actor)
        if let password { try db.setPassword(login: new.login, password: password, actor: actor) }
      }
      return Reply.redirect("/admin/users?flash=saved")
    }
    routes.post("/admin/users/{login}/role", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let login = context.parameters.text("login")
      var request = request
      let form = try await Form.read(&request, context: context)
      let role = try form.role()
      let teams = form.commaList("teams")
      _ = try await backend.run { db in
        try db.setRole(
          login: login, to: role, teams: teams, inspectorCode: form.text("inspector"), agentCode: form.text("agent"), actor: actor)
      }
      return Reply.redirect("/admin/users?flash=saved")
    }
    routes.post("/admin/users/{login}/password", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      let login = context.parameters.text("login")
      var request = request
      let form = try await Form.read(&request, context: context)
      guard let password = form.text("password") else { throw ServerError.badRequest(LocalizedMessage(.srvTypeNewPassword, [])) }
      try await backend.run { db in try db.setPassword(login: login, password: password, actor: actor) }
      return Reply.redirect("/admin/users?flash=saved")
    }
    routes.post("/admin/users/{login}/deactivate", api: false) { _, context in
      let actor = try context.requireIdentity().actor
      let login = context.parameters.text("login")
      _ = try await backend.run { db in try db.deactivateUser(login: login, actor: actor) }
      return Reply.redirect("/admin/users?flash=saved")
    }
    routes.get("/admin/scorecards", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      return try await scorecardsPage(request, context, actor: actor)
    }
    routes.post("/admin/scorecards", api: false) { request, context in
      let actor = try context.requireIdentity().actor
      var request = request
      let yaml = try await Form.read(&request, context: context)["yaml"] ?? ""
      do {
        _ = try await backend.run { db in try AdminController.importScorecard(db, text: yaml, file: "upload.yaml", actor: actor) }
      } catch let failure as ServerError where failure.status == .unprocessableContent {
        var response = try await scorecardsPage(request, context, actor: actor, problem: failure.message(in: context.language), yaml: yaml)
        response.status = .unprocessableContent
        return response
      }
      return Reply.redirect("/admin/scorecards?flash=saved")
    }
  }

  func scorecardsPage(_ request: Request, _ context: ServerContext, actor: Actor, problem: String? = nil, yaml: String = "") async throws -> Response {
    let language = context.language.rawValue
    let rows = try await backend.run { db in try AdminController.scorecards(db, language: language) }
    return render(
      "scorecards", title: "scorecards", request, context,
      [
        "rows": rows.map {
          [
            "key": $0.key, "version": $0.version, "title": $0.title, "items": $0.items, "pass": ScoreFormat.plain($0.passScore),
            "fingerprint": String($0.fingerprint.prefix(12)),
          ]
        },
        "canImport": Policy.allows(actor, .importScorecard), "problem": PageFormat.optional(problem), "yaml": yaml,
      ])
  }
}
