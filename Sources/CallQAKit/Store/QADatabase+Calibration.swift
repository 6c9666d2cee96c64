import Foundation

extension QADatabase {
  // MARK: - Writes

  /// Opens a calibration session on an existing call and scorecard version, with an optional
  /// expert inspector as the reference and a tolerance in points (default 5).
  ///
  /// - Returns: the new session.
  public func createCalibrationSession(
    call: String, scorecard reference: String, expert: String?, tolerance: Double = 5, actor: Actor
  ) throws -> CalibrationSession {
    guard tolerance.isFinite, tolerance >= 0 else {
      throw CallQAError(.errToleranceMustNumber, ScoreFormat.plain(tolerance))
    }
    let stored = try scorecard(reference: reference)
    let id: Int64 = try guardedSQL(actor, .createCalibration) { db in
      guard let callRecord = try QADatabase.storedCall(db, externalId: call) else {
        throw CallQAError.notFound(.errUnknownCallScore, call)
      }
      var expertId: Int64?
      if let expert {
        guard let inspector = try db.fetchOne(InspectorRecord.self, "SELECT * FROM inspectors WHERE code = ?", expert) else {
          throw CallQAError.notFound(.errUnknownInspectorAdd, expert)
        }
        expertId = inspector.id
      }
      let session = CalibrationSessionRecord(
        id: nil, callId: try callRecord.storedID(), scorecardId: stored.id, expertInspectorId: expertId,
        tolerance: tolerance, createdBy: actor.auditName, createdAt: Timestamp.nowUTC())
      let id = try db.insert(session, into: CalibrationSessionRecord.databaseTableName)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "create", entity: "calibration_session", entityId: id,
        after: try JSONText.object([
          "call": call, "scorecard": stored.scorecard.reference, "expert": expert ?? "",
          "tolerance": ScoreFormat.plain(tolerance),
        ]))
      return id
    }
    return try calibrationSession(id: id)
  }

  /// Stores one inspector's scoring of a calibration session (kind `calibration`, never counted
  /// in agent reports). Each inspector scores a session once.
  ///
  /// - Returns: the new evaluation's id.
  @discardableResult
  public func scoreCalibration(session id: Int64, inspector typed: String?, sheet: AnswerSheet, actor: Actor) throws -> Int64 {
    let inspector = try actor.isSingleDesk ? Policy.inspectorCode(for: actor, typed: typed) : actor.user?.inspectorCode ?? ""
    let session = try calibrationSession(id: id)
    let stored = try scorecard(id: session.scorecardId)
    var submission = EvaluationSubmission(
      scorecard: stored, agentCode: session.agent, inspectorCode: inspector,
      call: CallInput(externalId: session.call), kind: .calibration, sheet: sheet, actor: actor)
    submission.calibrationSessionId = id
    let scored = try ScoredSubmission(submission)
    return try guardedSQL(actor, .scoreCalibration) { db in
      _ = try Policy.inspectorCode(for: actor, typed: typed)
      let already = try db.value(
        Int64.self,
        """
        SELECT e.id FROM evaluations e JOIN inspectors i ON i.id = e.inspector_id
        WHERE e.calibration_session_id = ? AND i.code = ? ORDER BY e.id LIMIT 1
        """, id, inspector)
      if let already {
        throw CallQAError.conflict(.errInspectorHasAlready, inspector, id, already)
      }
      return try QADatabase.storeSubmission(db, scored, via: .calibration)
    }
  }

  // MARK: - Reads

  /// The calibration session with this id.
  public func calibrationSession(id: Int64) throws -> CalibrationSession {
    try readSQL { db in
      guard let session = try QADatabase.calibrationSessions(db, where: "cs.id = ?", [id.sqlValue]).first else {
        throw CallQAError(.errNoCalibrationSession, id)
      }
      return session
    }
  }

  /// Calibration sessions created between `from` and `to` (UTC dates `YYYY-MM-DD`, inclusive), oldest first.
  public func calibrationSessions(from: String? = nil, to: String? = nil) throws -> [CalibrationSession] {
    var conditions = ["1 = 1"]
    var arguments: [SQLValue] = []
    if let from {
      conditions.append("substr(cs.created_at, 1, 10) >= ?")
      arguments.append(from.sqlValue)
    }
    if let to {
      conditions.append("substr(cs.created_at, 1, 10) <= ?")
      arguments.append(to.sqlValue)
    }
    return try readSQL { db in
      try QADatabase.calibrationSessions(db, where: conditions.joined(separator: " AND "), arguments)
    }
  }

  /// The submitted scorings of a session, by inspector code.
  public func calibrationRatings(session id: Int64) throws -> [CalibrationRating] {
    try readSQL { db in try QADatabase.calibrationRatings(db, session: id) }
  }

  static func calibrationRatings(_ db: any SQLSession, session id: Int64) throws -> [CalibrationRating] {
    let evaluations = try db.rows(
      """
      SELECT e.id, e.final_score, i.code FROM evaluations e JOIN inspectors i ON i.id = e.inspector_id
      WHERE e.calibration_session_id = ? AND \(CountedEvaluation.status)
      ORDER BY i.code, e.id
      """, id)
    // Plain rows, not Codable records: a report reads every item of every session.
    var byEvaluation: [Int64: [CalibrationRating.Item]] = [:]
    let rows = try db.rows(
      """
      SELECT s.evaluation_id, s.item, s.answer, s.earned, s.points, s.na FROM item_scores s
      JOIN evaluations e ON e.id = s.evaluation_id
      WHERE e.calibration_session_id = ? AND \(CountedEvaluation.status)
      ORDER BY s.evaluation_id, s.position
      """, id)
    for row in rows {
      let na: Bool = try row[5]
      byEvaluation[try row[0], default: []].append(
        .init(key: try row[1], answer: try row[2], earned: na ? nil : try row[3], points: try row[4]))
    }
    return try evaluations.map { row in
      let evaluationId: Int64 = try row["id"]
      return CalibrationRating(
        inspector: try row["code"], evaluationId: evaluationId, finalScore: try row["final_score"] ?? 0,
        items: byEvaluation[evaluationId] ?? [])
    }
  }

  /// One session compared item by item and in total (see ``CalibrationComparison``).
  /// An inspector whose alignment with the session's expert is below `alignmentThreshold` (percent) is flagged.
  public func calibrationComparison(
    session id: Int64, alignmentThreshold: Double = CalibrationComparison.defaultAlignmentThreshold
  ) throws -> CalibrationComparison {
    let session = try calibrationSession(id: id)
    let stored = try scorecard(id: session.scorecardId)
    return CalibrationComparison.compare(
      session: session, scorecard: stored.scorecard, ratings: try calibrationRatings(session: id), alignmentThreshold: alignmentThreshold)
  }

  /// Calibration across the sessions created between `from` and `to` (UTC dates, inclusive).
  public func calibrationReport(
    from: String? = nil, to: String? = nil, alignmentThreshold: Double = CalibrationComparison.defaultAlignmentThreshold
  ) throws -> CalibrationReport {
    let sessions = try calibrationSessions(from: from, to: to)
    var scorecards: [Int64: Scorecard] = [:]
    for id in Set(sessions.map(\.scorecardId)) { scorecards[id] = try scorecard(id: id).scorecard }
    let inputs = try readSQL { db in
      try sessions.compactMap { session -> CalibrationReport.Input? in
        guard let scorecard = scorecards[session.scorecardId] else { return nil }
        return CalibrationReport.Input(
          session: session, scorecard: scorecard, ratings: try QADatabase.calibrationRatings(db, session: session.id))
      }
    }
    return CalibrationReport.build(inputs, alignmentThreshold: alignmentThreshold)
  }

  static func calibrationSessions(_ db: any SQLSession, where condition: String, _ arguments: [SQLValue]) throws -> [CalibrationSession] {
    try db.rows(
      """
      SELECT cs.*, c.external_id AS call_code, a.code AS agent_code, s.key AS scorecard_key,
             s.version AS scorecard_version, i.code AS expert_code
      FROM calibration_sessions cs
      JOIN calls c ON c.id = cs.call_id
      JOIN agents a ON a.id = c.agent_id
      JOIN scorecards s ON s.id = cs.scorecard_id
      LEFT JOIN inspectors i ON i.id = cs.expert_inspector_id
      WHERE \(condition)
      ORDER BY cs.id
      """, arguments
    ).map { row in
      CalibrationSession(
        id: try row["id"], call: try row["call_code"], agent: try row["agent_code"],
        scorecard: "\(try row["scorecard_key"] as String)@\(try row["scorecard_version"] as Int)",
        scorecardId: try row["scorecard_id"], expert: try row["expert_code"], tolerance: try row["tolerance"],
        createdBy: try row["created_by"], createdAt: try row["created_at"])
    }
  }
}
