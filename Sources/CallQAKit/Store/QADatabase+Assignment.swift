import Foundation

/// What `assign` is asked: the week's sample (as `sample` draws it), to whom, and for how long.
public struct AssignRequest: Hashable, Sendable {
  public var sample: SampleRequest
  /// Inspector codes; empty means every inspector.
  public var inspectors: [String]
  /// Days a claim lasts before the call returns to the pool.
  public var claimDays: Int

  public init(sample: SampleRequest, inspectors: [String] = [], claimDays: Int = 3) {
    self.sample = sample
    self.inspectors = inspectors
    self.claimDays = claimDays
  }
}

extension QADatabase {
  /// Samples the week's calls (``sample(_:)``) and spreads them evenly over the inspectors
  /// (``AssignmentPlan``), each with a claim of `claimDays`. A call with a live claim (not
  /// expired, not yet scored) is never handed out again.
  public func assign(_ request: AssignRequest, actor: Actor, now: Date = Date()) throws -> AssignmentSummary {
    guard (1...60).contains(request.claimDays) else { throw CallQAError(.errClaimLastsDays, request.claimDays) }
    try authorize(actor, .assignCalls)
    let queue = try sample(request.sample)
    let nowText = Self.utc(now)
    let expires = Self.utc(now.addingTimeInterval(Double(request.claimDays) * 86_400))
    return try guardedSQL(actor, .assignCalls) { db in
      try Policy.requireOwnTeam(actor, request.sample.team, what: .phrase(.whatAssignCalls))
      var inspectors = request.inspectors
      if inspectors.isEmpty { inspectors = try db.rows("SELECT code FROM inspectors ORDER BY code").map { try $0[0] as String } }
      guard !inspectors.isEmpty else { throw CallQAError(.errNoInspectorsAssign) }
      for code in inspectors { try FilterNames(inspector: code).check(db) }
      let live = try QADatabase.liveLoad(db, now: nowText)
      var calls: [Int64] = []
      var claimed = 0
      for pick in queue.picks {
        if try QADatabase.liveClaim(db, call: pick.callId, kind: request.sample.kind, now: nowText) { claimed += 1 } else { calls.append(pick.callId) }
      }
      var ids: [Int64] = []
      for (call, inspector) in AssignmentPlan.distribute(calls, over: inspectors, load: live) {
        let inserted = try db.rows(
          """
          INSERT INTO assignments (call_id, kind, inspector_id, assigned_by, assigned_at, expires_at)
          VALUES (?, ?, (SELECT id FROM inspectors WHERE code = ?), ?, ?, ?) RETURNING id
          """, call, request.sample.kind.rawValue, inspector, actor.auditName, nowText, expires)
        ids += try inserted.map { try $0[0] as Int64 }
      }
      try QADatabase.audit(
        db, actor: actor.auditName, action: "assign", entity: "assignments", entityId: nil,
        after: try JSONText.object([
          "week": queue.week, "assigned": String(ids.count), "already_claimed": String(claimed),
          "inspectors": inspectors.joined(separator: ","), "claim_days": String(request.claimDays),
        ]))
      let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
      let assigned = ids.isEmpty ? [] : try QADatabase.assignments(db, where: "s.id IN (\(marks))", ids.map(\.sqlValue), now: nowText)
      return AssignmentSummary(week: queue.week, assigned: assigned, alreadyClaimed: claimed)
    }
  }

  /// Assignments, oldest call first: of one inspector when given, open ones only unless `all`.
  public func queue(inspector: String? = nil, all: Bool = false, now: Date = Date()) throws -> [Assignment] {
    try readSQL { db in
      try FilterNames(inspector: inspector).check(db)
      var conditions = ["1 = 1"]
      var arguments: [SQLValue] = []
      if let inspector {
        conditions.append("i.code = ?")
        arguments.append(inspector.sqlValue)
      }
      let rows = try QADatabase.assignments(db, where: conditions.joined(separator: " AND "), arguments, now: Self.utc(now))
      return all ? rows : rows.filter { $0.status == .open }
    }
  }

  /// The oldest open call of `inspector`'s queue, if any.
  public func nextAssignment(inspector: String, now: Date = Date()) throws -> Assignment? {
    try queue(inspector: inspector, now: now).first
  }

  /// Assigned, done, open and overdue calls per inspector (assignments made since `since`, a UTC day).
  public func workload(since: String? = nil, now: Date = Date()) throws -> [WorkloadRow] {
    let all = try readSQL { db in
      try QADatabase.assignments(db, where: "s.assigned_at >= ?", [(since ?? "0000").sqlValue], now: Self.utc(now))
    }
    var rows: [String: WorkloadRow] = [:]
    for assignment in all {
      var row = rows[assignment.inspector] ?? WorkloadRow(inspector: assignment.inspector, assigned: 0, done: 0, open: 0, overdue: 0)
      row.assigned += 1
      switch assignment.status {
      case .done: row.done += 1
      case .open: row.open += 1
      case .expired: row.overdue += 1
      }
      rows[assignment.inspector] = row
    }
    return rows.values.sorted { $0.inspector < $1.inspector }
  }

  // MARK: - Helpers

  /// The counted evaluation of a call and kind (SQL over the assignment alias `s`).
  private static let doneBy = """
    (SELECT e.id FROM evaluations e WHERE e.call_id = s.call_id AND e.kind = s.kind AND \(CountedEvaluation.status))
    """

  static func assignments(
    _ db: any SQLSession, where condition: String, _ arguments: [SQLValue], now: String
  ) throws -> [Assignment] {
    try db.rows(
      """
      SELECT s.id, c.external_id AS call, a.code AS agent, a.team, c.started_at, i.code AS inspector, s.kind,
        s.assigned_at, s.expires_at, \(doneBy) AS evaluation
      FROM assignments s JOIN calls c ON c.id = s.call_id JOIN agents a ON a.id = c.agent_id
      JOIN inspectors i ON i.id = s.inspector_id
      WHERE \(condition)
      ORDER BY c.started_at, c.id, s.id
      """, arguments
    ).map { row in
      let evaluation: Int64? = try row["evaluation"]
      let expiresAt: String = try row["expires_at"]
      let status: Assignment.Status = evaluation != nil ? .done : expiresAt <= now ? .expired : .open
      return Assignment(
        id: try row["id"], call: try row["call"], agent: try row["agent"], team: try row["team"],
        callStartedAt: try row["started_at"], inspector: try row["inspector"],
        kind: EvaluationKind(rawValue: try row["kind"]) ?? .monitoring, assignedAt: try row["assigned_at"],
        expiresAt: expiresAt, status: status, evaluation: evaluation)
    }
  }

  /// True when a call has a claim that has neither expired nor been scored.
  static func liveClaim(_ db: any SQLSession, call: Int64, kind: EvaluationKind, now: String) throws -> Bool {
    try db.value(
      Int.self, "SELECT 1 FROM assignments s WHERE s.call_id = ? AND s.kind = ? AND s.expires_at > ? AND \(doneBy) IS NULL",
      call, kind.rawValue, now) == 1
  }

  /// Live claims per inspector code.
  static func liveLoad(_ db: any SQLSession, now: String) throws -> [String: Int] {
    var load: [String: Int] = [:]
    for row in try db.rows(
      """
      SELECT i.code, COUNT(*) AS n FROM assignments s JOIN inspectors i ON i.id = s.inspector_id
      WHERE s.expires_at > ? AND \(doneBy) IS NULL GROUP BY i.code
      """, now)
    {
      load[try row["code"]] = try row["n"]
    }
    return load
  }

  static func utc(_ date: Date) -> String { TimestampParts.utcString(epochSeconds: Int(date.timeIntervalSince1970)) }
}
