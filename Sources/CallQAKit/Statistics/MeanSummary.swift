/// Sufficient statistics of a mean — n, Σx and Σx² — as the report queries return them in
/// the same pass as the means (`count(*)`, `total(x)`, `total(x*x)`), so intervals never need
/// a second scan.
public struct MeanSummary: Hashable, Sendable {
  public var n: Int
  public var sum: Double
  public var sumOfSquares: Double

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

  /// The squared standard error s²/n.
  var varianceOfMean: Double? { variance.map { $0 / Double(n) } }

  /// The t-interval of the mean: x̄ ± t(n−1) · s/√n; none below two values.
  public func interval(_ level: ConfidenceLevel) -> IntervalEstimate {
    Statistics.combination([(1, self)], level)
  }
}
