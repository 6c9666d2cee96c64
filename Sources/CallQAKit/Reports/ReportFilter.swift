/// Which evaluations a report looks at.
///
/// Only evaluations with status `submitted` or `disputed` and kind `monitoring` or `test-call`
/// ever count: drafts are unfinished, revised ones have been replaced, and calibration
/// sessions score inspectors, not agents. Dates are the call's local date
/// (`calls.started_at` keeps the offset it was recorded in).
public struct ReportFilter: Hashable, Sendable {
  /// First day, `YYYY-MM-DD` (inclusive).
  public var from: String?
  /// Last day, `YYYY-MM-DD` (inclusive).
  public var to: String?
  /// A month, `YYYY-MM`; combined with from/to when both are given.
  public var period: String?
  public var team: String?
  public var agent: String?
  /// Scorecard `KEY` (every version) or `KEY@VERSION`.
  public var scorecard: String?
  /// Only this kind (monitoring or test-call); nil means both.
  public var kind: EvaluationKind?

  public init(
    from: String? = nil, to: String? = nil, period: String? = nil, team: String? = nil, agent: String? = nil,
    scorecard: String? = nil, kind: EvaluationKind? = nil
  ) {
    self.from = from
    self.to = to
    self.period = period
    self.team = team
    self.agent = agent
    self.scorecard = scorecard
    self.kind = kind
  }

  /// The same filter for the whole centre (no team or agent), for comparisons.
  public var centre: ReportFilter {
    var copy = self
    copy.team = nil
    copy.agent = nil
    return copy
  }

  /// True when the filter narrows to a team or an agent.
  public var isNarrowed: Bool { team != nil || agent != nil }

  /// The filters in words, for report headers.
  public var description: String {
    var parts = ScopeParts.leading(period: period, from: from, to: to, team: team, agent: agent)
    if let scorecard { parts.append("scorecard \(scorecard)") }
    if let kind { parts.append(kind.rawValue) }
    return parts.isEmpty ? "whole centre, all dates" : parts.joined(separator: " · ")
  }

  /// Checks the date arguments; throws a one-line error naming the bad value.
  public func validate() throws {
    try Self.validateDates(from: from, to: to, period: period)
    if kind == .calibration {
      throw CallQAError(.errCalibrationEvaluationsNever)
    }
  }

  /// The lower and upper (exclusive) bounds on `calls.started_at`, as strings.
  ///
  /// Normalised timestamps start with the local date followed by `T`, so a day `D` spans
  /// `[D, D + "~")` and a month `M` spans `[M, next month)`; both are index range scans.
  var startedAtBounds: (lower: String?, upper: String?) {
    Self.startedAtBounds(from: from, to: to, period: period)
  }

  /// The bounds of ``startedAtBounds`` for any first day, last day and month (each optional),
  /// shared by the reports and the call and evaluation lists.
  static func startedAtBounds(from: String?, to: String?, period: String?) -> (lower: String?, upper: String?) {
    var lower = from
    var upper = to.map { $0 + "~" }
    if let period, let bounds = ReportPeriod.monthBounds(period) {
      lower = max(lower ?? bounds.lower, bounds.lower)
      upper = min(upper ?? bounds.upper, bounds.upper)
    }
    return (lower, upper)
  }

  /// Checks a month (`YYYY-MM`) and first and last days (`YYYY-MM-DD`); throws a one-line
  /// error naming the bad value.
  static func validateDates(from: String?, to: String?, period: String?) throws {
    if let period, ReportPeriod.monthBounds(period) == nil {
      throw CallQAError(.errPeriodMustMonthYyyyMm, period)
    }
    for (name, value) in [("from", from), ("to", to)] {
      if let value, Timestamp.parseDay(value) == nil {
        throw CallQAError(.errMustDateYyyy, name, value)
      }
    }
    try FilterRule.range(from: from, to: to)
  }

}
