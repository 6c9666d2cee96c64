import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("report summaries: kept in step, checked and rebuilt by doctor")
struct ReportSummariesTests {
  static let actor = Actor.singleDesk(osUser: "t")

  static func centre() throws -> (QADatabase, StoredScorecard) {
    let db = try QADatabase.inMemory()
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "t") }
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "t")
    try db.addAgent(AgentInput(code: "A002", name: "李四", team: "二组"), actor: "t")
    for code in ["QA1", "QA2", "QA3"] { try db.addInspector(code: code, name: code, actor: "t") }
    return (db, try db.scorecard(reference: "inbound-service"))
  }

  static func submit(
    _ db: QADatabase, _ scorecard: StoredScorecard, call: String, greeting: Double = 5, kind: EvaluationKind = .monitoring,
    inspector: String = "QA1", secondOpinion: Bool = false, startedAt: String = "2026-11-30T23:30:00-05:00"
  ) throws -> Int64 {
    var answers = StoreFixture.perfectAnswers(scorecard.scorecard)
    answers["greeting"] = .level(greeting)
    var submission = EvaluationSubmission(
      scorecard: scorecard, agentCode: "A001", inspectorCode: inspector, call: CallInput(externalId: call, startedAt: startedAt),
      kind: kind, sheet: AnswerSheet(answers: answers), actor: actor)
    submission.secondOpinion = secondOpinion
    return try db.submit(submission)
  }

  static func rows(_ db: QADatabase) throws -> [String] {
    try db.read { db in
      try ReportSummaries.tables.flatMap { table in
        try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3, 4, 5").map { "\(table) \($0)" }
      }
    }
  }

  @Test func aSubmissionEntersAtTheCallsLocalDayAndMonth() throws {
    let (db, inbound) = try Self.centre()
    try Self.submit(db, inbound, call: "C-1")
    let keys = try db.read { db in
      try Row.fetchAll(db, sql: "SELECT grain, period, agent_id, evaluations FROM summary_evaluations ORDER BY grain")
        .map { "\($0["grain"] as String) \($0["period"] as String) \($0["agent_id"] as Int64) \($0["evaluations"] as Int)" }
    }
    // 23:30 at −05:00 on 30 November is 1 December in UTC: the call's own offset decides.
    #expect(keys == ["agent-month 2026-11 1 1", "centre-day 2026-11-30 0 1"])
    #expect(try db.summaryDifferences() == [])
  }

  @Test func secondOpinionsCalibrationAndDraftsNeverEnterARevisionReplacesItsOriginal() throws {
    let (db, inbound) = try Self.centre()
    let first = try Self.submit(db, inbound, call: "C-1", greeting: 0)
    let counted = try Self.rows(db)
    // A second opinion, a calibration scoring and a draft leave the summaries as they were.
    try Self.submit(db, inbound, call: "C-1", greeting: 5, inspector: "QA2", secondOpinion: true)
    let session = try db.createCalibrationSession(call: "C-1", scorecard: "inbound-service", expert: "QA3", actor: Self.actor)
    var answers = StoreFixture.perfectAnswers(inbound.scorecard)
    _ = try db.scoreCalibration(session: session.id, inspector: "QA2", sheet: AnswerSheet(answers: answers), actor: Self.actor)
    _ = try db.createDraft(
      DraftInput(
        scorecard: inbound, agentCode: "A001", inspectorCode: "QA1", call: CallInput(externalId: "C-2", startedAt: "2026-11-02T10:00:00+08:00"),
        kind: .monitoring, actor: Self.actor))
    #expect(try Self.rows(db) == counted)
    // A dispute upheld changes nothing; revised, the old evaluation leaves and the revision enters.
    let dispute = try db.openDispute(evaluation: first, by: "A001", reason: "复听", actor: Self.actor)
    #expect(try Self.rows(db) == counted)
    _ = try db.reviseDispute(id: dispute.id, sheet: AnswerSheet(answers: answers), reviewer: "QA3", note: nil, actor: Self.actor)
    let revised = try db.read { db in
      try Row.fetchOne(db, sql: "SELECT evaluations, final_sum FROM summary_evaluations WHERE grain = 'agent-month'")
    }
    #expect(revised?["evaluations"] == 1)
    #expect(revised?["final_sum"] == 100.0)
    // The greeting no longer lost points: its item row left the summaries.
    #expect(try db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM summary_items") } == 0)
    #expect(try db.summaryDifferences() == [])
  }

  @Test func doctorFindsADamagedSummaryAndTheRebuildRepairsIt() throws {
    let (db, inbound) = try Self.centre()
    for call in ["C-1", "C-2", "C-3"] { try Self.submit(db, inbound, call: call, greeting: 0) }
    let good = try Self.rows(db)
    try db.write { db in
      try db.execute(sql: "UPDATE summary_evaluations SET evaluations = evaluations + 1 WHERE grain = 'agent-month'")
      try db.execute(sql: "DELETE FROM summary_items WHERE grain = 'centre-day'")
      try db.execute(
        sql: """
          INSERT INTO summary_sections VALUES ('agent-month', '2020-01', 2, 1, 'monitoring', 'opening', 1, 50, 2500, 1)
          """)
    }
    let findings = try db.doctor().findings.filter { $0.check == "summaries" }
    #expect(findings.count == 3, "\(findings)")
    #expect(findings.contains { $0.message.contains("summary_items") && $0.message.contains("missing") })
    #expect(findings.contains { $0.message.contains("summary_sections") && $0.message.contains("no counted evaluation has this key") })
    #expect(findings.allSatisfy { $0.message.hasSuffix("(`callqa doctor --rebuild-summaries` rebuilds them)") })
    #expect(try db.rebuildSummaries(actor: Self.actor).count == 3)
    #expect(try Self.rows(db) == good)
    #expect(try db.doctor().healthy)
  }

  @Test func aFilterOfPartMonthsReadsTheDetailRowsForPerAgentReports() {
    let db = try! QADatabase.inMemory()
    #expect(db.reportSource(.perAgent, ReportFilter(period: "2026-11")) == .summaries)
    #expect(db.reportSource(.perAgent, ReportFilter(from: "2026-10-01", to: "2026-11-30")) == .summaries)
    #expect(db.reportSource(.perAgent, ReportFilter(from: "2024-02-01", to: "2024-02-29")) == .summaries)
    #expect(db.reportSource(.perAgent, ReportFilter(from: "2024-02-01", to: "2024-02-28")) == .detail)
    #expect(db.reportSource(.perAgent, ReportFilter(from: "2026-10-02")) == .detail)
    #expect(db.reportSource(.perAgent, ReportFilter()) == .summaries)
    #expect(db.reportSource(.weakAreas, ReportFilter(from: "2026-10-02", to: "2026-10-09")) == .summaries)
    #expect(db.reportSource(.weakAreas, ReportFilter(from: "2026-10-02", to: "2026-10-09", agent: "A1")) == .detail)
    #expect(db.reportSource(.trend(.week), ReportFilter(team: "T")) == .detail)
    #expect(db.reportSource(.trend(.month), ReportFilter(team: "T")) == .summaries)
    #expect(db.readingDetailOnly().reportSource(.perAgent, ReportFilter(period: "2026-11")) == .detail)
  }
}
