/// One agent's evaluations in a period against the quota.
public struct AgentCoverage: Hashable, Sendable, Encodable {
  public var agent: String
  public var name: String
  @NullEncoded public var team: String?
  /// Submitted (or disputed) monitoring evaluations whose call is in the period.
  public var monitoring: Int
  /// The same for test calls (拨测).
  public var testCall: Int
  /// Quota for each of monitoring and test calls in the period.
  public var quota: Int
  /// The kinds below the quota (`monitoring`, `test-call`); empty when covered.
  public var below: [String]
  /// With a margin: how each kind's mean stands against it; nil otherwise.
  @NullEncoded public var margin: KindMargins?
}
/// An agent's monitoring and test-call means against a margin.
public struct KindMargins: Hashable, Sendable, Encodable {
  public var monitoring: MarginNeed
  public var testCall: MarginNeed

  enum CodingKeys: String, CodingKey {
    case monitoring
    case testCall = "test_call"
  }
}
/// Totals of one team (agents without a team are grouped under nil).
public struct TeamCoverage: Hashable, Sendable, Encodable {
  @NullEncoded public var team: String?
  public var agents: Int
  public var monitoring: Int
  public var testCall: Int
  /// Σ of the agents' quotas, per kind.
  public var quota: Int
  public var agentsBelow: Int
}
/// Evaluations done versus quota for every active agent in a week or month.
///
/// The quota is weekly (the centre's rule: at least 2 monitored calls and 2 test calls
/// per agent per week). For a month it is the weekly quota times the number of ISO weeks the
/// month owns, a week belonging to the month that holds its Thursday (the ISO rule,
/// ``ReportPeriod/weeksByThursday``), so every week is counted in exactly one month:
/// November 2026 touches weeks 44 to 49 but owns W45–W48 (Thursdays 5, 12, 19 and 26), so the
/// monthly quota at 2 a week is 8. Evaluations still count by their call's local date in the
/// month, including the edge days of weeks owned by the neighbouring months.
public struct CoverageReport: Hashable, Sendable, Encodable {
  public var period: String
  public var weeklyQuota: Int
  public var weeks: Int
  public var agents: [AgentCoverage]
  public var teams: [TeamCoverage]
  /// The margin asked for (`coverage --margin 3`); nil otherwise.
  @NullEncoded public var margin: MarginTarget?
  /// The team the report was narrowed to (shown in the document's scope; not part of the JSON).
  public var team: String?

  /// Agents below the quota in at least one kind.
  public var below: [AgentCoverage] { agents.filter { !$0.below.isEmpty } }
}
extension AgentCoverage {
  enum CodingKeys: String, CodingKey {
    case agent
    case name
    case team
    case monitoring
    case testCall = "test_call"
    case quota
    case below
    case margin
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
extension TeamCoverage {
  enum CodingKeys: String, CodingKey {
    case team
    case agents
    case monitoring
    case testCall = "test_call"
    case quota
    case agentsBelow = "agents_below"
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
extension CoverageReport {
  enum CodingKeys: String, CodingKey {
    case period
    case weeklyQuota = "weekly_quota"
    case weeks
    case agents
    case teams
    case margin
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
