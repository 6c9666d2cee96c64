import GRDB

/// The store side of `report root-causes` and `report accuracy`.
enum RootCauseAggregate {
  /// Reads every (item score, cause) of the counted evaluations in `filter`.
  static func fetch(_ db: Database, _ filter: ReportFilter, catalog: ReportCatalog) throws -> RootCausesReport {
    let (conditions, values) = try filter.conditions()
    let arguments = StatementArguments(values)
    let evaluations =
      try Int.fetchOne(db, sql: "SELECT count(*) FROM \(filter.source()) WHERE \(conditions)", arguments: arguments) ?? 0
    var mentions: [RootCausesReport.Mention] = []
    var withCause = 0
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT e.scorecard_id AS scorecard_id, i.item AS item, a.team AS team, i.impact AS impact, i.causes AS causes
        FROM \(filter.source())
        JOIN item_scores i ON i.evaluation_id = e.id
        JOIN agents a ON a.id = e.agent_id
        WHERE \(conditions) AND i.causes IS NOT NULL
        """, arguments: arguments)
    {
      let id: Int64 = row["scorecard_id"]
      let keys = ItemScoreRecord.causeKeys(row["causes"])
      guard !keys.isEmpty else { continue }
      withCause += 1
      let impact = (row["impact"] as Double? ?? 0) / Double(keys.count)
      for cause in keys {
        mentions.append(
          RootCausesReport.Mention(scorecard: catalog.keys[id] ?? "?", item: row["item"], team: row["team"], cause: cause, impact: impact))
      }
    }
    // Item scores that lost points on versions listing causes (bonus items never lose points).
    let withCauses = catalog.definitions.filter { $0.value.causes != nil }.keys.sorted()
    var lostItems = 0
    if !withCauses.isEmpty {
      lostItems =
        try Int.fetchOne(
          db,
          sql: """
            SELECT count(*) FROM \(filter.source())
            JOIN item_scores i ON i.evaluation_id = e.id
            WHERE \(conditions) AND (i.na = 1 OR i.earned < i.points) AND i.impact > 0
              AND e.scorecard_id IN (\(withCauses.map { _ in "?" }.joined(separator: ", ")))
            """, arguments: arguments + StatementArguments(withCauses)) ?? 0
    }
    func label(_ cause: String) -> String {
      for scorecard in catalog.newest.values.sorted(by: { $0.key < $1.key }) {
        if let found = scorecard.cause(cause) { return found.label.resolve(catalog.language) }
      }
      return cause
    }
    return RootCausesReport.make(
      scope: filter.description, evaluations: evaluations, lostItems: lostItems, withCause: withCause, mentions: mentions,
      label: label, title: catalog.itemTitle, position: catalog.position)
  }
}

/// The store side of `report accuracy`: per counted evaluation, its agent, final score and
/// the items that lost points or failed critically.
enum AccuracyAggregate {
  static func fetch(_ db: Database, _ filter: ReportFilter, catalog: ReportCatalog) throws -> [AccuracyReport.Evaluation] {
    let (conditions, values) = try filter.conditions()
    let arguments = StatementArguments(values)
    var evaluations: [Int64: AccuracyReport.Evaluation] = [:]
    var order: [Int64] = []
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT e.id AS id, e.scorecard_id AS scorecard_id, e.final_score AS final, a.code AS agent, a.name AS name, a.team AS team
        FROM \(filter.source())
        JOIN agents a ON a.id = e.agent_id
        WHERE \(conditions)
        """, arguments: arguments)
    {
      let id: Int64 = row["id"]
      guard let scorecard = catalog.definitions[row["scorecard_id"]] else { continue }
      order.append(id)
      evaluations[id] = AccuracyReport.Evaluation(
        scorecard: scorecard, agent: row["agent"], name: row["name"], team: row["team"], finalScore: row["final"])
    }
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT e.id AS id, i.item AS item, i.critical_failed AS critical
        FROM \(filter.source())
        JOIN item_scores i ON i.evaluation_id = e.id
        WHERE \(conditions) AND (i.na = 1 OR i.earned < i.points) AND i.impact > 0
        """, arguments: arguments)
    {
      let id: Int64 = row["id"]
      if row["critical"] as Bool { evaluations[id]?.criticalFailed.insert(row["item"]) }
      evaluations[id]?.lost.insert(row["item"])
    }
    return order.compactMap { evaluations[$0] }
  }
}
