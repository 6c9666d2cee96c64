extension QADatabase {
  /// The agents report: evaluations, mean final, pass rate, critical failures, weakest section
  /// and quality index per agent, by team then code.
  public func agentsReport(_ filter: ReportFilter, language: String = "en", confidence: ConfidenceLevel = .standard) throws -> AgentsReport {
    try filter.validate()
    let grain = summaryGrain(.perAgent, filter)
    return try readSQL { session in
      try filter.checkNames(session)
      let catalog = try ReportCatalog(session, language: language)
      let total = session.engine.total
      let sectionSQL: String
      let arguments: [SQLValue]
      if let grain, let (conditions, summaryArguments) = try filter.summaryConditions(grain) {
        sectionSQL = """
          SELECT s.agent_id AS agent_id, s.scorecard_id AS scorecard_id, s.section AS section,
                 \(total("s.score_sum")) AS total, \(total("s.score_squares")) AS squares, sum(s.applicable) AS n
          FROM summary_sections s
          WHERE \(conditions)
          GROUP BY s.agent_id, s.scorecard_id, s.section
          """
        arguments = summaryArguments
      } else {
        let (conditions, detailArguments) = try filter.conditions()
        sectionSQL = """
          SELECT e.agent_id AS agent_id, e.scorecard_id AS scorecard_id, s.section AS section,
                 \(total("s.score")) AS total, \(total("s.score * s.score")) AS squares, count(*) AS n
          FROM \(filter.source(on: session.engine))
          JOIN section_scores s ON s.evaluation_id = e.id
          WHERE \(conditions) AND s.applicable = 1
          GROUP BY e.agent_id, e.scorecard_id, s.section
          """
        arguments = detailArguments
      }
      struct Weakest { var key: String, scorecard: String, section: String, summary: MeanSummary }
      var weakest: [Int64: Weakest] = [:]
      // Σ score, Σ score² and count per (agent, scorecard version, section), merged over versions.
      var sections: [Int64: [String: (summary: MeanSummary, scorecard: String, section: String)]] = [:]
      for row in try session.rows(sectionSQL, arguments) {
        let scorecard = catalog.keys[try row["scorecard_id"]] ?? "?"
        let section: String = try row["section"]
        let agentId: Int64 = try row["agent_id"]
        let key = "\(scorecard)/\(section)"
        var entry = sections[agentId, default: [:]][key] ?? (MeanSummary(), scorecard, section)
        entry.summary += MeanSummary(n: try row["n"], sum: try row["total"], sumOfSquares: try row["squares"])
        sections[agentId, default: [:]][key] = entry
      }
      for (agent, entries) in sections {
        let lowest = entries.map { (key: $0.key, value: $0.value) }.min { lhs, rhs in
          let l = lhs.value.summary.mean ?? 0, r = rhs.value.summary.mean ?? 0
          return !RankOrder.same(l, r) ? l < r : lhs.key < rhs.key
        }
        if let lowest {
          weakest[agent] = Weakest(key: lowest.key, scorecard: lowest.value.scorecard, section: lowest.value.section, summary: lowest.value.summary)
        }
      }
      // One pass over the evaluations serves both the agents' figures and their quality index.
      let totals = try QualityComputation.kindTotals(session, filter: filter, grain: grain)
      var quality: [String: QualityRow] = [:]
      for row in try QualityComputation.agentRows(
        session, filter: filter, settings: QualitySettings(), confidence: confidence, totals: totals, grain: grain
      ).rows {
        if let agent = row.agent { quality[agent] = row }
      }
      var rows: [AgentReportRow] = []
      for agent in try session.rows("SELECT id, code, name, team FROM agents ORDER BY team NULLS FIRST, code") {
        let id: Int64 = try agent["id"], code: String = try agent["code"]
        var sum = QualityComputation.KindTotals()
        for (kind, part) in totals[id] ?? [:] where filter.kind == nil || filter.kind == kind { sum += part }
        guard sum.count > 0 else { continue }
        let n = Double(sum.count)
        let weak = weakest[id]
        rows.append(
          AgentReportRow(
            agent: code, name: try agent["name"], team: try agent["team"], evaluations: sum.count, meanFinal: sum.final / n,
            passRate: 100 * sum.passed / n, criticalFailures: Int(sum.critical),
            weakestSection: weak?.key, weakestSectionTitle: weak.map { catalog.sectionTitle($0.scorecard, $0.section) },
            weakestSectionScore: weak?.summary.mean, qualityIndex: quality[code]?.index, partial: quality[code]?.partial ?? false,
            meanFinalCI: sum.summary.interval(confidence).clamped(to: 0...100),
            passRateCI: Statistics.wilson(successes: sum.passed, n: sum.count, confidence).map { $0 * 100 },
            weakestSectionScoreCI: weak.map { $0.summary.interval(confidence).clamped(to: 0...100) },
            qualityIndexCI: quality[code]?.indexCI, rankRange: [], tieGroup: 0))
      }
      var report = AgentsReport(scope: filter.description, confidence: confidence, rows: rows)
      report.rankByMeanFinal()
      return report
    }
  }
}
