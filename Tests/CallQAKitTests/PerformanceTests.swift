import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("Monthly performance sheet: agent months, plan, indices, flags and ranks")
struct PerformanceTests {
  static let header = "agent,month,calls_handled,complaint_contacts,target,training_score,training_absences,attendance\n"

  @Test func seedWorkedCaseTrafficIndex() {
    // The seed's example: a monthly target of 5000 calls, 500 of them complaint contacts.
    #expect(PerformanceSheet.trafficIndex(handled: 5000, complaintContacts: 500, target: 5000) == 90)
    #expect(PerformanceSheet.trafficIndex(handled: 5500, complaintContacts: 0, target: 5000) == 110)
    // 88 − 1 × 5 = 83; never below zero.
    #expect(PerformanceSheet.trainingIndex(score: 88, absences: 1, coefficient: 5) == 83)
    #expect(PerformanceSheet.trainingIndex(score: 10, absences: 3, coefficient: 5) == 0)
  }

  /// A1: traffic 90, quality 73.5, training 83, attendance 96 → 83.25;
  /// A2 and B1 tie: traffic 90, quality 80 (partial), training 90, attendance 100 → 87.5;
  /// C1 lacks a training score; D1 has no figures and no evaluation.
  static func sheetFixture() throws -> MonthFixture {
    let f = try MonthFixture(agents: [("A1", "一组"), ("A2", "一组"), ("B1", "二组"), ("C1", "二组"), ("D1", nil)])
    try f.evaluate("A1-m1", agent: "A1", at: "2026-11-02T09:00:00+08:00", tone: 8, facts: 8)
    try f.evaluate("A1-m2", agent: "A1", at: "2026-11-20T09:00:00+08:00", tone: 9, facts: 9)
    try f.evaluate("A1-t1", agent: "A1", at: "2026-11-10T09:00:00+08:00", tone: 7, facts: 7, kind: .testCall)
    try f.complaint(agent: "A1", date: "2026-11-05")
    try f.complaint(agent: "A1", date: "2026-11-28")
    try f.evaluate("A2-m1", agent: "A2", at: "2026-11-03T09:00:00+08:00", tone: 8, facts: 8)
    try f.evaluate("B1-m1", agent: "B1", at: "2026-11-04T09:00:00+08:00", tone: 8, facts: 8)
    try f.evaluate("C1-m1", agent: "C1", at: "2026-11-04T09:00:00+08:00", tone: 9, facts: 9)
    let csv = try MonthFixture.file(
      "months.csv",
      header + """
        A1,2026-11,5000,500,5000,88,1,96
        A2,2026-11,4800,300,5000,90,0,100
        B1,2026-11,4800,300,5000,90,0,100
        C1,2026-11,5000,0,5000,,0,100
        A1,2026-10,100,0,5000,0,9,0
        """)
    let summary = try f.db.importAgentMonths(path: csv, actor: "test")
    #expect(summary.added == 5)
    return f
  }

  @Test func handComputedSheetWithTiesAndFlags() throws {
    let f = try Self.sheetFixture()
    let sheet = try f.db.performance(period: try ReportPeriod.parse("2026-11"), plan: .standard)
    #expect(sheet.rows.map(\.agent) == ["A2", "B1", "A1", "C1", "D1"])
    #expect(sheet.rows.map(\.rank) == [1, 1, 3, nil, nil])
    let a1 = try #require(sheet.rows.first { $0.agent == "A1" })
    #expect(a1.traffic == 90)
    #expect(a1.quality == 73.5 && !a1.qualityPartial)
    #expect(a1.training == 83)
    #expect(a1.attendance == 96)
    // (30·90 + 40·73.5 + 15·83 + 15·96) / 100 = (2700 + 2940 + 1245 + 1440) / 100
    #expect(abs((a1.total ?? 0) - 83.25) < 1e-9)
    let a2 = try #require(sheet.rows.first { $0.agent == "A2" })
    // (4800 − 300) / 5000 = 90; (2700 + 3200 + 1350 + 1500) / 100 = 87.5
    #expect(a2.traffic == 90 && a2.quality == 80 && a2.qualityPartial && a2.training == 90)
    #expect(abs((a2.total ?? 0) - 87.5) < 1e-9)
    let c1 = try #require(sheet.rows.first { $0.agent == "C1" })
    #expect(c1.missing == ["training_score"])
    #expect(c1.training == nil && c1.total == nil && c1.traffic == 100 && c1.quality == 90)
    let d1 = try #require(sheet.rows.first { $0.agent == "D1" })
    #expect(d1.missing == ["agent-month figures", "quality (no monitoring or test-call evaluation)"])
    #expect(d1.traffic == nil && d1.quality == nil && d1.total == nil)
    // A team filter keeps that team only.
    let team = try f.db.performance(period: try ReportPeriod.parse("2026-11"), plan: .standard, team: "二组")
    #expect(team.rows.map(\.agent) == ["B1", "C1"])
    #expect(team.rows.map(\.rank) == [1, nil])
  }

  @Test func ranksShareAtTheShownPrecision() {
    func row(_ agent: String, _ total: Double?) -> PerformanceRow {
      PerformanceRow(
        agent: agent, name: agent, team: nil, traffic: nil, quality: nil, qualityPartial: false, qualityDetail: nil,
        training: nil, attendance: nil, total: total, rank: nil, missing: total == nil ? ["x"] : [])
    }
    // 87.54 and 87.46 both show as 87.5: same rank; then 3, 4, 4, 6.
    var rows = [row("E", 80.0), row("A", 87.46), row("B", 87.54), row("F", nil), row("C", 86), row("D", 80.04), row("G", 70)]
    PerformanceSheet.rank(&rows)
    #expect(rows.map(\.agent) == ["A", "B", "C", "D", "E", "G", "F"])
    #expect(rows.map(\.rank) == [1, 1, 3, 4, 4, 6, nil])
  }

  @Test func customPlanChangesTheTotal() throws {
    let f = try Self.sheetFixture()
    let path = try MonthFixture.file(
      "plan.yaml",
      """
      kind: performance-plan
      weights: {traffic: 25, quality: 25, training: 25, attendance: 25}
      quality: {monitoring_weight: 0.6, test_call_weight: 0.4, complaint_coefficient: 1}
      training: {absence_coefficient: 10}
      """)
    let plan = try PerformancePlanLoader.load(path: path)
    let sheet = try f.db.performance(period: try ReportPeriod.parse("2026-11"), plan: plan)
    let a1 = try #require(sheet.rows.first { $0.agent == "A1" })
    // quality 0.6·85 + 0.4·70 − 2·1 = 51 + 28 − 2 = 77; training 88 − 10 = 78
    // total (90 + 77 + 78 + 96) / 4 = 85.25
    #expect(abs((a1.quality ?? 0) - 77) < 1e-9)
    #expect(a1.training == 78)
    #expect(abs((a1.total ?? 0) - 85.25) < 1e-9)
    #expect(throws: CallQAError.self) { try f.db.performance(period: try ReportPeriod.parse("2026-W47"), plan: plan) }
  }

  @Test func shippedPlanIsTheStandardPlanAndNotAScorecard() throws {
    #expect(try PerformancePlanLoader.load(path: try ShippedScorecards.performancePlanPath()) == .standard)
    #expect(try ShippedScorecards.paths().allSatisfy { !$0.hasSuffix("performance-plan.yaml") })
  }

  @Test(arguments: [
    ("kind: scorecard\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\n", "plan.yaml:1:7: kind must be 'performance-plan'"),
    (
      "kind: performance-plan\nweights:\n  traffic: 30\n  quality: 40\n  training: 15\n  attendance: 10\n",
      "plan.yaml:3:3: the weights must sum to 100, not 95"
    ),
    (
      "kind: performance-plan\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\nbonus: 3\n",
      "plan.yaml:3:1: unknown key 'bonus' (allowed: kind, quality, title, training, weights)"
    ),
    (
      "kind: performance-plan\nweights: {traffic: 25, quality: 25, training: 25, attendance: 25}\nquality:\n  monitoring_weight: 0.5\n  test_call_weight: 0.6\n",
      "plan.yaml:4:3: monitoring_weight and test_call_weight must sum to 1"
    ),
    (
      "kind: performance-plan\nweights: {traffic: x, quality: 25, training: 25, attendance: 25}\n",
      "plan.yaml:2:20: weight 'traffic' must be a number"
    ),
    ("kind: performance-plan\n", "plan.yaml:1:1: missing required key 'weights'"),
  ])
  func planErrorsNameFileLineAndColumn(text: String, message: String) {
    #expect(throws: LocatedError.self) { try PerformancePlanLoader.load(text: text, file: "plan.yaml") }
    do {
      _ = try PerformancePlanLoader.load(text: text, file: "plan.yaml")
    } catch {
      #expect("\(error)" == message)
    }
  }

  @Test func agentMonthImportIsAtomicRerunnableAndLocatesErrors() throws {
    let f = try MonthFixture()
    let good = try MonthFixture.file("months.csv", Self.header + "A1,2026-11,5000,500,5000,88,1,96\nA2,2026-11,,,,,,\n")
    #expect(try f.db.importAgentMonths(path: good, actor: "t") == AgentMonthImportSummary(added: 2, updated: 0, unchanged: 0))
    #expect(try f.db.importAgentMonths(path: good, actor: "t") == AgentMonthImportSummary(added: 0, updated: 0, unchanged: 2))
    let changed = try MonthFixture.file("months.csv", Self.header + "A1,2026-11,5000,400,5000,88,1,96\n")
    #expect(try f.db.importAgentMonths(path: changed, actor: "t").updated == 1)
    let months = try f.db.agentMonths(month: "2026-11")
    #expect(months["A1"]?.complaintContacts == 400)
    #expect(months["A2"] == AgentMonth(agent: "A2", month: "2026-11"))
    let before = try f.db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM agent_months ORDER BY agent_id") }
    let bad: [(String, String)] = [
      ("B1,2026-11,1,0,5000,80,0,90\nZZ,2026-11,1,0,5000,80,0,90\n", "months.csv:3: unknown agent 'ZZ' (add it with `callqa agent add`)"),
      ("B1,2026-13,1,0,5000,80,0,90\n", "months.csv:2: month must be YYYY-MM, not '2026-13'"),
      ("B1,2026-11,10,20,5000,80,0,90\n", "months.csv:2: complaint_contacts 20 exceed calls_handled 10"),
      ("B1,2026-11,10,0,0,80,0,90\n", "months.csv:2: target must be more than 0"),
      ("B1,2026-11,10,0,50,80,-1,90\n", "months.csv:2: training_absences must be a whole number ≥ 0, not '-1'"),
      ("B1,2026-11,10,0,50,80,0,101\n", "months.csv:2: attendance must be a number from 0 to 100, not '101'"),
      ("B1,2026-11,10,0,50,80,0,90\nB1,2026-11,10,0,50,80,0,90\n", "months.csv:3: agent 'B1' month 2026-11 is already on line 2"),
      ("B1,2026-11,10,0,50,80,0\n", "months.csv:2: expected 8 fields, found 7"),
    ]
    for (rows, message) in bad {
      let path = try MonthFixture.file("months.csv", Self.header + rows)
      #expect(throws: LocatedError.self) { try f.db.importAgentMonths(path: path, actor: "t") }
      do { _ = try f.db.importAgentMonths(path: path, actor: "t") } catch { #expect("\(error)" == message) }
    }
    let missingColumn = try MonthFixture.file("months.csv", "agent,month\nA1,2026-11\n")
    #expect(throws: LocatedError.self) { try f.db.importAgentMonths(path: missingColumn, actor: "t") }
    let after = try f.db.read { db in try Row.fetchAll(db, sql: "SELECT * FROM agent_months ORDER BY agent_id") }
    #expect(before == after, "a failed import leaves the database as it was")
  }
}
