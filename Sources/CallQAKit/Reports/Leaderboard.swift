/// The points rule of the leaderboard. Every figure is configurable; the defaults reward
/// steady quality first and excellence second:
/// - `passPoints` for each evaluation at or above its scorecard's pass score;
/// - `exemplaryPoints` more for each evaluation at or above its scorecard's exemplary score;
/// - `cleanBonus` once when the agent has at least `minEvaluations` evaluations and no critical failure.
/// Ties are broken by mean final score, then agent code. Agents with fewer than
/// `minEvaluations` evaluations are listed but not ranked.
public struct LeaderboardRule: Hashable, Sendable, Codable {
  public var passPoints: Double
  public var exemplaryPoints: Double
  public var cleanBonus: Double
  public var minEvaluations: Int

  public init(passPoints: Double = 1, exemplaryPoints: Double = 2, cleanBonus: Double = 3, minEvaluations: Int = 1) {
    self.passPoints = passPoints
    self.exemplaryPoints = exemplaryPoints
    self.cleanBonus = cleanBonus
    self.minEvaluations = minEvaluations
  }

  enum CodingKeys: String, CodingKey {
    case passPoints = "pass_points", exemplaryPoints = "exemplary_points", cleanBonus = "clean_bonus"
    case minEvaluations = "min_evaluations"
  }

  /// Refuses absurd points (``FilterRule/weight(_:_:)``) and a minimum below 1.
  public func validate() throws {
    try FilterRule.weight(passPoints, "pass points")
    try FilterRule.weight(exemplaryPoints, "exemplary points")
    try FilterRule.weight(cleanBonus, "clean bonus")
    try FilterRule.count(minEvaluations, "minimum evaluations")
  }

  /// The rule in words, for report notes.
  public func description(_ language: Language) -> String {
    Messages(language)(
      .leaderboardRule, ScoreFormat.plain(passPoints), ScoreFormat.plain(exemplaryPoints), ScoreFormat.plain(cleanBonus), minEvaluations)
  }

  /// Points of an agent's figures under this rule.
  public func points(passed: Int, exemplary: Int, critical: Int, evaluations: Int) -> Double {
    Double(passed) * passPoints + Double(exemplary) * exemplaryPoints
      + (critical == 0 && evaluations >= minEvaluations ? cleanBonus : 0)
  }
}
/// One agent on the leaderboard.
public struct LeaderboardEntry: Codable, Hashable, Sendable {
  /// 1-based rank; nil when the agent has too few evaluations to be ranked.
  @NullEncoded public var rank: Int?
  public var agent: String
  public var name: String
  @NullEncoded public var team: String?
  public var evaluations: Int
  public var passed: Int
  public var exemplary: Int
  public var criticalFailures: Int
  public var meanFinal: Double
  public var points: Double
  /// The mean final's t-interval.
  public var meanFinalCI: IntervalEstimate
  /// The points' interval: n × the t-interval of the points per evaluation, plus the clean bonus.
  public var pointsCI: IntervalEstimate
  /// Best and worst rank the points intervals allow, `[best, worst]`; empty when not ranked.
  public var rankRange: [Int]
  /// Ranked agents share a tie group while each one's points interval overlaps the next one's;
  /// nil when not ranked.
  @NullEncoded public var tieGroup: Int?

  enum CodingKeys: String, CodingKey {
    case rank, agent, name, team, evaluations, passed, exemplary, points
    case criticalFailures = "critical_failures", meanFinal = "mean_final"
    case meanFinalCI = "mean_final_ci", pointsCI = "points_ci", rankRange = "rank_range", tieGroup = "tie_group"
  }
}
/// A one-to-one coaching pair within a team: a top agent mentors a bottom one.
public struct MentoringPair: Codable, Hashable, Sendable {
  public var team: String?
  public var mentor: String
  public var mentorPoints: Double
  public var mentee: String
  public var menteePoints: Double

  enum CodingKeys: String, CodingKey {
    case team, mentor, mentee
    case mentorPoints = "mentor_points", menteePoints = "mentee_points"
  }
}
/// The leaderboard: every ranked agent, the top N, and optional mentoring pairs.
public struct Leaderboard: Codable, Hashable, Sendable {
  public var scope: String
  public var confidence: ConfidenceLevel
  public var rule: LeaderboardRule
  /// The top N ranked agents.
  public var top: [LeaderboardEntry]
  /// Every agent with evaluations in scope, ranked first.
  public var all: [LeaderboardEntry]
  /// Top N paired with bottom N of the same team (empty unless asked for).
  public var mentoring: [MentoringPair]
}
extension Leaderboard {
  /// Orders by points, mean final, code; ranks agents with enough evaluations.
  static func rank(_ entries: [LeaderboardEntry], rule: LeaderboardRule) -> [LeaderboardEntry] {
    let sorted = entries.sorted { lhs, rhs in
      let lRanked = lhs.evaluations >= rule.minEvaluations, rRanked = rhs.evaluations >= rule.minEvaluations
      if lRanked != rRanked { return lRanked }
      if !RankOrder.same(lhs.points, rhs.points) { return lhs.points > rhs.points }
      if !RankOrder.same(lhs.meanFinal, rhs.meanFinal) { return lhs.meanFinal > rhs.meanFinal }
      return lhs.agent < rhs.agent
    }
    var rank = 0
    var result = sorted.map { entry in
      var copy = entry
      if entry.evaluations >= rule.minEvaluations {
        rank += 1
        copy.rank = rank
      }
      return copy
    }
    // Ranked entries come first, in rank order.
    let intervals = result.prefix(rank).map(\.pointsCI)
    let ranges = Statistics.rankRanges(Array(intervals))
    let groups = Statistics.tieGroups(Array(intervals))
    for index in 0..<rank {
      result[index].rankRange = [ranges[index].lowerBound, ranges[index].upperBound]
      result[index].tieGroup = groups[index]
    }
    return result
  }

  /// Within each team (in ranking order), pairs the i-th best with the i-th worst, for
  /// i < min(count, team size / 2): nobody mentors themself or appears twice.
  static func pairs(_ ranked: [LeaderboardEntry], count: Int) -> [MentoringPair] {
    let teams = Dictionary(grouping: ranked) { $0.team ?? "" }
    var result: [MentoringPair] = []
    for team in teams.keys.sorted() {
      guard let members = teams[team] else { continue }
      let n = min(max(0, count), members.count / 2)
      for i in 0..<n {
        let mentor = members[i], mentee = members[members.count - 1 - i]
        result.append(
          MentoringPair(
            team: mentor.team, mentor: mentor.agent, mentorPoints: mentor.points, mentee: mentee.agent,
            menteePoints: mentee.points))
      }
    }
    return result
  }

  /// Points without a needless decimal.
  func points(_ value: Double) -> ReportCell { .number(value, decimals: value == value.rounded() ? 0 : 1) }

  /// The report as tables (top N, everyone, mentoring pairs) and a bar chart of points.
  public func document(_ language: Language) -> ReportDocument {
    let words = Messages(language)
    func table(_ name: String, _ title: String, _ entries: [LeaderboardEntry]) -> ReportTable {
      var table = ReportTable(
        name: name, title: title,
        columns: [
          words.column(.colRank, numeric: true), words.column(.colRankRange, numeric: true), words.column(.colTie, numeric: true),
          words.column(.colAgent), words.column(.colName), words.column(.colTeam), words.column(.colEvals, numeric: true),
          words.column(.colPassed, numeric: true), words.column(.colExemplary, numeric: true), words.column(.colCritical, numeric: true),
          words.column(.colMeanFinal, numeric: true), words.column(.colPoints, numeric: true),
        ], language: language)
      for e in entries {
        table.rows.append([
          e.rank.map { .integer($0) } ?? .empty, .text(rankRangeText(e.rankRange)), e.tieGroup.map { .integer($0) } ?? .empty,
          .text(e.agent), .text(e.name), .text(e.team ?? ""), .integer(e.evaluations), .integer(e.passed),
          .integer(e.exemplary), .integer(e.criticalFailures), .withInterval(e.meanFinal, e.meanFinalCI),
          .withInterval(e.points, e.pointsCI),
        ])
      }
      return table
    }
    var tables = [
      table(words[.leaderboardTitle], words(.leaderboardTop, top.count), top), table(words[.leaderboardAll], words[.leaderboardAll], all),
    ]
    if !mentoring.isEmpty {
      var pairs = ReportTable(
        name: words[.leaderboardMentoringSheet], title: words[.leaderboardMentoring],
        columns: [
          words.column(.colTeam), words.column(.colMentor), words.column(.colMentorPoints, numeric: true), words.column(.colMentee),
          words.column(.colMenteePoints, numeric: true),
        ], language: language)
      for pair in mentoring {
        pairs.rows.append([
          .text(pair.team ?? ""), .text(pair.mentor), points(pair.mentorPoints), .text(pair.mentee), points(pair.menteePoints),
        ])
      }
      tables.append(pairs)
    }
    let sorted = top.sortedForChart(\.points)
    let chart = ReportChart.sortedBars(
      words, title: words[.leaderboardChart], summary: words[.leaderboardChartDesc], labels: sorted.map { "\($0.name) (\($0.agent))" },
      values: sorted.map(\.points), name: words[.colPoints], meanLabel: .chartMean)
    return ReportDocument(
      title: words[.leaderboardTitle], scope: words.scope(scope),
      notes: [
        rule.description(language), words.intervals(confidence) + words.semicolon + words[.leaderboardPointsInterval],
        words[.leaderboardNoteRank],
      ], tables: tables, charts: top.isEmpty ? [] : [chart], language: language)
  }
}
