import Foundation
import GRDB

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
    return try guarded(actor, .generateCoaching) { db in
      try Policy.requireOwnTeam(actor, team, what: .phrase(.whatGenerateCoachingTasks))
      var arguments: StatementArguments = []
      var filter = ""
      if let team {
        filter = "AND team = ?"
        arguments += [team]
      }
      let agents = try Row.fetchAll(db, sql: "SELECT id, code FROM agents WHERE active = 1 \(filter) ORDER BY code", arguments: arguments)
      let sections = try Row.fetchAll(
        db,
        sql: """
          SELECT e.agent_id, s.section, AVG(s.score) AS mean, COUNT(*) AS n, TOTAL(s.score) AS total,
                 TOTAL(s.score * s.score) AS squares
          FROM section_scores s
          JOIN evaluations e ON e.id = s.evaluation_id JOIN calls c ON c.id = e.call_id
          WHERE \(QADatabase.countedEvaluation) AND s.applicable = 1 AND substr(c.started_at, 1, 10) BETWEEN ? AND ?
          GROUP BY e.agent_id, s.section ORDER BY e.agent_id, mean
          """, arguments: [first, last])
      var generation = CoachingGeneration(
        period: period.description, passLine: line, confidence: confidence, created: [], alreadyOpen: [], uncertain: [])
      for agent in agents {
        let agentId: Int64 = agent["id"]
        let code: String = agent["code"]
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
        for row in sections where row["agent_id"] == agentId {
          let summary = MeanSummary(n: row["n"], sum: row["total"], sumOfSquares: row["squares"])
          judge("section '\(row["section"] as String)'", row["mean"], summary.interval(confidence).clamped(to: 0...100), [(1, summary)])
        }
        if reasons.isEmpty, !doubts.isEmpty {
          let needed = more.compactMap { $0 }.min()
          generation.uncertain.append(CoachingUncertainty(agent: code, reasons: doubts, moreEvaluations: needed))
        }
        guard !reasons.isEmpty else { continue }
        if try Bool.fetchOne(
          db, sql: "SELECT 1 FROM coaching_tasks WHERE agent_id = ? AND period = ?",
          arguments: [agentId, period.description]) == true
        {
          generation.alreadyOpen.append(code)
          continue
        }
        let items = try QADatabase.costliestItems(db, agentId: agentId, first: first, last: last, limit: topItems)
        let cases = try QADatabase.casesFor(db, items: items.map(\.item))
        try db.execute(
          sql: """
            INSERT INTO coaching_tasks (agent_id, period, reasons, quality_index, quality_ci_low, quality_ci_high, quality_n,
                                        items, cases, status, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
            """,
          arguments: [
            agentId, period.description, try JSONText.encode(reasons), index?.value, indexCI?.ciLow, indexCI?.ciHigh, indexCI?.n,
            try JSONText.encode(items), try JSONText.encode(cases), actor.auditName, createdAt,
          ])
        let id = db.lastInsertedRowID
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
    return try guarded(actor, .completeCoaching) { db in
      guard let task = try QADatabase.coachingTask(db, id: id) else { throw CallQAError(.errNoCoachingTask, id) }
      guard task.status == "open" else { throw CallQAError.conflict(.errCoachingTaskAlready, id) }
      guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
        throw CallQAError(.errSayWhatWas)
      }
      try db.execute(
        sql: "UPDATE coaching_tasks SET status = 'done', note = ?, done_at = ? WHERE id = ?",
        arguments: [note, doneAt, id])
      try QADatabase.audit(
        db, actor: actor.auditName, action: "complete", entity: "coaching_task", entityId: id,
        before: try JSONText.object(["status": "open"]), after: try JSONText.object(["status": "done", "note": note]))
      return try QADatabase.coachingTask(db, id: id) ?? task
    }
  }

  // MARK: - Reads

  /// Tasks, newest period first, each with its before/after progress.
  public func coachingTasks(period: String? = nil, status: String? = nil, confidence: ConfidenceLevel = .standard) throws -> [CoachingTask] {
    try read { db in
      var conditions: [String] = []
      var arguments: StatementArguments = []
      if let period {
        conditions.append("period = ?")
        arguments += [period]
      }
      if let status {
        conditions.append("status = ?")
        arguments += [status]
      }
      let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
      let ids = try Int64.fetchAll(db, sql: "SELECT id FROM coaching_tasks \(whereClause) ORDER BY period DESC, id", arguments: arguments)
      return try ids.compactMap { try QADatabase.coachingTask(db, id: $0, confidence: confidence) }
    }
  }

  // MARK: - Helpers

  /// Evaluations that count for an agent: submitted or disputed, monitoring or test call.
  static let countedEvaluation = CountedEvaluation.condition

  static func costliestItems(_ db: Database, agentId: Int64, first: String, last: String, limit: Int) throws -> [CoachingItem] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT i.item, i.section, SUM(i.impact) AS lost, COUNT(*) AS n FROM item_scores i
        JOIN evaluations e ON e.id = i.evaluation_id JOIN calls c ON c.id = e.call_id
        WHERE e.agent_id = ? AND \(countedEvaluation) AND i.impact > 0 AND substr(c.started_at, 1, 10) BETWEEN ? AND ?
        GROUP BY i.item, i.section ORDER BY lost DESC, i.item LIMIT ?
        """, arguments: [agentId, first, last, limit]
    ).map {
      CoachingItem(item: $0["item"], section: $0["section"], pointsLost: $0["lost"], evaluations: $0["n"])
    }
  }

  static func casesFor(_ db: Database, items: [String]) throws -> [CoachingCase] {
    guard !items.isEmpty else { return [] }
    let marks = Array(repeating: "?", count: items.count).joined(separator: ", ")
    return try Row.fetchAll(
      db,
      sql: """
        SELECT t.id, t.title, t.kind, t.skills, t.evaluation_id FROM training_cases t
        WHERE json_valid(t.skills) AND EXISTS (SELECT 1 FROM json_each(t.skills) j WHERE j.value IN (\(marks)))
        ORDER BY t.kind DESC, t.id
        """, arguments: StatementArguments(items)
    ).map { row in
      let skills = (try? JSONDecoder().decode([String].self, from: Data((row["skills"] as String).utf8))) ?? []
      return CoachingCase(id: row["id"], title: row["title"], kind: row["kind"], skills: skills, evaluationId: row["evaluation_id"])
    }
  }

  static func coachingTask(_ db: Database, id: Int64, confidence: ConfidenceLevel = .standard) throws -> CoachingTask? {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT t.*, a.code, a.name, a.team FROM coaching_tasks t JOIN agents a ON a.id = t.agent_id WHERE t.id = ?
          """, arguments: [id])
    else { return nil }
    func decode<T: Decodable>(_ type: T.Type, _ column: String) -> T? {
      try? JSONDecoder().decode(type, from: Data((row[column] as String).utf8))
    }
    let agentId: Int64 = row["agent_id"]
    let period: String = row["period"]
    let createdAt: String = row["created_at"]
    return CoachingTask(
      id: id, agent: row["code"], name: row["name"], team: row["team"], period: period,
      reasons: decode([String].self, "reasons") ?? [], qualityIndex: row["quality_index"],
      qualityIndexCI: (row["quality_n"] as Int?).map { IntervalEstimate(n: $0, low: row["quality_ci_low"], high: row["quality_ci_high"]) },
      items: decode([CoachingItem].self, "items") ?? [], cases: decode([CoachingCase].self, "cases") ?? [],
      status: row["status"], note: row["note"], createdBy: row["created_by"], createdAt: createdAt, doneAt: row["done_at"],
      progress: try progress(db, agentId: agentId, period: period, createdAt: createdAt, confidence: confidence))
  }

  static func progress(
    _ db: Database, agentId: Int64, period: String, createdAt: String, confidence level: ConfidenceLevel
  ) throws -> CoachingProgress? {
    guard let created = Timestamp.parse(createdAt)?.0, let days = (try? ReportPeriod.parse(period))?.days else { return nil }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.started_at, e.final_score FROM evaluations e JOIN calls c ON c.id = e.call_id
        WHERE e.agent_id = ? AND \(countedEvaluation) AND c.started_at IS NOT NULL
        """, arguments: [agentId])
    var before: [Double] = []
    var after: [Double] = []
    for row in rows {
      let startedAt: String = row["started_at"]
      guard let final: Double = row["final_score"], let started = Timestamp.parse(startedAt)?.0 else { continue }
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
