extension QADatabase {
  /// The trend report. `item` follows one item's mean impact (any scorecard with that item key).
  public func trend(
    _ filter: ReportFilter, by bucket: TrendBucket = .month, item: String? = nil, language: String = "en",
    confidence: ConfidenceLevel = .standard
  ) throws -> TrendReport {
    try filter.validate()
    let grain = summaryGrain(.trend(bucket), filter)
    return try readSQL { session in
      try filter.checkNames(session)
      // An item no scorecard has would print a column of zeros
      if let item { try FilterNames(scorecard: filter.scorecard, item: item).check(session) }
      let catalog = try ReportCatalog(session, language: language)
      let total = session.engine.total
      // A day (`YYYY-MM-DD`), or a month (`YYYY-MM`) from the agent-month summaries.
      func period(_ day: String) -> String {
        bucket == .month ? String(day.prefix(7)) : (ReportPeriod.isoWeek(day) ?? String(day.prefix(10)))
      }
      struct Sums { var final = MeanSummary(), passed = 0.0, items: [WeakAreaAggregate.Key: Double] = [:] }
      var sums: [String: Sums] = [:]
      let evaluationSQL: String, itemSQL: String
      let arguments: [SQLValue]
      if let grain, let (conditions, summaryArguments) = try filter.summaryConditions(grain) {
        arguments = summaryArguments
        evaluationSQL = """
          SELECT s.period AS day, sum(s.evaluations) AS n, \(total("s.final_sum")) AS final,
                 \(total("s.final_squares")) AS squares, \(total("s.passed")) AS passed
          FROM summary_evaluations s
          WHERE \(conditions) AND s.period <> ''
          GROUP BY s.period
          """
        itemSQL = """
          SELECT s.period AS day, s.scorecard_id AS scorecard_id, s.item AS item, \(total("s.impact")) AS impact
          FROM summary_items s
          WHERE \(conditions) AND s.period <> ''
          GROUP BY s.period, s.scorecard_id, s.item
          """
      } else {
        let (conditions, detailArguments) = try filter.conditions()
        arguments = detailArguments
        evaluationSQL = """
          SELECT substr(c.started_at, 1, 10) AS day, count(*) AS n, \(total("e.final_score")) AS final,
                 \(total("e.final_score * e.final_score")) AS squares, \(total("e.passed")) AS passed
          FROM \(filter.source(calls: true, on: session.engine))
          WHERE \(conditions) AND c.started_at IS NOT NULL
          GROUP BY day
          """
        itemSQL = """
          SELECT substr(c.started_at, 1, 10) AS day, e.scorecard_id AS scorecard_id, i.item AS item,
                 \(total("i.impact")) AS impact
          FROM \(filter.source(calls: true, on: session.engine))
          JOIN item_scores i ON i.evaluation_id = e.id
          WHERE \(conditions) AND c.started_at IS NOT NULL AND (i.na = 1 OR i.earned < i.points)
          GROUP BY day, e.scorecard_id, i.item
          """
      }
      for row in try session.rows(evaluationSQL, arguments) {
        let key = period(try row["day"])
        var entry = sums[key] ?? Sums()
        entry.final += MeanSummary(n: try row["n"], sum: try row["final"], sumOfSquares: try row["squares"])
        entry.passed += try row["passed"] as Double
        sums[key] = entry
      }
      for row in try session.rows(itemSQL, arguments) {
        let key = period(try row["day"])
        let itemKey = WeakAreaAggregate.Key(scorecard: catalog.keys[try row["scorecard_id"]] ?? "?", key: try row["item"])
        sums[key, default: Sums()].items[itemKey, default: 0] += try row["impact"] as Double
      }
      let rows = sums.keys.sorted().compactMap { key -> TrendRow? in
        guard let entry = sums[key], entry.final.n > 0 else { return nil }
        let n = Double(entry.final.n)
        let top = entry.items.filter { $0.value > 0 }.sorted { !RankOrder.same($0.value, $1.value) ? $0.value > $1.value : $0.key.key < $1.key.key }.prefix(3)
        let followed = item.map { wanted in entry.items.filter { $0.key.key == wanted }.reduce(0) { $0 + $1.value } / n }
        return TrendRow(
          period: key, evaluations: entry.final.n, meanFinal: entry.final.sum / n, passRate: 100 * entry.passed / n,
          itemMeanImpact: followed,
          topItems: top.map {
            TrendItem(scorecard: $0.key.scorecard, item: $0.key.key, title: catalog.itemTitle($0.key.scorecard, $0.key.key), meanImpact: $0.value / n)
          }, meanFinalCI: entry.final.interval(confidence).clamped(to: 0...100),
          passRateCI: Statistics.wilson(successes: entry.passed, n: entry.final.n, confidence).map { $0 * 100 })
      }
      return TrendReport(scope: filter.description, confidence: confidence, by: bucket, item: item, rows: rows)
    }
  }
}
