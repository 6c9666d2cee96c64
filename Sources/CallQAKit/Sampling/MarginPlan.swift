/// How an agent's mean stands against a target margin (`callqa sample --margin 3`, `coverage
/// --margin 3`): the spread it is judged by, how many evaluations a ±margin interval needs, and
/// how many of those the period still lacks.
public struct MarginNeed: Hashable, Sendable, Encodable {
  public var agent: String
  @NullEncoded public var team: String?
  /// Counted evaluations of the kind in the period.
  public var evaluations: Int
  /// The standard deviation used: the agent's own with at least `k` evaluations, else the
  /// pooled within-agent spread of the team, else of the centre; nil when nobody has two.
  @NullEncoded public var spread: Double?
  /// `agent`, `team` or `centre`; nil without a spread.
  @NullEncoded public var spreadFrom: String?
  /// The half-width of the agent's interval now (own spread, n ≥ 2), nil without one.
  @NullEncoded public var halfWidth: Double?
  /// Evaluations a ±margin interval needs (``Statistics/sampleSize(margin:spread:_:)``).
  @NullEncoded public var required: Int?
  /// required − evaluations, at least 0; nil without a spread.
  @NullEncoded public var stillNeeded: Int?
  /// The interval is already at most ±margin.
  public var enough: Bool

  enum CodingKeys: String, CodingKey {
    case agent, team, evaluations, spread, required, enough
    case spreadFrom = "spread_from", halfWidth = "half_width", stillNeeded = "still_needed"
  }
}

/// The margin's settings as reports print them.
public struct MarginTarget: Hashable, Sendable, Encodable {
  /// ± points at the level.
  public var margin: Double
  public var confidence: ConfidenceLevel
  /// An agent with fewer evaluations than this is judged by the team's spread (k).
  public var minimumOwn: Int

  public init(margin: Double, confidence: ConfidenceLevel = .standard, minimumOwn: Int = 5) throws {
    guard margin.isFinite, margin > 0 else { throw CallQAError(.errMarginMustNumberPoints) }
    guard minimumOwn >= 2 else { throw CallQAError(.errAgentSOwn) }
    self.margin = margin
    self.confidence = confidence
    self.minimumOwn = minimumOwn
  }

  enum CodingKeys: String, CodingKey {
    case margin, confidence
    case minimumOwn = "minimum_own"
  }

  /// The needs of every agent from their summaries (agent code → team, n/Σx/Σx²).
  public func needs(_ agents: [(agent: String, team: String?, summary: MeanSummary)]) -> [String: MarginNeed] {
    func pooled(_ members: [MeanSummary]) -> Double? { MeanSummary.pooled(members)?.variance.squareRoot() }
    let centre = pooled(agents.map(\.summary))
    var teams: [String: Double] = [:]
    for (team, members) in Dictionary(grouping: agents, by: { $0.team ?? "" }) {
      if let spread = pooled(members.map(\.summary)) { teams[team] = spread }
    }
    var result: [String: MarginNeed] = [:]
    for entry in agents {
      let own = entry.summary.n >= minimumOwn ? entry.summary.standardDeviation : nil
      let (spread, from): (Double?, String?) =
        own.map { ($0, "agent") } ?? teams[entry.team ?? ""].map { ($0, "team") } ?? centre.map { ($0, "centre") } ?? (nil, nil)
      let half = entry.summary.interval(confidence).bounds.map { ($0.high - $0.low) / 2 }
      let required = spread.flatMap { Statistics.sampleSize(margin: margin, spread: $0, confidence) }
      let still = required.map { max(0, $0 - entry.summary.n) }
      result[entry.agent] = MarginNeed(
        agent: entry.agent, team: entry.team, evaluations: entry.summary.n, spread: spread, spreadFrom: from, halfWidth: half,
        required: required, stillNeeded: still, enough: half.map { $0 <= margin + 1e-9 } ?? false)
    }
    return result
  }
}

extension ReportPeriod {
  /// The month that owns an ISO week (the one holding its Thursday); a month owns itself.
  var owningMonth: ReportPeriod {
    guard case .week = self, allDays.count == 7, let month = ReportPeriod.parseMonth(String(allDays[3].prefix(7))) else { return self }
    return month
  }

  /// The weeks of the owning month from this week on, this one included (1 for its last week).
  var weeksLeftInMonth: Int {
    guard case .week = self, allDays.count == 7 else { return 1 }
    let thursday = allDays[3]
    return owningMonth.allDays.filter { day in
      guard day >= thursday, let date = ReportPeriod.date(day) else { return false }
      return ReportPeriod.calendar.component(.weekday, from: date) == 5
    }.count
  }
}

/// `callqa sample --margin`: what the margin asks of each agent this week.
public struct SampleMarginPlan: Hashable, Sendable, Encodable {
  public var target: MarginTarget
  /// The month the week belongs to (by its Thursday): the period whose mean the margin is for.
  public var month: String
  /// Weeks of that month from this one on; the evaluations still needed are spread over them.
  public var weeksLeft: Int
  public var agents: [Agent]

  /// One agent: its margin need and the evaluations this week's queue aims at.
  public struct Agent: Hashable, Sendable, Encodable {
    public var need: MarginNeed
    /// max(weekly quota, done this week + ⌈still needed / weeks left⌉) − done this week.
    public var thisWeek: Int

    enum CodingKeys: String, CodingKey { case thisWeek = "this_week" }

    /// The need's fields and `this_week` in one object.
    public func encode(to encoder: any Encoder) throws {
      try need.encode(to: encoder)
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(thisWeek, forKey: .thisWeek)
    }
  }

  enum CodingKeys: String, CodingKey {
    case month, agents
    case target, weeksLeft = "weeks_left"
  }
}
