import Foundation
import GRDB

/// Whether an evaluation has been shown to its agent and acknowledged by them.
public struct EvaluationReceipt: Hashable, Sendable, Encodable {
  /// When the agent sees it (UTC): its release date, or its submission when none was set.
  @NullEncoded public var releasedAt: String?
  /// Who set a release date other than the submission; nil when released at submission.
  @NullEncoded public var releasedBy: String?
  @NullEncoded public var acknowledgedAt: String?
  @NullEncoded public var acknowledgedBy: String?

  enum CodingKeys: String, CodingKey {
    case releasedAt = "released_at"
    case releasedBy = "released_by"
    case acknowledgedAt = "acknowledged_at"
    case acknowledgedBy = "acknowledged_by"
  }
}

/// One team's line of `report acknowledgements`: counted evaluations released to agents and
/// how many they acknowledged.
public struct AcknowledgementRow: Hashable, Sendable, Encodable {
  @NullEncoded public var team: String?
  public var released: Int
  public var acknowledged: Int
  public var unacknowledged: Int
  /// Released but not acknowledged and not under dispute, the oldest release first.
  @NullEncoded public var oldestUnacknowledged: String?

  enum CodingKeys: String, CodingKey {
    case team, released, acknowledged, unacknowledged
    case oldestUnacknowledged = "oldest_unacknowledged"
  }
}

extension QADatabase {
  /// Sets the day an evaluation is released to its agent (`YYYY-MM-DD`, from 00:00 UTC):
  /// managers, or a supervisor of the agent's team. Until then the agent cannot see,
  /// acknowledge or dispute it; the dispute window counts from it.
  @discardableResult
  public func releaseEvaluation(_ id: Int64, on day: String, actor: Actor) throws -> EvaluationReceipt {
    guard Timestamp.parseDay(day) != nil else { throw CallQAError(.errReleaseDayMust, day) }
    return try guardedSQL(actor, .releaseEvaluation) { db in
      let evaluation = try QADatabase.countedEvaluation(db, id: id, for: .errWhatReleased)
      let parties = try QADatabase.parties(db, evaluation: id)
      try Policy.requireAgentOrTeam(actor, agent: parties.agent, team: parties.team, what: .phrase(.whatReleaseEvaluation, id))
      let receipt = try QADatabase.receipt(db, evaluation: id)
      if receipt.acknowledgedAt != nil { throw CallQAError.conflict(.errEvaluationAlreadyAcknowledged, id) }
      let releasedAt = "\(day)T00:00:00Z"
      try db.execute(
        """
        INSERT INTO evaluation_receipts (evaluation_id, released_at, released_by) VALUES (?, ?, ?)
        ON CONFLICT(evaluation_id) DO UPDATE SET released_at = excluded.released_at, released_by = excluded.released_by
        """, evaluation.id, releasedAt, actor.auditName)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "release", entity: "evaluation", entityId: id,
        before: try JSONText.object(["released_at": receipt.releasedAt ?? ""]), after: try JSONText.object(["released_at": releasedAt]))
      return try QADatabase.receipt(db, evaluation: id)
    }
  }

  /// The agent acknowledges an evaluation of theirs that has been released to them.
  @discardableResult
  public func acknowledgeEvaluation(_ id: Int64, actor: Actor, now: Date = Date()) throws -> EvaluationReceipt {
    try guardedSQL(actor, .acknowledgeEvaluation) { db in
      _ = try QADatabase.countedEvaluation(db, id: id, for: .errWhatAcknowledged)
      let parties = try QADatabase.parties(db, evaluation: id)
      try Policy.requireAgentOrTeam(actor, agent: parties.agent, team: parties.team, what: .phrase(.whatAcknowledgeEvaluation, id))
      let receipt = try QADatabase.receipt(db, evaluation: id)
      if let at = receipt.acknowledgedAt { throw CallQAError.conflict(.errEvaluationWasAlready, id, at.prefix(10)) }
      if let released = receipt.releasedAt, let (date, _) = Timestamp.parse(released), date > now {
        throw CallQAError.conflict(.errEvaluationReleasedAgent, id, released.prefix(10))
      }
      let at = Timestamp.nowUTC()
      let by = actor.isSingleDesk ? parties.agent : actor.login
      try db.execute(
        """
        INSERT INTO evaluation_receipts (evaluation_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?)
        ON CONFLICT(evaluation_id) DO UPDATE SET acknowledged_at = excluded.acknowledged_at,
          acknowledged_by = excluded.acknowledged_by
        """, id, at, by)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "acknowledge", entity: "evaluation", entityId: id,
        after: try JSONText.object(["acknowledged_by": by]))
      return try QADatabase.receipt(db, evaluation: id)
    }
  }

  /// The release and acknowledgement of an evaluation.
  public func receipt(evaluation id: Int64) throws -> EvaluationReceipt {
    try readSQL { db in try QADatabase.receipt(db, evaluation: id) }
  }

  /// Counted evaluations released to agents per team, acknowledged or not (`team` narrows).
  public func acknowledgements(team: String? = nil, now: Date = Date()) throws -> [AcknowledgementRow] {
    try readSQL { db in
      try FilterNames(team: team).check(db)
      let nowText = TimestampParts.utcString(epochSeconds: Int(now.timeIntervalSince1970))
      var conditions = SQLConditions()
      conditions.add(CountedEvaluation.condition)
      conditions.add("COALESCE(r.released_at, e.submitted_at) <= ?", nowText)
      conditions.add("a.team = ?", team)
      return try db.rows(
        """
        SELECT a.team AS team, COUNT(*) AS released, COUNT(r.acknowledged_at) AS acknowledged,
          COUNT(CASE WHEN r.acknowledged_at IS NULL AND e.status = 'submitted' THEN 1 END) AS unacknowledged,
          MIN(CASE WHEN r.acknowledged_at IS NULL AND e.status = 'submitted'
            THEN COALESCE(r.released_at, e.submitted_at) END) AS oldest
        FROM evaluations e JOIN agents a ON a.id = e.agent_id
        LEFT JOIN evaluation_receipts r ON r.evaluation_id = e.id
        \(conditions.whereClause)
        GROUP BY a.team ORDER BY a.team NULLS FIRST
        """, conditions.arguments
      ).map { row in
        AcknowledgementRow(
          team: try row["team"], released: try row["released"], acknowledged: try row["acknowledged"],
          unacknowledged: try row["unacknowledged"], oldestUnacknowledged: try row["oldest"])
      }
    }
  }

  static func receipt(_ db: any SQLSession, evaluation id: Int64) throws -> EvaluationReceipt {
    let row = try db.row(
      """
      SELECT COALESCE(r.released_at, e.submitted_at) AS released_at, r.released_by, r.acknowledged_at, r.acknowledged_by
      FROM evaluations e LEFT JOIN evaluation_receipts r ON r.evaluation_id = e.id WHERE e.id = ?
      """, id)
    guard let row else { throw CallQAError.notFound(.errNoEvaluationId, id) }
    return EvaluationReceipt(
      releasedAt: try row["released_at"], releasedBy: try row["released_by"], acknowledgedAt: try row["acknowledged_at"],
      acknowledgedBy: try row["acknowledged_by"])
  }

  /// A submitted or disputed monitoring or test-call evaluation (what agents are shown).
  private static func countedEvaluation(_ db: any SQLSession, id: Int64, for what: MessageKey) throws -> EvaluationRecord {
    let evaluation = try evaluationRecord(db, id: id)
    guard evaluation.kind != .calibration, evaluation.status == .submitted || evaluation.status == .disputed else {
      if evaluation.kind == .calibration { throw CallQAError(.errCalibrationScoringNotCounted, id, LocalizedMessage(what, [])) }
      throw CallQAError(.errEvaluationNotCounted, id, evaluation.status.rawValue, LocalizedMessage(what, []))
    }
    return evaluation
  }
}
