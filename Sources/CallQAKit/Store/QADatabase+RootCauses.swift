/// The store side of `report root-causes` and `report accuracy`.
enum RootCauseAggregate {
  /// Reads every (item score, cause) of the counted evaluations in `filter`.
  static func fetch(_ session: any SQLSession, _ filter: ReportFilter, catalog: ReportCatalog) throws -> RootCausesReport {
    let (conditions, arguments) = try filter.conditions()
    let source = filter.source(on: session.engine)
    let evaluations = try session.value(Int.self, "SELECT count(*) FROM \(source) WHERE \(conditions)", arguments) ?? 0
    var mentions: [RootCausesReport.Mention] = []
    var withCause = 0
    // In evaluation and item order: the impacts are summed in this order, the same on both engines.
    for row in try session.rows(
      """
      SELECT e.scorecard_id AS scorecard_id, i.item AS item, a.team AS team, i.impact AS impact, i.causes AS causes
      FROM \(source)
      JOIN item_scores i ON i.evaluation_id = e.id
      JOIN agents a ON a.id = e.agent_id
      WHERE \(conditions) AND i.causes IS NOT NULL
      ORDER BY e.id, i.item
      """, arguments)
    {
      let id: Int64 = try row["scorecard_id"]
      let keys = ItemScoreRecord.causeKeys(try row["causes"])
      guard !keys.isEmpty else { continue }
      withCause += 1
      let impact = (try row["impact"] as Double? ?? 0) / Double(keys.count)
      for cause in keys {
        mentions.append(
          RootCausesReport.Mention(
            scorecard: catalog.keys[id] ?? "?", item: try row["item"], team: try row["team"], cause: cause, impact: impact))
      }
    }
    // Item scores that lost points on versions listing causes (bonus items never lose points).
    let withCauses = catalog.definitions.filter { $0.value.causes != nil }.keys.sorted()
    var lostItems = 0
    if !withCauses.isEmpty {
      lostItems =
        try session.value(
          Int.self,
          """
          SELECT count(*) FROM \(source)
          JOIN item_scores i ON i.evaluation_id = e.id
          WHERE \(conditions) AND (i.na = 1 OR i.earned < i.points) AND i.impact > 0
            AND e.scorecard_id IN (\(withCauses.map { _ in "?" }.joined(separator: ", ")))
          """, arguments + withCauses.map(\.sqlValue)) ?? 0
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
  static func fetch(_ session: any SQLSession, _ filter: ReportFilter, catalog: ReportCatalog) throws -> [AccuracyReport.Evaluation] {
    let (conditions, arguments) = try filter.conditions()
    let source = filter.source(on: session.engine)
    var evaluations: [Int64: AccuracyReport.Evaluation] = [:]
    var order: [Int64] = []
    // In evaluation order, the same on both engines (the report sums over this order).
    for row in try session.rows(
      """
      SELECT e.id AS id, e.scorecard_id AS scorecard_id, e.final_score AS final, a.code AS agent, a.name AS name, a.team AS team
      FROM \(source)
      JOIN agents a ON a.id = e.agent_id
      WHERE \(conditions)
      ORDER BY e.id
      """, arguments)
    {
      let id: Int64 = try row["id"]
      guard let scorecard = catalog.definitions[try row["scorecard_id"]] else { continue }
      order.append(id)
      evaluations[id] = AccuracyReport.Evaluation(
        scorecard: scorecard, agent: try row["agent"], name: try row["name"], team: try row["team"],
        finalScore: try row["final"])
    }
    for row in try session.rows(
      """
      SELECT e.id AS id, i.item AS item, i.critical_failed AS critical
      FROM \(source)
      JOIN item_scores i ON i.evaluation_id = e.id
      WHERE \(conditions) AND (i.na = 1 OR i.earned < i.points) AND i.impact > 0
      """, arguments)
    {
      let id: Int64 = try row["id"]
      if try row["critical"] as Bool { evaluations[id]?.criticalFailed.insert(try row["item"]) }
      evaluations[id]?.lost.insert(try row["item"])
    }
    return order.compactMap { evaluations[$0] }
  }
}
