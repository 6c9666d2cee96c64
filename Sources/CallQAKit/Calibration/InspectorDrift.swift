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

    public init(period: String, inspector: String, team: String?, finalScore: Double, passed: Bool, disputed: Bool = false) {
      self.period = period
      self.inspector = inspector
      self.team = team
      self.finalScore = finalScore
      self.passed = passed
      self.disputed = disputed
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
    enum CodingKeys: String, CodingKey {
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

  public var rows: [Row]

  /// Builds the rows, by period then inspector.
  public static func build(_ observations: [Observation]) -> InspectorDrift {
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
        rows.append(row)
      }
    }
    return InspectorDrift(rows: rows)
  }

  static func summary(_ observations: [Observation]) -> (mean: Double, failRate: Double) {
    let count = Double(observations.count)
    let mean = observations.map(\.finalScore).reduce(0, +) / count
    let failed = Double(observations.filter { !$0.passed }.count)
    return (mean, failed / count)
  }
}
