import GRDB

extension QADatabase {
  /// The leaderboard over `filter` (usually a month or one day).
  ///
  /// - Parameter mentoring: also pair each team's top `top` agents with its bottom `top`.
  public func leaderboard(
    _ filter: ReportFilter, top: Int = 5, rule: LeaderboardRule = LeaderboardRule(), mentoring: Bool = false,
    confidence: ConfidenceLevel = .standard
  ) throws -> Leaderboard {
    try filter.validate()
    try FilterRule.count(top, "top")
    try rule.validate()
    let grain = summaryGrain(.perAgent, filter)
    return try read { db in
      try filter.checkNames(db)
      let catalog = try ReportCatalog(db, language: "en")
      var entries: [LeaderboardEntry] = []
      if !catalog.thresholds.isEmpty {
        let sql: String
        let arguments: StatementArguments
        if let grain, let (conditions, summaryArguments) = try filter.summaryConditions(grain) {
          // The exemplary line of each scorecard version was applied when the evaluation entered.
          sql = """
            SELECT a.code AS code, a.name AS name, a.team AS team, sum(s.evaluations) AS n, total(s.passed) AS passed,
                   total(s.exemplary) AS exemplary, total(s.critical) AS critical, total(s.passed_exemplary) AS both,
                   total(s.final_sum) / sum(s.evaluations) AS mean, total(s.final_sum) AS final, total(s.final_squares) AS squares
            FROM summary_evaluations s
            JOIN agents a ON a.id = s.agent_id
            WHERE \(conditions) AND s.scorecard_id IN (SELECT id FROM scorecards)
            GROUP BY s.agent_id
            """
          arguments = StatementArguments(summaryArguments)
        } else {
          let (conditions, detailArguments) = try filter.conditions()
          let ids = catalog.thresholds.keys.sorted()
          let values = ids.map { _ in "(?, ?)" }.joined(separator: ", ")
          var all: [any DatabaseValueConvertible] = []
          for id in ids { all += [id, catalog.thresholds[id]?.exemplary ?? 100] }
          sql = """
            WITH thresholds(id, exemplary) AS (VALUES \(values))
            SELECT a.code AS code, a.name AS name, a.team AS team, count(*) AS n, total(e.passed) AS passed,
                   total(e.final_score + 1e-9 >= t.exemplary) AS exemplary, total(e.critical_failed) AS critical,
                   total(e.passed * (e.final_score + 1e-9 >= t.exemplary)) AS both, avg(e.final_score) AS mean,
                   total(e.final_score) AS final, total(e.final_score * e.final_score) AS squares
            FROM \(filter.source())
            JOIN agents a ON a.id = e.agent_id
            JOIN thresholds t ON t.id = e.scorecard_id
            WHERE \(conditions)
            GROUP BY e.agent_id
            """
          arguments = StatementArguments(all) + StatementArguments(detailArguments)
        }
        entries = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
          let n: Int = row["n"]
          let passed = Int(row["passed"] as Double), exemplary = Int(row["exemplary"] as Double)
          let critical = Int(row["critical"] as Double), both: Double = row["both"]
          let points = rule.points(passed: passed, exemplary: exemplary, critical: critical, evaluations: n)
          // Points per evaluation x = p·passed + e·exemplary: Σx² = p²·passed + 2pe·both + e²·exemplary.
          let p = rule.passPoints, e = rule.exemplaryPoints
          let perEvaluation = MeanSummary(
            n: n, sum: p * Double(passed) + e * Double(exemplary),
            sumOfSquares: p * p * Double(passed) + 2 * p * e * both + e * e * Double(exemplary))
          let bonus = points - perEvaluation.sum
          return LeaderboardEntry(
            rank: nil, agent: row["code"], name: row["name"], team: row["team"], evaluations: n, passed: passed,
            exemplary: exemplary, criticalFailures: critical, meanFinal: row["mean"], points: points,
            meanFinalCI: MeanSummary(n: n, sum: row["final"], sumOfSquares: row["squares"]).interval(confidence).clamped(to: 0...100),
            pointsCI: perEvaluation.interval(confidence).map { max(0, Double(n) * $0) + bonus }, rankRange: [], tieGroup: nil)
        }
      }
      let ranked = Leaderboard.rank(entries, rule: rule)
      let topN = Array(ranked.filter { $0.rank != nil }.prefix(max(0, top)))
      return Leaderboard(
        scope: filter.description, confidence: confidence, rule: rule, top: topN, all: ranked,
        mentoring: mentoring ? Leaderboard.pairs(ranked.filter { $0.rank != nil }, count: top) : [])
    }
  }
}
