import CallQAKit
import Hummingbird

/// Scorecards (list, upload) and users (list, add, change role, deactivate): the admin's and
/// manager's side of the API, through the same library calls as `scorecard` and `user`.
struct AdminController {
  let backend: Backend

  struct Imported: Encodable, Sendable {
    var scorecard: String
    var outcome: String
  }

  struct NewUserBody: Decodable {
    var login: String
    var name: String
    var role: Role
    var teams: [String]?
    var inspector: String?
    var agent: String?
  }

  struct RoleBody: Decodable {
    var role: Role
    var teams: [String]?
    var inspector: String?
    var agent: String?
  }

  func register(_ routes: Routes) {
    routes.get("/api/scorecards") { _, context in
      _ = try context.requireIdentity()
      let language = context.language.rawValue
      return try Reply.json(try await backend.run { db in try Self.scorecards(db, language: language) })
    }
    routes.post("/api/scorecards") { request, context in
      let actor = try context.requireIdentity().actor
      var request = request
      let text = String(buffer: try await request.collectBody(upTo: context.maxUploadSize))
      let imported = try await backend.run { db in try Self.importScorecard(db, text: text, file: "upload.yaml", actor: actor) }
      return try Reply.json(imported, status: imported.outcome == "added" ? .created : .ok)
    }
    routes.get("/api/users") { _, context in
      let actor = try context.requireIdentity().actor
      return try Reply.json(
        try await backend.run { db in
          try Policy.requireUserReader(actor)
          return try db.users()
        })
    }
    routes.post("/api/users") { request, context in
      let actor = try context.requireIdentity().actor
      let body = try await request.json(NewUserBody.self, context: context)
      let user = try await backend.run { db in
        try db.addUser(
          NewUser(
            login: body.login, displayName: body.name, role: body.role, teams: body.teams ?? [], inspectorCode: body.inspector,
            agentCode: body.agent), actor: actor)
      }
      return try Reply.json(user, status: .created)
    }
    routes.put("/api/users/{login}/role") { request, context in
      let actor = try context.requireIdentity().actor
      let login = context.parameters.text("login")
      let body = try await request.json(RoleBody.self, context: context)
      return try Reply.json(
        try await backend.run { db in
          try db.setRole(
            login: login, to: body.role, teams: body.teams ?? [], inspectorCode: body.inspector, agentCode: body.agent, actor: actor)
        })
    }
    routes.post("/api/users/{login}/deactivate") { _, context in
      let actor = try context.requireIdentity().actor
      let login = context.parameters.text("login")
      return try Reply.json(try await backend.run { db in try db.deactivateUser(login: login, actor: actor) })
    }
  }

  static func scorecards(_ db: QADatabase, language: String) throws -> [ScorecardListing] {
    try db.scorecards().map { ScorecardListing($0, language: language) }
  }

  /// `scorecard import`: a definition that fails validation is a 422 with the validator's
  /// `file:line:column` message; the policy is checked (and a refusal audited) before the
  /// text is even read.
  static func importScorecard(_ db: QADatabase, text: String, file: String, actor: Actor) throws -> Imported {
    try db.authorize(actor, .importScorecard)
    let scorecard: Scorecard
    do {
      scorecard = try ScorecardLoader.load(text: text, file: file)
    } catch let error as LocatedError {
      throw ServerError.unprocessable(error.description).with(error.localized)
    } catch let error as CallQAError where error.kind == .invalidInput {
      throw ServerError.unprocessable(error.message).with(error.text)
    }
    let outcome = try db.importScorecard(scorecard, actor: actor)
    return Imported(scorecard: scorecard.reference, outcome: outcome.rawValue)
  }
}
