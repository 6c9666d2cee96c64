import Foundation
import Testing

@testable import CallQAKit

/// Every report figure with an interval against a hand computation on a small month.
///
/// November 2026 (final = 5 × (tone + facts), pass 85, exemplary 95):
/// - A1 (一组): monitoring 80, 85, 90, 95, 100; test calls 70, 80, 90; one valid complaint.
/// - A2 (一组): monitoring 60, 70.  B1 (二组): monitoring 90.  A3 (二组): monitoring 40, 45, 50.
/// t quantiles (0.975): t(7) = 2.3646243, t(2) = 4.3026527; non-integer df by numerical
/// integration of the t density in Python (Simpson, 20,000 steps).
@Suite("Report intervals by hand")
struct ReportIntervalTests {
  static func month() throws -> MonthFixture {
    let f = try MonthFixture(agents: [("A1", "一组"), ("A2", "一组"), ("B1", "二组"), ("A3", "二组")])
    let monitoring: [(String, [(Int, Int)])] = [
      ("A1", [(8, 8), (8, 9), (9, 9), (9, 10), (10, 10)]), ("A2", [(6, 6), (7, 7)]), ("B1", [(9, 9)]), ("A3", [(4, 4), (4, 5), (5, 5)]),
    ]
    for (agent, answers) in monitoring {
      for (index, (a, b)) in answers.enumerated() {
        try f.evaluate("\(agent)-m\(index)", agent: agent, at: "2026-11-0\(index + 2)T10:00:00+08:00", tone: a, facts: b)
      }
    }
    for (index, (a, b)) in [(7, 7), (8, 8), (9, 9)].enumerated() {
      try f.evaluate("A1-t\(index)", agent: "A1", at: "2026-11-1\(index)T10:00:00+08:00", tone: a, facts: b, kind: .testCall)
    }
    try f.complaint(agent: "A1", date: "2026-11-15")
    return f
  }

  static func close(_ interval: IntervalEstimate?, _ low: Double, _ high: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let bounds = interval?.bounds else { return false }
    return abs(bounds.low - low) < tolerance && abs(bounds.high - high) < tolerance
  }

  @Test func agentsReport() throws {
    let report = try Self.month().db.agentsReport(ReportFilter(period: "2026-11"))
    let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.agent, $0) })
    let a1 = try #require(rows["A1"])
    // Eight finals, mean 86.25, s² = 637.5/7 = 91.0714: ± 2.3646243·√(91.0714/8) = ±7.9782606.
    #expect(a1.meanFinalCI.n == 8)
    #expect(Self.close(a1.meanFinalCI, 86.25 - 7.9782606, 86.25 + 7.9782606))
    // 5 of 8 passed: Wilson [30.574, 86.316] %.
    #expect(Self.close(a1.passRateCI, 30.57423946, 86.31557142))
    // Quality index 0.5·90 + 0.5·80 − 2 = 83; var 0.25·62.5/5 + 0.25·100/3 = 11.4583,
    // df = 3.5328467, t = 2.9274053: ±9.9093138.
    #expect(Self.close(a1.qualityIndexCI, 83 - 9.9093138, 83 + 9.9093138, 1e-5))
    // A2: 60, 70 → 65 ± 12.7062·5, clamped at 100. B1: one evaluation, no interval.
    let a2 = try #require(rows["A2"])
    #expect(Self.close(a2.meanFinalCI, 65 - 12.70620474 * 5, 100))
    let b1 = try #require(rows["B1"])
    #expect(b1.meanFinalCI == .none(n: 1) && b1.passRateCI == .none(n: 1))
    #expect(ReportCell.withInterval(b1.meanFinal, b1.meanFinalCI).display == "90.0 (n=1)")
    // A3: 40, 45, 50 → 45 ± 4.3026527·5/√3 = ±12.420689.
    #expect(Self.close(rows["A3"]?.meanFinalCI, 45 - 12.420689, 45 + 12.420689))
    // By mean: B1 90, A1 86.25, A2 65, A3 45. B1 has no interval (could be anywhere); A1 is clearly
    // above A3; A2's wide interval reaches everyone; A3 is clearly below A1.
    #expect(b1.rankRange == [1, 4])
    #expect(a1.rankRange == [1, 3])
    #expect(a2.rankRange == [1, 4])
    #expect(rows["A3"]?.rankRange == [2, 4])
    #expect(report.rows.map(\.tieGroup) == [1, 1, 1, 1])
    // The weakest section: A1's manner (tone 8, 8, 9, 9, 10, 7, 8, 9 → 85, s² = 600/7) below accuracy (87.5).
    #expect(a1.weakestSection == "month-test/manner")
    let manner = MeanSummary([80, 80, 90, 90, 100, 70, 80, 90]).interval(.standard)
    #expect(a1.weakestSectionScoreCI == manner)
    let mannerHalf: Double = 2.3646243 * (600.0 / 7 / 8).squareRoot()
    #expect(Self.close(a1.weakestSectionScoreCI, 85 - mannerHalf, 85 + mannerHalf, 1e-5))
  }

  @Test func qualityReportTeamRow() throws {
    let report = try Self.month().db.quality(period: "2026-11")
    let a1 = try #require(report.agents.first { $0.agent == "A1" })
    let mHalf: Double = 2.776445105 * (62.5 / 5).squareRoot(), tHalf: Double = 4.3026527 * (100.0 / 3).squareRoot()
    #expect(Self.close(a1.monitoringCI, 90 - mHalf, 90 + mHalf))
    #expect(Self.close(a1.testCallCI, 80 - tHalf, 100, 1e-5))  // 104.8 kept inside 0…100
    // 一组: mean of A1's 83 and A2's 65 (partial) = 74; var = 0.0625·12.5 + 0.0625·33.33 + 0.25·25
    // = 9.1146, df = 2.0073740, t = 4.2875417: ±12.944246. The complaint (2/2 = 1) is a constant.
    let team = try #require(report.teams.first { $0.team == "一组" })
    #expect(abs((team.index ?? 0) - 74) < 1e-9)
    #expect(Self.close(team.indexCI, 74 - 12.944246, 74 + 12.944246, 1e-5))
    // 二组: B1's one evaluation (90) has no spread of its own, so it borrows the team's pooled
    // monitoring s² (A3's 25, df 2): index mean(90, 45) = 67.5, var 0.25·25/1 + 0.25·25/3 = 8.3333,
    // df = 3.2, t = 3.0728289: ±8.8704930. B1's own row still has no interval.
    let second = try #require(report.teams.first { $0.team == "二组" })
    #expect(abs((second.index ?? 0) - 67.5) < 1e-9)
    #expect(Self.close(second.indexCI, 67.5 - 8.8704930, 67.5 + 8.8704930, 1e-5))
    #expect(report.agents.first { $0.agent == "B1" }?.indexCI?.bounds == nil)
    // A 90 % level narrows every interval.
    let narrow = try Self.month().db.quality(period: "2026-11", confidence: try ConfidenceLevel(0.9))
    let a190 = try #require(narrow.agents.first { $0.agent == "A1" }?.indexCI?.bounds)
    #expect(a190.high - a190.low < 2 * 9.9093138)
    #expect(narrow.confidence.value == 0.9)
  }

  @Test func trendRow() throws {
    let report = try Self.month().db.trend(ReportFilter(period: "2026-11"), by: .month)
    let row = try #require(report.rows.first)
    // 14 evaluations, mean 74.642857, s² = 374.862637: ± t(13)·s/√14 = ±11.178922; 6 of 14 passed.
    #expect(row.evaluations == 14)
    #expect(Self.close(row.meanFinalCI, 74.64285714 - 11.17892206, 74.64285714 + 11.17892206, 1e-6))
    #expect(Self.close(row.passRateCI, 21.38079890, 67.40935542, 1e-6))
  }

  @Test func leaderboardPoints() throws {
    let board = try Self.month().db.leaderboard(ReportFilter(period: "2026-11"))
    let a1 = try #require(board.all.first { $0.agent == "A1" })
    // Points per evaluation (1 per pass, 2 more per exemplary): 0, 1, 1, 3, 3, 0, 0, 1 → Σ 9, Σx² 21;
    // s² = (21 − 81/8)/7 = 1.5535714, ± 2.3646243·√(1.5535714/8) = ±1.0420361; points = 8·(1.125 ± 1.042) + 3.
    #expect(a1.points == 12)
    let low: Double = 8 * (1.125 - 1.0420361) + 3, high: Double = 8 * (1.125 + 1.0420361) + 3
    #expect(Self.close(a1.pointsCI, low, high, 1e-5))
    #expect(Self.close(a1.meanFinalCI, 86.25 - 7.9782606, 86.25 + 7.9782606, 1e-6))
    // Ranked by points: A1 12, B1 4 (1 pass + clean 3), A3 3, A2 3 (mean final breaks the tie: A2 65 > A3 45).
    #expect(board.all.map(\.agent) == ["A1", "B1", "A2", "A3"])
    // A2 and A3 earned no pass points: zero spread, their points intervals are the clean bonus.
    #expect(board.all.last?.pointsCI == IntervalEstimate(n: 3, low: 3, high: 3))
    #expect(board.all.map(\.rankRange) == [[1, 2], [1, 4], [2, 4], [2, 4]])
    #expect(board.all.map(\.tieGroup) == [1, 1, 1, 1])
  }

  @Test func performanceQualityAndTotal() throws {
    // The performance fixture plus a second test call for A1 (80): M = 80, 90 (85), T = 70, 80 (75),
    // two complaints: quality 0.5·85 + 0.5·75 − 4 = 76; var 0.25·50/2 + 0.25·50/2 = 12.5, df = 2:
    // ± 4.3026527·√12.5 = ±15.212246. Only the quality index is sampled: total 84.25 ± 0.4·15.212246.
    let f = try PerformanceTests.sheetFixture()
    try f.evaluate("A1-t2", agent: "A1", at: "2026-11-11T09:00:00+08:00", tone: 8, facts: 8, kind: .testCall)
    let sheet = try f.db.performance(period: try ReportPeriod.parse("2026-11"), plan: .standard)
    let a1 = try #require(sheet.rows.first { $0.agent == "A1" })
    #expect(a1.quality == 76)
    let half: Double = 4.302652730 * 12.5.squareRoot()
    #expect(Self.close(a1.qualityCI, 76 - half, 76 + half, 1e-6))
    #expect(abs((a1.total ?? 0) - 84.25) < 1e-9)
    #expect(Self.close(a1.totalCI, 84.25 - 0.4 * half, 84.25 + 0.4 * half, 1e-6))
    // A2 rests on one evaluation: no interval, and none for its total.
    let a2 = try #require(sheet.rows.first { $0.agent == "A2" })
    #expect(a2.qualityCI == .none(n: 1) && a2.totalCI?.bounds == nil)
  }
}
