extension QADatabase {
  /// Inspector drift over current monitoring evaluations (submitted or disputed, never revised,
  /// drafts or calibration), per month of the call's local date; `period` (`YYYY-MM`) keeps one month.
  ///
  /// Each row also carries the inspector's alignment with the expert in the calibration sessions
  /// (with an expert) of calls in its period; below `alignmentThreshold` (percent) it is flagged.
  public func inspectorDrift(
    period: String? = nil, confidence: ConfidenceLevel = .standard,
    alignmentThreshold: Double = CalibrationComparison.defaultAlignmentThreshold
  ) throws -> InspectorDrift {
    if let period {
      let parts = period.split(separator: "-")
      guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
        let month = Int(parts[1]), Int(parts[0]) != nil, (1...12).contains(month)
      else { throw CallQAError(.errPeriodMustMonthYyyy, period) }
    }
    // The month as a range on the call's start, which the calls_started index searches: a
    // month's evaluations are read, not every evaluation of the file.
    var conditions = SQLConditions()
    conditions.add("e.kind = 'monitoring'")
    conditions.add(CountedEvaluation.status)
    conditions.addCallDates(from: nil, to: nil, period: period)
    let observations = try readSQL { db in
      try db.rows(
        """
        SELECT substr(c.started_at, 1, 7) AS period, i.code AS inspector, a.team, e.final_score, e.passed, e.status,
               s.key AS scorecard
        FROM evaluations e
        JOIN scorecards s ON s.id = e.scorecard_id
        JOIN calls c ON c.id = e.call_id
        JOIN agents a ON a.id = e.agent_id
        JOIN inspectors i ON i.id = e.inspector_id
        \(conditions.whereClause)
        ORDER BY e.id
        """, conditions.arguments
      ).map { row in
        InspectorDrift.Observation(
          period: try row["period"] ?? "", inspector: try row["inspector"], team: try row["team"],
          finalScore: try row["final_score"] ?? 0, passed: try row["passed"] ?? false,
          disputed: (try row["status"] as String) == "disputed", scorecard: try row["scorecard"])
      }
    }
    var drift = InspectorDrift.build(observations, confidence: confidence)
    let alignments = try expertAlignments(period: period)
    for index in drift.rows.indices {
      let row = drift.rows[index]
      guard let values = alignments[row.period + "\u{1F}" + row.inspector], !values.isEmpty else { continue }
      let mean = values.reduce(0, +) / Double(values.count)
      drift.rows[index].expertSessions = values.count
      drift.rows[index].expertAlignment = mean
      drift.rows[index].belowAlignment = mean + Evaluator.thresholdTolerance < alignmentThreshold
    }
    return drift
  }

  /// Alignments with the expert per `period␟inspector`, from the calibration sessions with an
  /// expert whose call is in the period (its local month).
  func expertAlignments(period: String?) throws -> [String: [Double]] {
    var result: [String: [Double]] = [:]
    for session in try calibrationSessions(from: nil, to: nil) where session.expert != nil {
      let month = try readSQL { db in
        try db.value(String.self, "SELECT substr(started_at, 1, 7) FROM calls WHERE external_id = ?", session.call)
      }
      guard let month, period == nil || month == period else { continue }
      for row in try calibrationComparison(session: session.id).inspectors {
        if let alignment = row.alignment { result[month + "\u{1F}" + row.inspector, default: []].append(alignment) }
      }
    }
    return result
  }
}
