import Foundation

extension QADatabase {
  // MARK: - Writes

  /// Creates a coaching task for every active agent whose service-quality index, or whose
  /// mean score in any scorecard section, is below `passLine` in `period`. One transaction;
  /// agents who already have a task for the period are left alone, so re-running is safe.
  ///
  /// - Parameters:
  ///   - topItems: how many of the costliest items (Σ item_scores.impact) the task names.
  ///   - now: the creation time (tests pin it).
  public func generateCoaching(
    period: ReportPeriod, plan: PerformancePlan, passLine: Double? = nil, team: String? = nil, topItems: Int = 3,
    confidence: ConfidenceLevel = .standard, actor: Actor, now: Date = Date()
  ) throws -> CoachingGeneration {
    try FilterRule.count(topItems, "top items")
    try check(FilterNames(team: team))
    let line = passLine ?? plan.passLine
    let quality = try qualityIndexInputs(period: period)
    let (first, last) = period.days
    let createdAt = Timestamp.format(now, offsetSeconds: 0).replacingOccurrences(of: "+00:00", with: "Z")
    return try guardedSQL(actor, .generateCoaching) { db in
      try Policy.requireOwnTeam(actor, team, what: .phrase(.whatGenerateCoachingTasks))
      var arguments: [SQLValue] = []
      var filter = ""
      if let team {
        filter = "AND team = ?"
        arguments.append(team.sqlValue)
      }
      let agents = try db.rows("SELECT id, code FROM agents WHERE active = 1 \(filter) ORDER BY code", arguments)
      let sections = try db.rows(
        """
        SELECT e.agent_id, s.section, AVG(s.score) AS mean, COUNT(*) AS n, \(db.engine.total("s.score")) AS total,
               \(db.engine.total("s.score * s.score")) AS squares
        FROM section_scores s
        JOIN evaluations e ON e.id = s.evaluation_id JOIN calls c ON c.id = e.call_id
        WHERE \(QADatabase.countedEvaluation) AND s.applicable = 1 AND substr(c.started_at, 1, 10) BETWEEN ? AND ?
        GROUP BY e.agent_id, s.section ORDER BY e.agent_id, mean, s.section
        """, first, last)
      var generation = CoachingGeneration(
        period: period.description, passLine: line, confidence: confidence, created: [], alreadyOpen: [], uncertain: [])
      for agent in agents {
        let agentId: Int64 = try agent["id"]
        let code: String = try agent["code"]
        let inputs = quality[code]
        let index = inputs.flatMap { ServiceQualityIndex.compute($0, settings: plan.quality) }
        let indexCI = inputs?.indexInterval(plan.quality, confidence)
        var reasons: [String] = []
        var doubts: [String] = []
        var more: [Int?] = []
        /// A figure below the line is a reason only when its whole interval is below it.
        func judge(_ label: String, _ value: Double, _ interval: IntervalEstimate?, _ terms: [(coefficient: Double, summary: MeanSummary)]) {
          guard value < line else { return }
          let shown = "\(label) \(ReportCell.withInterval(value, interval).display)"
          if let high = interval?.ciHigh, high < line {
            reasons.append("\(shown) below \(ScoreFormat.plain(line))")
          } else {
            let needed = Statistics.moreEvaluations(terms, distance: line - value, confidence)
            doubts.append("\(shown) reaches \(ScoreFormat.plain(line))" + (needed.map { " (\($0) more to tell)" } ?? ""))
            more.append(needed)
          }
        }
        if let index, let inputs {
          judge(
            "quality index", index.value, indexCI,
            plan.quality.indexTerms(monitoring: inputs.monitoringSummary, testCall: inputs.testCallSummary))
        }
        for row in sections where try row["agent_id"] == agentId {
          let summary = MeanSummary(n: try row["n"], sum: try row["total"], sumOfSquares: try row["squares"])
          judge(
            "section '\(try row["section"] as String)'", try row["mean"], summary.interval(confidence).clamped(to: 0...100),
            [(1, summary)])
        }
        if reasons.isEmpty, !doubts.isEmpty {
          let needed = more.compactMap { $0 }.min()
          generation.uncertain.append(CoachingUncertainty(agent: code, reasons: doubts, moreEvaluations: needed))
        }
        guard !reasons.isEmpty else { continue }
        if try db.value(Int.self, "SELECT 1 FROM coaching_tasks WHERE agent_id = ? AND period = ?", agentId, period.description) == 1 {
          generation.alreadyOpen.append(code)
          continue
        }
        let items = try QADatabase.costliestItems(db, agentId: agentId, first: first, last: last, limit: topItems)
        let cases = try QADatabase.casesFor(db, items: items.map(\.item))
        let inserted = try db.rows(
          """
          INSERT INTO coaching_tasks (agent_id, period, reasons, quality_index, quality_ci_low, quality_ci_high, quality_n,
                                      items, cases, status, created_by, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id
          """,
          [
            agentId.sqlValue, period.description.sqlValue, try JSONText.encode(reasons).sqlValue, index?.value.sqlValue ?? .null,
            indexCI?.ciLow.sqlValue ?? .null, indexCI?.ciHigh.sqlValue ?? .null, indexCI?.n.sqlValue ?? .null,
            try JSONText.encode(items).sqlValue, try JSONText.encode(cases).sqlValue, actor.auditName.sqlValue, createdAt.sqlValue,
          ])
        guard let id = try inserted.first.map({ try $0[0] as Int64 }) else {
          throw CallQAError(.errInsertGaveNoID, "coaching_tasks", kind: .storage(.other))
        }
        try QADatabase.audit(
          db, actor: actor.auditName, action: "create", entity: "coaching_task", entityId: id,
          after: try JSONText.object(["agent": code, "period": period.description]))
        if let task = try QADatabase.coachingTask(db, id: id, confidence: confidence) { generation.created.append(task) }
      }
      return generation
    }
  }

  /// Marks a task done with the coach's note.
  @discardableResult
  public func completeCoaching(id: Int64, note: String, actor: Actor, now: Date = Date()) throws -> CoachingTask {
    let doneAt = Timestamp.format(now, offsetSeconds: 0).replacingOccurrences(of: "+00:00", with: "Z")
    return try guardedSQL(actor, .completeCoaching) { db in
      guard let task = try QADatabase.coachingTask(db, id: id) else { throw CallQAError(.errNoCoachingTask, id) }
      guard task.status == "open" else { throw CallQAError.conflict(.errCoachingTaskAlready, id) }
      guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw CallQAError(.errSayWhatWas)
      }
      try db.execute("UPDATE coaching_tasks SET status = 'done', note = ?, done_at = ? WHERE id = ?", note, doneAt, id)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "complete", entity: "coaching_task", entityId: id,
        before: try JSONText.object(["status": "open"]), after: try JSONText.object(["status": "done", "note": note]))
      return try QADatabase.coachingTask(db, id: id) ?? task
    }
  }

  // MARK: - Reads

  /// Tasks, newest period first, each with its before/after progress.
  public func coachingTasks(period: String? = nil, status: String? = nil, confidence: ConfidenceLevel = .standard) throws -> [CoachingTask] {
    try readSQL { db in
      var conditions = SQLConditions()
      conditions.add("period = ?", period)
      conditions.add("status = ?", status)
      let ids = try db.rows("SELECT id FROM coaching_tasks \(conditions.whereClause) ORDER BY period DESC, id", conditions.arguments)
        .map { try $0[0] as Int64 }
      return try ids.compactMap { try QADatabase.coachingTask(db, id: $0, confidence: confidence) }
    }
  }

  // MARK: - Helpers

  /// Evaluations that count for an agent: submitted or disputed, monitoring or test call.
  static let countedEvaluation = CountedEvaluation.condition

  static func costliestItems(_ db: any SQLSession, agentId: Int64, first: String, last: String, limit: Int) throws -> [CoachingItem] {
    try db.rows(
      """
      SELECT i.item, i.section, \(db.engine.total("i.impact")) AS lost, COUNT(*) AS n FROM item_scores i
      JOIN evaluations e ON e.id = i.evaluation_id JOIN calls c ON c.id = e.call_id
      WHERE e.agent_id = ? AND \(countedEvaluation) AND i.impact > 0 AND substr(c.started_at, 1, 10) BETWEEN ? AND ?
      GROUP BY i.item, i.section ORDER BY lost DESC, i.item LIMIT ?
      """, agentId, first, last, limit
    ).map {
      CoachingItem(item: try $0["item"], section: try $0["section"], pointsLost: try $0["lost"], evaluations: try $0["n"])
    }
  }

  static func casesFor(_ db: any SQLSession, items: [String]) throws -> [CoachingCase] {
    guard !items.isEmpty else { return [] }
    let marks = Array(repeating: "?", count: items.count).joined(separator: ", ")
    return try db.rows(
      """
      SELECT t.id, t.title, t.kind, t.skills, t.evaluation_id FROM training_cases t
      WHERE EXISTS (SELECT 1 FROM \(db.engine.jsonArrayElements("t.skills", as: "j")) WHERE j.value IN (\(marks)))
      ORDER BY t.kind DESC, t.id
      """, items.map(\.sqlValue)
    ).map { row in
      let skills = (try? JSONDecoder().decode([String].self, from: Data((try row["skills"] as String).utf8))) ?? []
      return CoachingCase(
        id: try row["id"], title: try row["title"], kind: try row["kind"], skills: skills, evaluationId: try row["evaluation_id"])
    }
  }

  static func coachingTask(_ db: any SQLSession, id: Int64, confidence: ConfidenceLevel = .standard) throws -> CoachingTask? {
    guard
      let row = try db.row(
        "SELECT t.*, a.code, a.name, a.team FROM coaching_tasks t JOIN agents a ON a.id = t.agent_id WHERE t.id = ?", id)
    else { return nil }
    func decode<T: Decodable>(_ type: T.Type, _ column: String) -> T? {
      guard let text: String = try? row[column] else { return nil }
      return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
    let agentId: Int64 = try row["agent_id"]
    let period: String = try row["period"]
    let createdAt: String = try row["created_at"]
    let interval: IntervalEstimate? = try (row["quality_n"] as Int?).map {
      IntervalEstimate(n: $0, low: try row["quality_ci_low"], high: try row["quality_ci_high"])
    }
    return CoachingTask(
      id: id, agent: try row["code"], name: try row["name"], team: try row["team"], period: period,
      reasons: decode([String].self, "reasons") ?? [], qualityIndex: try row["quality_index"], qualityIndexCI: interval,
      items: decode([CoachingItem].self, "items") ?? [], cases: decode([CoachingCase].self, "cases") ?? [],
      status: try row["status"], note: try row["note"], createdBy: try row["created_by"], createdAt: createdAt,
      doneAt: try row["done_at"],
      progress: try progress(db, agentId: agentId, period: period, createdAt: createdAt, confidence: confidence))
  }

  static func progress(
    _ db: any SQLSession, agentId: Int64, period: String, createdAt: String, confidence level: ConfidenceLevel
  ) throws -> CoachingProgress? {
    guard let created = Timestamp.parse(createdAt)?.0, let days = (try? ReportPeriod.parse(period))?.days else { return nil }
    let rows = try db.rows(
      """
      SELECT c.started_at, e.final_score FROM evaluations e JOIN calls c ON c.id = e.call_id
      WHERE e.agent_id = ? AND \(countedEvaluation) AND c.started_at IS NOT NULL ORDER BY e.id
      """, agentId)
    var before: [Double] = []
    var after: [Double] = []
    for row in rows {
      let startedAt: String = try row["started_at"]
      guard let final: Double = try row["final_score"], let started = Timestamp.parse(startedAt)?.0 else { continue }
      let day = String(startedAt.prefix(10))
      if started >= created {
        after.append(final)
      } else if day >= days.first && day <= days.last {
        before.append(final)
      }
    }
    let b = MeanSummary(before), a = MeanSummary(after)
    let change = b.mean.flatMap { b in a.mean.map { $0 - b } }
    return CoachingProgress(
      before: b.mean, beforeCount: before.count, after: a.mean, afterCount: after.count, change: change, improved: change.map { $0 > 1e-9 },
      beforeCI: b.n > 0 ? b.interval(level).clamped(to: 0...100) : nil, afterCI: a.n > 0 ? a.interval(level).clamped(to: 0...100) : nil,
      changeCI: change == nil ? nil : Statistics.combination([(1, a), (-1, b)], level))
  }
}
