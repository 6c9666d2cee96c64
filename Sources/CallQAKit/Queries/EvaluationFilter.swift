/// One line of `evaluation list` (a scoring record, 评分记录).
public struct EvaluationSummary: Hashable, Sendable, Encodable {
  /// How one item came out in an evaluation, when the list is narrowed to that item.
  public struct ItemOutcome: Hashable, Sendable, Encodable {
    public var key: String
    public var section: String
    /// nil when the item was N/A.
    @NullEncoded public var earned: Double?
    public var points: Double
    public var na: Bool
    /// Points of the final score lost on it (SPEC §3.4).
    @NullEncoded public var impact: Double?
    enum CodingKeys: String, CodingKey { case key, section, earned, points, na, impact }
  }

  public var id: Int64
  /// `KEY@VERSION`.
  public var scorecard: String
  public var agent: String
  public var team: String?
  public var inspector: String
  public var call: String
  public var callStartedAt: String?
  public var kind: EvaluationKind
  public var status: EvaluationStatus
  public var rawScore: Double?
  public var finalScore: Double?
  public var passed: Bool?
  public var criticalFailed: Bool?
  /// The grade band's English label.
  public var band: String?
  /// The inspector's overall comment (评语), if any.
  public var comment: String?
  /// The item the list is narrowed to (``EvaluationFilter/item``); nil otherwise.
  public var item: ItemOutcome?

  public init(
    id: Int64, scorecard: String, agent: String, team: String? = nil, inspector: String, call: String,
    callStartedAt: String?, kind: EvaluationKind, status: EvaluationStatus, rawScore: Double? = nil,
    finalScore: Double?, passed: Bool?, criticalFailed: Bool?, band: String? = nil, comment: String? = nil,
    item: ItemOutcome? = nil
  ) {
    self.id = id
    self.scorecard = scorecard
    self.agent = agent
    self.team = team
    self.inspector = inspector
    self.call = call
    self.callStartedAt = callStartedAt
    self.kind = kind
    self.status = status
    self.rawScore = rawScore
    self.finalScore = finalScore
    self.passed = passed
    self.criticalFailed = criticalFailed
    self.band = band
    self.comment = comment
    self.item = item
  }

  enum CodingKeys: String, CodingKey {
    case id, scorecard, agent, team, inspector, call, kind, status, passed, band, comment, item
    case callStartedAt = "call_started_at"
    case rawScore = "raw_score"
    case finalScore = "final_score"
    case criticalFailed = "critical_failed"
  }

  /// Every key written, nulls included; `item` only when the list is narrowed to an item.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(scorecard, forKey: .scorecard)
    try c.encode(agent, forKey: .agent)
    try c.encode(team, forKey: .team)
    try c.encode(inspector, forKey: .inspector)
    try c.encode(call, forKey: .call)
    try c.encode(callStartedAt, forKey: .callStartedAt)
    try c.encode(kind, forKey: .kind)
    try c.encode(status, forKey: .status)
    try c.encode(rawScore, forKey: .rawScore)
    try c.encode(finalScore, forKey: .finalScore)
    try c.encode(passed, forKey: .passed)
    try c.encode(criticalFailed, forKey: .criticalFailed)
    try c.encode(band, forKey: .band)
    try c.encode(comment, forKey: .comment)
    try c.encodeIfPresent(item, forKey: .item)
  }
}

/// The scoring-record query (评分记录查询): which evaluations `evaluation list` (or a JSON API)
/// returns, and which page of them.
///
/// Dates compare with the call's local date. Rows come newest call first, ordered by
/// (`calls.started_at`, call id, evaluation id), so that pages never overlap or leave gaps.
public struct EvaluationFilter: Hashable, Sendable {
  public var agent: String?
  /// Scorecard `KEY` (every version) or `KEY@VERSION`.
  public var scorecard: String?
  /// First local day of the call, `YYYY-MM-DD` (inclusive).
  public var from: String?
  /// Last local day of the call, `YYYY-MM-DD` (inclusive).
  public var to: String?
  public var status: EvaluationStatus?
  public var kind: EvaluationKind?
  /// The most rows of the page; nil: every row.
  public var limit: Int?
  /// A month of calls, `YYYY-MM` (combined with from/to when given).
  public var period: String?
  /// The agents of this team.
  public var team: String?
  /// Scored by this inspector.
  public var inspector: String?
  /// Final score at least this (0–100; with the scoring math's 1e-9 tolerance).
  public var minScore: Double?
  /// Final score at most this (0–100).
  public var maxScore: Double?
  /// A grade band, by its label in any language (stored as the English label).
  public var band: String?
  /// true: passed only; false: failed only; nil: both.
  public var passed: Bool?
  /// Only evaluations where a critical item failed (one that zeroes its section or the whole
  /// evaluation).
  public var critical: Bool
  /// Only counted evaluations in which this item applied (was not N/A), like the weak-areas
  /// report's `applied` column.
  public var item: String?
  /// With `item`: only those that lost points on it (earned < points), the weak-areas
  /// report's failed evaluations of the item.
  public var lost: Bool
  /// Only evaluations the reports count: submitted or disputed, monitoring or test-call.
  /// Always on with `item`.
  public var counted: Bool
  /// Only evaluations shown to their agent by this UTC time (submitted, not calibration, released):
  /// what an agent's own list holds (``QADatabase/readable(_:for:)``).
  public var releasedBy: String? = nil
  /// Rows skipped before the page.
  public var offset: Int

  public init(
    agent: String? = nil, scorecard: String? = nil, from: String? = nil, to: String? = nil,
    status: EvaluationStatus? = nil, kind: EvaluationKind? = nil, limit: Int? = nil, period: String? = nil,
    team: String? = nil, inspector: String? = nil, minScore: Double? = nil, maxScore: Double? = nil,
    band: String? = nil, passed: Bool? = nil, critical: Bool = false, item: String? = nil, lost: Bool = false,
    counted: Bool = false, offset: Int = 0
  ) {
    self.agent = agent
    self.scorecard = scorecard
    self.from = from
    self.to = to
    self.status = status
    self.kind = kind
    self.limit = limit
    self.period = period
    self.team = team
    self.inspector = inspector
    self.minScore = minScore
    self.maxScore = maxScore
    self.band = band
    self.passed = passed
    self.critical = critical
    self.item = item
    self.lost = lost
    self.counted = counted
    self.offset = offset
  }

  /// True when only counted evaluations are listed (asked for, or implied by `item`).
  public var countedOnly: Bool { counted || item != nil }

  /// The names this filter narrows by, checked by the one rule for filters.
  var names: FilterNames {
    FilterNames(team: team, agent: agent, inspector: inspector, scorecard: scorecard, band: band, item: item)
  }

  /// Checks dates, score bounds, paging and the item rules; throws a one-line error naming
  /// the bad value (names are checked against the database by ``FilterNames``).
  public func validate() throws {
    try ReportFilter.validateDates(from: from, to: to, period: period)
    for (name, value) in [("minimum score", minScore), ("maximum score", maxScore)] {
      if let value, !(value.isFinite && (0...100).contains(value)) {
        throw CallQAError(.errMustBetween, name, ScoreFormat.plain(value))
      }
    }
    if let minScore, let maxScore, minScore > maxScore {
      throw CallQAError(.errMinimumScoreAbove, ScoreFormat.plain(minScore), ScoreFormat.plain(maxScore))
    }
    if lost, item == nil { throw CallQAError(.errLostPointsAre) }
    if countedOnly {
      if let status, ![.submitted, .disputed].contains(status) {
        throw CallQAError(.errEvaluationsNeverCount, status.rawValue)
      }
      if kind == .calibration {
        throw CallQAError(.errCalibrationEvaluationsNever)
      }
    }
    try Page<EvaluationSummary>.validate(limit: limit, offset: offset)
  }

  /// The filters in words, for list headers (`agent A1 · period 2026-11 · item greet lost`).
  public var description: String {
    var parts = ScopeParts.leading(period: period, from: from, to: to, team: team, agent: agent)
    if let inspector { parts.append("inspector \(inspector)") }
    if let scorecard { parts.append("scorecard \(scorecard)") }
    if let kind { parts.append(kind.rawValue) }
    if let status { parts.append(status.rawValue) }
    if countedOnly { parts.append("counted") }
    if let minScore { parts.append("final ≥ \(ScoreFormat.plain(minScore))") }
    if let maxScore { parts.append("final ≤ \(ScoreFormat.plain(maxScore))") }
    if let band { parts.append("band \(band)") }
    if let passed { parts.append(passed ? "passed" : "failed") }
    if critical { parts.append("critical failure") }
    if let item { parts.append(lost ? "lost points on \(item)" : "item \(item) applied") }
    return parts.isEmpty ? "all evaluations" : parts.joined(separator: " · ")
  }
}
