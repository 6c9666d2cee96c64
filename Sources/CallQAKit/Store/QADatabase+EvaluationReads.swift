extension QADatabase {
  /// The evaluation with this id, with its sections and items in scorecard order.
  public func evaluation(id: Int64) throws -> EvaluationDetail {
    try readSQL { db in
      guard
        let row = try db.row(
          """
          SELECT e.*, s.key AS scorecard_key, s.version AS scorecard_version, a.code AS agent_code,
                 i.code AS inspector_code, c.external_id AS call_external_id, c.started_at AS call_started_at
          FROM evaluations e
          JOIN scorecards s ON s.id = e.scorecard_id
          JOIN agents a ON a.id = e.agent_id
          JOIN inspectors i ON i.id = e.inspector_id
          JOIN calls c ON c.id = e.call_id
          WHERE e.id = ?
          """, id)
      else { throw CallQAError.notFound(.errNoEvaluationId, id) }
      let record = try row.record(EvaluationRecord.self)
      let sections = try db.fetchAll(SectionScoreRecord.self, "SELECT * FROM section_scores WHERE evaluation_id = ? ORDER BY position", id)
      let items = try db.fetchAll(ItemScoreRecord.self, "SELECT * FROM item_scores WHERE evaluation_id = ? ORDER BY position", id)
      var detail = EvaluationDetail(
        id: id, scorecard: .init(key: try row["scorecard_key"], version: try row["scorecard_version"]),
        agent: try row["agent_code"], inspector: try row["inspector_code"], call: try row["call_external_id"],
        callStartedAt: try row["call_started_at"], kind: record.kind, status: record.status,
        rawScore: record.rawScore, finalScore: record.finalScore, criticalFailed: record.criticalFailed,
        passed: record.passed, band: record.band, comment: record.comment, submittedAt: record.submittedAt,
        sections: sections.map { .init(key: $0.section, score: $0.score, weight: $0.weight, applicable: $0.applicable) },
        items: items.map {
          .init(
            key: $0.item, section: $0.section, answer: $0.answer, earned: $0.earned, points: $0.points,
            na: $0.na, impact: $0.impact, note: $0.note, proposed: $0.proposed, overridden: $0.overridden,
            causes: $0.causes == nil ? nil : $0.causeKeys)
        })
      detail.secondOpinionOf = try row["second_opinion_of"]
      if record.kind != .calibration, record.status != .draft { detail.receipt = try QADatabase.receipt(db, evaluation: id) }
      return detail
    }
  }

  /// Evaluations matching `filter`, newest call first (every row, or the page `filter` asks for).
  public func evaluations(_ filter: EvaluationFilter) throws -> [EvaluationSummary] {
    try evaluationPage(filter).rows
  }

  /// The page of evaluations matching `filter` (the scoring-record query), newest call first.
  ///
  /// The page's evaluation ids are read in the order of an index on the calls
  /// (`calls_started`, or `calls_agent` for one agent), each call's evaluations through
  /// `evaluations_report`, and the read stops after the page: no sort of every match, and
  /// every other filter is a condition on the rows walked (see ``evaluationListQuery(_:_:)``).
  /// Only then are the page's rows read with their scorecard, agent and inspector, so that
  /// the rows an offset skips cost an index entry each.
  public func evaluationPage(_ filter: EvaluationFilter) throws -> Page<EvaluationSummary> {
    try filter.validate()
    return try readSQL { db in
      try filter.names.check(db)
      let (sql, arguments) = try QADatabase.evaluationListQuery(db, filter)
      let ids = try db.rows(sql, arguments).map { try $0[0] as Int64 }
      var rows = try QADatabase.evaluationSummaries(db, ids: ids)
      if let item = filter.item, !rows.isEmpty {
        let ids = rows.map(\.id)
        let outcomes = try db.rows(
          """
          SELECT evaluation_id, item, section, earned, points, na, impact FROM item_scores
          WHERE item = ? AND evaluation_id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
          """, [item.sqlValue] + ids.map(\.sqlValue))
        var byId: [Int64: EvaluationSummary.ItemOutcome] = [:]
        for row in outcomes {
          byId[try row["evaluation_id"]] = EvaluationSummary.ItemOutcome(
            key: try row["item"], section: try row["section"], earned: try row["earned"], points: try row["points"],
            na: try row["na"], impact: try row["impact"])
        }
        for index in rows.indices { rows[index].item = byId[rows[index].id] }
      }
      return Page(fetched: rows, offset: filter.offset, limit: filter.limit)
    }
  }

  /// An ``EvaluationSummary`` from a row of ``evaluationListQuery(_:_:)``'s columns.
  static func evaluationSummary(_ row: SQLRow) throws -> EvaluationSummary {
    let kind: String = try row["kind"], status: String = try row["status"]
    guard let kind = EvaluationKind(rawValue: kind), let status = EvaluationStatus(rawValue: status) else {
      throw CallQAError(.errEvaluationUnknownKindOrStatus, try row["id"] as Int64, kind, status)
    }
    return EvaluationSummary(
      id: try row["id"], scorecard: try row["scorecard"], agent: try row["agent"], team: try row["team"],
      inspector: try row["inspector"], call: try row["call"], callStartedAt: try row["started_at"], kind: kind,
      status: status, rawScore: try row["raw_score"], finalScore: try row["final_score"], passed: try row["passed"],
      criticalFailed: try row["critical_failed"], band: try row["band"], comment: try row["comment"])
  }

  /// The evaluations with these ids, in the order given.
  static func evaluationSummaries(_ db: any SQLSession, ids: [Int64]) throws -> [EvaluationSummary] {
    guard !ids.isEmpty else { return [] }
    let rows = try db.rows(
      """
      SELECT e.id, s.key || '@' || s.version AS scorecard, a.code AS agent, a.team AS team, i.code AS inspector,
             c.external_id AS call, c.started_at, e.kind, e.status, e.raw_score, e.final_score, e.passed,
             e.critical_failed, e.band, e.comment
      FROM evaluations e
      JOIN calls c ON c.id = e.call_id
      JOIN scorecards s ON s.id = e.scorecard_id
      JOIN agents a ON a.id = e.agent_id
      JOIN inspectors i ON i.id = e.inspector_id
      WHERE e.id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))
      """, ids.map(\.sqlValue))
    var byId: [Int64: EvaluationSummary] = [:]
    for row in rows {
      let summary = try evaluationSummary(row)
      byId[summary.id] = summary
    }
    return ids.compactMap { byId[$0] }
  }

  /// The SQL of the ids of ``evaluationPage(_:)``'s page and its arguments (band labels
  /// resolved in `db`).
  ///
  /// `calls c CROSS JOIN evaluations e` pins the calls as the outer loop whatever statistics
  /// the file has, so that `ORDER BY c.started_at DESC, c.id DESC, e.id DESC` is the order
  /// of the index walked. Each call's evaluations come from the covering `evaluations_report`
  /// index, which holds every column the filters on scores, status, kind, scorecard and
  /// agent read, so that an evaluation they reject is never read from the table. A team is a
  /// condition on each call (`+c.agent_id`: not an index search over the team's agents, which
  /// would have to sort all their calls). PostgreSQL plans the same query on its statistics
  /// (``StoreEngineKind/orderedJoin``, no index hint).
  static func evaluationListQuery(_ db: any SQLSession, _ filter: EvaluationFilter) throws -> (String, [SQLValue]) {
    var conditions = SQLConditions()
    if let agent = filter.agent {
      conditions.add("c.agent_id = (SELECT id FROM agents WHERE code = ?) AND e.agent_id = c.agent_id", agent)
    }
    conditions.add("+c.agent_id IN (SELECT id FROM agents WHERE team = ?)", filter.team)
    conditions.add("e.inspector_id = (SELECT id FROM inspectors WHERE code = ?)", filter.inspector)
    try conditions.addEvaluationScorecard(filter.scorecard)
    conditions.addCallDates(from: filter.from, to: filter.to, period: filter.period)
    conditions.add("e.status = ?", filter.status?.rawValue)
    conditions.add("e.kind = ?", filter.kind?.rawValue)
    if filter.countedOnly { conditions.addCounted() }
    conditions.add(
      """
      e.status <> 'draft' AND e.kind <> 'calibration' AND COALESCE(
        (SELECT r.released_at FROM evaluation_receipts r WHERE r.evaluation_id = e.id), e.submitted_at) <= ?
      """, filter.releasedBy)
    conditions.add("e.final_score >= ?", filter.minScore.map { $0 - Evaluator.thresholdTolerance })
    conditions.add("e.final_score <= ?", filter.maxScore.map { $0 + Evaluator.thresholdTolerance })
    if let band = filter.band {
      let labels = FilterNames.bandLabels(band, in: try FilterNames.definitions(db, scorecard: filter.scorecard))
      conditions.add("e.band IN (\(labels.map { _ in "?" }.joined(separator: ", ")))", arguments: labels)
    }
    conditions.add("e.passed = ?", filter.passed)
    conditions.add(
      "(e.critical_failed = 1 OR EXISTS (SELECT 1 FROM section_scores ss WHERE ss.evaluation_id = e.id AND ss.critical_failed = 1))",
      when: filter.critical)
    if let item = filter.item {
      // With --lost, the condition of the partial covering index item_scores_lost comes first,
      // word for word, so that the probe reads that small index rather than the table.
      let lost = filter.lost ? " AND (it.na = 1 OR it.earned < it.points) AND it.earned < it.points" : ""
      conditions.add(
        "EXISTS (SELECT 1 FROM item_scores it WHERE it.evaluation_id = e.id AND it.item = ? AND it.na = 0\(lost))", item)
    }
    let page = Page<EvaluationSummary>.sql(limit: filter.limit, offset: filter.offset, on: db.engine)
    let sql = """
      SELECT e.id
      FROM calls c \(db.engine.orderedJoin) evaluations e\(db.engine.indexedBy("evaluations_report")) ON e.call_id = c.id
      \(conditions.whereClause)
      ORDER BY c.started_at DESC, c.id DESC, e.id DESC
      \(page.clause)
      """
    return (sql, conditions.arguments + page.arguments)
  }
}
