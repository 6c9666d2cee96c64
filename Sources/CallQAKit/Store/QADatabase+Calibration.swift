import Foundation
import GRDB

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
    let id: Int64 = try guarded(actor, .createCalibration) { db in
      guard let callRecord = try CallRecord.filter(CallRecord.Columns.externalId == call).fetchOne(db) else {
        throw CallQAError.notFound(.errUnknownCallScore, call)
      }
      var expertId: Int64?
      if let expert {
        guard let inspector = try InspectorRecord.filter(InspectorRecord.Columns.code == expert).fetchOne(db) else {
          throw CallQAError.notFound(.errUnknownInspectorAdd, expert)
        }
        expertId = inspector.id
      }
      var session = CalibrationSessionRecord(
        id: nil, callId: try callRecord.storedID(), scorecardId: stored.id, expertInspectorId: expertId,
        tolerance: tolerance, createdBy: actor.auditName, createdAt: Timestamp.nowUTC())
      try session.insert(db)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "create", entity: "calibration_session", entityId: session.id,
        after: try JSONText.object([
          "call": call, "scorecard": stored.scorecard.reference, "expert": expert ?? "",
          "tolerance": ScoreFormat.plain(tolerance),
        ]))
      return try session.storedID()
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
    return try guarded(actor, .scoreCalibration) { db in
      _ = try Policy.inspectorCode(for: actor, typed: typed)
      let already = try Int64.fetchOne(
        db,
        sql: """
          SELECT e.id FROM evaluations e JOIN inspectors i ON i.id = e.inspector_id
          WHERE e.calibration_session_id = ? AND i.code = ?
          """, arguments: [id, inspector])
      if let already {
        throw CallQAError.conflict(.errInspectorHasAlready, inspector, id, already)
      }
      return try QADatabase.storeSubmission(db, scored, via: .calibration)
    }
  }

  // MARK: - Reads

  /// The calibration session with this id.
  public func calibrationSession(id: Int64) throws -> CalibrationSession {
    try read { db in
      guard let session = try QADatabase.calibrationSessions(db, where: "cs.id = ?", [id]).first else {
        throw CallQAError(.errNoCalibrationSession, id)
      }
      return session
    }
  }

  /// Calibration sessions created between `from` and `to` (UTC dates `YYYY-MM-DD`, inclusive), oldest first.
  public func calibrationSessions(from: String? = nil, to: String? = nil) throws -> [CalibrationSession] {
    var conditions = ["1 = 1"]
    var arguments: [any DatabaseValueConvertible] = []
    if let from {
      conditions.append("substr(cs.created_at, 1, 10) >= ?")
      arguments.append(from)
    }
    if let to {
      conditions.append("substr(cs.created_at, 1, 10) <= ?")
      arguments.append(to)
    }
    return try read { db in
      try QADatabase.calibrationSessions(db, where: conditions.joined(separator: " AND "), arguments)
    }
  }

  /// The submitted scorings of a session, by inspector code.
  public func calibrationRatings(session id: Int64) throws -> [CalibrationRating] {
    try read { db in try QADatabase.calibrationRatings(db, session: id) }
  }

  static func calibrationRatings(_ db: Database, session id: Int64) throws -> [CalibrationRating] {
    let evaluations = try Row.fetchAll(
      db,
      sql: """
        SELECT e.id, e.final_score, i.code FROM evaluations e JOIN inspectors i ON i.id = e.inspector_id
        WHERE e.calibration_session_id = ? AND \(CountedEvaluation.status)
        ORDER BY i.code
        """, arguments: [id])
    // Plain rows, not Codable records: a report reads every item of every session.
    var byEvaluation: [Int64: [CalibrationRating.Item]] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT s.evaluation_id, s.item, s.answer, s.earned, s.points, s.na FROM item_scores s
        JOIN evaluations e ON e.id = s.evaluation_id
        WHERE e.calibration_session_id = ? AND \(CountedEvaluation.status)
        ORDER BY s.evaluation_id, s.position
        """, arguments: [id])
    while let row = try rows.next() {
      let na: Bool = row[5]
      byEvaluation[row[0], default: []].append(
        .init(key: row[1], answer: row[2], earned: na ? nil : row[3], points: row[4]))
    }
    return evaluations.map { row in
      let evaluationId: Int64 = row["id"]
      return CalibrationRating(
        inspector: row["code"], evaluationId: evaluationId, finalScore: row["final_score"] ?? 0,
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
    let inputs = try read { db in
      try sessions.compactMap { session -> CalibrationReport.Input? in
        guard let scorecard = scorecards[session.scorecardId] else { return nil }
        return CalibrationReport.Input(
          session: session, scorecard: scorecard, ratings: try QADatabase.calibrationRatings(db, session: session.id))
      }
    }
    return CalibrationReport.build(inputs, alignmentThreshold: alignmentThreshold)
  }

  static func calibrationSessions(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [CalibrationSession] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT cs.*, c.external_id AS call_code, a.code AS agent_code, s.key AS scorecard_key,
               s.version AS scorecard_version, i.code AS expert_code
        FROM calibration_sessions cs
        JOIN calls c ON c.id = cs.call_id
        JOIN agents a ON a.id = c.agent_id
        JOIN scorecards s ON s.id = cs.scorecard_id
        LEFT JOIN inspectors i ON i.id = cs.expert_inspector_id
        WHERE \(condition)
        ORDER BY cs.id
        """, arguments: StatementArguments(arguments)
    ).map { row in
      CalibrationSession(
        id: row["id"], call: row["call_code"], agent: row["agent_code"],
        scorecard: "\(row["scorecard_key"] as String)@\(row["scorecard_version"] as Int)",
        scorecardId: row["scorecard_id"], expert: row["expert_code"], tolerance: row["tolerance"],
        createdBy: row["created_by"], createdAt: row["created_at"])
    }
  }
}
