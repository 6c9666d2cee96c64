/// Inspector drift outside calibration: each inspector's monitoring scores against the other
/// inspectors' scores of the same teams in the same period (month of the call's local date).
///
/// An inspector far below the peers is harsh, far above lenient; a fail rate far from the peers'
/// points the same way. Peers are the other inspectors' evaluations of agents in the teams this
/// inspector evaluated in that period.
public struct InspectorDrift: Hashable, Sendable, Encodable {
  /// One evaluation as the report sees it.
  public struct Observation: Hashable, Sendable {
    public var period: String
    public var inspector: String
    /// The agent's team; nil for agents without one (they form their own group).
    public var team: String?
    public var finalScore: Double
    public var passed: Bool
    /// Under dispute: still counted until resolved, and flagged.
    public var disputed: Bool
    /// The scorecard key: the effect compares inspectors on the same scorecard.
    public var scorecard: String

    public init(
      period: String, inspector: String, team: String?, finalScore: Double, passed: Bool, disputed: Bool = false,
      scorecard: String = ""
    ) {
      self.period = period
      self.inspector = inspector
      self.team = team
      self.finalScore = finalScore
      self.passed = passed
      self.disputed = disputed
      self.scorecard = scorecard
    }
  }

  /// One inspector in one period.
  public struct Row: Hashable, Sendable, Encodable {
    public var period: String
    public var inspector: String
    public var teams: [String]
    public var evaluations: Int
    public var meanFinal: Double
    /// Share of failed evaluations, 0…1.
    public var failRate: Double
    /// Of `evaluations`, how many are under dispute.
    public var disputed: Int
    public var peerInspectors: Int
    public var peerEvaluations: Int
    /// Nil when nobody else scored these teams in the period.
    @NullEncoded public var peerMeanFinal: Double?
    @NullEncoded public var peerFailRate: Double?
    /// meanFinal − peerMeanFinal: negative harsh, positive lenient.
    @NullEncoded public var finalDelta: Double?
    /// failRate − peerFailRate.
    @NullEncoded public var failRateDelta: Double?
    /// The inspector's mean deviation from the other inspectors on the same scorecard in the
    /// period: Σ over scorecards of (own mean − the others' mean) weighted by the inspector's
    /// evaluations there; nil when nobody else used those scorecards.
    @NullEncoded public var effect: Double?
    /// Its Welch t-interval (the two groups' means as independent, per scorecard).
    @NullEncoded public var effectCI: IntervalEstimate?
    /// `harsh` or `lenient` only when the whole interval is below or above 0; nil within noise.
    @NullEncoded public var drift: String?
    /// Calibration sessions with an expert this inspector scored, of calls in the period.
    public var expertSessions = 0
    /// Mean alignment with the expert in those sessions, in percent (see ``CalibrationComparison/Inspector/alignment``).
    @NullEncoded public var expertAlignment: Double? = nil
    /// The alignment is below the threshold (default 90 %).
    public var belowAlignment = false
    enum CodingKeys: String, CodingKey {
      case effect, drift
      case expertSessions = "expert_sessions"
      case expertAlignment = "expert_alignment"
      case belowAlignment = "below_alignment"
      case effectCI = "effect_ci"
      case period, inspector, teams, evaluations
      case disputed
      case meanFinal = "mean_final"
      case failRate = "fail_rate"
      case peerInspectors = "peer_inspectors"
      case peerEvaluations = "peer_evaluations"
      case peerMeanFinal = "peer_mean_final"
      case peerFailRate = "peer_fail_rate"
      case finalDelta = "final_delta"
      case failRateDelta = "fail_rate_delta"
    }
  }

  /// The label of agents without a team.
  public static let noTeam = "(no team)"

  public var confidence: ConfidenceLevel
  public var rows: [Row]

  enum CodingKeys: String, CodingKey { case confidence, rows }

  /// Builds the rows, by period then inspector.
  public static func build(_ observations: [Observation], confidence: ConfidenceLevel = .standard) -> InspectorDrift {
    var rows: [Row] = []
    let periods = Dictionary(grouping: observations, by: \.period)
    for period in periods.keys.sorted() {
      let inPeriod = periods[period] ?? []
      let byInspector = Dictionary(grouping: inPeriod, by: \.inspector)
      for inspector in byInspector.keys.sorted() {
        let mine = byInspector[inspector] ?? []
        let teams = Set(mine.map { $0.team ?? noTeam })
        let peers = inPeriod.filter { $0.inspector != inspector && teams.contains($0.team ?? noTeam) }
        let (mean, failRate) = summary(mine)
        var row = Row(
          period: period, inspector: inspector, teams: teams.sorted(), evaluations: mine.count, meanFinal: mean,
          failRate: failRate, disputed: mine.filter(\.disputed).count, peerInspectors: Set(peers.map(\.inspector)).count, peerEvaluations: peers.count)
        if !peers.isEmpty {
          let (peerMean, peerFail) = summary(peers)
          row.peerMeanFinal = peerMean
          row.peerFailRate = peerFail
          row.finalDelta = mean - peerMean
          row.failRateDelta = failRate - peerFail
        }
        effect(of: mine, among: inPeriod, confidence, into: &row)
        rows.append(row)
      }
    }
    return InspectorDrift(confidence: confidence, rows: rows)
  }

  /// The effect on the same scorecards: terms (wₛ, own mean on s) and (−wₛ, others' mean on s),
  /// wₛ = own evaluations on s / own evaluations on scorecards others used too.
  static func effect(of mine: [Observation], among all: [Observation], _ level: ConfidenceLevel, into row: inout Row) {
    let inspector = mine.first?.inspector
    var pairs: [(own: MeanSummary, others: MeanSummary)] = []
    for (scorecard, own) in Dictionary(grouping: mine, by: \.scorecard).sorted(by: { $0.key < $1.key }) {
      let others = all.filter { $0.scorecard == scorecard && $0.inspector != inspector }
      guard !others.isEmpty else { continue }
      pairs.append((MeanSummary(own.map(\.finalScore)), MeanSummary(others.map(\.finalScore))))
    }
    let total = Double(pairs.reduce(0) { $0 + $1.own.n })
    guard total > 0 else { return }
    var terms: [(coefficient: Double, summary: MeanSummary)] = []
    var effect = 0.0
    for pair in pairs {
      let weight = Double(pair.own.n) / total
      terms += [(weight, pair.own), (-weight, pair.others)]
      effect += weight * ((pair.own.mean ?? 0) - (pair.others.mean ?? 0))
    }
    row.effect = effect
    let interval = Statistics.combination(terms, level)
    row.effectCI = interval
    if let (low, high) = interval.bounds {
      row.drift = high < 0 ? "harsh" : low > 0 ? "lenient" : nil
    }
  }

  static func summary(_ observations: [Observation]) -> (mean: Double, failRate: Double) {
    let count = Double(observations.count)
    let mean = observations.map(\.finalScore).reduce(0, +) / count
    let failed = Double(observations.filter { !$0.passed }.count)
    return (mean, failed / count)
  }
}
