import Foundation
import GRDB

extension QADatabase {
  // MARK: - Writes

  /// Scores and stores a submitted evaluation in one transaction: the evaluation, its section
  /// and item rows (answer, earned, points, N/A, impact, note) and an audit row.
  ///
  /// - Returns: the new evaluation's id.
  @discardableResult
  public func submit(_ submission: EvaluationSubmission) throws -> Int64 {
    let result = try Evaluator.evaluate(
      submission.scorecard.scorecard, answers: submission.sheet.answers, notes: submission.sheet.notes)
    return try write { db in try QADatabase.insertSubmitted(db, submission, result: result) }
  }

  /// Inserts a submitted evaluation whose result has been computed; the caller owns the transaction.
  ///
  /// The one insertion path for scoring, imports and the demo. It uses cached prepared
  /// statements, so bulk callers pay no SQL compilation per row; `context` (bulk writes
  /// in one transaction) caches people and keeps each evaluation's audit row short.
  static func insertSubmitted(
    _ db: Database, _ submission: EvaluationSubmission, result: EvaluationResult, context: SubmissionContext? = nil
  ) throws -> Int64 {
    let agent = try resolveAgent(db, code: submission.agentCode, create: submission.createMissingPeople, actor: submission.actor, context: context)
    let inspector = try resolveInspector(db, code: submission.inspectorCode, create: submission.createMissingPeople, actor: submission.actor, context: context)
    let call = try resolveCall(db, submission.call, agent: agent, actor: submission.actor)
    let now = Timestamp.nowUTC()
    let statement = try db.cachedStatement(sql: """
      INSERT INTO evaluations (external_id, call_id, agent_id, scorecard_id, inspector_id, kind, status,
        raw_score, final_score, critical_failed, passed, band, comment, created_at, submitted_at, updated_at,
        import_fingerprint, calibration_session_id)
      VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    try statement.execute(arguments: [
      submission.externalId, call.id, agent.id, submission.scorecard.id, inspector.id, submission.kind.rawValue,
      result.rawScore, result.finalScore, result.criticalFailed, result.passed, result.band,
      submission.sheet.comment, now, submission.submittedAt ?? now, now, submission.importFingerprint,
      submission.calibrationSessionId,
    ])
    let id = db.lastInsertedRowID
    try insertScores(db, evaluationId: id, result: result, proposals: submission.sheet.proposals)
    try audit(
      db, actor: submission.actor, action: submission.externalId == nil ? "submit" : "import",
      entity: "evaluation", entityId: id,
      after: try context?.auditSummary(submission) ?? auditSummary(submission, result: result))
    return id
  }

  /// Inserts section and item rows through cached statements; `proposals` (item → proposed
  /// answer text) sets each item's `proposed` and `overridden` columns.
  static func insertScores(
    _ db: Database, evaluationId: Int64, result: EvaluationResult, proposals: [String: String] = [:]
  ) throws {
    let sectionStatement = try db.cachedStatement(sql: """
      INSERT INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for (position, section) in result.sections.enumerated() {
      try sectionStatement.execute(arguments: [
        evaluationId, section.key, position, section.rawScore, section.score, section.weight,
        section.applicable, section.criticalFailed,
      ])
    }
    let itemStatement = try db.cachedStatement(sql: """
      INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points, na, impact,
        critical_failed, note, proposed, overridden)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for (position, item) in result.items.enumerated() {
      let proposed = proposals[item.key]
      try itemStatement.execute(arguments: [
        evaluationId, item.key, item.section, position, item.answer.text, item.earned, item.points,
        item.isNotApplicable, item.impact, item.criticalFailed, item.note, proposed,
        proposed.map { $0 != item.answer.text },
      ])
    }
  }

  static func auditSummary(_ submission: EvaluationSubmission, result: EvaluationResult) throws -> String {
    var fields = [
      "scorecard": submission.scorecard.scorecard.reference, "agent": submission.agentCode,
      "inspector": submission.inspectorCode, "call": submission.call.externalId,
      "kind": submission.kind.rawValue, "status": EvaluationStatus.submitted.rawValue,
      "answers": try JSONText.encode(submission.sheet.answers.mapValues(\.text)),
    ]
    fields["raw_score"] = String(result.rawScore)
    fields["final_score"] = String(result.finalScore)
    return try JSONText.object(fields)
  }

  static func resolveAgent(
    _ db: Database, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> AgentRecord {
    if let agent = context?.agents[code] { return agent }
    var agent = try AgentRecord.filter(Column("code") == code).fetchOne(db)
    if agent == nil {
      guard create else {
        throw CallQAError.notFound("unknown agent '\(code)' (add it with `callqa agent add \(code) --name …`)")
      }
      try checkCode(code, what: "agent code")
      agent = try insertAgent(db, AgentInput(code: code, name: code, team: nil), actor: actor)
    }
    guard let agent else { throw CallQAError("agent '\(code)' could not be stored") }
    context?.agents[code] = agent
    return agent
  }

  static func resolveInspector(
    _ db: Database, code: String, create: Bool, actor: String, context: SubmissionContext? = nil
  ) throws -> InspectorRecord {
    if let inspector = context?.inspectors[code] { return inspector }
    var inspector = try InspectorRecord.filter(Column("code") == code).fetchOne(db)
    if inspector == nil {
      guard create else {
        throw CallQAError.notFound("unknown inspector '\(code)' (add it with `callqa inspector add \(code) --name …`)")
      }
      try checkCode(code, what: "inspector code")
      inspector = try insertInspector(db, code: code, name: code, actor: actor)
    }
    guard let inspector else { throw CallQAError("inspector '\(code)' could not be stored") }
    context?.inspectors[code] = inspector
    return inspector
  }

  /// Finds the call by its external id, or creates it for `agent`. A call belongs to one agent.
  static func resolveCall(_ db: Database, _ input: CallInput, agent: AgentRecord, actor: String) throws -> CallRecord {
    let lookup = try db.cachedStatement(sql: "SELECT * FROM calls WHERE external_id = ?")
    if let call = try CallRecord.fetchOne(lookup, arguments: [input.externalId]) {
      guard call.agentId == agent.id else {
        let owner = try String.fetchOne(db, sql: "SELECT code FROM agents WHERE id = ?", arguments: [call.agentId]) ?? "?"
        throw CallQAError("call '\(input.externalId)' belongs to agent '\(owner)', not '\(agent.code)'")
      }
      return call
    }
    try checkCode(input.externalId, what: "call id")
    let startedAt: String
    if let given = input.startedAt {
      guard let normalised = Timestamp.normalise(given) else {
        throw CallQAError("call '\(input.externalId)': started_at '\(given)' is not ISO-8601 with an offset (e.g. 2026-11-03T09:15:00+08:00)")
      }
      startedAt = normalised
    } else {
      startedAt = Timestamp.nowLocal()
    }
    if let duration = input.duration, !(duration.isFinite && duration >= 0) {
      throw CallQAError("call '\(input.externalId)': duration must be a number of seconds ≥ 0")
    }
    var call = CallRecord(
      externalId: input.externalId, agentId: try agent.storedID(), startedAt: startedAt, duration: input.duration,
      direction: input.direction, recording: input.recording, transcript: input.transcript)
    let insert = try db.cachedStatement(sql: """
      INSERT INTO calls (external_id, agent_id, started_at, duration, direction, recording, transcript)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    try insert.execute(arguments: [
      call.externalId, call.agentId, call.startedAt, call.duration, call.direction, call.recording, call.transcript,
    ])
    call.id = db.lastInsertedRowID
    return call
  }
}
