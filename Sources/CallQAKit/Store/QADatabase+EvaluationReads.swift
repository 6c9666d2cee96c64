import GRDB

extension QADatabase {
  /// The evaluation with this id, with its sections and items in scorecard order.
  public func evaluation(id: Int64) throws -> EvaluationDetail {
    try read { db in
      guard let row = try Row.fetchOne(db, sql: """
        SELECT e.*, s.key AS scorecard_key, s.version AS scorecard_version, a.code AS agent_code,
               i.code AS inspector_code, c.external_id AS call_external_id, c.started_at AS call_started_at
        FROM evaluations e
        JOIN scorecards s ON s.id = e.scorecard_id
        JOIN agents a ON a.id = e.agent_id
        JOIN inspectors i ON i.id = e.inspector_id
        JOIN calls c ON c.id = e.call_id
        WHERE e.id = ?
        """, arguments: [id])
      else { throw CallQAError.notFound("no evaluation with id \(id)") }
      let record = try EvaluationRecord(row: row)
      let sections = try SectionScoreRecord.filter(Column("evaluation_id") == id).order(Column("position")).fetchAll(db)
      let items = try ItemScoreRecord.filter(Column("evaluation_id") == id).order(Column("position")).fetchAll(db)
      return EvaluationDetail(
        id: id, scorecard: .init(key: row["scorecard_key"], version: row["scorecard_version"]),
        agent: row["agent_code"], inspector: row["inspector_code"], call: row["call_external_id"],
        callStartedAt: row["call_started_at"], kind: record.kind, status: record.status,
        rawScore: record.rawScore, finalScore: record.finalScore, criticalFailed: record.criticalFailed,
        passed: record.passed, band: record.band, comment: record.comment, submittedAt: record.submittedAt,
        sections: sections.map { .init(key: $0.section, score: $0.score, weight: $0.weight, applicable: $0.applicable) },
        items: items.map {
          .init(key: $0.item, section: $0.section, answer: $0.answer, earned: $0.earned, points: $0.points,
                na: $0.na, impact: $0.impact, note: $0.note, proposed: $0.proposed, overridden: $0.overridden)
        })
    }
  }

  /// Evaluations matching `filter`, newest call first.
  public func evaluations(_ filter: EvaluationFilter) throws -> [EvaluationSummary] {
    var conditions = SQLConditions()
    conditions.add("a.code = ?", filter.agent)
    try conditions.addScorecard(filter.scorecard)
    conditions.addCallDates(from: filter.from, to: filter.to)
    conditions.add("e.status = ?", filter.status?.rawValue)
    conditions.add("e.kind = ?", filter.kind?.rawValue)
    let whereClause = conditions.whereClause
    let limitClause = filter.limit.map { "LIMIT \(max(0, $0))" } ?? ""
    let sql = """
      SELECT e.id, s.key || '@' || s.version AS scorecard, a.code AS agent, i.code AS inspector,
             c.external_id AS call, c.started_at, e.kind, e.status, e.final_score, e.passed, e.critical_failed
      FROM evaluations e
      JOIN scorecards s ON s.id = e.scorecard_id
      JOIN agents a ON a.id = e.agent_id
      JOIN inspectors i ON i.id = e.inspector_id
      JOIN calls c ON c.id = e.call_id
      \(whereClause)
      ORDER BY c.started_at DESC, e.id DESC
      \(limitClause)
      """
    return try read { db in
      try FilterNames(agent: filter.agent, scorecard: filter.scorecard).check(db)
      return try Row.fetchAll(db, sql: sql, arguments: conditions.statementArguments).map { row in
        EvaluationSummary(
          id: row["id"], scorecard: row["scorecard"], agent: row["agent"], inspector: row["inspector"],
          call: row["call"], callStartedAt: row["started_at"],
          kind: EvaluationKind(rawValue: row["kind"]) ?? .monitoring,
          status: EvaluationStatus(rawValue: row["status"]) ?? .draft,
          finalScore: row["final_score"], passed: row["passed"], criticalFailed: row["critical_failed"])
      }
    }
  }
}
