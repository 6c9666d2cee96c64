import Foundation
import Testing

@testable import CallQAKit

@Suite("Interval statistics against published tables and hand computations")
struct StatisticsTests {
  @Test func normalQuantileMatchesPublishedValues() {
    // Abramowitz & Stegun table 26.1 / any z table.
    #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-9)
    #expect(abs(Distributions.normalQuantile(0.995) - 2.5758293035489) < 1e-9)
    #expect(abs(Distributions.normalQuantile(0.95) - 1.6448536269514722) < 1e-9)
    #expect(abs(Distributions.normalQuantile(0.001) + 3.090232306167813) < 1e-9)
    #expect(Distributions.normalQuantile(0.5) == 0)
  }

  @Test func studentTQuantileMatchesPublishedTable() {
    // Two-sided 95 % (upper 0.975), 99 % (0.995) and one-sided 95 % critical values.
    let table: [(p: Double, df: Double, t: Double)] = [
      (0.975, 1, 12.706204736), (0.975, 2, 4.302652730), (0.975, 3, 3.182446305), (0.975, 5, 2.570581836),
      (0.975, 8, 2.306004135), (0.975, 10, 2.228138852), (0.975, 29, 2.045229642), (0.975, 30, 2.042272456),
      (0.975, 120, 1.979930405), (0.995, 5, 4.032142984), (0.995, 20, 2.845339707), (0.95, 9, 1.833112933),
      (0.9, 4, 1.533206274),
      // Non-integer df (Welch): by numerical integration of the t density in Python (Simpson, 20,000 steps).
      (0.975, 4.5, 2.6589123), (0.975, 49.0 / 17.0, 3.2572081),
    ]
    for row in table {
      let t = Distributions.studentTQuantile(row.p, df: row.df)
      #expect(abs(t - row.t) < 1e-6 * max(1, row.t), "t(\(row.p), \(row.df)) = \(t), published \(row.t)")
      #expect(abs(Distributions.studentTQuantile(1 - row.p, df: row.df) + row.t) < 1e-6 * max(1, row.t))
      #expect(abs(Distributions.studentTCDF(row.t, df: row.df) - row.p) < 1e-7)
    }
  }

  @Test func tIntervalOfAMeanByHand() throws {
    // 80, 85, 90, 95, 100: mean 90, s² = 62.5, s/√5 = 3.5355; t(4, 0.975) = 2.776445.
    let summary = MeanSummary([80, 85, 90, 95, 100])
    #expect(summary.mean == 90)
    #expect(abs(try #require(summary.variance) - 62.5) < 1e-12)
    let interval = try #require(summary.interval(.standard).bounds)
    let half = 2.776445105 * (62.5 / 5).squareRoot()
    #expect(abs(interval.low - (90 - half)) < 1e-6)
    #expect(abs(interval.high - (90 + half)) < 1e-6)
    // n < 2: no interval; no spread: the point.
    #expect(MeanSummary([88]).interval(.standard) == .none(n: 1))
    #expect(MeanSummary([]).interval(.standard) == .none(n: 0))
    #expect(MeanSummary([70, 70, 70]).interval(.standard) == IntervalEstimate(n: 3, low: 70, high: 70))
    // The same from Σx and Σx² as the SQL gives them.
    let fromSums = MeanSummary(n: 5, sum: 450, sumOfSquares: 80 * 80 + 85 * 85 + 90 * 90 + 95 * 95 + 100 * 100)
    #expect(fromSums.interval(.standard) == summary.interval(.standard))
  }

  @Test func qualityIndexIntervalByHand() throws {
    // M from 80, 90 (s² 50, n 2), T from 70, 80, 90 (s² 100, n 3), weights 0.5/0.5, 2 complaints × 2.
    let m = MeanSummary([80, 90]), t = MeanSummary([70, 80, 90])
    let interval = try #require(Statistics.combination([(0.5, m), (0.5, t)], .standard, shift: -4).bounds)
    // index = 0.5·85 + 0.5·80 − 4 = 78.5; var = 0.25·50/2 + 0.25·100/3 = 6.25 + 8.3333 = 14.5833
    // df = 14.5833² / (6.25²/1 + 8.3333²/2) = 212.674 / (39.0625 + 34.7222) = 2.882353 (= 49/17)
    let variance = 0.25 * 50 / 2 + 0.25 * 100 / 3
    let df = variance * variance / (pow(0.25 * 50 / 2, 2) / 1 + pow(0.25 * 100 / 3, 2) / 2)
    #expect(abs(df - 49.0 / 17.0) < 1e-12)
    let half = Distributions.studentTQuantile(0.975, df: df) * variance.squareRoot()
    #expect(abs(interval.low - (78.5 - half)) < 1e-9)
    #expect(abs(interval.high - (78.5 + half)) < 1e-9)
    #expect(abs(half - 12.438669) < 1e-5)  // t(49/17, .975) = 3.2572081 (numerical integration) · √14.58333
    // A term with one value: no interval.
    #expect(Statistics.combination([(0.5, MeanSummary([80])), (0.5, t)], .standard).bounds == nil)
  }

  @Test func wilsonMatchesNewcombe1998() throws {
    // Newcombe, "Two-sided confidence intervals for the single proportion" (Stat. Med. 1998),
    // table I, method 3 (score interval without continuity correction), 95 %.
    let published: [(x: Double, n: Int, low: Double, high: Double)] = [
      (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0000, 0.1611), (1, 29, 0.0061, 0.1718),
    ]
    for row in published {
      let interval = try #require(Statistics.wilson(successes: row.x, n: row.n, .standard).bounds)
      #expect(abs(interval.low - row.low) < 0.00005, "\(row.x)/\(row.n) low \(interval.low)")
      #expect(abs(interval.high - row.high) < 0.00005, "\(row.x)/\(row.n) high \(interval.high)")
    }
    // 10 of 10: not the zero-width [1, 1] of the Wald interval; upper bound exactly 1.
    let all = try #require(Statistics.wilson(successes: 10, n: 10, .standard).bounds)
    #expect(abs(all.low - 10 / (10 + 1.959963984540054 * 1.959963984540054)) < 1e-9)
    #expect(all.high == 1)
    #expect(Statistics.wilson(successes: 1, n: 1, .standard).bounds == nil)
  }

  @Test func sampleSizeByHand() throws {
    // s = 8, ±3 at 95 %: n = 29 gives t(28)·8/√29 = 2.048407·1.485563 = 3.0431 > 3; n = 30 gives
    // t(29)·8/√30 = 2.045230·1.460593 = 2.9873 ≤ 3.
    #expect(Statistics.sampleSize(margin: 3, spread: 8, .standard) == 30)
    // s = 8, ±5: n = 12 → 2.200985·8/√12 = 5.0830 > 5; n = 13 → 2.178813·8/√13 = 4.8343 ≤ 5.
    #expect(Statistics.sampleSize(margin: 5, spread: 8, .standard) == 13)
    // The example: 9 evaluations, s = 8 → ±2.306·8/3 = ±6.15.
    let nine = MeanSummary(n: 9, sum: 9 * 85, sumOfSquares: 9 * 85 * 85 + 8 * 64)
    #expect(abs(try #require(nine.standardDeviation) - 8) < 1e-9)
    let bounds = try #require(nine.interval(.standard).bounds)
    #expect(abs((bounds.high - bounds.low) / 2 - 2.306004135 * 8 / 3) < 1e-6)
    #expect(Statistics.sampleSize(margin: 3, spread: 0, .standard) == 2)
    #expect(Statistics.sampleSize(margin: 0, spread: 8, .standard) == nil)
    // Huge spread against a tiny margin still ends.
    let many = try #require(Statistics.sampleSize(margin: 0.5, spread: 20, .standard))
    #expect(many > 6000 && many < 6200)
  }

  @Test func rankRangesAndTieGroups() {
    let intervals = [
      IntervalEstimate(n: 9, low: 90, high: 96), IntervalEstimate(n: 9, low: 85, high: 92), IntervalEstimate(n: 9, low: 70, high: 80),
      IntervalEstimate(n: 1, low: nil, high: nil),
    ]
    // The first overlaps the second only; the third is clearly below both; the fourth has no interval.
    #expect(Statistics.rankRanges(intervals) == [1...3, 1...3, 3...4, 1...4])
    #expect(Statistics.tieGroups(intervals) == [1, 1, 2, 2])
  }

  @Test func confidenceLevelIsChecked() throws {
    #expect(throws: CallQAError.self) { try ConfidenceLevel(1) }
    #expect(throws: CallQAError.self) { try ConfidenceLevel(0.4) }
    #expect(throws: CallQAError.self) { try ConfidenceLevel(.nan) }
    #expect(try ConfidenceLevel(0.9).description == "90%")
    #expect(ConfidenceLevel.standard.description == "95%")
  }

  @Test func bootstrapIsSeededAndComparisonSummarises() throws {
    let values: [Double] = [60, 75, 80, 85, 90, 95, 100, 100, 100]
    let first = Statistics.bootstrapMean(values, .standard, resamples: 500, seed: 7)
    #expect(first == Statistics.bootstrapMean(values, .standard, resamples: 500, seed: 7))
    #expect(first != Statistics.bootstrapMean(values, .standard, resamples: 500, seed: 8))
    let bounds = try #require(first.bounds)
    #expect(bounds.low < 87.2 && bounds.high > 87.2 && bounds.high <= 100)
    // All equal: every resample mean is the value.
    #expect(Statistics.bootstrapMean([70, 70, 70], .standard, resamples: 200) == IntervalEstimate(n: 3, low: 70, high: 70))
    #expect(Statistics.bootstrapMean([70], .standard).bounds == nil)
    let comparison = IntervalComparison.compare([("A", values), ("B", [50])], scope: "test", .standard, resamples: 500)
    #expect(comparison.rows.map(\.n) == [9, 1])
    #expect(comparison.rows[0].t == MeanSummary(values).interval(.standard).clamped(to: 0...100))
    #expect(comparison.summary.agents == 1)
  }

  @Test func pooledSpreadForOneValueMeans() throws {
    // Members 60, 70 (s² 50, df 1) and 40, 45, 50 (s² 25, df 2): pooled (50 + 50)/3 = 33.33, df 3.
    let pooled = try #require(MeanSummary.pooled([MeanSummary([60, 70]), MeanSummary([40, 45, 50]), MeanSummary([90])]))
    #expect(abs(pooled.variance - 100.0 / 3) < 1e-9 && pooled.degreesOfFreedom == 3)
    let borrowed = MeanSummary.borrowingSpread([MeanSummary([60, 70]), MeanSummary([90])])
    #expect(borrowed[1].variance == nil && borrowed[1].borrowed?.variance == 50)
    #expect(Statistics.combination([(1, borrowed[1])], .standard).bounds != nil)
    #expect(MeanSummary.pooled([MeanSummary([90])]) == nil)
  }
}
