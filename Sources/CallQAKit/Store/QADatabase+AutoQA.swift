/// A call with a transcript, as auto-QA screens it.
public struct TranscribedCall: Hashable, Sendable {
  /// The telephony system's call id.
  public var externalId: String
  /// Agent code.
  public var agent: String
  public var team: String?
  /// ISO-8601 with the offset it was recorded in.
  public var startedAt: String?
  /// `inbound` / `outbound` (chooses the default scorecard).
  public var direction: String?
  /// The transcript path stored on the call; nil when it has none.
  public var transcript: String?

  public init(
    externalId: String, agent: String, team: String? = nil, startedAt: String? = nil, direction: String? = nil,
    transcript: String? = nil
  ) {
    self.externalId = externalId
    self.agent = agent
    self.team = team
    self.startedAt = startedAt
    self.direction = direction
    self.transcript = transcript
  }
}

extension QADatabase {
  // MARK: - Reads

  /// The call with this external id.
  public func transcribedCall(externalId: String) throws -> TranscribedCall {
    let rows = try transcribedCalls(condition: "c.external_id = ?", arguments: [externalId.sqlValue])
    guard let call = rows.first else { throw CallQAError.notFound(.errUnknownCall, externalId) }
    return call
  }

  /// Calls with a transcript whose local date falls in `period` (`YYYY-MM`), optionally of one team,
  /// oldest first.
  public func transcribedCalls(period: String, team: String? = nil) throws -> [TranscribedCall] {
    try check(FilterNames(team: team))
    var condition = "c.transcript IS NOT NULL AND c.transcript <> '' AND substr(c.started_at, 1, 7) = ?"
    var arguments: [SQLValue] = [period.sqlValue]
    if let team {
      condition += " AND a.team = ?"
      arguments.append(team.sqlValue)
    }
    return try transcribedCalls(condition: condition, arguments: arguments)
  }

  private func transcribedCalls(condition: String, arguments: [SQLValue]) throws -> [TranscribedCall] {
    try readSQL { db in
      try db.rows(
        """
        SELECT c.external_id, a.code AS agent, a.team, c.started_at, c.direction, c.transcript
        FROM calls c JOIN agents a ON a.id = c.agent_id
        WHERE \(condition)
        ORDER BY c.started_at, c.external_id
        """, arguments
      ).map { row in
        TranscribedCall(
          externalId: try row["external_id"], agent: try row["agent"], team: try row["team"],
          startedAt: try row["started_at"], direction: try row["direction"], transcript: try row["transcript"])
      }
    }
  }

  /// How each auto rule fared with inspectors: for every item of every scorecard version with
  /// stored proposals, in the non-draft evaluations of calls in `period` (`YYYY-MM`, nil: all).
  /// An evaluation later revised after a dispute still counts: it is the inspector's reaction
  /// to the proposals (its revision stores none).
  public func autoRuleStats(period: String? = nil) throws -> [AutoRuleStat] {
    var sql = """
      SELECT e.scorecard_id, i.item, i.answer, i.proposed, i.overridden
      FROM item_scores i
      JOIN evaluations e ON e.id = i.evaluation_id
      JOIN calls c ON c.id = e.call_id
      WHERE i.proposed IS NOT NULL AND e.status IN ('submitted', 'disputed', 'revised')
      """
    var arguments: [SQLValue] = []
    if let period {
      sql += " AND substr(c.started_at, 1, 7) = ?"
      arguments.append(period.sqlValue)
    }
    let rows = try readSQL { db in
      try db.rows(sql + " ORDER BY i.evaluation_id, i.position", arguments).map { row in
        (
          scorecardId: try row["scorecard_id"] as Int64, item: try row["item"] as String,
          answer: try row["answer"] as String?, proposed: try row["proposed"] as String,
          overridden: try row["overridden"] as Bool? ?? false
        )
      }
    }
    var scorecards: [Int64: Scorecard] = [:]
    var stats: [String: AutoRuleStat] = [:]
    for row in rows {
      if scorecards[row.scorecardId] == nil { scorecards[row.scorecardId] = try scorecard(id: row.scorecardId).scorecard }
      guard let card = scorecards[row.scorecardId], let position = card.allItems.firstIndex(where: { $0.item.key == row.item })
      else { continue }
      let item = card.allItems[position].item
      let id = "\(card.reference)/\(item.key)"
      var stat =
        stats[id]
        ?? AutoRuleStat(
          scorecard: card.reference, item: item.key, position: position, rule: item.auto?.kind)
      // A fault: the answer loses points (N/A loses none).
      func fault(_ text: String?) -> Bool {
        guard let text, let answer = try? item.storedAnswer(text), let earned = Evaluator.earned(item, answer) else { return false }
        return earned < item.points
      }
      let fired = fault(row.proposed)
      let inspectorFault = fault(row.answer)
      stat.proposed += 1
      if fired { stat.fired += 1 }
      if row.overridden { stat.overridden += 1 }
      if fired && !inspectorFault { stat.falseAlarms += 1 }
      if !fired && inspectorFault { stat.missed += 1 }
      stats[id] = stat
    }
    return stats.values.sorted { ($0.scorecard, $0.position) < ($1.scorecard, $1.position) }
  }
}

/// How one item's auto rule fared: proposals made, faults flagged, and how often inspectors disagreed.
public struct AutoRuleStat: Hashable, Sendable, Encodable {
  /// `key@version`.
  public var scorecard: String
  /// Item key.
  public var item: String
  /// Position of the item on the scorecard, for ordering.
  public var position: Int
  /// The item's rule in that scorecard version; nil when proposals were stored for an item without one.
  public var rule: AutoRuleKind?
  /// Evaluations where a proposal was stored.
  public var proposed = 0
  /// Proposals that flagged a fault (the proposed answer loses points).
  public var fired = 0
  /// Proposals the inspector overrode.
  public var overridden = 0
  /// Fired, but the inspector's answer loses no points: no fault after all.
  public var falseAlarms = 0
  /// Not fired, but the inspector's answer loses points: a fault the rule missed.
  public var missed = 0

  init(scorecard: String, item: String, position: Int, rule: AutoRuleKind?) {
    self.scorecard = scorecard
    self.item = item
    self.position = position
    self.rule = rule
  }

  /// Precision in practice: of the faults the rule flagged, the share inspectors confirmed; nil when it never fired.
  public var precision: Double? { fired == 0 ? nil : Double(fired - falseAlarms) / Double(fired) }
  /// Share of proposals inspectors kept.
  public var agreement: Double? { proposed == 0 ? nil : Double(proposed - overridden) / Double(proposed) }

  enum CodingKeys: String, CodingKey {
    case scorecard, item, rule, proposed, fired, overridden, missed, precision, agreement
    case falseAlarms = "false_alarms"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(scorecard, forKey: .scorecard)
    try c.encode(item, forKey: .item)
    try c.encode(rule?.rawValue, forKey: .rule)
    try c.encode(proposed, forKey: .proposed)
    try c.encode(fired, forKey: .fired)
    try c.encode(overridden, forKey: .overridden)
    try c.encode(falseAlarms, forKey: .falseAlarms)
    try c.encode(missed, forKey: .missed)
    try c.encode(precision, forKey: .precision)
    try c.encode(agreement, forKey: .agreement)
  }
}

extension QADatabase {
  // MARK: - Writes

  /// Attaches a transcript file to a call in one transaction: creates the call for `agentCode`
  /// when it is new, otherwise sets its transcript path (the agent must match). Audited.
  public func attachTranscript(_ input: CallInput, agentCode: String, actor: Actor) throws {
    guard let path = input.transcript, !path.isEmpty else { throw CallQAError(.errNoTranscriptPath) }
    try guardedSQL(actor, .importCallData) { db in
      let agent = try QADatabase.resolveAgent(db, code: agentCode, create: false, actor: actor.auditName)
      let existed = try QADatabase.storedCall(db, externalId: input.externalId)
      let call = try QADatabase.resolveCall(db, input, agent: agent, actor: actor.auditName)
      if existed != nil {
        try db.execute("UPDATE calls SET transcript = ? WHERE id = ?", path, call.id)
      }
      try QADatabase.audit(
        db, actor: actor.auditName, action: existed == nil ? "create" : "attach-transcript", entity: "call", entityId: call.id,
        before: existed?.transcript.map { try JSONText.object(["transcript": $0]) }, after: try JSONText.object(["transcript": path]))
    }
  }
}
