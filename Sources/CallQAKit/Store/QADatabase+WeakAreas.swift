/// Sums behind the weak-areas report, per (scorecard key, item or section).
struct WeakAreaAggregate {
  struct Key: Hashable {
    var scorecard: String
    var key: String
  }

  struct Sums {
    var section = ""
    var applicable = 0
    var impact = 0.0
    var earned = 0.0
    var points = 0.0
    var failed = 0
    var critical = 0
  }

  var evaluations = 0
  var meanRaw: Double?
  var sums: [Key: Sums] = [:]
  /// Scorecard versions (row ids) of the evaluations in scope.
  var scorecardIds: [Int64] = []

  /// Reads the sums for `filter`.
  ///
  /// Only item rows that lost points or were N/A are read and grouped (a fraction of all
  /// rows, held by the partial index `item_scores_lost`, whose condition the query repeats
  /// word for word so that SQLite uses it); the rest follows from the evaluation count per scorecard version and the item's
  /// points in that version: applicable = evaluations − N/A, Σ points = applicable · points,
  /// Σ earned = Σ points − points lost, failed = rows that lost points.
  ///
  /// The three queries of ``fetch(_:_:level:catalog:scorecards:grain:)`` (evaluations per
  /// scorecard version, lost item rows, applicable and failed sections), over the detail rows
  /// or over the report summaries at `grain`; the same columns either way.
  struct Queries {
    var evaluations: String
    var items: String
    var sections: String
    var arguments: [SQLValue]

    init(_ filter: ReportFilter, scorecards: [Int64]?, grain: ReportSummaries.Grain?, engine: StoreEngineKind) throws {
      let alias: String
      var conditions: String
      if let grain, let (sql, summaryArguments) = try filter.summaryConditions(grain) {
        (alias, conditions, arguments) = ("s", sql, summaryArguments)
      } else {
        alias = "e"
        (conditions, arguments) = try filter.conditions()
      }
      if let scorecards {
        conditions +=
          scorecards.isEmpty
          ? " AND 1 = 0" : " AND \(alias).scorecard_id IN (\(scorecards.map { _ in "?" }.joined(separator: ", ")))"
        arguments += scorecards.map(\.sqlValue)
      }
      let total = engine.total
      if alias == "s" {
        evaluations = """
          SELECT s.scorecard_id AS scorecard_id, sum(s.evaluations) AS n, \(total("s.raw_sum")) AS raw
          FROM summary_evaluations s WHERE \(conditions) GROUP BY s.scorecard_id
          """
        items = """
          SELECT s.scorecard_id AS scorecard_id, s.item AS item, sum(s.lost_rows) AS n, \(total("s.na")) AS na,
                 \(total("s.impact")) AS impact, \(total("s.lost")) AS lost, \(total("s.critical")) AS critical
          FROM summary_items s WHERE \(conditions) GROUP BY s.scorecard_id, s.item
          """
        sections = """
          SELECT s.scorecard_id AS scorecard_id, s.section AS entry, sum(s.applicable) AS applicable,
                 \(total("s.failed")) AS failed
          FROM summary_sections s WHERE \(conditions) GROUP BY s.scorecard_id, s.section
          """
        return
      }
      evaluations = """
        SELECT e.scorecard_id AS scorecard_id, count(*) AS n, \(total("e.raw_score")) AS raw
        FROM \(filter.source(on: engine))
        WHERE \(conditions)
        GROUP BY e.scorecard_id
        """
      items = """
        SELECT e.scorecard_id AS scorecard_id, i.item AS item, count(*) AS n, \(total("i.na")) AS na,
               \(total("i.impact")) AS impact, \(total("i.points - i.earned")) AS lost,
               \(total("i.critical_failed")) AS critical
        FROM \(filter.source(on: engine))
        JOIN item_scores i ON i.evaluation_id = e.id
        WHERE \(conditions) AND (i.na = 1 OR i.earned < i.points)
        GROUP BY e.scorecard_id, i.item
        """
      sections = """
        SELECT e.scorecard_id AS scorecard_id, s.section AS entry, count(*) AS applicable,
               \(total("CASE WHEN s.raw_score < 100 - 1e-9 THEN 1 ELSE 0 END")) AS failed
        FROM \(filter.source(on: engine))
        JOIN section_scores s ON s.evaluation_id = e.id
        WHERE \(conditions) AND s.applicable = 1
        GROUP BY e.scorecard_id, s.section
        """
    }
  }

  /// - Parameter scorecards: when given, only evaluations on these scorecard versions count.
  /// - Parameter grain: read the report summaries at this grain (nil: the detail rows).
  static func fetch(
    _ session: any SQLSession, _ filter: ReportFilter, level: WeakAreaLevel, catalog: ReportCatalog, scorecards: [Int64]? = nil,
    grain: ReportSummaries.Grain?
  ) throws -> WeakAreaAggregate {
    let queries = try Queries(filter, scorecards: scorecards, grain: grain, engine: session.engine)
    let arguments = queries.arguments
    var result = WeakAreaAggregate()
    var perVersion: [Int64: Int] = [:]
    var rawTotal = 0.0
    for row in try session.rows(queries.evaluations, arguments) {
      perVersion[try row["scorecard_id"]] = try row["n"] as Int
      rawTotal += try row["raw"] as Double
    }
    result.evaluations = perVersion.values.reduce(0, +)
    result.meanRaw = result.evaluations > 0 ? rawTotal / Double(result.evaluations) : nil
    result.scorecardIds = perVersion.keys.sorted()
    struct Lost { var rows = 0, na = 0, impact = 0.0, lost = 0.0, critical = 0 }
    var lost: [Int64: [String: Lost]] = [:]
    for row in try session.rows(queries.items, arguments) {
      lost[try row["scorecard_id"], default: [:]][try row["item"]] = Lost(
        rows: try row["n"], na: Int(try row["na"] as Double), impact: try row["impact"], lost: try row["lost"],
        critical: Int(try row["critical"] as Double))
    }
    for (id, count) in perVersion {
      guard let scorecard = catalog.definitions[id], let scorecardKey = catalog.keys[id] else { continue }
      for (section, item) in scorecard.allItems {
        let entry = lost[id]?[item.key] ?? Lost()
        let applicable = count - entry.na
        guard applicable > 0 else { continue }
        let key = Key(scorecard: scorecardKey, key: level == .item ? item.key : section.key)
        var sums = result.sums[key] ?? Sums()
        sums.section = section.key
        sums.applicable += applicable
        sums.impact += entry.impact
        sums.points += Double(applicable) * item.points
        sums.earned += Double(applicable) * item.points - entry.lost
        sums.failed += entry.rows - entry.na
        sums.critical += entry.critical
        result.sums[key] = sums
      }
    }
    if level == .section {
      // A section "fails" in an evaluation when it loses any points there, and applies
      // when any of its items does: count from section_scores, one row per evaluation.
      let sectionRows = try session.rows(queries.sections, arguments)
      var counted: Set<Key> = []
      for row in sectionRows {
        let id: Int64 = try row["scorecard_id"]
        let key = Key(scorecard: catalog.keys[id] ?? "?", key: try row["entry"])
        guard var sums = result.sums[key] else { continue }
        if counted.insert(key).inserted {
          sums.applicable = 0
          sums.failed = 0
        }
        sums.applicable += try row["applicable"] as Int
        sums.failed += Int(try row["failed"] as Double)
        result.sums[key] = sums
      }
    }
    return result
  }

  func meanImpact(_ key: Key) -> Double? {
    guard evaluations > 0, let sums = sums[key] else { return nil }
    return sums.impact / Double(evaluations)
  }

  func report(
    _ filter: ReportFilter, level: WeakAreaLevel, top: Int?, centre: WeakAreaAggregate?, catalog: ReportCatalog
  ) -> WeakAreasReport {
    let n = Double(max(evaluations, 1))
    let ranked = sums.sorted { lhs, rhs in
      if !RankOrder.same(lhs.value.impact, rhs.value.impact) { return lhs.value.impact > rhs.value.impact }
      if lhs.key.scorecard != rhs.key.scorecard { return lhs.key.scorecard < rhs.key.scorecard }
      return catalog.position(lhs.key.scorecard, lhs.key.key) < catalog.position(rhs.key.scorecard, rhs.key.key)
    }
    // Summed in ranking order, not in the dictionary's (per-process random) order, so the
    // same data gives the same shares to the last bit in every run.
    let totalImpact = ranked.reduce(0) { $0 + $1.value.impact }
    var cumulative = 0.0
    var rows: [WeakAreaRow] = []
    for (index, (key, sums)) in ranked.enumerated() {
      let share = totalImpact > 0 ? 100 * sums.impact / totalImpact : nil
      cumulative += share ?? 0
      let mean = sums.impact / n
      let centreMean = centre.map { $0.meanImpact(key) ?? 0 }
      rows.append(
        WeakAreaRow(
          rank: index + 1, scorecard: key.scorecard, key: key.key, section: sums.section,
          title: level == .item
            ? catalog.itemTitle(key.scorecard, key.key) : catalog.sectionTitle(key.scorecard, key.key),
          evaluations: sums.applicable, meanImpact: mean,
          scoreRate: sums.points > 0 ? 100 * sums.earned / sums.points : nil,
          failRate: sums.applicable > 0 ? 100 * Double(sums.failed) / Double(sums.applicable) : nil,
          criticalFailures: sums.critical, share: share, cumulativeShare: share == nil ? nil : cumulative,
          centreMeanImpact: centreMean, gap: centreMean.map { mean - $0 }))
    }
    let total = rows.reduce(0) { $0 + $1.meanImpact }
    var report = WeakAreasReport(
      scope: filter.description, by: level, evaluations: evaluations, meanRaw: meanRaw,
      totalMeanImpact: evaluations > 0 ? total : 0, totalRows: rows.count,
      rows: top.map { Array(rows.prefix(max(0, $0))) } ?? rows)
    report.bonusInScope = scorecardIds.contains { catalog.definitions[$0]?.hasBonus == true }
    return report
  }
}
