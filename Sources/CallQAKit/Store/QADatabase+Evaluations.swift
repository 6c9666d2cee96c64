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
  static func insertSubmitted(_ db: Database, _ submission: EvaluationSubmission, result: EvaluationResult) throws -> Int64 {
    let agent = try resolveAgent(db, code: submission.agentCode, create: submission.createMissingPeople, actor: submission.actor)
    let inspector = try resolveInspector(db, code: submission.inspectorCode, create: submission.createMissingPeople, actor: submission.actor)
    let call = try resolveCall(db, submission.call, agent: agent, actor: submission.actor)
    let now = Timestamp.nowUTC()
    var evaluation = EvaluationRecord(
      id: nil, externalId: submission.externalId, callId: call.id ?? 0, agentId: agent.id ?? 0,
      scorecardId: submission.scorecard.id, inspectorId: inspector.id ?? 0, kind: submission.kind,
      status: .submitted, rawScore: result.rawScore, finalScore: result.finalScore,
      criticalFailed: result.criticalFailed, passed: result.passed, band: result.band,
      comment: submission.sheet.comment, createdAt: now, submittedAt: submission.submittedAt ?? now, updatedAt: now,
      calibrationSessionId: submission.calibrationSessionId)
    try evaluation.insert(db)
    let id = evaluation.id ?? 0
    try insertScores(db, evaluationId: id, result: result, proposals: submission.sheet.proposals)
    try audit(
      db, actor: submission.actor, action: submission.externalId == nil ? "submit" : "import",
      entity: "evaluation", entityId: id, after: auditSummary(evaluation, submission: submission))
    return id
  }

  /// Inserts section and item rows; `proposals` (item → proposed answer text) sets each
  /// item's `proposed` and `overridden` columns.
  static func insertScores(
    _ db: Database, evaluationId: Int64, result: EvaluationResult, proposals: [String: String] = [:]
  ) throws {
    for (position, section) in result.sections.enumerated() {
      try SectionScoreRecord(
        evaluationId: evaluationId, section: section.key, position: position, rawScore: section.rawScore,
        score: section.score, weight: section.weight, applicable: section.applicable,
        criticalFailed: section.criticalFailed
      ).insert(db)
    }
    for (position, item) in result.items.enumerated() {
      try ItemScoreRecord(
        evaluationId: evaluationId, item: item.key, section: item.section, position: position,
        answer: item.answer.text, earned: item.earned, points: item.points, na: item.isNotApplicable,
        impact: item.impact, criticalFailed: item.criticalFailed, note: item.note,
        proposed: proposals[item.key], overridden: proposals[item.key].map { $0 != item.answer.text }
      ).insert(db)
    }
  }

  static func auditSummary(_ evaluation: EvaluationRecord, submission: EvaluationSubmission) -> String {
    var fields = [
      "scorecard": submission.scorecard.scorecard.reference, "agent": submission.agentCode,
      "inspector": submission.inspectorCode, "call": submission.call.externalId,
      "kind": submission.kind.rawValue, "status": evaluation.status.rawValue,
      "answers": JSONText.encode(submission.sheet.answers.mapValues(\.text)),
    ]
    if let raw = evaluation.rawScore { fields["raw_score"] = String(raw) }
    if let final = evaluation.finalScore { fields["final_score"] = String(final) }
    return JSONText.object(fields)
  }

  static func resolveAgent(_ db: Database, code: String, create: Bool, actor: String) throws -> AgentRecord {
    if let agent = try AgentRecord.filter(Column("code") == code).fetchOne(db) { return agent }
    guard create else {
      throw CallQAError("unknown agent '\(code)' (add it with `callqa agent add \(code) --name …`)")
    }
    try checkCode(code, what: "agent code")
    return try insertAgent(db, AgentInput(code: code, name: code, team: nil), actor: actor)
  }

  static func resolveInspector(_ db: Database, code: String, create: Bool, actor: String) throws -> InspectorRecord {
    if let inspector = try InspectorRecord.filter(Column("code") == code).fetchOne(db) { return inspector }
    guard create else {
      throw CallQAError("unknown inspector '\(code)' (add it with `callqa inspector add \(code) --name …`)")
    }
    try checkCode(code, what: "inspector code")
    return try insertInspector(db, code: code, name: code, actor: actor)
  }

  /// Finds the call by its external id, or creates it for `agent`. A call belongs to one agent.
  static func resolveCall(_ db: Database, _ input: CallInput, agent: AgentRecord, actor: String) throws -> CallRecord {
    if let call = try CallRecord.filter(Column("external_id") == input.externalId).fetchOne(db) {
      guard call.agentId == agent.id else {
        let owner = try String.fetchOne(db, sql: "SELECT code FROM agents WHERE id = ?", arguments: [call.agentId]) ?? "?"
        throw CallQAError("call '\(input.externalId)' belongs to agent '\(owner)', not '\(agent.code)'")
      }
      return call
    }
    try checkCode(input.externalId, what: "call id")
    var startedAt = Timestamp.nowLocal()
    if let given = input.startedAt {
      guard let normalised = Timestamp.normalise(given) else {
        throw CallQAError("call '\(input.externalId)': started_at '\(given)' is not ISO-8601 with an offset (e.g. 2026-11-03T09:15:00+08:00)")
      }
      startedAt = normalised
    }
    if let duration = input.duration, !(duration.isFinite && duration >= 0) {
      throw CallQAError("call '\(input.externalId)': duration must be a number of seconds ≥ 0")
    }
    var call = CallRecord(
      externalId: input.externalId, agentId: agent.id ?? 0, startedAt: startedAt, duration: input.duration,
      direction: input.direction, recording: input.recording, transcript: input.transcript)
    try call.insert(db)
    return call
  }
}
