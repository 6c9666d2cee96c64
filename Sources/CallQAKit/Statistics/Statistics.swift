/// The interval methods of the reports, in one place. Which figure uses which, and why, is in
/// the README ("Honest numbers").
public enum Statistics {
  /// The t-interval of a linear combination of independent means, Σ aᵢ·x̄ᵢ + shift:
  /// standard error √Σ aᵢ²·sᵢ²/nᵢ, degrees of freedom by Welch–Satterthwaite
  /// (SE⁴ / Σ (aᵢ²·sᵢ²/nᵢ)²/(nᵢ − 1)). One mean is the plain t-interval (df = n − 1); the
  /// quality index is a·M + (1 − a)·T − C·k (the complaint deduction a known constant, `shift`);
  /// a team's figure is the mean of its agents' (aᵢ = 1/m). Any term below two values: no interval.
  public static func combination(_ terms: [(coefficient: Double, summary: MeanSummary)], _ level: ConfidenceLevel, shift: Double = 0)
    -> IntervalEstimate
  {
    let n = terms.reduce(0) { $0 + $1.summary.n }
    var estimate = shift
    var variance = 0.0
    var denominator = 0.0
    for term in terms where term.coefficient != 0 {
      guard let mean = term.summary.mean, let v = term.summary.varianceOfMean else { return .none(n: n) }
      estimate += term.coefficient * mean
      let part = term.coefficient * term.coefficient * v
      variance += part
      denominator += part * part / Double(term.summary.degreesOfFreedom)
    }
    guard !terms.isEmpty, terms.contains(where: { $0.coefficient != 0 }) else { return .none(n: n) }
    // Every value equal: no spread, the interval is the point.
    guard variance > 0, denominator > 0 else { return IntervalEstimate(n: n, low: estimate, high: estimate) }
    let df = variance * variance / denominator
    let half = Distributions.studentTQuantile(level.upperQuantile, df: df) * variance.squareRoot()
    return IntervalEstimate(n: n, low: estimate - half, high: estimate + half)
  }

  /// The standard error of Σ aᵢ·x̄ᵢ, √Σ aᵢ²·sᵢ²/nᵢ; nil when a term has fewer than two values.
  public static func standardError(_ terms: [(coefficient: Double, summary: MeanSummary)]) -> Double? {
    var variance = 0.0
    for term in terms where term.coefficient != 0 {
      guard let v = term.summary.varianceOfMean else { return nil }
      variance += term.coefficient * term.coefficient * v
    }
    return variance.squareRoot()
  }

  /// How many more evaluations (beyond the Σnᵢ there are) would bring the interval's half-width
  /// down to `distance` — the gap between the figure and a line it must clear — if the spread
  /// and the mix of the terms stayed as they are (spread·√n held constant, then
  /// ``sampleSize(margin:spread:_:)``). Nil when it cannot be said (a term below two values, no gap).
  public static func moreEvaluations(_ terms: [(coefficient: Double, summary: MeanSummary)], distance: Double, _ level: ConfidenceLevel) -> Int? {
    let n = terms.reduce(0) { $0 + $1.summary.n }
    guard distance > 0, n > 0, let se = standardError(terms), let needed = sampleSize(margin: distance, spread: se * Double(n).squareRoot(), level)
    else { return nil }
    return max(1, needed - n)
  }

  /// The Wilson score interval of a proportion `successes`/`n`, as fractions 0…1; none below
  /// two trials. Unlike p̂ ± z·√(p̂(1−p̂)/n) it never leaves 0…1 and is not zero-width at 0 % or 100 %.
  public static func wilson(successes: Double, n: Int, _ level: ConfidenceLevel) -> IntervalEstimate {
    guard n >= 2 else { return .none(n: n) }
    let z = Distributions.normalQuantile(level.upperQuantile)
    let count = Double(n), p = successes / count, z2 = z * z
    let centre = (p + z2 / (2 * count)) / (1 + z2 / count)
    let half = z / (1 + z2 / count) * (p * (1 - p) / count + z2 / (4 * count * count)).squareRoot()
    return IntervalEstimate(n: n, low: max(0, centre - half), high: min(1, centre + half))
  }

  /// The percentile bootstrap interval of the mean of `values`: `resamples` resamples drawn
  /// with the project's one ``SplitMix64`` from `seed`, so the same input gives the same interval.
  public static func bootstrapMean(_ values: [Double], _ level: ConfidenceLevel, resamples: Int = 2000, seed: UInt64 = 1)
    -> IntervalEstimate
  {
    guard values.count >= 2, resamples >= 2 else { return .none(n: values.count) }
    var generator = SplitMix64(seed: seed)
    var means: [Double] = []
    means.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var sum = 0.0
      for _ in values.indices { sum += values[generator.below(values.count)] }
      means.append(sum / Double(values.count))
    }
    means.sort()
    let alpha = 1 - level.value
    func quantile(_ q: Double) -> Double {
      let position = q * Double(means.count - 1)
      let below = Int(position.rounded(.down)), above = min(below + 1, means.count - 1)
      return means[below] + (position - Double(below)) * (means[above] - means[below])
    }
    return IntervalEstimate(n: values.count, low: quantile(alpha / 2), high: quantile(1 - alpha / 2))
  }

  /// The smallest n (at least 2) whose t-interval of a mean with standard deviation `spread`
  /// is at most ± `margin`: t(n−1) · spread/√n ≤ margin. Nil when the margin is not positive.
  public static func sampleSize(margin: Double, spread: Double, _ level: ConfidenceLevel) -> Int? {
    guard margin > 0, margin.isFinite, spread.isFinite, spread >= 0 else { return nil }
    guard spread > 0 else { return 2 }
    let p = level.upperQuantile
    func enough(_ n: Int) -> Bool { Distributions.studentTQuantile(p, df: Double(n - 1)) * spread / Double(n).squareRoot() <= margin }
    // The normal-theory n is a lower bound (t > z); step up from there.
    let z = Distributions.normalQuantile(p) * spread / margin
    var n = max(2, Int((z * z).rounded(.down)))
    while n > 2 && enough(n - 1) { n -= 1 }
    while !enough(n) { n += 1 }
    return n
  }

  /// Rank ranges from intervals, given in ranking order (best first): an entry could rank as
  /// high as 1 + the number of entries whose interval lies wholly above its own, and as low
  /// as the number of entries whose interval reaches its own or above. `higherIsBetter: false`
  /// ranks low values first.
  public static func rankRanges(_ intervals: [IntervalEstimate], higherIsBetter: Bool = true) -> [ClosedRange<Int>] {
    intervals.map { mine in
      var above = 0
      var notBelow = 0
      for other in intervals {
        guard let o = other.bounds, let m = mine.bounds else {
          notBelow += 1
          continue
        }
        let clearlyBetter = higherIsBetter ? o.low > m.high + 1e-9 : o.high < m.low - 1e-9
        let clearlyWorse = higherIsBetter ? o.high < m.low - 1e-9 : o.low > m.high + 1e-9
        if clearlyBetter { above += 1 }
        if !clearlyWorse { notBelow += 1 }
      }
      return (above + 1)...max(above + 1, notBelow)
    }
  }

  /// Tie groups in ranking order: an entry joins the group of the one before it when their
  /// intervals overlap (so a group is a run that cannot be told apart step by step). Numbered from 1.
  public static func tieGroups(_ intervals: [IntervalEstimate]) -> [Int] {
    var groups: [Int] = []
    for index in intervals.indices {
      if index == 0 {
        groups.append(1)
      } else {
        groups.append(intervals[index].overlaps(intervals[index - 1]) ? groups[index - 1] : groups[index - 1] + 1)
      }
    }
    return groups
  }
}
