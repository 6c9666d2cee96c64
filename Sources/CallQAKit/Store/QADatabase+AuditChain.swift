import Foundation
import GRDB

/// The last row of the audit chain: a copy of it held elsewhere (a report footer, an export
/// manifest, a ticket) witnesses every row before it.
public struct AuditHead: Hashable, Sendable, Encodable {
  /// The id of the last audit row.
  public var row: Int64
  /// Its chain hash (`sha256:…`, or `hmac-sha256:…` when sealed with the audit key).
  public var hash: String

  /// `#412 sha256:3f2a…` with the first 16 hex digits: short enough for a footer.
  public var summary: String {
    let parts = hash.split(separator: ":", maxSplits: 1)
    let digits = parts.count == 2 ? String(parts[1].prefix(16)) : String(hash.prefix(16))
    return "#\(row) \(parts.count == 2 ? String(parts[0]) + ":" : "")\(digits)"
  }
}

/// The outcome of ``QADatabase/verifyAudit()``: the chain walked, every submitted
/// evaluation's digest recomputed, the history triggers compared with their definitions.
public struct AuditVerification: Hashable, Sendable, Encodable {
  public var rowsChecked: Int
  /// Rows sealed with an audit key (HMAC).
  public var sealedRows: Int
  /// Sealed rows that could not be checked because no key was given.
  public var uncheckedSealedRows: Int
  public var evaluationsChecked: Int
  public var head: AuditHead?
  public var findings: [DoctorFinding]
  public var intact: Bool { findings.isEmpty }

  enum CodingKeys: String, CodingKey {
    case rowsChecked = "rows_checked"
    case sealedRows = "sealed_rows"
    case uncheckedSealedRows = "unchecked_sealed_rows"
    case evaluationsChecked = "evaluations_checked"
    case head, findings, intact
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rowsChecked, forKey: .rowsChecked)
    try c.encode(sealedRows, forKey: .sealedRows)
    try c.encode(uncheckedSealedRows, forKey: .uncheckedSealedRows)
    try c.encode(evaluationsChecked, forKey: .evaluationsChecked)
    try c.encode(head, forKey: .head)
    try c.encode(findings, forKey: .findings)
    try c.encode(intact, forKey: .intact)
  }
}

/// The audit log as a hash chain.
///
/// Each row's `chain_hash` is SHA-256 (or, with an audit key, HMAC-SHA256) of the previous
/// row's hash and the row's own content: its id, time, actor, action, entity, before, after
/// and `evaluation_digest`. A submission's row carries the digest of the evaluation as stored:
/// its row (all but `status` and `updated_at`, which disputes legitimately change), its
/// section rows and its item rows. Rewriting an evaluation, or any audit row, breaks either
/// the evaluation's digest or a link, unless the forger recomputes them all; with a key they
/// cannot, and without one the head held elsewhere still differs.
extension QADatabase {
  /// The SQL function that seals a link with the audit key (NULL when the database was
  /// opened without one). The key lives only in this function's closure.
  static let sealFunctionName = "callqa_audit_seal"

  static func sealFunction(_ key: AuditKey?) -> DatabaseFunction {
    DatabaseFunction(sealFunctionName, argumentCount: 1, pure: true) { values in
      guard let key, let message = Data.fromDatabaseValue(values[0]) ?? String.fromDatabaseValue(values[0]).map({ Data($0.utf8) })
      else { return nil }
      return key.seal(Array(message))
    }
  }

  /// Verifies the audit chain and every submitted evaluation's digest without changing anything.
  public func verifyAudit() throws -> AuditVerification {
    try readSQL { session in try QADatabase.verifyAudit(session) }
  }

  /// The last audit row and its hash, nil for an empty log.
  public func auditHead() throws -> AuditHead? {
    try readSQL { session in try QADatabase.auditHead(session) }
  }

  static func auditHead(_ session: any SQLSession) throws -> AuditHead? {
    guard let row = try session.row("SELECT id, chain_hash FROM audit_log ORDER BY id DESC LIMIT 1") else {
      return nil
    }
    return AuditHead(row: try row[0], hash: try row[1] as String? ?? "")
  }

  // MARK: - Writing

  /// Appends one row to the chain on either engine: the caller owns the transaction.
  static func appendAudit(
    _ session: any SQLSession, actor: String, action: String, entity: String, entityId: Int64?,
    before: String?, after: String?, evaluationDigest: String?, context: SubmissionContext? = nil
  ) throws {
    let last = try session.row("SELECT id, chain_hash FROM audit_log ORDER BY id DESC LIMIT 1")
    let id = (try last.map { try $0[0] as Int64 } ?? 0) + 1
    let previous = try last.flatMap { try $0[1] as String? } ?? ""
    let content: [SQLValue] = [
      .integer(id), .text(Timestamp.nowUTC()), actor.sqlValue, action.sqlValue, entity.sqlValue, entityId.sqlValue,
      before.sqlValue, after.sqlValue, evaluationDigest.sqlValue,
    ]
    // The connection's key cannot change within a transaction: a bulk writer asks once.
    let keyed = context?.keyed == false ? nil : try session.auditSeal(Data(chainMessage(previous: previous, content: content)))
    if context?.keyed == nil { context?.keyed = keyed != nil }
    if keyed == nil, previous.hasPrefix(AuditChain.keyedPrefix) {
      throw CallQAError.forbidden(.errAuditLogSealed)
    }
    let hash = keyed ?? AuditChain.plainSeal(chainMessage(previous: previous, content: content))
    try session.execute(
      """
      INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, evaluation_digest, chain_hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, content + [.text(hash)])
  }

  /// The keyed seal of a link, nil when the database was opened without an audit key.
  private static func seal(_ db: Database, previous: String, content: [DatabaseValue]) throws -> String? {
    try db.auditSeal(Data(chainMessage(previous: previous, content: content)))
  }

  /// What a link hashes: a version tag, the previous hash and the row's values, each typed
  /// and length-prefixed so no two rows share a message.
  static func chainMessage(previous: String, content: [DatabaseValue]) -> [UInt8] {
    chainMessage(previous: previous, content: content.map(SQLValue.init(databaseValue:)))
  }

  static func chainMessage(previous: String, content: [SQLValue]) -> [UInt8] {
    Array(("callqa-audit-v1\n" + previous + "\n" + canonical(content)).utf8)
  }

  static func canonical(_ values: [DatabaseValue]) -> String {
    canonical(values.map(SQLValue.init(databaseValue:)))
  }

  /// Values as typed, length-prefixed text: `n`, `i42`, `r<bits>`, `s3:abc`, `b2:00ff`.
  static func canonical(_ values: [SQLValue]) -> String {
    values.map { value -> String in
      switch value {
      case .null: return "n"
      case .integer(let number): return "i\(number)"
      case .real(let number): return "r" + String(number.bitPattern, radix: 16)
      case .text(let text): return "s\(text.utf8.count):\(text)"
      case .blob(let data): return "b\(data.count):" + SHA256.hexDigits(Array(data))
      }
    }.joined(separator: ";")
  }

  /// SHA-256 of the evaluation as stored: its row (all columns but `status` and `updated_at`),
  /// its section rows and its item rows, in key order; nil when there is no such evaluation.
  ///
  /// `causes` is false only while migrating a file from before the `causes` column. Both
  /// engines give the same digest for the same rows: their columns hold the same storage
  /// classes, and text keys sort by byte (`COLLATE "C"` on PostgreSQL).
  static func evaluationDigest(_ db: any SQLSession, id: Int64, causes withCauses: Bool = true) throws -> String? {
    guard
      let row = try db.row(
        """
        SELECT id, external_id, call_id, agent_id, scorecard_id, inspector_id, kind, raw_score, final_score,
          critical_failed, passed, band, comment, created_at, submitted_at, import_fingerprint,
          calibration_session_id, revision_of
        FROM evaluations WHERE id = ?
        """, id)
    else { return nil }
    let sections = try db.rows(
      """
      SELECT section, position, raw_score, score, weight, applicable, critical_failed
      FROM section_scores WHERE evaluation_id = ? ORDER BY section
      """, id)
    let items = try db.rows(
      """
      SELECT item, section, position, answer, earned, points, na, impact, critical_failed, note, proposed, overridden,
        \(withCauses ? "causes" : "NULL")
      FROM item_scores WHERE evaluation_id = ? ORDER BY item
      """, id)
    return evaluationDigest(evaluation: row.values, sections: sections.map(\.values), items: items.map(\.values))
  }

  /// The digest of ``evaluationDigest(_:id:causes:)`` from the values as they are stored: the
  /// evaluation's columns, and its section and item rows in key order (`section`, `item`:
  /// byte order, as SQLite sorts them), each item row ending with its `causes` value. The
  /// write path digests the values it has just written instead of reading them back.
  static func evaluationDigest(evaluation: [SQLValue], sections: [[SQLValue]], items: [[SQLValue]]) -> String {
    var text = "callqa-evaluation-v1\n" + canonical(evaluation) + "\n"
    for row in sections { text += "S" + canonical(row) + "\n" }
    for row in items {
      // Root causes join the digest only where given, so rows stored before them keep theirs.
      var values = row
      let causes = values.removeLast()
      text += "I" + canonical(values) + (causes == .null ? "" : "C" + canonical([causes])) + "\n"
    }
    return "sha256:" + SHA256.hex(Array(text.utf8))
  }

  /// A value as a REAL column returns it: a double (SQLite stores an integral REAL as an
  /// integer and reads it back as a double, so −0 reads as +0; the write path stores +0 on
  /// PostgreSQL too), or NULL.
  static func storedReal(_ value: Double?) -> SQLValue {
    guard let value else { return .null }
    return .real(value == 0 ? 0.0 : value)
  }

  /// Computes the chain of every row from the first (the migration that introduced it):
  /// every submission row gets the digest of its evaluation as stored now.
  static func rechainAuditLog(_ db: Database) throws {
    try db.execute(
      sql: """
        UPDATE audit_log SET evaluation_digest = NULL;
        UPDATE audit_log SET chain_hash = NULL;
        """)
    let submissions = try Row.fetchAll(
      db,
      sql: """
        SELECT MAX(a.id), a.entity_id FROM audit_log a JOIN evaluations e ON e.id = a.entity_id
        WHERE a.entity = 'evaluation' AND a.action = 'submit' AND e.status <> 'draft'
        GROUP BY a.entity_id
        """)
    let hasCauses = try db.columns(in: "item_scores").contains { $0.name == "causes" }
    for submission in submissions {
      let row: Int64 = submission[0]
      let evaluation: Int64 = submission[1]
      try db.execute(
        sql: "UPDATE audit_log SET evaluation_digest = ? WHERE id = ?",
        arguments: [try evaluationDigest(db, id: evaluation, causes: hasCauses), row])
    }
    var previous = ""
    let rows = try Row.fetchAll(
      db, sql: "SELECT id, at, actor, action, entity, entity_id, before, after, evaluation_digest FROM audit_log ORDER BY id")
    for row in rows {
      let content = Array(row.databaseValues)
      let hash =
        try seal(db, previous: previous, content: content)
        ?? AuditChain.plainSeal(chainMessage(previous: previous, content: content))
      try db.execute(sql: "UPDATE audit_log SET chain_hash = ? WHERE id = ?", arguments: [hash, row[0] as Int64])
      previous = hash
    }
  }

  // MARK: - Verifying

  /// At most this many broken links are listed; the rest are counted in one more finding.
  static let chainFindingLimit = 20

  /// Audit rows read per query while walking the chain: memory stays bounded on a log of
  /// millions of rows, on both engines (keyset paging on the row id).
  static let chainPageSize = 5_000

  static func verifyAudit(_ session: any SQLSession, pageSize: Int = chainPageSize) throws -> AuditVerification {
    var findings = try historyTriggerFindings(session)
    let keyGiven = try session.auditSeal(Data()) != nil
    var chainFindings: [DoctorFinding] = []
    var rows = 0
    var sealed = 0
    var unchecked = 0
    var previous = ""
    var head: AuditHead?
    var digests: [Int64: (row: Int64, digest: String)] = [:]
    var page: [SQLRow] = []
    var pageRows = 0
    var lastId: Int64 = .min
    func nextRow() throws -> SQLRow? {
      if pageRows == page.count {
        page = try session.rows(
          """
          SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.before, a.after, a.evaluation_digest,
            a.chain_hash,
            CASE a.entity WHEN 'evaluation' THEN a.entity_id
              WHEN 'dispute' THEN (SELECT evaluation_id FROM disputes WHERE id = a.entity_id)
              WHEN 'training_case' THEN (SELECT evaluation_id FROM training_cases WHERE id = a.entity_id) END
          FROM audit_log a WHERE a.id > ? ORDER BY a.id LIMIT ?
          """, lastId, pageSize)
        pageRows = 0
      }
      guard pageRows < page.count else { return nil }
      defer { pageRows += 1 }
      return page[pageRows]
    }
    while let row = try nextRow() {
      rows += 1
      let id: Int64 = try row[0]
      lastId = id
      let content = Array(row.values.prefix(9))
      let stored: String? = try row[9]
      let evaluation: Int64? = try row[10]
      let entity: String = try row[4]
      if entity == "evaluation", let evaluation, let digest = try row[8] as String? { digests[evaluation] = (id, digest) }
      func broken(_ check: String, _ message: String) {
        chainFindings.append(DoctorFinding(check: check, evaluation: evaluation, message: "audit row \(id): \(message)"))
      }
      let message = chainMessage(previous: previous, content: content)
      switch stored {
      case nil:
        broken("audit-chain", "no chain hash (written by an older callqa or by hand)")
      case let hash? where hash.hasPrefix(AuditChain.keyedPrefix):
        sealed += 1
        if keyGiven {
          if try session.auditSeal(Data(message)) != hash {
            broken("audit-seal", "does not match its seal under this key: changed after it was written (or another key)")
          }
        } else {
          unchecked += 1
        }
      case let hash? where hash.hasPrefix(AuditChain.plainPrefix):
        if sealed > 0 {
          broken("audit-seal", "not sealed although an earlier row is: the chain was re-made without the key")
        } else if AuditChain.plainSeal(message) != hash {
          broken("audit-chain", "its hash does not match its content and the previous row: changed after it was written")
        }
      case let hash?:
        broken("audit-chain", "unknown chain hash '\(hash.prefix(24))'")
      }
      previous = stored ?? ""
      head = AuditHead(row: id, hash: previous)
    }
    if keyGiven, rows > 0, sealed == 0 {
      chainFindings.append(
        DoctorFinding(
          check: "audit-seal", evaluation: nil,
          message: "no audit row is sealed with the audit key: the chain was made, or re-made, without it"))
    }
    if chainFindings.count > chainFindingLimit {
      let more = chainFindings.count - chainFindingLimit
      chainFindings = Array(chainFindings.prefix(chainFindingLimit))
      chainFindings.append(DoctorFinding(check: "audit-chain", evaluation: nil, message: "and \(more) more broken links"))
    }
    findings += chainFindings
    var evaluations = 0
    let submitted = try session.rows("SELECT id, status FROM evaluations ORDER BY id")
    for row in submitted {
      let id: Int64 = try row[0]
      let status: String = try row[1]
      let recorded = digests.removeValue(forKey: id)
      guard status != EvaluationStatus.draft.rawValue || recorded != nil else { continue }
      evaluations += 1
      func finding(_ check: String, _ message: String) {
        findings.append(DoctorFinding(check: check, evaluation: id, message: message))
      }
      guard let recorded else {
        finding("missing-audit", "no audit row records its submission (with its digest)")
        continue
      }
      if status == EvaluationStatus.draft.rawValue {
        finding("evaluation-digest", "submitted in audit row \(recorded.row) but stored as a draft now")
      } else if try evaluationDigest(session, id: id) != recorded.digest {
        finding(
          "evaluation-digest",
          "its stored rows (evaluation, sections, items) differ from the digest in audit row \(recorded.row): changed after submission")
      }
    }
    for (id, recorded) in digests.sorted(by: { $0.key < $1.key }) {
      findings.append(
        DoctorFinding(
          check: "evaluation-digest", evaluation: id,
          message: "submitted in audit row \(recorded.row) but no longer stored"))
    }
    return AuditVerification(
      rowsChecked: rows, sealedRows: sealed, uncheckedSealedRows: unchecked, evaluationsChecked: evaluations,
      head: head, findings: findings)
  }

  /// Every trigger of the database compared with the ones the migrations create: a missing,
  /// changed (SQLite) or disabled (PostgreSQL) or unknown trigger is a finding (history is
  /// protected by them).
  static func historyTriggerFindings(_ session: any SQLSession) throws -> [DoctorFinding] {
    guard let db = session as? Database else { return try PostgresMigrations.triggerFindings(session) }
    let reference = try DatabaseQueue(configuration: QADatabase.configuration())
    try Migrations.migrator.migrate(reference)
    let query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    let expected = Dictionary(
      uniqueKeysWithValues: try reference.read { db in try Row.fetchAll(db, sql: query) }.map { ($0[0] as String, $0[1] as String) })
    let actual = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(db, sql: query).map { ($0[0] as String, ($0[1] as String?) ?? "") })
    var findings: [DoctorFinding] = []
    for (name, sql) in expected.sorted(by: { $0.key < $1.key }) {
      if let found = actual[name] {
        if found != sql {
          findings.append(DoctorFinding(check: "history-trigger", evaluation: nil, message: "trigger \(name) differs from its definition"))
        }
      } else {
        findings.append(DoctorFinding(check: "history-trigger", evaluation: nil, message: "trigger \(name) is missing"))
      }
    }
    for name in actual.keys.sorted() where expected[name] == nil {
      findings.append(DoctorFinding(check: "history-trigger", evaluation: nil, message: "trigger \(name) is not one of callqa's"))
    }
    return findings
  }
}
