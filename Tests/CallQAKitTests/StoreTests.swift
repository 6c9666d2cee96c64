import Foundation
import GRDB
import Testing

@testable import CallQAKit

/// A database with the shipped scorecards, one agent and one inspector.
struct StoreFixture {
  let db: QADatabase
  let inbound: StoredScorecard

  init() throws {
    db = try QADatabase.inMemory()
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "test") }
    inbound = try db.scorecard(reference: "inbound-service")
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "test")
    try db.addInspector(code: "QA1", name: "李质检", actor: "test")
  }

  /// Full marks on every item of `card`.
  static func perfectAnswers(_ card: Scorecard) -> [String: Answer] {
    var answers: [String: Answer] = [:]
    for (_, item) in card.allItems {
      switch item.type {
      case .yesno: answers[item.key] = .yes
      case .scale: answers[item.key] = .level(item.points)
      case .deduction: answers[item.key] = .count(0)
      }
    }
    return answers
  }

  func submission(call: String = "C-1", agent: String = "A001", answers: [String: Answer]? = nil) -> EvaluationSubmission {
    EvaluationSubmission(
      scorecard: inbound, agentCode: agent, inspectorCode: "QA1",
      call: CallInput(externalId: call, startedAt: "2026-11-03T09:15:00+08:00"),
      kind: .monitoring, sheet: AnswerSheet(answers: answers ?? StoreFixture.perfectAnswers(inbound.scorecard)),
      actor: "QA1")
  }

  /// Row counts of every table, to prove a failed write changed nothing.
  func counts() throws -> [String: Int] {
    try db.read { db in
      var counts: [String: Int] = [:]
      for table in ["scorecards", "agents", "inspectors", "calls", "evaluations", "section_scores", "item_scores", "audit_log"] {
        counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1
      }
      return counts
    }
  }
}

@Suite("Store: migrations, scorecards, people, submissions")
struct StoreTests {
  @Test func migrationsAreNamedAndApplied() throws {
    let db = try QADatabase.inMemory()
    #expect(try db.appliedMigrations().first == "Create core tables")
  }

  @Test func scorecardImportIsIdempotentAndRefusesAChangedDefinition() throws {
    let fixture = try StoreFixture()
    let card = fixture.inbound.scorecard
    #expect(try fixture.db.importScorecard(card, actor: "t") == .unchanged)
    var changed = card
    changed.passScore = 80
    let before = try fixture.counts()
    #expect(throws: CallQAError.self) { try fixture.db.importScorecard(changed, actor: "t") }
    #expect(try fixture.counts() == before)
    changed.version = 2
    #expect(try fixture.db.importScorecard(changed, actor: "t") == .added)
    #expect(try fixture.db.scorecard(reference: "inbound-service").scorecard.version == 2, "latest by default")
    #expect(try fixture.db.scorecard(reference: "inbound-service@1").scorecard.passScore == 85)
    #expect(throws: CallQAError.self) { try fixture.db.scorecard(reference: "inbound-service@x") }
    #expect(throws: CallQAError.self) { try fixture.db.scorecard(reference: "nope") }
  }

  @Test func submitStoresEverythingInOneTransaction() throws {
    let fixture = try StoreFixture()
    var answers = StoreFixture.perfectAnswers(fixture.inbound.scorecard)
    answers["greeting"] = .level(5)
    answers["hold-etiquette"] = .notApplicable
    var submission = fixture.submission(answers: answers)
    submission.sheet.notes = ["greeting": "缺少工号"]
    submission.sheet.comment = "ok"
    let id = try fixture.db.submit(submission)
    let detail = try fixture.db.evaluation(id: id)
    // courtesy: 20/25 = 80 with weight 25 → impact of greeting = 0.25 · 100 · 5/25 = 5; raw 95.
    #expect(abs((detail.rawScore ?? 0) - 95) < 1e-9)
    #expect(detail.status == .submitted && detail.passed == true && detail.band == "Excellent")
    #expect(detail.items.count == fixture.inbound.scorecard.allItems.count)
    let greeting = try #require(detail.items.first { $0.key == "greeting" })
    #expect(greeting.answer == "5" && greeting.earned == 5 && greeting.note == "缺少工号")
    #expect(abs((greeting.impact ?? 0) - 5) < 1e-9)
    let hold = try #require(detail.items.first { $0.key == "hold-etiquette" })
    #expect(hold.na && hold.earned == nil && hold.answer == "na")
    #expect(detail.sections.count == 5 && detail.comment == "ok")
    #expect(detail.callStartedAt == "2026-11-03T09:15:00+08:00")
    let audit = try fixture.db.read { db in try AuditRecord.filter(Column("entity") == "evaluation").fetchAll(db) }
    #expect(audit.count == 1 && audit[0].action == "submit" && audit[0].entityId == id && audit[0].actor == "local-admin (QA1)")
  }

  @Test func refusedSubmissionsChangeNothing() throws {
    let fixture = try StoreFixture()
    try fixture.db.submit(fixture.submission(call: "C-1"))
    try fixture.db.addAgent(AgentInput(code: "A002", name: "张三", team: nil), actor: "t")
    let before = try fixture.counts()
    // Unknown agent, unknown inspector, a call that belongs to someone else, a bad call time, a missing answer.
    #expect(throws: CallQAError.notFound("unknown agent 'A404' (add it with `callqa agent add A404 --name …`)")) {
      try fixture.db.submit(fixture.submission(call: "C-2", agent: "A404"))
    }
    var unknownInspector = fixture.submission(call: "C-3")
    unknownInspector.inspectorCode = "QA9"
    #expect(throws: CallQAError.self) { try fixture.db.submit(unknownInspector) }
    #expect(throws: CallQAError("call 'C-1' belongs to agent 'A001', not 'A002'")) {
      try fixture.db.submit(fixture.submission(call: "C-1", agent: "A002"))
    }
    var badTime = fixture.submission(call: "C-4")
    badTime.call.startedAt = "2026-02-30T10:00:00+08:00"
    #expect(throws: CallQAError.self) { try fixture.db.submit(badTime) }
    var missing = StoreFixture.perfectAnswers(fixture.inbound.scorecard)
    missing["no-abuse"] = nil
    #expect(throws: CallQAError.self) { try fixture.db.submit(fixture.submission(call: "C-5", answers: missing)) }
    #expect(try fixture.counts() == before)
  }

  @Test func importsCreateMissingPeople() throws {
    let fixture = try StoreFixture()
    var submission = fixture.submission(call: "C-9", agent: "A777")
    submission.inspectorCode = "QA7"
    submission.createMissingPeople = true
    submission.externalId = "ext-1"
    let id = try fixture.db.submit(submission)
    #expect(try fixture.db.evaluation(id: id).agent == "A777")
    #expect(try fixture.db.agents().map(\.code).contains("A777"))
  }

  @Test func listFiltersByAgentDateAndStatus() throws {
    let fixture = try StoreFixture()
    try fixture.db.submit(fixture.submission(call: "C-1"))
    var later = fixture.submission(call: "C-2")
    later.call.startedAt = "2026-12-01T00:30:00+08:00"
    try fixture.db.submit(later)
    #expect(try fixture.db.evaluations(EvaluationFilter()).map(\.call) == ["C-2", "C-1"])
    #expect(try fixture.db.evaluations(EvaluationFilter(from: "2026-12-01")).map(\.call) == ["C-2"], "local date, not UTC")
    #expect(try fixture.db.evaluations(EvaluationFilter(to: "2026-11-30")).map(\.call) == ["C-1"])
    #expect(throws: CallQAError.notFound("unknown agent 'A404'")) { try fixture.db.evaluations(EvaluationFilter(agent: "A404")) }
    #expect(throws: CallQAError.notFound("unknown scorecard 'inbound-service@9'")) {
      try fixture.db.evaluations(EvaluationFilter(scorecard: "inbound-service@9"))
    }
    #expect(try fixture.db.evaluations(EvaluationFilter(status: .draft)).isEmpty)
    #expect(try fixture.db.evaluations(EvaluationFilter(scorecard: "inbound-service@1")).count == 2)
  }

  @Test func agentImportIsAtomicAndRerunnable() throws {
    let fixture = try StoreFixture()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-agents-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = folder.appendingPathComponent("agents.csv")
    try Data("\u{FEFF}code,name,team,active\r\nA001,王小明,二组,true\r\nA002,\"Li, Lei\",一组,\r\nA003,赵六,,0\r\n".utf8).write(to: good)
    let summary = try fixture.db.importAgents(path: good.path, actor: "t")
    #expect(summary == AgentImportSummary(added: 2, updated: 1, unchanged: 0))
    #expect(try fixture.db.agents().first { $0.code == "A002" }?.name == "Li, Lei")
    #expect(try fixture.db.agents().first { $0.code == "A003" }?.active == false)
    #expect(try fixture.db.importAgents(path: good.path, actor: "t") == AgentImportSummary(added: 0, updated: 0, unchanged: 3))
    let bad = folder.appendingPathComponent("bad.csv")
    try Data("code,name,team\nA010,新人,一组\nA011,,一组\n".utf8).write(to: bad)
    let before = try fixture.counts()
    #expect(throws: LocatedError(SourceLocation(file: "bad.csv", line: 3), "agent 'A011' has no name")) {
      try fixture.db.importAgents(path: bad.path, actor: "t")
    }
    #expect(try fixture.counts() == before)
  }

  /// A row the CSV reader cannot read stops every CSV import: it is not the end of the file.
  @Test func anUnreadableRowStopsTheImportInsteadOfEndingIt() throws {
    let fixture = try StoreFixture()
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let files: [(String, String, (String) throws -> Any)] = [
      ("agents.csv", "code,name\nA010,新人\nA011,\"never closed\n", { try fixture.db.importAgents(path: $0, actor: "t") }),
      (
        "calls.csv", "id,agent,started_at\nC-10,A001,2026-11-03T09:15:00+08:00\nC-11,\"A001\n",
        { try fixture.db.importCalls(path: $0, actor: "t") }
      ),
      ("complaints.csv", "agent,date\nA001,2026-11-03\nA001,\"2026-11-04\n", { try fixture.db.importComplaints(path: $0, actor: "t") }),
      ("priority.csv", "call,risk\nC-1,flagged\nC-2,\"clean\n", { try PriorityList.load(path: $0) }),
    ]
    let before = try fixture.counts()
    for (name, text, load) in files {
      let path = folder.path(name)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      #expect(throws: LocatedError(SourceLocation(file: name, line: 3, column: 2), "a quoted field is never closed"), "\(name)") {
        _ = try load(path)
      }
    }
    #expect(try fixture.counts() == before)
  }
}

@Suite("Answers files")
struct AnswerSheetTests {
  @Test func jsonAnswersWithBooleansAndNotes() throws {
    let card = try ShippedScorecards.all().first { $0.key == "outbound-sales" }
    let scorecard = try #require(card)
    var answers = StoreFixture.perfectAnswers(scorecard).mapValues { answer -> String in
      switch answer {
      case .yes: return "true"
      case .level(let score): return ScoreFormat.plain(score)
      case .count(let n): return String(n)
      default: return "\"na\""
      }
    }
    answers["objection-handling"] = "\"na\""
    answers["closing"] = "false"
    let body = answers.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
    let sheet = try AnswerSheet.parse(
      text: "{\"answers\": {\(body)}, \"notes\": {\"closing\": \"没有致谢\"}, \"comment\": \"好\"}",
      file: "a.json", scorecard: scorecard)
    #expect(sheet.answers["closing"] == .no && sheet.answers["objection-handling"] == .notApplicable)
    #expect(sheet.answers["opening"] == .level(10) && sheet.notes["closing"] == "没有致谢" && sheet.comment == "好")
  }

  @Test func answerParsingRules() throws {
    let yesno = Cards.yesno("a", 5)
    #expect(try yesno.parseAnswer(.text("Y")) == .yes)
    #expect(try yesno.parseAnswer(.text("否")) == .no)
    #expect(throws: AnswerError.self) { try yesno.parseAnswer(.text("na")) }
    let deduction = Cards.deduction("d", 10, deduct: 2)
    #expect(try deduction.parseAnswer(.number(3)) == .count(3))
    #expect(throws: AnswerError.self) { try deduction.parseAnswer(.number(1.5)) }
    #expect(throws: AnswerError.self) { try deduction.parseAnswer(.number(.nan)) }
    #expect(throws: AnswerError.self) { try deduction.parseAnswer(.number(.infinity)) }
    #expect(throws: AnswerError.self) { try deduction.parseAnswer(.number(1e12)) }
    let scale = Cards.scale("s", 10, levels: [10, 5, 0], na: true)
    #expect(try scale.parseAnswer(.text("n/a")) == .notApplicable)
    #expect(try scale.parseAnswer(.text("5")) == .level(5))
    #expect(throws: AnswerError.self) { try scale.parseAnswer(.number(6)) }
  }
}

@Suite("Support: CSV, timestamps, display width")
struct SupportTests {
  @Test func csvHandlesQuotesNewlinesBOMAndCRLF() {
    var reader = CSVReader(text: "\u{FEFF}a,b\r\n\"x, y\",\"multi\nline \"\"q\"\"\"\r\n\r\nlast,1\n")
    let records = Array(AnySequence { reader })
    #expect(records.map(\.fields) == [["a", "b"], ["x, y", "multi\nline \"q\""], ["last", "1"]])
    #expect(records.map(\.line) == [1, 2, 5])
    var unterminated = CSVReader(text: "a\n\"open", file: "u.csv")
    while unterminated.next() != nil {}
    #expect(unterminated.error?.description == "u.csv:2:1: a quoted field is never closed")
  }

  @Test func timestamps() {
    #expect(Timestamp.normalise("2026-11-03T09:15:00+08:00") == "2026-11-03T09:15:00+08:00")
    #expect(Timestamp.normalise("2026-11-03 09:15+0800") == "2026-11-03T09:15:00+08:00")
    #expect(Timestamp.normalise("2026-11-03T01:15:00.250Z") == "2026-11-03T01:15:00+00:00")
    #expect(Timestamp.normalise("2026-02-30T09:15:00+08:00") == nil)
    #expect(Timestamp.normalise("2026-11-03T09:15:00") == nil, "an offset is required")
    #expect(Timestamp.parseDay("2024-02-29") == "2024-02-29")
    #expect(Timestamp.parseDay("2026-02-29") == nil)
    #expect(Timestamp.parseDay("2026-1-05") == nil)
  }

}
