import CallQAKit
import Hummingbird

/// Evaluations: list, show, score from answers (`POST`), acknowledge and release. Every
/// call is the one the CLI makes (`evaluation list|show|ack|release`, `score --answers`);
/// the library checks who may.
struct EvaluationController {
  let backend: Backend

  /// The biggest page a list returns; the default page when no limit is given.
  static let maximumPage = 1000
  static let defaultPage = 100

  /// A call scored from answers: the target, then the answers-file shape.
  struct NewEvaluation: Decodable {
    var target: ScoringTarget
    var answers: [String: JSONValue]
    var notes: [String: String]?
    var comment: String?
    var secondOpinion: Bool?

    enum CodingKeys: String, CodingKey {
      case answers, notes, comment
      case secondOpinion = "second_opinion"
    }

    init(from decoder: any Decoder) throws {
      target = try ScoringTarget(from: decoder)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      answers = try c.decode([String: JSONValue].self, forKey: .answers)
      notes = try c.decodeIfPresent([String: String].self, forKey: .notes)
      comment = try c.decodeIfPresent(String.self, forKey: .comment)
      secondOpinion = try c.decodeIfPresent(Bool.self, forKey: .secondOpinion)
    }
  }

  struct Release: Decodable {
    var on: String
  }

  static let listParameters: Set<String> = [
    "agent", "team", "inspector", "scorecard", "from", "to", "period", "status", "kind", "min_score", "max_score", "band",
    "passed", "failed", "critical", "item", "lost", "counted", "limit", "offset",
  ]

  func register(_ routes: Routes) {
    routes.get("/api/evaluations") { request, context in
      let actor = try context.requireIdentity().actor
      let filter = try Self.filter(Query(request, allowed: Self.listParameters))
      let page = try await backend.run { db in try db.evaluationPage(db.readable(filter, for: actor)) }
      var headers: HTTPFields = [:]
      if let next = page.nextOffset { headers[.xNextOffset] = String(next) }
      return try Reply.json(page.rows, headers: headers)
    }
    routes.get("/api/evaluations/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(try await backend.run { db in try Self.show(db, id, actor) })
    }
    routes.post("/api/evaluations") { request, context in
      let actor = try context.requireIdentity().actor
      let body = try await request.json(NewEvaluation.self, context: context)
      let detail = try await backend.run { db in try Self.score(db, body, actor) }
      return try Reply.json(detail, status: .created, headers: [.location: "/api/evaluations/\(detail.id)"])
    }
    routes.post("/api/evaluations/{id}/ack") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(try await backend.run { db in try db.acknowledgeEvaluation(id, actor: actor) })
    }
    routes.post("/api/evaluations/{id}/release") { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let body = try await request.json(Release.self, context: context)
      return try Reply.json(try await backend.run { db in try db.releaseEvaluation(id, on: body.on, actor: actor) })
    }
  }

  /// `evaluation show ID --format json`, after the read check.
  static func show(_ db: QADatabase, _ id: Int64, _ actor: Actor) throws -> EvaluationDetail {
    try db.requireReadable(evaluation: id, by: actor)
    return try db.evaluation(id: id)
  }

  /// `score --answers` with the answers in the body.
  static func score(_ db: QADatabase, _ body: NewEvaluation, _ actor: Actor) throws -> EvaluationDetail {
    let target = body.target
    let stored = try db.scorecard(reference: target.scorecard)
    let sheet = try JSONAnswers.sheet(body.answers, notes: body.notes, comment: body.comment, scorecard: stored.scorecard)
    var submission = EvaluationSubmission(
      scorecard: stored, agentCode: target.agent, inspectorCode: target.inspectorCode(for: actor), call: target.callInput,
      kind: target.kind ?? .monitoring, sheet: sheet, actor: actor)
    submission.secondOpinion = body.secondOpinion ?? false
    return try db.evaluation(id: try db.submit(submission))
  }

  /// The list's query as the library's filter; the library validates dates, scores and paging.
  static func filter(_ query: Query) throws -> EvaluationFilter {
    let limit = try query.int("limit") ?? defaultPage
    guard limit <= maximumPage else { throw ServerError.badRequest("limit may be at most \(maximumPage), not \(limit)") }
    let passed = try query.bool("passed"), failed = try query.bool("failed")
    if passed && failed { throw ServerError.badRequest("give passed or failed, not both") }
    return EvaluationFilter(
      agent: query["agent"], scorecard: query["scorecard"], from: query["from"], to: query["to"],
      status: try query.choice("status", EvaluationStatus.self), kind: try query.choice("kind", EvaluationKind.self), limit: limit,
      period: query["period"], team: query["team"], inspector: query["inspector"], minScore: try query.double("min_score"),
      maxScore: try query.double("max_score"), band: query["band"], passed: passed ? true : failed ? false : nil,
      critical: try query.bool("critical"), item: query["item"], lost: try query.bool("lost"), counted: try query.bool("counted"),
      offset: try query.int("offset") ?? 0)
  }
}
