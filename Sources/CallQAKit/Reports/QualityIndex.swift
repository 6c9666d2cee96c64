/// Settings of the service-quality index (SPEC §3.5) — the one type, used by the `quality`
/// report, the agents report, the performance sheet and coaching.
public struct QualitySettings: Hashable, Sendable, Encodable {
  /// Points taken off per valid complaint (k).
  public var complaintCoefficient: Double
  /// Weight of the monitoring mean M; the test-call mean T gets 1 − this.
  public var monitoringWeight: Double

  public init(complaintCoefficient: Double = 2, monitoringWeight: Double = 0.5) {
    self.complaintCoefficient = complaintCoefficient
    self.monitoringWeight = monitoringWeight
  }

  public var testCallWeight: Double { 1 - monitoringWeight }

  /// The centre's formula: (M + T) / 2 − C × 2.
  public static let standard = QualitySettings()

  enum CodingKeys: String, CodingKey {
    case monitoring, testCall = "test_call", complaintCoefficient = "complaint_coefficient"
  }

  /// `{monitoring, test_call, complaint_coefficient}`: the weights of M and T and k.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(monitoringWeight, forKey: .monitoring)
    try container.encode(testCallWeight, forKey: .testCall)
    try container.encode(complaintCoefficient, forKey: .complaintCoefficient)
  }

  func validate() throws {
    guard complaintCoefficient.isFinite, complaintCoefficient >= 0 else {
      throw CallQAError(.errComplaintCoefficientMustNumber)
    }
    guard monitoringWeight.isFinite, (0...1).contains(monitoringWeight) else {
      throw CallQAError(.errMonitoringWeightMustBetween)
    }
  }

  /// base and partial flag from the two means: both present → weighted; one → that one, partial.
  public func base(monitoring: Double?, testCall: Double?) -> (base: Double, partial: Bool)? {
    switch (monitoring, testCall) {
    case let (m?, t?): return (monitoringWeight * m + testCallWeight * t, false)
    case let (m?, nil): return (m, true)
    case let (nil, t?): return (t, true)
    case (nil, nil): return nil
    }
  }

  /// index = max(0, base − complaints · k).
  public func index(base: Double, complaints: Int) -> Double {
    max(0, base - Double(complaints) * complaintCoefficient)
  }

  /// The index as a combination of means: w·M + (1 − w)·T, or the one mean that is there.
  func indexTerms(monitoring: MeanSummary?, testCall: MeanSummary?) -> [(coefficient: Double, summary: MeanSummary)] {
    let m = monitoring.flatMap { $0.n > 0 ? $0 : nil }, t = testCall.flatMap { $0.n > 0 ? $0 : nil }
    switch (m, t) {
    case let (m?, t?): return [(monitoringWeight, m), (testCallWeight, t)]
    case let (m?, nil): return [(1, m)]
    case let (nil, t?): return [(1, t)]
    case (nil, nil): return []
    }
  }

  /// The index's interval: the Welch t-interval of w·M + (1 − w)·T, less the complaint deduction
  /// C·k as a known constant, kept inside 0…100; no interval when M or T rests on one evaluation.
  public func indexInterval(monitoring: MeanSummary?, testCall: MeanSummary?, complaints: Int, _ level: ConfidenceLevel) -> IntervalEstimate? {
    let terms = indexTerms(monitoring: monitoring, testCall: testCall)
    guard !terms.isEmpty else { return nil }
    return Statistics.combination(terms, level, shift: -Double(complaints) * complaintCoefficient).clamped(to: 0...100)
  }
}
/// One row of the quality-index report: an agent, or the mean over a team or the centre.
///
/// JSON fields are exactly `agent`, `team`, `monitoring`, `test_call`, `monitoring_count`,
/// `test_call_count`, `complaints`, `base`, `index`, `partial`, and the intervals
/// `monitoring_ci`, `test_call_ci`, `index_ci` (`{n, ci_low, ci_high}`; nulls written out).
public struct QualityRow: Codable, Hashable, Sendable {
  /// Agent code; nil on team and centre rows.
  @NullEncoded public var agent: String?
  /// Team; nil on the centre row (and for agents without a team).
  @NullEncoded public var team: String?
  /// M: mean final score of monitoring evaluations.
  @NullEncoded public var monitoring: Double?
  /// T: mean final score of test-call evaluations.
  @NullEncoded public var testCall: Double?
  public var monitoringCount: Int
  public var testCallCount: Int
  /// C: valid complaints dated in the period.
  public var complaints: Int
  @NullEncoded public var base: Double?
  @NullEncoded public var index: Double?
  /// Only one of M and T was available (for team and centre rows: any member was partial).
  public var partial: Bool
  /// The intervals of M, T and the index (see ``QualitySettings/indexInterval(monitoring:testCall:complaints:_:)``).
  @NullEncoded public var monitoringCI: IntervalEstimate?
  @NullEncoded public var testCallCI: IntervalEstimate?
  @NullEncoded public var indexCI: IntervalEstimate?
  /// The agent's name (table output only, not part of the JSON contract).
  public var name: String = ""
  /// n, Σx, Σx² behind M and T (agent rows; team rows combine them).
  var monitoringSummary: MeanSummary?
  var testCallSummary: MeanSummary?

  enum CodingKeys: String, CodingKey {
    case agent, team, monitoring, complaints, base, index, partial
    case testCall = "test_call", monitoringCount = "monitoring_count", testCallCount = "test_call_count"
    case monitoringCI = "monitoring_ci", testCallCI = "test_call_ci", indexCI = "index_ci"
  }

  public init(
    agent: String?, team: String?, monitoring: Double?, testCall: Double?, monitoringCount: Int, testCallCount: Int,
    complaints: Int, base: Double?, index: Double?, partial: Bool, name: String = ""
  ) {
    self.agent = agent
    self.team = team
    self.monitoring = monitoring
    self.testCall = testCall
    self.monitoringCount = monitoringCount
    self.testCallCount = testCallCount
    self.complaints = complaints
    self.base = base
    self.index = index
    self.partial = partial
    self.name = name
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    agent = try c.decodeIfPresent(String.self, forKey: .agent)
    team = try c.decodeIfPresent(String.self, forKey: .team)
    monitoring = try c.decodeIfPresent(Double.self, forKey: .monitoring)
    testCall = try c.decodeIfPresent(Double.self, forKey: .testCall)
    monitoringCount = try c.decode(Int.self, forKey: .monitoringCount)
    testCallCount = try c.decode(Int.self, forKey: .testCallCount)
    complaints = try c.decode(Int.self, forKey: .complaints)
    base = try c.decodeIfPresent(Double.self, forKey: .base)
    index = try c.decodeIfPresent(Double.self, forKey: .index)
    partial = try c.decode(Bool.self, forKey: .partial)
    monitoringCI = try c.decodeIfPresent(IntervalEstimate.self, forKey: .monitoringCI)
    testCallCI = try c.decodeIfPresent(IntervalEstimate.self, forKey: .testCallCI)
    indexCI = try c.decodeIfPresent(IntervalEstimate.self, forKey: .indexCI)
  }
}
/// An agent with no monitoring or test-call evaluation in the period: no index can be given.
public struct CoverageGap: Codable, Hashable, Sendable {
  public var agent: String
  public var name: String
  public var team: String?
  public var complaints: Int
}
/// The service-quality index for one month (SPEC §3.5).
public struct QualityReport: Codable, Hashable, Sendable {
  public var period: String
  /// The level of every interval.
  public var confidence: ConfidenceLevel
  public var complaintCoefficient: Double
  public var monitoringWeight: Double
  public var testCallWeight: Double
  /// One row per agent with an index, by team then agent code.
  public var agents: [QualityRow]
  /// Per team: means of the members' M, T, base and index; summed counts and complaints.
  public var teams: [QualityRow]
  /// The same over every agent of the centre (whatever the team filter).
  @NullEncoded public var centre: QualityRow?
  public var coverageGaps: [CoverageGap]

  enum CodingKeys: String, CodingKey {
    case period, agents, teams, centre, confidence
    case complaintCoefficient = "complaint_coefficient", monitoringWeight = "monitoring_weight"
    case testCallWeight = "test_call_weight", coverageGaps = "coverage_gaps"
  }
}
extension QADatabase {
  /// The service-quality index of every agent for `period` (`YYYY-MM`), optionally one team.
  public func quality(
    period: String, team: String? = nil, settings: QualitySettings = QualitySettings(), confidence: ConfidenceLevel = .standard
  ) throws -> QualityReport {
    try settings.validate()
    let filter = ReportFilter(period: period)
    try filter.validate()
    return try readSQL { session in
      try ReportFilter(team: team).checkNames(session)
      let all = try QualityComputation.agentRows(
        session, filter: filter, settings: settings, confidence: confidence, grain: summaryGrain(.perAgent, filter))
      let inTeam = { (row: QualityRow) in team == nil || row.team == team }
      let rows = all.rows.filter(inTeam)
      let teamNames = Array(Set(rows.compactMap(\.team))).sorted()
      return QualityReport(
        period: period, confidence: confidence, complaintCoefficient: settings.complaintCoefficient,
        monitoringWeight: settings.monitoringWeight, testCallWeight: settings.testCallWeight,
        agents: rows,
        teams: teamNames.map { name in
          QualityComputation.mean(of: all.rows.filter { $0.team == name }, team: name, settings: settings, confidence: confidence)
        },
        centre: all.rows.isEmpty ? nil : QualityComputation.mean(of: all.rows, team: nil, settings: settings, confidence: confidence),
        coverageGaps: all.gaps.filter { team == nil || $0.team == team })
    }
  }
}
