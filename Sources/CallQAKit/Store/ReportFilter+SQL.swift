/// How a ``ReportFilter`` reads in SQL: the store side of the report queries.
extension ReportFilter {
  /// Checks that the team, agent and scorecard named exist (``FilterNames``), so that a typo
  /// is an error rather than an empty report.
  func checkNames(_ session: any SQLSession) throws {
    try FilterNames(team: team, agent: agent, scorecard: scorecard).check(session)
  }

  /// The FROM clause of a report query, naming evaluations `e` and calls `c`.
  ///
  /// With dates, calls come first (an index range on the local date) and each call's
  /// evaluations are read from the covering `evaluations_report` index; `CROSS JOIN` pins
  /// that order whatever statistics the file has. Without dates the calls are not needed
  /// (unless `calls` is set, as for trends, which bucket by the call's date). On PostgreSQL
  /// the planner picks the order (``StoreEngineKind/orderedJoin``).
  func source(calls: Bool = false, on engine: StoreEngineKind = .sqlite) -> String {
    let (lower, upper) = startedAtBounds
    if lower != nil || upper != nil { return "calls c \(engine.orderedJoin) evaluations e ON e.call_id = c.id" }
    return calls ? "evaluations e JOIN calls c ON c.id = e.call_id" : "evaluations e"
  }

  /// SQL conditions over `e` (evaluations) and `c` (calls), with their arguments.
  func conditions() throws -> (sql: String, arguments: [SQLValue]) {
    var parts = [CountedEvaluation.status]
    var arguments: [SQLValue] = []
    if let kind {
      parts.append("e.kind = ?")
      arguments.append(kind.rawValue.sqlValue)
    } else {
      parts.append(CountedEvaluation.kind)
    }
    let (lower, upper) = startedAtBounds
    if let lower {
      parts.append("c.started_at >= ?")
      arguments.append(lower.sqlValue)
    }
    if let upper {
      parts.append("c.started_at < ?")
      arguments.append(upper.sqlValue)
    }
    try addPeopleAndScorecard(on: "e", to: &parts, &arguments)
    return (parts.joined(separator: " AND "), arguments)
  }

  /// The team, agent and scorecard conditions on `alias` (an evaluations or summary table,
  /// which both have `agent_id` and `scorecard_id`).
  func addPeopleAndScorecard(on alias: String, to parts: inout [String], _ arguments: inout [SQLValue]) throws {
    if let team {
      parts.append("\(alias).agent_id IN (SELECT id FROM agents WHERE team = ?)")
      arguments.append(team.sqlValue)
    }
    if let agent {
      parts.append("\(alias).agent_id = (SELECT id FROM agents WHERE code = ?)")
      arguments.append(agent.sqlValue)
    }
    if let scorecard {
      let (key, version) = try QADatabase.parseReference(scorecard)
      if let version {
        parts.append("\(alias).scorecard_id IN (SELECT id FROM scorecards WHERE key = ? AND version = ?)")
        arguments += [key.sqlValue, version.sqlValue]
      } else {
        parts.append("\(alias).scorecard_id IN (SELECT id FROM scorecards WHERE key = ?)")
        arguments.append(key.sqlValue)
      }
    }
  }
}
