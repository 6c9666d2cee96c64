/// One line of `call list` (a business record, 业务记录): a call of the call log.
public struct CallSummary: Hashable, Sendable, Encodable {
  /// The call id of the telephony system (`calls.external_id`).
  public var call: String
  public var agent: String
  @NullEncoded public var team: String?
  /// ISO-8601 with the offset it was recorded in.
  @NullEncoded public var startedAt: String?
  /// Seconds, as the call log gives it.
  @NullEncoded public var duration: Double?
  @NullEncoded public var direction: String?
  /// The stored recording path (not checked on disk: `call show` does).
  @NullEncoded public var recording: String?
  /// The stored transcript path.
  @NullEncoded public var transcript: String?
  /// Evaluations of the call, of any status and kind.
  public var evaluations: Int
  /// The final score of the call's latest counted evaluation (submitted or disputed,
  /// monitoring or test-call), if any.
  @NullEncoded public var finalScore: Double?
  /// Complaints recorded against the call (valid or not).
  public var complaints: Int

  public init(
    call: String, agent: String, team: String?, startedAt: String?, duration: Double?, direction: String?,
    recording: String?, transcript: String?, evaluations: Int, finalScore: Double?, complaints: Int
  ) {
    self.call = call
    self.agent = agent
    self.team = team
    self.startedAt = startedAt
    self.duration = duration
    self.direction = direction
    self.recording = recording
    self.transcript = transcript
    self.evaluations = evaluations
    self.finalScore = finalScore
    self.complaints = complaints
  }

  enum CodingKeys: String, CodingKey {
    case call, agent, team, direction, recording, transcript, evaluations, complaints
    case startedAt = "started_at", duration = "duration_s", finalScore = "final_score"
  }

  /// Every key written, nulls included.
}

/// The business-record query (业务记录查询): which calls `call list` (or a JSON API) returns,
/// and which page of them.
///
/// Dates compare with the call's local date. Rows come newest call first, ordered by
/// (`calls.started_at`, call id), so that pages never overlap or leave gaps.
public struct CallFilter: Hashable, Sendable {
  public var agent: String?
  /// The agents of this team.
  public var team: String?
  /// First local day, `YYYY-MM-DD` (inclusive).
  public var from: String?
  /// Last local day, `YYYY-MM-DD` (inclusive).
  public var to: String?
  /// A month, `YYYY-MM` (combined with from/to when given).
  public var period: String?
  /// As stored from the telephony system (`inbound`, `outbound`, …).
  public var direction: String?
  /// Seconds, inclusive.
  public var minDuration: Double?
  /// Seconds, inclusive.
  public var maxDuration: Double?
  /// true: calls some evaluation (of any status or kind) refers to; false: calls none does
  /// (the calls `sample` picks from); nil: both.
  public var evaluated: Bool?
  /// Only calls with a recording path.
  public var hasRecording: Bool
  /// Only calls with a transcript path.
  public var hasTranscript: Bool
  /// Only calls with a complaint recorded against them (valid or not).
  public var complaint: Bool
  /// The most rows of the page; nil: every row.
  public var limit: Int?
  /// Rows skipped before the page.
  public var offset: Int

  public init(
    agent: String? = nil, team: String? = nil, from: String? = nil, to: String? = nil, period: String? = nil,
    direction: String? = nil, minDuration: Double? = nil, maxDuration: Double? = nil, evaluated: Bool? = nil,
    hasRecording: Bool = false, hasTranscript: Bool = false, complaint: Bool = false, limit: Int? = nil,
    offset: Int = 0
  ) {
    self.agent = agent
    self.team = team
    self.from = from
    self.to = to
    self.period = period
    self.direction = direction
    self.minDuration = minDuration
    self.maxDuration = maxDuration
    self.evaluated = evaluated
    self.hasRecording = hasRecording
    self.hasTranscript = hasTranscript
    self.complaint = complaint
    self.limit = limit
    self.offset = offset
  }

  /// The names this filter narrows by, checked by the one rule for filters.
  var names: FilterNames { FilterNames(team: team, agent: agent, direction: direction) }

  /// Checks dates, durations and paging; throws a one-line error naming the bad value.
  public func validate() throws {
    try ReportFilter.validateDates(from: from, to: to, period: period)
    for (name, value) in [("minimum duration", minDuration), ("maximum duration", maxDuration)] {
      if let value, !(value.isFinite && value >= 0) {
        throw CallQAError(.errMustNumberSeconds, name, ScoreFormat.plain(value))
      }
    }
    if let minDuration, let maxDuration, minDuration > maxDuration {
      throw CallQAError(.errMinimumDurationS, ScoreFormat.plain(minDuration), ScoreFormat.plain(maxDuration))
    }
    try Page<CallSummary>.validate(limit: limit, offset: offset)
  }

  /// The filters in words, for list headers (`team 一组 · from 2026-11-01 · unevaluated`).
  public var description: String {
    var parts = ScopeParts.leading(period: period, from: from, to: to, team: team, agent: agent)
    if let direction { parts.append(direction) }
    if let minDuration { parts.append("≥ \(ScoreFormat.plain(minDuration)) s") }
    if let maxDuration { parts.append("≤ \(ScoreFormat.plain(maxDuration)) s") }
    if let evaluated { parts.append(evaluated ? "evaluated" : "unevaluated") }
    if hasRecording { parts.append("with recording") }
    if hasTranscript { parts.append("with transcript") }
    if complaint { parts.append("with complaint") }
    return parts.isEmpty ? "all calls" : parts.joined(separator: " · ")
  }
}
