import Foundation
import Testing
@testable import CallQAKit

@Suite("agents, trend and leaderboard reports")
struct OtherReportsTests {
  @Test func agentsReportRows() throws {
    let db = try ReportFixture().db
    let report = try db.agentsReport(ReportFilter(period: "2026-11"), language: "zh")
    #expect(report.rows.map(\.agent) == ["A1", "A2", "A3"])
    // A1: E1 66.67 and E2 100 → mean 83.33, pass 50 %; sections a = (75 + 100)/2, b = (62.5 + 100)/2 → b weakest
    let a1 = report.rows[0]
    #expect(a1.evaluations == 2)
    #expect(abs((a1.meanFinal ?? 0) - 250.0 / 3) < 1e-9)
    #expect(a1.passRate == 50)
    #expect(a1.weakestSection == "mini/b")
    #expect(a1.weakestSectionTitle == "业务")
    #expect(abs((a1.weakestSectionScore ?? 0) - 81.25) < 1e-9)
    #expect(abs((a1.qualityIndex ?? 0) - (250.0 / 3 - 4)) < 1e-9)
    // A2: E4 critical → final 0, one critical failure; b = (100 + 33.33)/2
    let a2 = report.rows[1]
    #expect(a2.criticalFailures == 1)
    #expect(abs((a2.meanFinal ?? 0) - 125.0 / 3) < 1e-9)
    #expect(abs((a2.weakestSectionScore ?? 0) - 200.0 / 3) < 1e-9)
  }

  @Test func trendByMonthUsesTheLocalDate() throws {
    let db = try ReportFixture().db
    let report = try db.trend(ReportFilter(agent: "A1"), by: .month, item: "greet")
    // E7 (31 Oct 23:30 −05:00) is October; E2 (1 Nov 07:00 +08:00) is November
    #expect(report.rows.map(\.period) == ["2026-10", "2026-11"])
    #expect(report.rows[0].evaluations == 1)
    #expect(abs(report.rows[0].meanFinal - 250.0 / 3) < 1e-9)
    #expect(abs((report.rows[0].itemMeanImpact ?? 0) - 50.0 / 3) < 1e-9)
    #expect(report.rows[1].evaluations == 2 && report.rows[1].passRate == 50)
    #expect(report.rows[1].itemMeanImpact == 0)
    #expect(report.rows[1].topItems.first?.item == "extra")
  }

  @Test func trendByIsoWeek() throws {
    let db = try ReportFixture().db
    let report = try db.trend(ReportFilter(period: "2026-11"), by: .week)
    // 1 Nov 2026 is a Sunday (W44); 3 Nov, 10 Nov, 20 Nov, 30 Nov fall in W45, W46, W47, W49
    #expect(report.rows.map(\.period) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47", "2026-W49"])
    #expect(ReportPeriod.isoWeek("2027-01-01") == "2026-W53")
    #expect(ReportPeriod.isoWeek("2024-12-30") == "2025-W01")
    #expect(ReportPeriod.isoWeek("2026-01-01") == "2026-W01")
  }

  @Test func leaderboardPointsAndMentoring() throws {
    let db = try ReportFixture().db
    let board = try db.leaderboard(ReportFilter(period: "2026-11"), top: 5, mentoring: true)
    // A1: 1 pass + 1 exemplary (100) + clean → 1 + 2 + 3 = 6; A3: clean only → 3; A2: 1 pass, 1 critical → 1
    #expect(board.top.map(\.agent) == ["A1", "A3", "A2"])
    #expect(board.top.map(\.points) == [6, 3, 1])
    #expect(board.top.map(\.rank) == [1, 2, 3])
    #expect(board.mentoring == [MentoringPair(team: "T1", mentor: "A1", mentorPoints: 6, mentee: "A2", menteePoints: 1)])
    // A different rule changes the order: no clean bonus, 10 per pass → A1 10+2, A2 10, A3 0
    let custom = try db.leaderboard(ReportFilter(period: "2026-11"), top: 2, rule: LeaderboardRule(passPoints: 10, cleanBonus: 0))
    #expect(custom.top.map(\.agent) == ["A1", "A2"])
    #expect(custom.top.map(\.points) == [12, 10])
    // One day: only E2 on 1 Nov
    let day = try db.leaderboard(ReportFilter(from: "2026-11-01", to: "2026-11-01"))
    #expect(day.all.map(\.agent) == ["A1"])
  }
}

@Suite("JSON shapes of the reports")
struct ReportJSONShapeTests {
  static func object(_ value: some Encodable) throws -> [String: Any] {
    let data = Data(try JSONText.pretty(value).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test func weakAreasTrendAgentsAndLeaderboard() throws {
    let db = try ReportFixture().db
    let weak = try Self.object(db.weakAreas(ReportFilter(period: "2026-11")))
    #expect(Set(weak.keys) == ["scope", "by", "evaluations", "mean_raw", "total_mean_impact", "total_rows", "rows", "confidence"])
    let row = try #require((weak["rows"] as? [[String: Any]])?.first)
    #expect(
      Set(row.keys) == [
        "rank", "scorecard", "key", "section", "title", "evaluations", "mean_impact", "score_rate", "fail_rate",
        "fail_rate_ci", "critical_failures", "share", "cumulative_share", "centre_mean_impact", "gap",
      ])
    #expect(row["gap"] is NSNull)
    #expect(row["mean_impact"] as? Double == 8)
    let trend = try Self.object(db.trend(ReportFilter(), by: .month))
    let period = try #require((trend["rows"] as? [[String: Any]])?.first)
    #expect(Set(period.keys) == ["period", "evaluations", "mean_final", "pass_rate", "item_mean_impact", "top_items", "mean_final_ci", "pass_rate_ci"])
    #expect(trend["confidence"] as? Double == 0.95)
    #expect(Set((period["mean_final_ci"] as? [String: Any] ?? [:]).keys) == ["n", "ci_low", "ci_high"])
    #expect(period["item_mean_impact"] is NSNull)
    #expect(trend["item"] is NSNull, "the trend names its item, null when none")
    let agents = try Self.object(db.agentsReport(ReportFilter(period: "2026-11")))
    let agent = try #require((agents["rows"] as? [[String: Any]])?.first)
    #expect(
      Set(agent.keys) == [
        "agent", "name", "team", "evaluations", "mean_final", "pass_rate", "critical_failures", "weakest_section",
        "weakest_section_title", "weakest_section_score", "quality_index", "partial", "mean_final_ci", "pass_rate_ci",
        "weakest_section_score_ci", "quality_index_ci", "rank_range", "tie_group",
      ])
    #expect(agents["confidence"] as? Double == 0.95)
    let board = try Self.object(db.leaderboard(ReportFilter(period: "2026-11"), mentoring: true))
    #expect(Set(board.keys) == ["scope", "confidence", "rule", "top", "all", "mentoring"])
    let entry = try #require((board["all"] as? [[String: Any]])?.first)
    #expect(
      Set(entry.keys) == [
        "rank", "agent", "name", "team", "evaluations", "passed", "exemplary", "critical_failures", "mean_final", "points",
        "mean_final_ci", "points_ci", "rank_range", "tie_group",
      ])
    #expect((board["rule"] as? [String: Any])?["clean_bonus"] as? Double == 3)
    #expect(((board["mentoring"] as? [[String: Any]])?.first?["mentor"]) as? String == "A1")
  }
}
