import GRDB

/// One audit row as shown by `callqa audit`; before/after are the stored JSON.
public struct AuditEntry: Hashable, Sendable, Encodable {
  public var id: Int64
  /// UTC time of the change.
  public var at: String
  public var actor: String
  public var action: String
  public var entity: String
  @NullEncoded public var entityId: Int64?
  @NullEncoded public var before: JSONValue?
  @NullEncoded public var after: JSONValue?
  enum CodingKeys: String, CodingKey {
    case id, at, actor, action, entity, before, after
    case entityId = "entity_id"
  }
}

extension QADatabase {
  /// The audit trail, oldest first.
  ///
  /// - Parameters:
  ///   - evaluation: keeps the rows about this evaluation's whole revision chain (older and newer
  ///     revisions), its disputes and its training cases.
  ///   - since: keeps rows at or after this UTC date (`YYYY-MM-DD`) or time.
  public func auditLog(evaluation: Int64? = nil, since: String? = nil) throws -> [AuditEntry] {
    try readSQL { db in
      var conditions = ["1 = 1"]
      var arguments: [SQLValue] = []
      if let evaluation {
        guard try db.row("SELECT 1 FROM evaluations WHERE id = ?", evaluation) != nil else {
          throw CallQAError.notFound(.errNoEvaluationId, evaluation)
        }
        let chain = try QADatabase.revisionChain(db, of: evaluation)
        let marks = Array(repeating: "?", count: chain.count).joined(separator: ", ")
        conditions.append(
          """
          ((entity = 'evaluation' AND entity_id IN (\(marks)))
           OR (entity = 'dispute' AND entity_id IN (SELECT id FROM disputes WHERE evaluation_id IN (\(marks))))
           OR (entity = 'training_case' AND entity_id IN (SELECT id FROM training_cases WHERE evaluation_id IN (\(marks)))))
          """)
        for _ in 0..<3 { arguments += chain.map(\.sqlValue) }
      }
      if let since {
        conditions.append("at >= ?")
        arguments.append(since.sqlValue)
      }
      return try db.rows("SELECT * FROM audit_log WHERE \(conditions.joined(separator: " AND ")) ORDER BY id", arguments).map {
        let row = try $0.record(AuditRecord.self)
        return AuditEntry(
          id: try row.storedID(), at: row.at, actor: row.actor, action: row.action, entity: row.entity,
          entityId: row.entityId, before: row.before.map(JSONValue.init(parsing:)),
          after: row.after.map(JSONValue.init(parsing:)))
      }
    }
  }

  /// Ids of every revision linked to `id` (the ones it revised and the ones that revised it), oldest first.
  static func revisionChain(_ db: any SQLSession, of id: Int64) throws -> [Int64] {
    try db.rows(
      """
      WITH RECURSIVE
        older(id, previous) AS (
          SELECT id, revision_of FROM evaluations WHERE id = ?
          UNION SELECT e.id, e.revision_of FROM evaluations e JOIN older ON e.id = older.previous),
        newer(id) AS (
          SELECT ? UNION SELECT e.id FROM evaluations e JOIN newer ON e.revision_of = newer.id)
      SELECT id FROM older UNION SELECT id FROM newer ORDER BY id
      """, id, id
    ).map { try $0[0] as Int64 }
  }
}
