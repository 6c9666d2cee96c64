import GRDB

extension QADatabase {
  /// The trend report. `item` follows one item's mean impact (any scorecard with that item key).
  public func trend(_ filter: ReportFilter, by bucket: TrendBucket = .month, item: String? = nil, language: String = "en") throws -> TrendReport {
    try filter.validate()
    return try read { db in
      try filter.checkNames(db)
      // An item no scorecard has would print a column of zeros
      if let item { try FilterNames(scorecard: filter.scorecard, item: item).check(db) }
      let catalog = try ReportCatalog(db, language: language)
      let (conditions, arguments) = try filter.conditions()
      func period(_ day: String) -> String {
        bucket == .month ? String(day.prefix(7)) : (ReportPeriod.isoWeek(day) ?? String(day.prefix(10)))
      }
      struct Sums { var n = 0, final = 0.0, passed = 0.0, items: [WeakAreaAggregate.Key: Double] = [:] }
      var sums: [String: Sums] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT substr(c.started_at, 1, 10) AS day, count(*) AS n, total(e.final_score) AS final,
                 total(e.passed) AS passed
          FROM \(filter.source(calls: true))
          WHERE \(conditions) AND c.started_at IS NOT NULL
          GROUP BY day
          """, arguments: arguments)
      {
        let key = period(row["day"])
        var entry = sums[key] ?? Sums()
        entry.n += row["n"] as Int
        entry.final += row["final"] as Double
        entry.passed += row["passed"] as Double
        sums[key] = entry
      }
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT substr(c.started_at, 1, 10) AS day, e.scorecard_id AS scorecard_id, i.item AS item,
                 total(i.impact) AS impact
          FROM \(filter.source(calls: true))
          JOIN item_scores i ON i.evaluation_id = e.id
          WHERE \(conditions) AND c.started_at IS NOT NULL AND (i.na = 1 OR i.earned < i.points)
          GROUP BY day, e.scorecard_id, i.item
          """, arguments: arguments)
      {
        let key = period(row["day"])
        let itemKey = WeakAreaAggregate.Key(scorecard: catalog.keys[row["scorecard_id"]] ?? "?", key: row["item"])
        sums[key, default: Sums()].items[itemKey, default: 0] += row["impact"] as Double
      }
      let rows = sums.keys.sorted().compactMap { key -> TrendRow? in
        guard let entry = sums[key], entry.n > 0 else { return nil }
        let n = Double(entry.n)
        let top = entry.items.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.key < $1.key.key }.prefix(3)
        let followed = item.map { wanted in entry.items.filter { $0.key.key == wanted }.reduce(0) { $0 + $1.value } / n }
        return TrendRow(
          period: key, evaluations: entry.n, meanFinal: entry.final / n, passRate: 100 * entry.passed / n,
          itemMeanImpact: followed,
          topItems: top.map {
            TrendItem(scorecard: $0.key.scorecard, item: $0.key.key, title: catalog.itemTitle($0.key.scorecard, $0.key.key), meanImpact: $0.value / n)
          })
      }
      return TrendReport(scope: filter.description, by: bucket, item: item, rows: rows)
    }
  }
}
