/// The t-interval against the percentile bootstrap on real scores: how the README chose the
/// method for mean scores (`callqa bench intervals`).
public struct IntervalComparison: Hashable, Sendable, Encodable {
  public struct Row: Hashable, Sendable, Encodable {
    public var agent: String
    public var n: Int
    public var mean: Double
    /// The t-interval, kept inside 0…100, as the reports give it.
    public var t: IntervalEstimate
    /// The percentile bootstrap of the mean (``Statistics/bootstrapMean(_:_:resamples:seed:)``).
    public var bootstrap: IntervalEstimate
  }

  public var scope: String
  public var confidence: ConfidenceLevel
  public var resamples: Int
  public var rows: [Row]

  /// Both intervals for each agent's scores; the bootstrap seed is derived from the agent code.
  public static func compare(
    _ agents: [(agent: String, scores: [Double])], scope: String, _ level: ConfidenceLevel, resamples: Int = 2000
  ) -> IntervalComparison {
    let rows = agents.map { entry in
      let summary = MeanSummary(entry.scores)
      return Row(
        agent: entry.agent, n: summary.n, mean: summary.mean ?? 0, t: summary.interval(level).clamped(to: 0...100),
        bootstrap: Statistics.bootstrapMean(entry.scores, level, resamples: resamples, seed: SplitMix64.stableHash(entry.agent)))
    }
    return IntervalComparison(scope: scope, confidence: level, resamples: resamples, rows: rows)
  }

  /// Mean widths of both methods over agents that have both, and the largest gap between
  /// their bounds.
  public var summary: (agents: Int, tWidth: Double, bootstrapWidth: Double, largestGap: Double, bootstrapNarrower: Int) {
    var count = 0
    var tWidth = 0.0
    var bootWidth = 0.0
    var gap = 0.0
    var narrower = 0
    for row in rows {
      guard let t = row.t.bounds, let b = row.bootstrap.bounds else { continue }
      count += 1
      tWidth += t.high - t.low
      bootWidth += b.high - b.low
      gap = max(gap, abs(t.low - b.low), abs(t.high - b.high))
      if b.high - b.low < t.high - t.low { narrower += 1 }
    }
    let n = Double(max(count, 1))
    return (count, tWidth / n, bootWidth / n, gap, narrower)
  }
}
