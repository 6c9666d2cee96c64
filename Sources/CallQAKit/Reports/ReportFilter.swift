import GRDB

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
    var parts: [String] = []
    if let period { parts.append("period \(period)") }
    if let from { parts.append("from \(from)") }
    if let to { parts.append("to \(to)") }
    if let team { parts.append("team \(team)") }
    if let agent { parts.append("agent \(agent)") }
    if let scorecard { parts.append("scorecard \(scorecard)") }
    if let kind { parts.append(kind.rawValue) }
    return parts.isEmpty ? "whole centre, all dates" : parts.joined(separator: " · ")
  }

  /// Checks the date arguments; throws a one-line error naming the bad value.
  public func validate() throws {
    try Self.validateDates(from: from, to: to, period: period)
    if kind == .calibration {
      throw CallQAError("calibration evaluations never count in reports: use monitoring or test-call")
    }
  }

  /// Checks that the team, agent and scorecard named exist (``FilterNames``), so that a typo
  /// is an error rather than an empty report.
  func checkNames(_ db: Database) throws {
    try FilterNames(team: team, agent: agent, scorecard: scorecard).check(db)
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
      throw CallQAError("period must be a month YYYY-MM, not '\(period)'")
    }
    for (name, value) in [("from", from), ("to", to)] {
      if let value, Timestamp.parseDay(value) == nil {
        throw CallQAError("\(name) must be a date YYYY-MM-DD, not '\(value)'")
      }
    }
  }

  /// The FROM clause of a report query, naming evaluations `e` and calls `c`.
  ///
  /// With dates, calls come first (an index range on the local date) and each call's
  /// evaluations are read from the covering `evaluations_report` index; `CROSS JOIN` pins
  /// that order whatever statistics the file has. Without dates the calls are not needed
  /// (unless `calls` is set, as for trends, which bucket by the call's date).
  func source(calls: Bool = false) -> String {
    let (lower, upper) = startedAtBounds
    if lower != nil || upper != nil { return "calls c CROSS JOIN evaluations e ON e.call_id = c.id" }
    return calls ? "evaluations e JOIN calls c ON c.id = e.call_id" : "evaluations e"
  }

  /// SQL conditions over `e` (evaluations) and `c` (calls), with their arguments.
  func conditions() throws -> (sql: String, arguments: StatementArguments) {
    var parts = [CountedEvaluation.status]
    var arguments: [any DatabaseValueConvertible] = []
    if let kind {
      parts.append("e.kind = ?")
      arguments.append(kind.rawValue)
    } else {
      parts.append(CountedEvaluation.kind)
    }
    let (lower, upper) = startedAtBounds
    if let lower {
      parts.append("c.started_at >= ?")
      arguments.append(lower)
    }
    if let upper {
      parts.append("c.started_at < ?")
      arguments.append(upper)
    }
    if let team {
      parts.append("e.agent_id IN (SELECT id FROM agents WHERE team = ?)")
      arguments.append(team)
    }
    if let agent {
      parts.append("e.agent_id = (SELECT id FROM agents WHERE code = ?)")
      arguments.append(agent)
    }
    if let scorecard {
      let (key, version) = try QADatabase.parseReference(scorecard)
      if let version {
        parts.append("e.scorecard_id IN (SELECT id FROM scorecards WHERE key = ? AND version = ?)")
        arguments += [key, version]
      } else {
        parts.append("e.scorecard_id IN (SELECT id FROM scorecards WHERE key = ?)")
        arguments.append(key)
      }
    }
    return (parts.joined(separator: " AND "), StatementArguments(arguments))
  }
}
