import GRDB

extension QADatabase {
  /// Every agent's counted final scores in scope (agent code order), for comparing interval
  /// methods on real data; the reports themselves never need the scores, only n, Σx and Σx².
  public func finalScores(_ filter: ReportFilter) throws -> [(agent: String, scores: [Double])] {
    try filter.validate()
    return try read { db in
      try filter.checkNames(db)
      let (conditions, values) = try filter.conditions()
      let arguments = StatementArguments(values)
      var scores: [String: [Double]] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT a.code AS code, e.final_score AS final
          FROM \(filter.source())
          JOIN agents a ON a.id = e.agent_id
          WHERE \(conditions)
          """, arguments: arguments)
      {
        scores[row["code"], default: []].append(row["final"])
      }
      return scores.keys.sorted().map { ($0, scores[$0] ?? []) }
    }
  }
}
