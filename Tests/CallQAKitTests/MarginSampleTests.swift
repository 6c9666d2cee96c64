import Foundation
import Testing

@testable import CallQAKit

@Suite("Sample sizes for a target margin: sample --margin and coverage --margin")
struct MarginSampleTests {
  /// November 2026: A1 (一组) monitoring 80, 85, 90, 95, 100 in W45; A2 (一组) 60, 70; B1 (二组) 90.
  static func month(_ engine: StoreEngineKind = .sqlite) throws -> MonthFixture {
    let f = try MonthFixture(engine: engine)
    for (index, (a, b)) in [(8, 8), (8, 9), (9, 9), (9, 10), (10, 10)].enumerated() {
      try f.evaluate("A1-m\(index)", agent: "A1", at: "2026-11-0\(index + 2)T10:00:00+08:00", tone: a, facts: b)
    }
    try f.evaluate("A2-m0", agent: "A2", at: "2026-11-03T10:00:00+08:00", tone: 6, facts: 6)
    try f.evaluate("A2-m1", agent: "A2", at: "2026-11-04T10:00:00+08:00", tone: 7, facts: 7)
    try f.evaluate("B1-m0", agent: "B1", at: "2026-11-04T10:00:00+08:00", tone: 9, facts: 9)
    // Unevaluated calls of W47 to pick from.
    for day in 16...21 {
      try f.call("A1-w\(day)", agent: "A1", at: "2026-11-\(day)T11:00:00+08:00")
      try f.call("A2-w\(day)", agent: "A2", at: "2026-11-\(day)T11:00:00+08:00")
    }
    return f
  }

  @Test func weeksBelongToTheMonthOfTheirThursday() throws {
    #expect(try ReportPeriod.parse("2026-W44").owningMonth == ReportPeriod.parse("2026-10"))
    #expect(try ReportPeriod.parse("2026-W44").weeksLeftInMonth == 1)
    #expect(try ReportPeriod.parse("2026-W45").owningMonth == ReportPeriod.parse("2026-11"))
    #expect(try ReportPeriod.parse("2026-W45").weeksLeftInMonth == 4)
    #expect(try ReportPeriod.parse("2026-W47").weeksLeftInMonth == 2)
  }

  @Test(arguments: EngineFixture.engines) func sampleAimsAtTheMarginWithTheQuotaAsFloor(_ engine: StoreEngineKind) throws {
    let f = try Self.month(engine)
    let target = try MarginTarget(margin: 5)
    let queue = try f.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-W47"), seed: 1, margin: target))
    let plan = try #require(queue.margin)
    #expect(plan.month == "2026-11" && plan.weeksLeft == 2)
    let agents = Dictionary(uniqueKeysWithValues: plan.agents.map { ($0.need.agent, $0) })
    // A1: own spread s = √62.5 = 7.9057 (5 evaluations ≥ k = 5). ±5 needs n = 13: t(11)·s/√12 = 5.02 > 5,
    // t(12)·s/√13 = 4.78 ≤ 5. 13 − 5 = 8 still needed over 2 weeks: 4 this week (above the quota of 2).
    let a1 = try #require(agents["A1"])
    #expect(a1.need.spreadFrom == "agent" && abs((a1.need.spread ?? 0) - 62.5.squareRoot()) < 1e-9)
    #expect(a1.need.required == 13 && a1.need.stillNeeded == 8 && a1.thisWeek == 4)
    #expect(abs((a1.need.halfWidth ?? 0) - 2.776445105 * (62.5 / 5).squareRoot()) < 1e-6)
    #expect(!a1.need.enough)
    // A2: 2 evaluations < k, so the team's pooled spread: s² = (4·62.5 + 1·50)/5 = 60, s = 7.746;
    // n = 12 (t(10)·s/√11 = 5.20 > 5, t(11)·s/√12 = 4.92 ≤ 5): 10 still needed, 5 this week.
    let a2 = try #require(agents["A2"])
    #expect(a2.need.spreadFrom == "team" && abs((a2.need.spread ?? 0) - 60.0.squareRoot()) < 1e-9)
    #expect(a2.need.required == 12 && a2.need.stillNeeded == 10 && a2.thisWeek == 5)
    // B1: alone in 二组 with one evaluation: the centre's pooled spread (the same 60 here).
    let b1 = try #require(agents["B1"])
    #expect(b1.need.spreadFrom == "centre" && b1.need.required == 12 && b1.need.stillNeeded == 11 && b1.thisWeek == 6)
    #expect(b1.need.halfWidth == nil)
    // The queue: 4 of A1's 6 calls, A2's 5 of 6; B1 has no calls (a shortfall against its quota of 6).
    #expect(queue.picks.filter { $0.agent == "A1" }.count == 4)
    #expect(queue.picks.filter { $0.agent == "A2" }.count == 5)
    #expect(queue.shortfalls.map(\.agent) == ["B1"] && queue.shortfalls.first?.quota == 6)
    // A margin already met asks nothing beyond the quota: ±30 needs n = 3 (4.30·7.9/√3 = 19.6).
    let loose = try f.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-W47"), seed: 1, margin: try MarginTarget(margin: 30)))
    #expect(loose.margin?.agents.map(\.thisWeek) == [2, 2, 2])
    #expect(loose.picks.count == 4)
    // Without --margin the JSON says so.
    #expect(try f.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-W47"), seed: 1)).margin == nil)
  }

  @Test(arguments: EngineFixture.engines) func coverageSaysWhetherTheMarginIsMet(_ engine: StoreEngineKind) throws {
    let f = try Self.month(engine)
    let report = try f.db.coverage(period: try ReportPeriod.parse("2026-11"), margin: try MarginTarget(margin: 5))
    let a1 = try #require(report.agents.first { $0.agent == "A1" }?.margin)
    // ±9.82 now (2.776·7.906/√5) against ±5: 8 more; no test calls anywhere: nothing to say.
    #expect(a1.monitoring.verdict(.en) == "no: 8 more")
    #expect(a1.testCall.verdict(.en) == "no" && a1.testCall.spread == nil)
    let wide = try f.db.coverage(period: try ReportPeriod.parse("2026-11"), margin: try MarginTarget(margin: 10))
    #expect(wide.agents.first { $0.agent == "A1" }?.margin?.monitoring.verdict(.en) == "yes")
    // The table gets one column per kind; without a margin the columns stay as they were.
    #expect(wide.document(.en).tables[0].columns.map(\.title).suffix(2) == ["monitoring ±10", "test_call ±10"])
    #expect(try f.db.coverage(period: try ReportPeriod.parse("2026-11")).document(.en).tables[0].columns.count == 7)
    #expect(throws: CallQAError.self) { try MarginTarget(margin: 0) }
  }
}
