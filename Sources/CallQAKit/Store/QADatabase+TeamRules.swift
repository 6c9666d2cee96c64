import Foundation

extension QADatabase {
  /// The team's rules as stored, defaults for what was never set.
  public func teamRules() throws -> TeamRules {
    try readSQL { db in try QADatabase.teamRules(db) }
  }

  /// Changes one rule (admins only), with an audit row.
  @discardableResult
  public func setTeamRule(_ key: TeamRules.Key, to text: String, actor: Actor) throws -> TeamRules {
    try guardedSQL(actor, .changeSettings) { db in
      var rules = try QADatabase.teamRules(db)
      let before = rules.value(key)
      try rules.set(key, to: text)
      try db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        key.rawValue, rules.value(key))
      try QADatabase.audit(
        db, actor: actor.auditName, action: "set", entity: "setting", entityId: nil,
        before: try JSONText.object([key.rawValue: before]), after: try JSONText.object([key.rawValue: rules.value(key)]))
      return rules
    }
  }

  static func teamRules(_ db: any SQLSession) throws -> TeamRules {
    var rules = TeamRules()
    for row in try db.rows("SELECT key, value FROM settings") {
      guard let key = TeamRules.Key(rawValue: try row["key"]) else { continue }
      try rules.set(key, to: try row["value"] as String)
    }
    return rules
  }

  /// Refuses a dispute of an evaluation not yet released to its agent, or released longer ago
  /// than the dispute window.
  static func requireDisputeWindow(_ db: any SQLSession, evaluation id: Int64, now: Date = Date()) throws {
    guard let released = try releaseTime(db, evaluation: id), let (releasedAt, _) = Timestamp.parse(released) else { return }
    if releasedAt > now {
      throw CallQAError.conflict(.errEvaluationReleasedAgentYet, id, released.prefix(10))
    }
    let window = try teamRules(db).disputeWindowDays
    let closes = releasedAt.addingTimeInterval(Double(window) * 86_400)
    if now > closes {
      let day = Timestamp.format(closes, offsetSeconds: 0).prefix(10)
      throw CallQAError.conflict(.errDisputeWindowEvaluation, id, day, window)
    }
  }

  /// When an evaluation is shown to its agent: its release date when one was set, else its submission.
  static func releaseTime(_ db: any SQLSession, evaluation id: Int64) throws -> String? {
    try db.value(
      String.self,
      """
      SELECT COALESCE(r.released_at, e.submitted_at) FROM evaluations e
      LEFT JOIN evaluation_receipts r ON r.evaluation_id = e.id WHERE e.id = ?
      """, id)
  }
}
