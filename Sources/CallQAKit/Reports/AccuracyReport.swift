/// `report accuracy`: COPC error-group accuracy — the share of evaluations in which each error
/// group (customer, business, compliance) was accurate — per agent, team and the centre, next
/// to the mean final score.
///
/// An evaluation counts for a group when its scorecard version tags items with that group. The
/// group is accurate when none of those items lost points (`accuracy: no-lost-points`, the
/// default) or, with `accuracy: no-critical-failure`, when none of its critical items failed.
public struct AccuracyReport: Hashable, Sendable, Encodable {
  /// Accuracy of one group in one row.
  public struct Rate: Hashable, Sendable, Encodable {
    /// Evaluations that count for the group.
    public var evaluations: Int
    public var accurate: Int
    /// accurate ÷ evaluations, in percentage points; nil without evaluations.
    @NullEncoded public var rate: Double?
    /// The rate's Wilson interval, in percentage points.
    public var rateCI: IntervalEstimate = .none(n: 0)
    enum CodingKeys: String, CodingKey {
      case evaluations, accurate, rate
      case rateCI = "rate_ci"
    }
  }

  public struct Row: Hashable, Sendable, Encodable {
    /// `centre`, `team` or `agent`.
    public var level: String
    /// The team name or agent code; nil for the centre (and for agents without a team at team level).
    @NullEncoded public var key: String?
    @NullEncoded public var name: String?
    @NullEncoded public var team: String?
    public var evaluations: Int
    @NullEncoded public var meanFinal: Double?
    public var customer: Rate
    public var business: Rate
    public var compliance: Rate
    enum CodingKeys: String, CodingKey {
      case level, key, name, team, evaluations, customer, business, compliance
      case meanFinal = "mean_final"
    }
  }

  public var scope: String
  /// The level of the intervals, e.g. 0.95.
  public var confidence: Double
  public var centre: Row
  public var teams: [Row]
  public var agents: [Row]

  /// One counted evaluation as the store reads it.
  struct Evaluation: Sendable {
    var scorecard: Scorecard
    var agent: String
    var name: String
    var team: String?
    var finalScore: Double
    /// Items that lost points.
    var lost: Set<String> = []
    /// Critical items answered "no".
    var criticalFailed: Set<String> = []

    /// Whether the group was accurate, nil when the scorecard has no item of the group.
    func accurate(_ group: ErrorGroup) -> Bool? {
      let items = scorecard.allItems.map(\.item).filter { $0.group == group }
      guard !items.isEmpty else { return nil }
      let errors = (scorecard.accuracy ?? .noLostPoints) == .noLostPoints ? lost : criticalFailed
      return !items.contains { errors.contains($0.key) }
    }
  }

  static func row(
    level: String, key: String?, name: String?, team: String?, _ evaluations: [Evaluation], confidence: ConfidenceLevel
  ) -> Row {
    func rate(_ group: ErrorGroup) -> Rate {
      let verdicts = evaluations.compactMap { $0.accurate(group) }
      let accurate = verdicts.filter { $0 }.count
      return Rate(
        evaluations: verdicts.count, accurate: accurate, rate: verdicts.isEmpty ? nil : 100 * Double(accurate) / Double(verdicts.count),
        rateCI: Statistics.wilson(successes: Double(accurate), n: verdicts.count, confidence).map { $0 * 100 })
    }
    let mean = evaluations.isEmpty ? nil : evaluations.reduce(0) { $0 + $1.finalScore } / Double(evaluations.count)
    return Row(
      level: level, key: key, name: name, team: team, evaluations: evaluations.count, meanFinal: mean, customer: rate(.customer),
      business: rate(.business), compliance: rate(.compliance))
  }

  /// `centre`: the whole centre's evaluations when the report is narrowed to a team or an agent.
  static func make(
    scope: String, _ evaluations: [Evaluation], centre: [Evaluation]? = nil, confidence: ConfidenceLevel = .standard
  ) -> AccuracyReport {
    let teams = Dictionary(grouping: evaluations, by: \.team).sorted { ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}") }
      .map { row(level: "team", key: $0.key, name: nil, team: $0.key, $0.value, confidence: confidence) }
    let agents = Dictionary(grouping: evaluations, by: \.agent).sorted { $0.key < $1.key }
      .map { row(level: "agent", key: $0.key, name: $0.value.first?.name, team: $0.value.first?.team, $0.value, confidence: confidence) }
    return AccuracyReport(
      scope: scope, confidence: confidence.value,
      centre: row(level: "centre", key: nil, name: nil, team: nil, centre ?? evaluations, confidence: confidence), teams: teams,
      agents: agents)
  }
}

extension QADatabase {
  /// The error-group accuracy report over the counted evaluations of `filter`.
  public func accuracy(_ filter: ReportFilter, confidence: ConfidenceLevel = .standard) throws -> AccuracyReport {
    try filter.validate()
    return try readSQL { db in
      try filter.checkNames(db)
      let catalog = try ReportCatalog(db, language: "en")
      // Narrowed to a team or an agent, the centre row is still the whole centre's.
      let centre = filter.isNarrowed ? try AccuracyAggregate.fetch(db, filter.centre, catalog: catalog) : nil
      return AccuracyReport.make(
        scope: filter.description, try AccuracyAggregate.fetch(db, filter, catalog: catalog), centre: centre, confidence: confidence)
    }
  }
}
