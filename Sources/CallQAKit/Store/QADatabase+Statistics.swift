extension QADatabase {
  /// Every agent's counted final scores in scope (agent code order), for comparing interval
  /// methods on real data; the reports themselves never need the scores, only n, Σx and Σx².
  public func finalScores(_ filter: ReportFilter) throws -> [(agent: String, scores: [Double])] {
    try filter.validate()
    return try readSQL { db in
      try filter.checkNames(db)
      let (conditions, arguments) = try filter.conditions()
      var scores: [String: [Double]] = [:]
      for row in try db.rows(
        """
        SELECT a.code AS code, e.final_score AS final
        FROM \(filter.source(on: db.engine))
        JOIN agents a ON a.id = e.agent_id
        WHERE \(conditions)
        ORDER BY e.id
        """, arguments)
      {
        scores[try row["code"], default: []].append(try row["final"])
      }
      return scores.keys.sorted().map { ($0, scores[$0] ?? []) }
    }
  }
}
