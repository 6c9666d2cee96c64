/// `report root-causes`: why points were lost, from the root causes inspectors gave per item
/// (scorecards with `causes:`). A Pareto by cause, the item × cause table and the causes per team.
///
/// mentions = item scores naming the cause; an item score naming k causes gives each 1/k of its
/// impact (SPEC §3.4), so the points lost of all causes add up to the points lost by items
/// with a cause. Coverage = item scores that lost points with a cause ÷ all that lost points,
/// on scorecard versions that list causes.
public struct RootCausesReport: Hashable, Sendable, Encodable {
  public struct CauseRow: Hashable, Sendable, Encodable {
    public var rank: Int
    public var cause: String
    public var label: String
    public var mentions: Int
    /// Score points lost per evaluation in scope, attributed to this cause.
    public var meanLost: Double
    public var share: Double
    public var cumulativeShare: Double
    enum CodingKeys: String, CodingKey {
      case rank, cause, label, mentions, share
      case meanLost = "mean_lost"
      case cumulativeShare = "cumulative_share"
    }
  }

  public struct ItemRow: Hashable, Sendable, Encodable {
    public var scorecard: String
    public var item: String
    public var title: String
    public var cause: String
    public var mentions: Int
    /// Share of the item's cause mentions.
    public var share: Double
  }

  public struct TeamRow: Hashable, Sendable, Encodable {
    @NullEncoded public var team: String?
    public var cause: String
    public var mentions: Int
    /// Share of the team's cause mentions.
    public var share: Double
  }

  public var scope: String
  public var evaluations: Int
  /// Item scores that lost points on scorecard versions with causes.
  public var lostItems: Int
  /// Of those, the ones with at least one cause.
  public var withCause: Int
  public var causes: [CauseRow]
  public var items: [ItemRow]
  public var teams: [TeamRow]

  enum CodingKeys: String, CodingKey {
    case scope, evaluations, causes, items, teams
    case lostItems = "lost_items"
    case withCause = "with_cause"
  }

  /// Item scores naming a cause, as read from the store: one per (item score, cause).
  struct Mention: Hashable, Sendable {
    var scorecard: String
    var item: String
    var team: String?
    var cause: String
    /// The item score's impact ÷ the number of causes it names.
    var impact: Double
  }

  static func make(
    scope: String, evaluations: Int, lostItems: Int, withCause: Int, mentions: [Mention],
    label: (String) -> String, title: (String, String) -> String, position: (String, String) -> Int
  ) -> RootCausesReport {
    var byCause: [String: (count: Int, impact: Double)] = [:]
    var byItem: [String: [String: Int]] = [:]
    var byTeam: [String?: [String: Int]] = [:]
    for mention in mentions {
      byCause[mention.cause, default: (0, 0)].count += 1
      byCause[mention.cause, default: (0, 0)].impact += mention.impact
      byItem[mention.scorecard + "\u{1F}" + mention.item, default: [:]][mention.cause, default: 0] += 1
      byTeam[mention.team, default: [:]][mention.cause, default: 0] += 1
    }
    let total = Double(max(mentions.count, 1))
    let n = Double(max(evaluations, 1))
    var cumulative = 0.0
    let causes = byCause.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
      .enumerated().map { index, entry in
        let share = 100 * Double(entry.value.count) / total
        cumulative += share
        return CauseRow(
          rank: index + 1, cause: entry.key, label: label(entry.key), mentions: entry.value.count, meanLost: entry.value.impact / n,
          share: share, cumulativeShare: cumulative)
      }
    var items: [ItemRow] = []
    for (key, counts) in byItem {
      let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
      let sum = Double(counts.values.reduce(0, +))
      for (cause, count) in counts {
        items.append(
          ItemRow(
            scorecard: parts[0], item: parts[1], title: title(parts[0], parts[1]), cause: cause, mentions: count,
            share: 100 * Double(count) / sum))
      }
    }
    items.sort { lhs, rhs in
      if lhs.mentions != rhs.mentions { return lhs.mentions > rhs.mentions }
      if lhs.scorecard != rhs.scorecard { return lhs.scorecard < rhs.scorecard }
      let (l, r) = (position(lhs.scorecard, lhs.item), position(rhs.scorecard, rhs.item))
      return l != r ? l < r : lhs.cause < rhs.cause
    }
    var teams: [TeamRow] = []
    for (team, counts) in byTeam {
      let sum = Double(counts.values.reduce(0, +))
      for (cause, count) in counts { teams.append(TeamRow(team: team, cause: cause, mentions: count, share: 100 * Double(count) / sum)) }
    }
    teams.sort { lhs, rhs in
      if lhs.team != rhs.team { return (lhs.team ?? "\u{10FFFF}") < (rhs.team ?? "\u{10FFFF}") }
      return lhs.mentions != rhs.mentions ? lhs.mentions > rhs.mentions : lhs.cause < rhs.cause
    }
    return RootCausesReport(
      scope: scope, evaluations: evaluations, lostItems: lostItems, withCause: withCause, causes: causes, items: items, teams: teams)
  }
}

extension QADatabase {
  /// The root-causes report over the counted evaluations of `filter`.
  public func rootCauses(_ filter: ReportFilter, language: String = "en") throws -> RootCausesReport {
    try filter.validate()
    return try readSQL { session in
      try filter.checkNames(session)
      let catalog = try ReportCatalog(session, language: language)
      return try RootCauseAggregate.fetch(session, filter, catalog: catalog)
    }
  }
}
