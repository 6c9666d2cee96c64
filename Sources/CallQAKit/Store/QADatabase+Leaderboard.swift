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
    return try readSQL { session in
      try filter.checkNames(session)
      let catalog = try ReportCatalog(session, language: "en")
      let total = session.engine.total
      var entries: [LeaderboardEntry] = []
      if !catalog.thresholds.isEmpty {
        // Summed per agent id, then joined to the agents (PostgreSQL allows no agent column in
        // the select list of a query grouped by the summary's or evaluation's agent id).
        let inner: String
        let arguments: [SQLValue]
        if let grain, let (conditions, summaryArguments) = try filter.summaryConditions(grain) {
          // The exemplary line of each scorecard version was applied when the evaluation entered.
          inner = """
            SELECT s.agent_id AS agent_id, sum(s.evaluations) AS n, \(total("s.passed")) AS passed,
                   \(total("s.exemplary")) AS exemplary, \(total("s.critical")) AS critical,
                   \(total("s.passed_exemplary")) AS both, \(total("s.final_sum")) / sum(s.evaluations) AS mean,
                   \(total("s.final_sum")) AS final, \(total("s.final_squares")) AS squares
            FROM summary_evaluations s
            WHERE \(conditions) AND s.scorecard_id IN (SELECT id FROM scorecards)
            GROUP BY s.agent_id
            """
          arguments = summaryArguments
        } else {
          let (conditions, detailArguments) = try filter.conditions()
          let ids = catalog.thresholds.keys.sorted()
          let values = ids.map { _ in "(CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION))" }.joined(separator: ", ")
          var all: [SQLValue] = []
          for id in ids { all += [id.sqlValue, (catalog.thresholds[id]?.exemplary ?? 100).sqlValue] }
          let exemplary = "CASE WHEN e.final_score + 1e-9 >= t.exemplary THEN 1 ELSE 0 END"
          inner = """
            WITH thresholds(id, exemplary) AS (VALUES \(values))
            SELECT e.agent_id AS agent_id, count(*) AS n, \(total("e.passed")) AS passed,
                   \(total(exemplary)) AS exemplary, \(total("e.critical_failed")) AS critical,
                   \(total("e.passed * \(exemplary)")) AS both, avg(e.final_score) AS mean,
                   \(total("e.final_score")) AS final, \(total("e.final_score * e.final_score")) AS squares
            FROM \(filter.source(on: session.engine))
            JOIN thresholds t ON t.id = e.scorecard_id
            WHERE \(conditions)
            GROUP BY e.agent_id
            """
          arguments = all + detailArguments
        }
        let sql = """
          SELECT a.code AS code, a.name AS name, a.team AS team, x.*
          FROM (\(inner)) x JOIN agents a ON a.id = x.agent_id
          ORDER BY x.agent_id
          """
        entries = try session.rows(sql, arguments).map { row in
          let n: Int = try row["n"]
          let passed = Int(try row["passed"] as Double), exemplary = Int(try row["exemplary"] as Double)
          let critical = Int(try row["critical"] as Double), both: Double = try row["both"]
          let points = rule.points(passed: passed, exemplary: exemplary, critical: critical, evaluations: n)
          // Points per evaluation x = p·passed + e·exemplary: Σx² = p²·passed + 2pe·both + e²·exemplary.
          let p = rule.passPoints, e = rule.exemplaryPoints
          let perEvaluation = MeanSummary(
            n: n, sum: p * Double(passed) + e * Double(exemplary),
            sumOfSquares: p * p * Double(passed) + 2 * p * e * both + e * e * Double(exemplary))
          let bonus = points - perEvaluation.sum
          return LeaderboardEntry(
            rank: nil, agent: try row["code"], name: try row["name"], team: try row["team"], evaluations: n,
            passed: passed, exemplary: exemplary, criticalFailures: critical, meanFinal: try row["mean"], points: points,
            meanFinalCI: MeanSummary(n: n, sum: try row["final"], sumOfSquares: try row["squares"]).interval(confidence)
              .clamped(to: 0...100),
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
