import Foundation
import GRDB

extension QADatabase {
  // MARK: - Writes

  /// Opens an agent's dispute against a submitted evaluation of theirs: the evaluation becomes
  /// `disputed` (still counted until resolved) and the audit trail records it.
  ///
  /// The agent opens it, or a supervisor of the agent's team on their behalf; in single-desk
  /// mode `typedAgent` names the agent and must be the evaluation's. The evaluation must have
  /// been released to the agent, at most the dispute window (``TeamRules/disputeWindowDays``)
  /// ago, and one dispute at a time may be open on it.
  public func openDispute(evaluation id: Int64, by typedAgent: String?, reason: String, actor: Actor) throws -> Dispute {
    let disputeId = try guardedSQL(actor, .openDispute) { db in
      let parties = try QADatabase.parties(db, evaluation: id)
      var agent = parties.agent
      if actor.isSingleDesk {
        guard let typedAgent, !typedAgent.isEmpty else { throw CallQAError(.errNameAgentWho) }
        agent = typedAgent
      } else {
        try Policy.requireAgentOrTeam(actor, agent: parties.agent, team: parties.team, what: .phrase(.whatDisputeEvaluation, id))
        if let typedAgent, typedAgent != parties.agent, typedAgent != actor.login {
          throw Policy.refusal(actor, .errMayDisputeBehalf, typedAgent)
        }
      }
      try QADatabase.requireDisputeWindow(db, evaluation: id)
      return try QADatabase.openDispute(db, evaluation: id, by: agent, reason: reason, actor: actor.auditName)
    }
    return try self.dispute(id: disputeId)
  }

  /// ``openDispute(evaluation:by:reason:actor:)`` in the caller's transaction; returns the dispute's id.
  static func openDispute(_ db: any SQLSession, evaluation id: Int64, by agent: String, reason: String, actor: String) throws -> Int64 {
    let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else { throw CallQAError(.errDisputeNeedsReason) }
    let evaluation = try evaluationRecord(db, id: id)
    guard evaluation.kind != .calibration else {
      throw CallQAError(.errEvaluationCalibrationScoring, id)
    }
    let owner = try db.value(String.self, "SELECT code FROM agents WHERE id = ?", evaluation.agentId) ?? "?"
    guard owner == agent else {
      throw CallQAError(.errEvaluationAboutAgent, id, owner, agent)
    }
    switch evaluation.status {
    case .submitted: break
    case .disputed: throw CallQAError.conflict(.errEvaluationAlreadyUnder, id)
    case .revised:
      let newer = try db.value(Int64.self, "SELECT id FROM evaluations WHERE revision_of = ?", id)
      if let newer { throw CallQAError(.errEvaluationRevisedSee, id, newer) }
      throw CallQAError(.errEvaluationRevised, id)
    case .draft: throw CallQAError(.errEvaluationDraftOnly, id)
    }
    let now = Timestamp.nowUTC()
    let dispute = DisputeRecord(
      id: nil, evaluationId: id, openedBy: agent, reason: reason, status: .open, openedAt: now,
      resolvedBy: nil, resolvedAt: nil, resolutionNote: nil, revisionId: nil)
    let disputeId = try db.insert(dispute, into: DisputeRecord.databaseTableName)
    try changeStatus(db, evaluation: evaluation, to: .disputed)
    try audit(
      db, actor: actor, action: "dispute", entity: "evaluation", entityId: id,
      before: try JSONText.object(["status": "submitted"]),
      after: try JSONText.object(["status": "disputed", "dispute": String(disputeId), "by": agent, "reason": reason]))
    return disputeId
  }

  /// Resolves a dispute keeping the original scores: the evaluation is `submitted` again.
  ///
  /// The reviewer is neither the agent nor the inspector who wrote the evaluation
  /// (``Policy/requireReviewer(_:agent:team:inspector:)``); in single-desk mode `typedReviewer`
  /// names them and must be a known inspector (the QA lead).
  public func upholdDispute(id: Int64, reviewer typedReviewer: String?, note: String?, actor: Actor) throws -> Dispute {
    try guardedSQL(actor, .resolveDispute) { db in
      var dispute = try QADatabase.openDisputeRecord(db, id: id)
      let reviewer = try QADatabase.reviewer(db, of: dispute, typed: typedReviewer, actor: actor)
      let evaluation = try QADatabase.evaluationRecord(db, id: dispute.evaluationId)
      try QADatabase.changeStatus(db, evaluation: evaluation, to: .submitted)
      try QADatabase.close(db, &dispute, as: .upheld, reviewer: reviewer, note: note, revision: nil, actor: actor.auditName)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "uphold", entity: "evaluation", entityId: evaluation.id,
        before: try JSONText.object(["status": "disputed", "dispute": String(id)]),
        after: try JSONText.object(["status": "submitted", "reviewer": reviewer, "note": note ?? ""]))
    }
    return try dispute(id: id)
  }

  /// Resolves a dispute with new answers: a new evaluation (same call, agent, inspector, kind and
  /// scorecard version as the disputed one) replaces it, stored through the one write path
  /// (``storeSubmission(_:_:via:context:)``) with its `revision_of` link; the disputed one
  /// becomes `revised` and stays readable; the audit trail keeps before and after.
  public func reviseDispute(id: Int64, sheet: AnswerSheet, reviewer typedReviewer: String?, note: String?, actor: Actor) throws -> Dispute {
    try guardedSQL(actor, .resolveDispute) { db in
      let reviewer = try QADatabase.reviewer(db, of: try QADatabase.openDisputeRecord(db, id: id), typed: typedReviewer, actor: actor)
      _ = try QADatabase.reviseDispute(db, id: id, sheet: sheet, reviewer: reviewer, note: note, actor: actor)
    }
    return try dispute(id: id)
  }

  /// ``reviseDispute(id:sheet:reviewer:note:actor:)`` in the caller's transaction; returns the
  /// revision's id. `context` (bulk writers) caches people and scorecard versions.
  static func reviseDispute(
    _ db: any SQLSession, id: Int64, sheet: AnswerSheet, reviewer: String, note: String?, actor: Actor,
    context: SubmissionContext? = nil
  ) throws -> Int64 {
    var dispute = try openDisputeRecord(db, id: id)
    let old = try evaluationRecord(db, id: dispute.evaluationId)
    let oldId = try old.storedID()
    let scorecard: StoredScorecard
    do {
      scorecard = try storedScorecard(db, id: old.scorecardId, context: context)
    } catch let error as CallQAError {
      throw CallQAError(.errEvaluation, oldId, error)
    }
    guard
      let names = try db.row(
        """
        SELECT a.code AS agent, i.code AS inspector, c.external_id AS call
        FROM agents a, inspectors i, calls c WHERE a.id = ? AND i.id = ? AND c.id = ?
        """, old.agentId, old.inspectorId, old.callId)
    else { throw CallQAError(.errEvaluationAgentInspector, oldId) }
    var revised = sheet
    if revised.comment == nil { revised.comment = old.comment }
    var submission = EvaluationSubmission(
      scorecard: scorecard, agentCode: try names["agent"], inspectorCode: try names["inspector"],
      call: CallInput(externalId: try names["call"]), kind: old.kind, sheet: revised, actor: actor)
    submission.calibrationSessionId = old.calibrationSessionId
    let scored = try ScoredSubmission(submission)
    let before = try auditState(db, evaluation: old)
    // The old one leaves the counted set before its revision enters it (one counted per call and kind).
    try changeStatus(db, evaluation: old, to: .revised, context: context)
    let revisionId = try storeSubmission(db, scored, via: .revision(of: oldId, dispute: id), context: context)
    try close(db, &dispute, as: .revised, reviewer: reviewer, note: note, revision: revisionId, actor: actor.auditName)
    let after = try auditState(db, evaluation: try evaluationRecord(db, id: revisionId))
    try audit(db, actor: actor.auditName, action: "revise", entity: "evaluation", entityId: oldId, before: before, after: after)
    return revisionId
  }

  // MARK: - Reads

  /// The dispute with this id.
  public func dispute(id: Int64) throws -> Dispute {
    try readSQL { session in
      guard let dispute = try QADatabase.disputes(session, where: "d.id = ?", [id.sqlValue]).first else {
        throw CallQAError.notFound(.errNoDisputeId, id)
      }
      return dispute
    }
  }

  /// Disputes, newest first; `status` filters, `evaluation` keeps the disputes of one evaluation,
  /// `reader` keeps those they may read (``Policy/readScope(_:)``: a supervisor's teams, an
  /// agent's own; trainers read none); `limit` keeps the newest so many (the walk down the
  /// disputes' ids stops there, whatever the size of the table).
  public func disputes(
    status: DisputeStatus? = nil, evaluation: Int64? = nil, readableBy reader: Actor? = nil, limit: Int? = nil
  ) throws -> [Dispute] {
    var conditions = ["1 = 1"]
    var arguments: [SQLValue] = []
    switch reader.map(Policy.readScope) ?? .everything {
    case .everything: break
    case .teams(let teams):
      conditions.append("a.team IN (\(Array(repeating: "?", count: teams.count).joined(separator: ", ")))")
      arguments.append(contentsOf: teams.map(\.sqlValue))
    case .agent(let code):
      conditions.append("a.code = ?")
      arguments.append(code.sqlValue)
    case .cases, .nothing:
      throw Policy.refusal(reader!, .errMayReadDisputes)
    }
    if let status {
      conditions.append("d.status = ?")
      arguments.append(status.rawValue.sqlValue)
    }
    if let evaluation {
      conditions.append("d.evaluation_id = ?")
      arguments.append(evaluation.sqlValue)
    }
    return try readSQL { session in
      try QADatabase.disputes(session, where: conditions.joined(separator: " AND "), arguments, limit: limit)
    }
  }

  /// How an evaluation sits in its revision chain, with its disputes (newest first).
  public func history(ofEvaluation id: Int64) throws -> EvaluationHistory {
    let links = try readSQL { session in
      try session.row(
        """
        SELECT e.revision_of, (SELECT r.id FROM evaluations r WHERE r.revision_of = e.id) AS revised_by
        FROM evaluations e WHERE e.id = ?
        """, id)
    }
    guard let links else { throw CallQAError.notFound(.errNoEvaluationId, id) }
    return EvaluationHistory(
      revisionOf: try links["revision_of"], revisedBy: try links["revised_by"], disputes: try disputes(evaluation: id))
  }

  /// The scorecard version an evaluation was scored with (answers for a revision are checked against it).
  public func scorecard(ofEvaluation id: Int64) throws -> StoredScorecard {
    let record = try readSQL { db in try QADatabase.evaluationRecord(db, id: id) }
    return try scorecard(id: record.scorecardId)
  }

  // MARK: - Helpers

  /// The one place a non-draft evaluation's status changes; the triggers (on both engines)
  /// refuse any other change.
  ///
  /// A counted evaluation that becomes `revised` leaves the report summaries here (its
  /// revision enters them through ``storeSubmission(_:_:via:context:)``); `disputed` and back
  /// stay counted.
  static func changeStatus(
    _ db: any SQLSession, evaluation: EvaluationRecord, to status: EvaluationStatus, context: SubmissionContext? = nil
  ) throws {
    let allowed: [EvaluationStatus: Set<EvaluationStatus>] = [
      .submitted: [.disputed, .revised], .disputed: [.submitted, .revised],
    ]
    guard allowed[evaluation.status]?.contains(status) == true else {
      throw CallQAError(.errEvaluationCannotGo, try evaluation.storedID(), evaluation.status.rawValue, status.rawValue)
    }
    if status == .revised,
      let leaving = try ReportSummaries.Contribution(
        db, evaluation: try evaluation.storedID(),
        exemplaryScore: { id in try scorecardDefinition(db, id: id, context: context).exemplaryScore })
    {
      try ReportSummaries.record(db, leaving, sign: -1, context: context)
    }
    try db.execute("UPDATE evaluations SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, Timestamp.nowUTC(), evaluation.id)
  }

  /// The stored scorecard version `id` (cached in `context`).
  static func storedScorecard(_ db: any SQLSession, id: Int64, context: SubmissionContext?) throws -> StoredScorecard {
    if let cached = context?.scorecards[id] { return cached }
    guard let record = try db.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE id = ?", id) else {
      throw CallQAError(.errScorecardVersionMissing, id)
    }
    let scorecard = try stored(record)
    context?.scorecards[id] = scorecard
    return scorecard
  }

  static func scorecardDefinition(_ db: any SQLSession, id: Int64, context: SubmissionContext?) throws -> Scorecard {
    try storedScorecard(db, id: id, context: context).scorecard
  }

  /// The agent (and their team) and the inspector of an evaluation.
  static func parties(_ db: any SQLSession, evaluation id: Int64) throws -> (agent: String, team: String?, inspector: String) {
    guard
      let row = try db.row(
        """
        SELECT a.code AS agent, a.team AS team, i.code AS inspector FROM evaluations e
        JOIN agents a ON a.id = e.agent_id JOIN inspectors i ON i.id = e.inspector_id WHERE e.id = ?
        """, id)
    else { throw CallQAError.notFound(.errNoEvaluationId, id) }
    return (try row["agent"], try row["team"], try row["inspector"])
  }

  /// Who resolves `dispute`: the acting user, or — in single-desk mode — the typed reviewer,
  /// who must be a known inspector; never the agent nor the evaluation's own inspector.
  static func reviewer(_ db: any SQLSession, of dispute: DisputeRecord, typed: String?, actor: Actor) throws -> String {
    let parties = try parties(db, evaluation: dispute.evaluationId)
    guard actor.isSingleDesk else {
      try Policy.requireReviewer(actor, agent: parties.agent, team: parties.team, inspector: parties.inspector)
      if let typed, typed != actor.login, typed != actor.user?.inspectorCode {
        throw Policy.refusal(actor, .errMayResolveDispute2, typed)
      }
      return actor.login
    }
    guard let typed, !typed.isEmpty else { throw CallQAError(.errNameReviewerWho) }
    guard try db.value(Int.self, "SELECT 1 FROM inspectors WHERE code = ?", typed) == 1 else {
      throw CallQAError.forbidden(.errUnknownReviewerDispute, typed)
    }
    if typed == parties.agent { throw CallQAError.forbidden(.errMayResolveDispute, typed) }
    if typed == parties.inspector {
      throw CallQAError.forbidden(.errMayResolveDisputeAbout, typed)
    }
    return typed
  }

  static func evaluationRecord(_ db: any SQLSession, id: Int64) throws -> EvaluationRecord {
    guard let record = try db.fetchOne(EvaluationRecord.self, "SELECT * FROM evaluations WHERE id = ?", id) else {
      throw CallQAError.notFound(.errNoEvaluationId, id)
    }
    return record
  }

  static func openDisputeRecord(_ db: any SQLSession, id: Int64) throws -> DisputeRecord {
    guard let dispute = try db.fetchOne(DisputeRecord.self, "SELECT * FROM disputes WHERE id = ?", id) else {
      throw CallQAError.notFound(.errNoDisputeId, id)
    }
    guard dispute.status == .open else {
      throw CallQAError.conflict(.errDisputeAlreadyResolved, id, dispute.status.rawValue)
    }
    return dispute
  }

  static func close(
    _ db: any SQLSession, _ dispute: inout DisputeRecord, as status: DisputeStatus, reviewer: String, note: String?,
    revision: Int64?, actor: String
  ) throws {
    try checkCode(reviewer, what: .phrase(.whatReviewer))
    dispute.status = status
    dispute.resolvedBy = reviewer
    dispute.resolvedAt = Timestamp.nowUTC()
    dispute.resolutionNote = note
    dispute.revisionId = revision
    // Only while still open: of two reviewers racing, the second changes nothing and is told so.
    let closed = try db.rows(
      """
      UPDATE disputes SET status = ?, resolved_by = ?, resolved_at = ?, resolution_note = ?, revision_id = ?
      WHERE id = ? AND status = 'open' RETURNING id
      """, status.rawValue, reviewer, dispute.resolvedAt, note, revision, dispute.id)
    guard !closed.isEmpty else {
      let current = try db.value(String.self, "SELECT status FROM disputes WHERE id = ?", dispute.id) ?? status.rawValue
      throw CallQAError.conflict(.errDisputeAlreadyResolved, try dispute.storedID(), current)
    }
    try audit(
      db, actor: actor, action: "resolve", entity: "dispute", entityId: dispute.id,
      before: try JSONText.object(["status": "open"]),
      after: try JSONText.object([
        "status": status.rawValue, "evaluation": String(dispute.evaluationId), "reviewer": reviewer, "note": note ?? "",
        "revision": revision.map(String.init) ?? "",
      ]))
  }

  /// Scores and answers of an evaluation, for the audit trail's before/after.
  static func auditState(_ db: any SQLSession, evaluation: EvaluationRecord) throws -> String {
    let answers = try db.rows("SELECT item, answer FROM item_scores WHERE evaluation_id = ? ORDER BY position", evaluation.id)
    var map: [String: String] = [:]
    for row in answers { map[try row["item"]] = try row["answer"] ?? "" }
    var fields = [
      "evaluation": String(try evaluation.storedID()), "status": evaluation.status.rawValue,
      "answers": try JSONText.encode(map),
    ]
    if let raw = evaluation.rawScore { fields["raw_score"] = String(raw) }
    if let final = evaluation.finalScore { fields["final_score"] = String(final) }
    if let passed = evaluation.passed { fields["passed"] = String(passed) }
    return try JSONText.object(fields)
  }

  static func disputes(
    _ session: any SQLSession, where condition: String, _ arguments: [SQLValue], limit: Int? = nil
  ) throws -> [Dispute] {
    try session.rows(
      """
      SELECT d.*, a.code AS agent_code, i.code AS inspector_code, c.external_id AS call_code,
             s.key || '@' || s.version AS scorecard_ref, e.final_score, r.final_score AS revised_final
      FROM disputes d
      JOIN evaluations e ON e.id = d.evaluation_id
      JOIN agents a ON a.id = e.agent_id
      JOIN inspectors i ON i.id = e.inspector_id
      JOIN calls c ON c.id = e.call_id
      JOIN scorecards s ON s.id = e.scorecard_id
      LEFT JOIN evaluations r ON r.id = d.revision_id
      WHERE \(condition)
      ORDER BY d.id DESC
      \(limit == nil ? "" : "LIMIT ?")
      """, arguments + (limit.map { [$0.sqlValue] } ?? [])
    ).map { row in
      Dispute(
        id: try row["id"], evaluation: try row["evaluation_id"], agent: try row["agent_code"],
        inspector: try row["inspector_code"], call: try row["call_code"], scorecard: try row["scorecard_ref"],
        finalScore: try row["final_score"], status: DisputeStatus(rawValue: try row["status"]) ?? .open,
        openedBy: try row["opened_by"], reason: try row["reason"], openedAt: try row["opened_at"],
        resolvedBy: try row["resolved_by"], resolvedAt: try row["resolved_at"],
        resolutionNote: try row["resolution_note"], revision: try row["revision_id"],
        revisedFinalScore: try row["revised_final"])
    }
  }
}
