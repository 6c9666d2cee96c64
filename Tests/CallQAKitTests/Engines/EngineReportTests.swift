import Foundation
import Testing
import TestOracles

@testable import CallQAKit

/// The quality index, the complaints it deducts and the manager reports (trend, weak areas,
/// agents, leaderboard, root causes, accuracy, coverage) on both engines: the same centre gives the same report from the
/// summaries and from the detail rows, and a PostgreSQL database gives what a SQLite one
/// gives, to the last bit.
@Suite struct EngineReportTests {
  /// ``EngineSubmissionTests/scoreThreeCalls(_:)`` plus a November test call of A1, a
  /// November monitoring of A2, an agent without a team or evaluations (a coverage gap, and
  /// the NULL team that sorts first), and complaints: two valid and one invalid for A1
  /// (one imported twice), one for A2 outside the month.
  static func seedCentre(_ store: TestStore) throws {
    _ = try EngineSubmissionTests.scoreThreeCalls(store)
    try store.score(
      call: "C-4", inspector: "QA2", sheet: TestStore.sheet(greet: false, tone: 10), kind: .testCall,
      startedAt: "2026-11-20T14:00:00+08:00")
    try store.score(call: "C-5", agent: "A2", inspector: "QA1", sheet: TestStore.sheet(hold: false))
    try store.db.addAgent(AgentInput(code: "A0", name: "无组坐席", team: nil), actor: "test")
    try store.db.addComplaint(ComplaintInput(agent: "A1", date: "2026-11-05", call: "C-1", note: "态度差"), actor: "test")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("complaints-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    try "agent,date,call_id,valid,note\nA1,2026-11-06,,1,\nA1,2026-11-07,,0,重复投诉\nA2,2026-10-30,,1,\n"
      .write(to: file, atomically: true, encoding: .utf8)
    #expect(try store.db.importComplaints(path: file.path, actor: "test") == ComplaintImportSummary(added: 3, unchanged: 0))
    #expect(try store.db.importComplaints(path: file.path, actor: "test") == ComplaintImportSummary(added: 0, unchanged: 3))
  }

  @Test(arguments: EngineFixture.engines)
  func theQualityIndexIsTheSameFromSummariesAndFromDetail(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    try Self.seedCentre(store)
    let report = try store.db.quality(period: "2026-11")
    #expect(try store.db.readingDetailOnly().quality(period: "2026-11") == report)
    #expect(report.agents.map(\.agent) == ["A1", "A2"])
    let a1 = try #require(report.agents.first)
    #expect(a1.monitoringCount == 2 && a1.testCallCount == 1 && a1.complaints == 2)
    // The agent without a team sorts first among the gaps, as SQLite orders a NULL.
    #expect(report.coverageGaps.map(\.agent) == ["A0"])
    let team = try store.db.quality(period: "2026-11", team: "T2")
    #expect(team.agents.map(\.agent) == ["A2"] && team.teams.map(\.team) == ["T2"])
    #expect(team.centre == report.centre)
    let unknown = try #require(throws: CallQAError.self) { try store.db.quality(period: "2026-11", team: "T9") }
    #expect(unknown.kind == .notFound, "\(unknown)")
    #expect(try store.db.complaints(agent: "A1").map(\.date) == ["2026-11-07", "2026-11-06", "2026-11-05"])
    #expect(try store.db.qualityIndexInputs(period: .month(year: 2026, month: 11))["A1"]?.complaints == 2)
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func postgresGivesTheQualityIndexSQLiteGives() throws {
    let sqlite = try TestStore(database: try EngineFixture.open(.sqlite))
    let postgres = try TestStore(database: try EngineFixture.open(.postgresql))
    try Self.seedCentre(sqlite)
    try Self.seedCentre(postgres)
    for period in ["2026-10", "2026-11"] {
      #expect(try postgres.db.quality(period: period) == sqlite.db.quality(period: period))
      #expect(try postgres.db.readingDetailOnly().quality(period: period) == sqlite.db.readingDetailOnly().quality(period: period))
    }
    let unknown = { (db: QADatabase) in
      (try #require(throws: CallQAError.self) { try db.quality(period: "2026-11", team: "T9") }).message
    }
    #expect(try unknown(postgres.db) == unknown(sqlite.db))
    let withoutTimes = { (db: QADatabase) in
      try db.complaints().map { record in
        var copy = record; copy.createdAt = ""; return copy
      }
    }
    #expect(try withoutTimes(postgres.db) == withoutTimes(sqlite.db))
  }

  /// Every manager report over the filters that read the summaries (a month, the centre,
  /// all dates) and those that read the detail rows (one day, a team with a day range, a
  /// scorecard), as JSON text so that one comparison covers every field.
  static func managerReports(_ db: QADatabase) throws -> [String] {
    let filters = [
      ReportFilter(period: "2026-11"), ReportFilter(), ReportFilter(from: "2026-11-03", to: "2026-11-03"),
      ReportFilter(from: "2026-10-01", to: "2026-11-15", team: "T1"), ReportFilter(period: "2026-11", kind: .testCall),
      ReportFilter(scorecard: "calib-test@1"),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
    var reports: [String] = []
    for filter in filters {
      reports.append(try json(db.trend(filter)))
      reports.append(try json(db.trend(filter, by: .week, item: "slang")))
      reports.append(try json(db.weakAreas(filter)))
      reports.append(try json(db.weakAreas(filter, by: .section)))
      reports.append(try json(db.agentsReport(filter)))
      if filter.kind == nil { reports.append(try json(db.leaderboard(filter, mentoring: true))) }
      reports.append(try json(db.rootCauses(filter)))
      reports.append(try json(db.accuracy(filter)))
    }
    let margin = try MarginTarget(margin: 5)
    for period in [ReportPeriod.month(year: 2026, month: 11), .week(year: 2026, week: 45)] {
      reports.append(try json(db.coverage(period: period, margin: margin)))
      reports.append(try json(db.coverage(period: period, weeklyQuota: 1, team: "T1")))
    }
    return reports
  }

  @Test(arguments: EngineFixture.engines)
  func managerReportsAreTheSameFromSummariesAndFromDetail(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    try Self.seedCentre(store)
    let summaries = try Self.managerReports(store.db)
    let detail = try Self.managerReports(store.db.readingDetailOnly())
    #expect(summaries.count == 51)
    for (index, (a, b)) in zip(summaries, detail).enumerated() where a != b {
      Issue.record("report \(index): summaries \(a)\ndetail \(b)")
    }
    // Not empty: November's trend has the three November evaluations of A1 and A2.
    #expect(summaries[0].contains("\"evaluations\":4"), "\(summaries[0])")
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func postgresGivesTheManagerReportsSQLiteGives() throws {
    let sqlite = try TestStore(database: try EngineFixture.open(.sqlite))
    let postgres = try TestStore(database: try EngineFixture.open(.postgresql))
    try Self.seedCentre(sqlite)
    try Self.seedCentre(postgres)
    for db in [{ (store: TestStore) in store.db }, { (store: TestStore) in store.db.readingDetailOnly() }] {
      let (left, right) = (try Self.managerReports(db(sqlite)), try Self.managerReports(db(postgres)))
      for (index, (a, b)) in zip(left, right).enumerated() where a != b {
        Issue.record("report \(index): SQLite \(a)\nPostgreSQL \(b)")
      }
      #expect(left.count == right.count)
    }
  }
}
