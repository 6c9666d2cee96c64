import CallQAKit
import Hummingbird

/// Drafts, the web scorer's work in progress: open one for a call, answer one item at a time
/// (each answer stored at once, as the terminal scorer does), submit, or discard.
struct DraftController {
  let backend: Backend

  typealias NewDraft = ScoringTarget

  struct ItemAnswer: Decodable {
    /// The answer; absent to change only the note.
    var answer: JSONValue?
    /// The note; absent leaves it, empty removes it.
    var note: String?
    /// What auto-QA proposed for the item, when the page showed a proposal.
    var proposed: JSONValue?
  }

  func register(_ routes: Routes) {
    routes.post("/api/drafts") { request, context in
      let actor = try context.requireIdentity().actor
      let body = try await request.json(NewDraft.self, context: context)
      let (view, created) = try await backend.run { db in try Self.open(db, body, actor) }
      return try Reply.json(view, status: created ? .created : .ok, headers: [.location: "/api/drafts/\(view.id)"])
    }
    routes.get("/api/drafts/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      return try Reply.json(try await backend.run { db in try Self.view(db, id, actor) })
    }
    routes.put("/api/drafts/{id}/answers/{item}") { request, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let item = context.parameters.text("item")
      let body = try await request.json(ItemAnswer.self, context: context)
      return try Reply.json(try await backend.run { db in try Self.answer(db, id, item: item, body, actor) })
    }
    routes.post("/api/drafts/{id}/submit") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      let detail = try await backend.run { db in
        try db.submitDraft(id, actor: actor)
        return try db.evaluation(id: id)
      }
      return try Reply.json(detail, headers: [.location: "/api/evaluations/\(id)"])
    }
    routes.delete("/api/drafts/{id}") { _, context in
      let actor = try context.requireIdentity().actor
      let id = try context.parameters.id()
      try await backend.run { db in try db.discardDraft(id, actor: actor) }
      return Reply.noContent()
    }
  }

  /// The inspector's open draft of this call on this scorecard, or a new one (`created`).
  static func open(_ db: QADatabase, _ body: NewDraft, _ actor: Actor) throws -> (DraftView, created: Bool) {
    let stored = try db.scorecard(reference: body.scorecard)
    let inspector = body.inspectorCode(for: actor)
    if Policy.allows(actor, .scoreCall), let open = try db.draftId(call: body.call, inspector: inspector, scorecard: stored.id) {
      return (try view(db, open, actor), false)
    }
    let id = try db.createDraft(
      DraftInput(
        scorecard: stored, agentCode: body.agent, inspectorCode: inspector,
        call: body.callInput, kind: body.kind ?? .monitoring, actor: actor))
    return (try view(db, id, actor), true)
  }

  /// The draft as the scoring page shows it, after the read check.
  static func view(_ db: QADatabase, _ id: Int64, _ actor: Actor) throws -> DraftView {
    try db.requireReadable(evaluation: id, by: actor)
    let draft = try db.draft(id: id)
    let preview = draft.unanswered.isEmpty ? try? db.draftPreview(id: id) : nil
    return DraftView(draft, preview: preview)
  }

  /// Stores one item's answer and/or note; the library checks the answer against the item and
  /// who may write it (a refusal is audited there), then the draft is read back.
  static func answer(_ db: QADatabase, _ id: Int64, item key: String, _ body: ItemAnswer, _ actor: Actor) throws -> DraftView {
    let draft = try db.draft(id: id)  // the item definitions the answer is read with
    guard let item = draft.scorecard.scorecard.item(key) else {
      throw ServerError.notFound("draft \(id): no item '\(key)' on scorecard \(draft.scorecard.scorecard.reference)")
    }
    if let value = body.answer {
      let answer = try item.parseAnswer(try JSONAnswers.answer(value, item: key))
      let proposed = try body.proposed.map { try item.parseAnswer(try JSONAnswers.answer($0, item: key)) }
      try db.recordDraftAnswer(draft: id, item: key, answer: answer, proposed: proposed, actor: actor)
    }
    if let note = body.note { try db.recordDraftNote(draft: id, item: key, note: note, actor: actor) }
    return try view(db, id, actor)
  }
}

/// A draft as JSON: who and what is scored, the answers and notes so far, what is still
/// unanswered, and — once complete — the breakdown it would get if submitted now.
struct DraftView: Encodable {
  var id: Int64
  var scorecard: String
  var agent: String
  var inspector: String
  var call: String
  var kind: EvaluationKind
  var answers: [String: String]
  var notes: [String: String]
  var unanswered: [String]
  var updatedAt: String
  @NullEncoded var preview: EvaluationDetail?

  init(_ draft: Draft, preview: EvaluationDetail?) {
    id = draft.id
    scorecard = draft.scorecard.scorecard.reference
    agent = draft.agentCode
    inspector = draft.inspectorCode
    call = draft.callId
    kind = draft.kind
    answers = draft.answers.mapValues(\.text)
    notes = draft.notes
    unanswered = draft.unanswered
    updatedAt = draft.updatedAt
    self.preview = preview
  }

  enum CodingKeys: String, CodingKey {
    case id, scorecard, agent, inspector, call, kind, answers, notes, unanswered, preview
    case updatedAt = "updated_at"
  }
}
