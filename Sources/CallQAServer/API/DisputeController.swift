import CallQAKit
import Hummingbird

/// Disputes: an agent (or their supervisor) opens one on an evaluation; a reviewer upholds
/// it or revises the evaluation with new answers (`dispute open|list|resolve`).
struct DisputeController {
  let backend: Backend

  struct NewDispute: Decodable {
    var evaluation: Int64
    var reason: String
  }

  struct Resolution: Decodable {
    enum Decision: String, Decodable { case uphold, revise }
    var decision: Decision
    var note: String?
    /// The revision's complete answers (with `revise`).
    var answers: [String: JSONValue]?
    var notes: [String: String]?
    var comment: String?
  }

  func register(_ routes: Routes) {
    routes.get("/api/disputes") { request, context in
      let actor = try context.requireIdentity().actor
      let query = try Query(request, allowed: ["status", "evaluation"])
      let status = try query.choice("status", DisputeStatus.self)
      let evaluation = try query.int("evaluation").map(Int64.init)
      return try Reply.json(try await backend.run { db in try db.disputes(status: status, evaluation: evaluation, readableBy: actor) })
    }
    routes.get("/api/disputes/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(
        try await backend.run { db in
          let dispute = try db.dispute(id: id)
          try db.requireReadable(evaluation: dispute.evaluation, by: actor)
          return dispute
        })
    }
    routes.post("/api/disputes") { request, context in
      let actor = try context.requireIdentity().actor
      let body = try await request.json(NewDispute.self, context: context)
      let dispute = try await backend.run { db in try db.openDispute(evaluation: body.evaluation, by: nil, reason: body.reason, actor: actor) }
      return try Reply.json(dispute, status: .created, headers: [.location: "/api/disputes/\(dispute.id)"])
    }
    routes.post("/api/disputes/{id}/resolve") { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let body = try await request.json(Resolution.self, context: context)
      return try Reply.json(try await backend.run { db in try Self.resolve(db, id, body, actor) })
    }
  }

  /// `dispute resolve --uphold` or `--revise` with the answers in the body.
  static func resolve(_ db: QADatabase, _ id: Int64, _ body: Resolution, _ actor: Actor) throws -> Dispute {
    switch body.decision {
    case .uphold:
      guard body.answers == nil else { throw ServerError.badRequest("uphold keeps the scores: drop answers") }
      return try db.upholdDispute(id: id, reviewer: nil, note: body.note, actor: actor)
    case .revise:
      guard let answers = body.answers else { throw ServerError.badRequest("revise needs the revision's answers") }
      let open = try db.dispute(id: id)
      let stored = try db.scorecard(ofEvaluation: open.evaluation)
      let sheet = try JSONAnswers.sheet(answers, notes: body.notes, comment: body.comment, scorecard: stored.scorecard)
      return try db.reviseDispute(id: id, sheet: sheet, reviewer: nil, note: body.note, actor: actor)
    }
  }
}
