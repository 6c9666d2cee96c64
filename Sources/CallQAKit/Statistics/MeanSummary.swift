/// Sufficient statistics of a mean — n, Σx and Σx² — as the report queries return them in
/// the same pass as the means (`count(*)`, `total(x)`, `total(x*x)`), so intervals never need
/// a second scan.
public struct MeanSummary: Hashable, Sendable {
  public var n: Int
  public var sum: Double
  public var sumOfSquares: Double
  /// A spread borrowed from the group a one-value mean belongs to — the group's pooled s² and
  /// its degrees of freedom (``pooled(_:)``) — so a team's interval is not lost to one member
  /// with a single evaluation. Only the intervals of combinations use it; ``variance`` does not.
  public var borrowed: (variance: Double, degreesOfFreedom: Int)? {
    get { borrowedVariance.map { ($0, borrowedDegreesOfFreedom) } }
    set {
      borrowedVariance = newValue?.variance
      borrowedDegreesOfFreedom = newValue?.degreesOfFreedom ?? 0
    }
  }
  private var borrowedVariance: Double?
  private var borrowedDegreesOfFreedom = 0

  public init(n: Int = 0, sum: Double = 0, sumOfSquares: Double = 0) {
    self.n = n
    self.sum = sum
    self.sumOfSquares = sumOfSquares
  }

  /// The summary of plain values.
  public init<Values: Sequence<Double>>(_ values: Values) {
    self.init()
    for value in values { add(value) }
  }

  public mutating func add(_ value: Double) {
    n += 1
    sum += value
    sumOfSquares += value * value
  }

  public static func + (lhs: MeanSummary, rhs: MeanSummary) -> MeanSummary {
    MeanSummary(n: lhs.n + rhs.n, sum: lhs.sum + rhs.sum, sumOfSquares: lhs.sumOfSquares + rhs.sumOfSquares)
  }

  public static func += (lhs: inout MeanSummary, rhs: MeanSummary) { lhs = lhs + rhs }

  public var mean: Double? { n > 0 ? sum / Double(n) : nil }

  /// The sample variance s² (n − 1 in the denominator); nil below two values. Rounding can
  /// leave Σx² − (Σx)²/n a hair below zero when every value is equal: that is zero.
  public var variance: Double? {
    guard n >= 2 else { return nil }
    return max(0, (sumOfSquares - sum * sum / Double(n)) / Double(n - 1))
  }

  public var standardDeviation: Double? { variance?.squareRoot() }

  /// The squared standard error s²/n (a borrowed s² for a mean of one value).
  var varianceOfMean: Double? {
    guard n > 0 else { return nil }
    return (variance ?? borrowed?.variance).map { $0 / Double(n) }
  }

  /// The degrees of freedom behind ``varianceOfMean``: n − 1, or the borrowed spread's.
  var degreesOfFreedom: Int { n >= 2 ? n - 1 : borrowed?.degreesOfFreedom ?? 0 }

  /// The pooled within-group variance Σ(nᵢ − 1)·sᵢ² / Σ(nᵢ − 1) and its degrees of freedom; nil
  /// when no member has two values.
  public static func pooled(_ members: [MeanSummary]) -> (variance: Double, degreesOfFreedom: Int)? {
    var squares = 0.0
    var df = 0
    for member in members {
      guard let variance = member.variance else { continue }
      squares += variance * Double(member.n - 1)
      df += member.n - 1
    }
    return df > 0 ? (squares / Double(df), df) : nil
  }

  /// Members of one value borrow the pooled spread of all of them (``borrowed``).
  static func borrowingSpread(_ members: [MeanSummary]) -> [MeanSummary] {
    guard let pooled = pooled(members) else { return members }
    return members.map { member in
      var copy = member
      if member.n == 1 { copy.borrowed = pooled }
      return copy
    }
  }

  /// The t-interval of the mean: x̄ ± t(n−1) · s/√n; none below two values.
  public func interval(_ level: ConfidenceLevel) -> IntervalEstimate {
    Statistics.combination([(1, self)], level)
  }
}
