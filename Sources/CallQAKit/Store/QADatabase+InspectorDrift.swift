import GRDB

extension QADatabase {
  /// Inspector drift over current monitoring evaluations (submitted or disputed, never revised,
  /// drafts or calibration), per month of the call's local date; `period` (`YYYY-MM`) keeps one month.
  public func inspectorDrift(period: String? = nil, confidence: ConfidenceLevel = .standard) throws -> InspectorDrift {
    if let period {
      let parts = period.split(separator: "-")
      guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
        let month = Int(parts[1]), Int(parts[0]) != nil, (1...12).contains(month)
      else { throw CallQAError("the period must be a month YYYY-MM, not '\(period)'") }
    }
    let observations = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT substr(c.started_at, 1, 7) AS period, i.code AS inspector, a.team, e.final_score, e.passed, e.status,
                 s.key AS scorecard
          FROM evaluations e
          JOIN scorecards s ON s.id = e.scorecard_id
          JOIN calls c ON c.id = e.call_id
          JOIN agents a ON a.id = e.agent_id
          JOIN inspectors i ON i.id = e.inspector_id
          WHERE e.kind = 'monitoring' AND \(CountedEvaluation.status)
            AND (? IS NULL OR substr(c.started_at, 1, 7) = ?)
          """, arguments: [period, period]
      ).map { row in
        InspectorDrift.Observation(
          period: row["period"] ?? "", inspector: row["inspector"], team: row["team"],
          finalScore: row["final_score"] ?? 0, passed: row["passed"] ?? false,
          disputed: row["status"] == "disputed", scorecard: row["scorecard"])
      }
    }
    return InspectorDrift.build(observations, confidence: confidence)
  }
}
