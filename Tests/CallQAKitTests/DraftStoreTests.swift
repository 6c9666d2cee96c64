import GRDB
import Testing

@testable import CallQAKit

@Suite("Draft evaluations in the store")
struct DraftStoreTests {
  struct Fixture {
    let db: QADatabase
    let stored: StoredScorecard
    var card: Scorecard { stored.scorecard }
  }

  static func fixture(_ key: String = "inbound-service") throws -> Fixture {
    let db = try QADatabase.inMemory()
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "test") }
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "test")
    try db.addInspector(code: "QA1", name: "李质检", actor: "test")
    return Fixture(db: db, stored: try db.scorecard(reference: key))
  }

  static func open(_ f: Fixture, call: String = "C-1") throws -> Int64 {
    try f.db.createDraft(
      DraftInput(
        scorecard: f.stored, agentCode: "A001", inspectorCode: "QA1",
        call: CallInput(externalId: call, startedAt: "2026-11-03T09:15:00+08:00"), actor: "QA1"))
  }

  static func auditActions(_ db: QADatabase, _ id: Int64) throws -> [String] {
    try db.read { db in
      try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE entity = 'evaluation' AND entity_id = ? ORDER BY id", arguments: [id])
    }
  }

  @Test func aNewDraftHasEveryItemUnansweredAndIsListedOnlyAsDraft() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    let detail = try f.db.evaluation(id: id)
    #expect(detail.status == .draft)
    #expect(detail.finalScore == nil)
    #expect(detail.items.count == 17)
    #expect(detail.items.allSatisfy { $0.answer == nil && $0.earned == nil && $0.impact == nil })
    #expect(try f.db.evaluations(EvaluationFilter(status: .draft)).map(\.id) == [id])
    #expect(try f.db.evaluations(EvaluationFilter(status: .submitted)).isEmpty)
    #expect(try Self.auditActions(f.db, id) == ["create"])
  }

  @Test func answersAndNotesAreStoredAsGiven() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(5), actor: "QA1")
    try f.db.recordDraftAnswer(draft: id, item: "hold-etiquette", answer: .notApplicable, actor: "QA1")
    try f.db.recordDraftNote(draft: id, item: "greeting", note: " 缺少工号 ", actor: "QA1")
    let draft = try f.db.draft(id: id)
    #expect(draft.answers == ["greeting": .level(5), "hold-etiquette": .notApplicable])
    #expect(draft.notes == ["greeting": "缺少工号"])
    #expect(draft.unanswered.count == 15)
    #expect(draft.unanswered.first == "three-rings")
    let items = try f.db.evaluation(id: id).items
    #expect(items.first { $0.key == "hold-etiquette" }?.na == true)
    #expect(items.first { $0.key == "greeting" }?.earned == nil)
    // a blank note removes it
    try f.db.recordDraftNote(draft: id, item: "greeting", note: "  ", actor: "QA1")
    #expect(try f.db.draft(id: id).notes.isEmpty)
  }

  @Test func invalidAnswersAndUnknownItemsAreRefused() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    #expect(throws: AnswerError.self) { try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(7), actor: "QA1") }
    #expect(throws: AnswerError.self) { try f.db.recordDraftAnswer(draft: id, item: "three-rings", answer: .notApplicable, actor: "QA1") }
    #expect(throws: CallQAError.self) { try f.db.recordDraftAnswer(draft: id, item: "no-such-item", answer: .yes, actor: "QA1") }
    #expect(try f.db.draft(id: id).answers.isEmpty)
  }

  @Test func submittingScoresWithTheEvaluatorAndFreezesTheRow() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    let answers = ScoringSessionTests.inboundAnswers
    for (key, answer) in answers.sorted(by: { $0.key < $1.key }).dropLast() {
      try f.db.recordDraftAnswer(draft: id, item: key, answer: answer, actor: "QA1")
    }
    // incomplete: refused, still a draft
    #expect(throws: CallQAError.self) { try f.db.submitDraft(id, actor: "QA1") }
    #expect(try f.db.evaluation(id: id).status == .draft)
    let last = try #require(answers.keys.sorted().last)
    try f.db.recordDraftAnswer(draft: id, item: last, answer: try #require(answers[last]), actor: "QA1")
    try f.db.recordDraftNote(draft: id, item: "needs-identified", note: "直接给方案", actor: "QA1")
    let result = try f.db.submitDraft(id, actor: "QA1")
    let expected = try Evaluator.evaluate(f.card, answers: answers, notes: ["needs-identified": "直接给方案"])
    #expect(result == expected)
    // courtesy (5+5+3+5)/25 = 72, knowledge 25/30, call-control (3+5+0)/15, escalation 10/10, compliance 100
    let courtesy: Double = 25 * 72
    let knowledge: Double = 30 * (100 * 25.0 / 30)
    let callControl: Double = 20 * (100 * 8.0 / 15)
    let raw: Double = (courtesy + knowledge + callControl + 1500 + 1000) / 100
    #expect(abs(result.rawScore - raw) < 1e-9)
    let detail = try f.db.evaluation(id: id)
    #expect(detail.status == .submitted)
    #expect(detail.finalScore == expected.finalScore)
    #expect(detail.submittedAt != nil)
    #expect(detail.sections.map(\.score) == expected.sections.map(\.score))
    #expect(detail.items.map(\.impact) == expected.items.map(\.impact))
    #expect(detail.items.first { $0.key == "needs-identified" }?.note == "直接给方案")
    #expect(try Self.auditActions(f.db, id) == ["create", "submit"])
    // a submitted row is never changed
    #expect(throws: CallQAError.self) { try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(10), actor: "QA1") }
    #expect(throws: CallQAError.self) { try f.db.submitDraft(id, actor: "QA1") }
    #expect(throws: CallQAError.self) { try f.db.discardDraft(id, actor: "QA1") }
    #expect(try f.db.evaluation(id: id) == detail)
  }

  @Test func aSubmittedDraftEqualsADirectSubmission() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    for (key, answer) in ScoringSessionTests.inboundAnswers { try f.db.recordDraftAnswer(draft: id, item: key, answer: answer, actor: "QA1") }
    try f.db.submitDraft(id, actor: "QA1")
    let direct = try f.db.submit(
      EvaluationSubmission(
        scorecard: f.stored, agentCode: "A001", inspectorCode: "QA1", call: CallInput(externalId: "C-2"),
        kind: .monitoring, sheet: AnswerSheet(answers: ScoringSessionTests.inboundAnswers), actor: "QA1"))
    let a = try f.db.evaluation(id: id), b = try f.db.evaluation(id: direct)
    #expect(a.rawScore == b.rawScore)
    #expect(a.finalScore == b.finalScore)
    #expect(a.band == b.band)
    #expect(a.sections == b.sections)
    #expect(a.items == b.items)
  }

  @Test func discardingDeletesTheDraftWithAnAuditRow() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    try f.db.recordDraftAnswer(draft: id, item: "three-rings", answer: .yes, actor: "QA1")
    try f.db.discardDraft(id, actor: "QA1")
    #expect(throws: CallQAError.self) { try f.db.evaluation(id: id) }
    #expect(try Self.auditActions(f.db, id) == ["create", "discard"])
    let orphans = try f.db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_scores") }
    #expect(orphans == 0)
  }

  @Test func latestDraftOfAnInspector() throws {
    let f = try Self.fixture()
    #expect(try f.db.latestDraftId(inspector: "QA1") == nil)
    let first = try Self.open(f, call: "C-1")
    let second = try Self.open(f, call: "C-2")
    #expect(try f.db.latestDraftId(inspector: "QA1") == second)
    try f.db.discardDraft(second, actor: "QA1")
    #expect(try f.db.latestDraftId(inspector: "QA1") == first)
    #expect(throws: CallQAError.notFound("unknown inspector 'QA9'")) { try f.db.latestDraftId(inspector: "QA9") }
  }

  @Test func previewScoresWithoutWriting() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    for (key, answer) in ScoringSessionTests.inboundAnswers { try f.db.recordDraftAnswer(draft: id, item: key, answer: answer, actor: "QA1") }
    let preview = try f.db.draftPreview(id: id)
    #expect(preview.status == .draft)
    #expect(preview.finalScore == (try Evaluator.evaluate(f.card, answers: ScoringSessionTests.inboundAnswers)).finalScore)
    #expect(try f.db.evaluation(id: id).finalScore == nil)
  }

  @Test func onlySubmittedEvaluationsBecomeTrainingCases() throws {
    let f = try Self.fixture()
    let id = try Self.open(f)
    let suggestion = TrainingCaseSuggestion(title: "标准开头语示范", level: .beginner, clipStart: 0, clipEnd: 42)
    #expect(throws: CallQAError.self) { try f.db.tagTrainingCase(evaluation: id, suggestion, actor: "QA1") }
    // Full marks (the scoring prompt offers a case only at or above the exemplary score)
    let exemplary = ScoringSessionTests.inboundAnswers.merging([
      "greeting": .level(10), "enunciation": .level(5), "needs-identified": .yes, "let-customer-finish": .count(0),
      "forbidden-phrases": .count(0),
    ]) { $1 }
    for (key, answer) in exemplary { try f.db.recordDraftAnswer(draft: id, item: key, answer: answer, actor: "QA1") }
    try f.db.submitDraft(id, actor: "QA1")
    #expect(throws: CallQAError.self) {
      try f.db.tagTrainingCase(evaluation: id, TrainingCaseSuggestion(title: "x", clipStart: 50, clipEnd: 40), actor: "QA1")
    }
    let caseId = try f.db.tagTrainingCase(evaluation: id, suggestion, actor: "QA1")
    let row = try #require(
      try f.db.read { db in
        try Row.fetchOne(db, sql: "SELECT * FROM training_cases WHERE id = ?", arguments: [caseId])
      })
    #expect(row["evaluation_id"] as Int64? == id)
    #expect(row["title"] as String? == "标准开头语示范")
    #expect(row["level"] as String? == "beginner")
    #expect(row["kind"] as String? == "exemplary")
    #expect(row["clip_end"] as Double? == 42)
    let tagAudits = try f.db.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log WHERE action = 'tag' AND entity = 'training_case' AND entity_id = ?", arguments: [caseId])
    }
    #expect(tagAudits == 1)
  }
}
