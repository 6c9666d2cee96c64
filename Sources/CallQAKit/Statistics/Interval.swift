/// A figure's confidence interval as every report writes it: `{n, ci_low, ci_high}`, the
/// bounds `null` when there is no interval (fewer than two evaluations behind the figure).
public struct IntervalEstimate: Codable, Hashable, Sendable {
  /// Evaluations (or calls, items…) behind the figure.
  public var n: Int
  @NullEncoded public var ciLow: Double?
  @NullEncoded public var ciHigh: Double?

  public init(n: Int, low: Double?, high: Double?) {
    self.n = n
    self.ciLow = low
    self.ciHigh = high
  }

  /// No interval: too few observations.
  public static func none(n: Int) -> IntervalEstimate { IntervalEstimate(n: n, low: nil, high: nil) }

  /// Both bounds, when there is an interval.
  public var bounds: (low: Double, high: Double)? {
    guard let ciLow, let ciHigh else { return nil }
    return (ciLow, ciHigh)
  }

  /// The same interval with its bounds mapped (rescaled, shifted, clamped).
  public func map(_ transform: (Double) -> Double) -> IntervalEstimate {
    IntervalEstimate(n: n, low: ciLow.map(transform), high: ciHigh.map(transform))
  }

  /// Bounds kept inside `range` (a mean score cannot leave 0…100).
  public func clamped(to range: ClosedRange<Double>) -> IntervalEstimate {
    map { min(max($0, range.lowerBound), range.upperBound) }
  }

  /// Whether two intervals share a point; without both intervals the figures cannot be told
  /// apart, so they count as overlapping.
  public func overlaps(_ other: IntervalEstimate) -> Bool {
    guard let a = bounds, let b = other.bounds else { return true }
    return a.low <= b.high + 1e-9 && b.low <= a.high + 1e-9
  }

  enum CodingKeys: String, CodingKey {
    case n
    case ciLow = "ci_low", ciHigh = "ci_high"
  }
}

/// The confidence level of every interval in a report: 0.5 < level < 1 (default 0.95).
public struct ConfidenceLevel: Hashable, Sendable, Codable, CustomStringConvertible {
  public var value: Double

  public init(_ value: Double = 0.95) throws {
    guard value.isFinite, value > 0.5, value < 1 else {
      throw CallQAError(.errConfidenceLevelMust, ScoreFormat.plain(value))
    }
    self.value = value
  }

  /// 95 %: the default level.
  public static let standard = try! ConfidenceLevel(0.95)

  /// The upper-tail probability of a two-sided interval: 0.975 at 95 %.
  var upperQuantile: Double { 1 - (1 - value) / 2 }

  /// `95%`, `90%`, `99.5%`.
  public var description: String { ScoreFormat.plain((value * 1000).rounded() / 10) + "%" }

  public init(from decoder: any Decoder) throws { try self.init(try decoder.singleValueContainer().decode(Double.self)) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}
