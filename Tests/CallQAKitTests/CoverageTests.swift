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
    // November touches 6 ISO weeks: quota 2 × 6 = 12; A2's W48 call now counts.
    let month = try f.db.coverage(period: try ReportPeriod.parse("2026-11"), weeklyQuota: 2, team: "一组")
    #expect(month.weeks == 6)
    #expect(month.agents.map(\.agent) == ["A1", "A2"])
    #expect(month.agents.allSatisfy { $0.quota == 12 })
    #expect(month.agents.first { $0.agent == "A2" }?.monitoring == 2)
  }
}
