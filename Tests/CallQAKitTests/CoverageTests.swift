import Testing

@testable import CallQAKit

@Suite("Coverage: evaluations done versus the weekly quota")
struct CoverageTests {
  @Test func weekAndMonth() throws {
    let f = try MonthFixture()
    // Given A1 with 2 monitoring + 2 test calls in W47, A2 with 1 monitoring, B1 nothing
    try f.evaluate("A1-1", agent: "A1", at: "2026-11-16T09:00:00+08:00", tone: 9, facts: 9)
    try f.evaluate("A1-2", agent: "A1", at: "2026-11-22T22:00:00+08:00", tone: 9, facts: 9)
    try f.evaluate("A1-3", agent: "A1", at: "2026-11-18T09:00:00+08:00", tone: 9, facts: 9, kind: .testCall)
    try f.evaluate("A1-4", agent: "A1", at: "2026-11-19T09:00:00+08:00", tone: 9, facts: 9, kind: .testCall)
    try f.evaluate("A2-1", agent: "A2", at: "2026-11-17T09:00:00+08:00", tone: 9, facts: 9)
    // calibration and out-of-week calls do not count
    try f.evaluate("A2-2", agent: "A2", at: "2026-11-17T10:00:00+08:00", tone: 9, facts: 9, kind: .calibration)
    try f.evaluate("A2-3", agent: "A2", at: "2026-11-23T00:05:00+08:00", tone: 9, facts: 9)
    let week = try f.db.coverage(period: try ReportPeriod.parse("2026-W47"))
    #expect(week.weeks == 1)
    let a1 = try #require(week.agents.first { $0.agent == "A1" })
    #expect(a1.monitoring == 2 && a1.testCall == 2 && a1.quota == 2 && a1.below.isEmpty)
    let a2 = try #require(week.agents.first { $0.agent == "A2" })
    #expect(a2.monitoring == 1 && a2.testCall == 0 && a2.below == ["monitoring", "test-call"])
    #expect(week.below.map(\.agent) == ["A2", "B1"])
    // Team 一组: 2 agents, 3 monitoring, 2 test calls, quota 4 per kind, 1 below.
    let team = try #require(week.teams.first { $0.team == "一组" })
    #expect(team.agents == 2 && team.monitoring == 3 && team.testCall == 2 && team.quota == 4 && team.agentsBelow == 1)
    // November owns 4 ISO weeks (W45–W48, by their Thursdays): quota 2 × 4 = 8; A2's W48 call now counts.
    let month = try f.db.coverage(period: try ReportPeriod.parse("2026-11"), weeklyQuota: 2, team: "一组")
    #expect(month.weeks == 4)
    #expect(month.agents.map(\.agent) == ["A1", "A2"])
    #expect(month.agents.allSatisfy { $0.quota == 8 })
    #expect(month.agents.first { $0.agent == "A2" }?.monitoring == 2)
  }

  @Test func aMonthsQuotaCountsTheWeeksWhoseThursdayIsInTheMonth() throws {
    // November 2026 runs from Sunday 1st (W44, whose Thursday is 29 October) to Monday 30th
    // (W49, Thursday 3 December): it touches six ISO weeks but owns only W45–W48, so the
    // monthly quota at 2 a week is 2 × 4 = 8 (not 12), at 3 a week 12.
    let f = try MonthFixture(agents: [("A1", "一组"), ("A2", "一组")])
    // A1: 8 monitoring + 8 test calls spread over November, including both cut edge days.
    let days = ["01", "03", "09", "12", "17", "20", "25", "30"]
    for (n, day) in days.enumerated() {
      try f.evaluate("A1-m\(n)", agent: "A1", at: "2026-11-\(day)T10:00:00+08:00", tone: 9, facts: 9)
      try f.evaluate("A1-t\(n)", agent: "A1", at: "2026-11-\(day)T11:00:00+08:00", tone: 9, facts: 9, kind: .testCall)
    }
    // A2: one short of the quota in each kind.
    for (n, day) in days.dropLast().enumerated() {
      try f.evaluate("A2-m\(n)", agent: "A2", at: "2026-11-\(day)T10:00:00+08:00", tone: 9, facts: 9)
      try f.evaluate("A2-t\(n)", agent: "A2", at: "2026-11-\(day)T11:00:00+08:00", tone: 9, facts: 9, kind: .testCall)
    }
    let november = try f.db.coverage(period: try ReportPeriod.parse("2026-11"))
    #expect(november.weeks == 4)
    #expect(november.agents.allSatisfy { $0.quota == 8 })
    #expect(november.below.map(\.agent) == ["A2"])
    #expect(november.agents.first { $0.agent == "A2" }?.below == ["monitoring", "test-call"])
    #expect(november.teams.first?.quota == 16)
    #expect(try f.db.coverage(period: try ReportPeriod.parse("2026-11"), weeklyQuota: 3).agents.allSatisfy { $0.quota == 12 })
    // October 2026 starts on a Thursday (W40 is October's) and ends on a Saturday (W44, whose
    // Thursday is 29 October): W40–W44, 5 weeks, quota 10. September owns W36–W39: 4 weeks.
    #expect(try f.db.coverage(period: try ReportPeriod.parse("2026-10")).agents.allSatisfy { $0.quota == 10 })
    #expect(try f.db.coverage(period: try ReportPeriod.parse("2026-09")).weeks == 4)
    // A week is always one week.
    #expect(try f.db.coverage(period: try ReportPeriod.parse("2026-W49")).weeks == 1)
  }

  @Test func theReportIsADocumentForEveryFormat() throws {
    let f = try MonthFixture()
    try f.evaluate("A1-1", agent: "A1", at: "2026-11-16T09:00:00+08:00", tone: 9, facts: 9)
    let report = try f.db.coverage(period: try ReportPeriod.parse("2026-W47"), team: "一组")
    let document = report.document(.en)
    #expect(document.scope == "period 2026-W47 · team 一组")
    #expect(document.tables.map(\.name) == ["Agents", "Teams"])
    #expect(document.notes.first == "quota 2/week × 1 week(s) = 2 per kind")
    #expect(document.notes.last == "below quota: A1, A2")
    // The main table through the one CSV writer: BOM, CRLF, the columns `coverage --format csv` always had
    let csv = CSVWriter.csv(try #require(document.tables.first))
    #expect(
      csv == "\u{FEFF}agent,name,team,monitoring,test_call,quota,below\r\n"
        + "A1,坐席A1,一组,1,0,2,monitoring test-call\r\nA2,坐席A2,一组,0,0,2,monitoring test-call\r\n")
    #expect(document.tables[1].rows == [[.text("一组"), .integer(2), .integer(1), .integer(0), .integer(4), .integer(2)]])
  }
}
