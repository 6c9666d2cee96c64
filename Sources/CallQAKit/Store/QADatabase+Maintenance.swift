import Foundation
import GRDB

/// One problem found by ``QADatabase/doctor()``.
public struct DoctorFinding: Hashable, Sendable, Encodable {
  /// `integrity`, `foreign-key`, `missing-items`, `score-mismatch`, `missing-audit`, …
  public var check: String
  /// The evaluation concerned, when there is one.
  public var evaluation: Int64?
  public var message: String
}

/// The outcome of a health check: what was examined and what is wrong.
public struct DoctorReport: Hashable, Sendable, Encodable {
  public var evaluationsChecked: Int
  public var findings: [DoctorFinding]
  /// The audit chain walked (its findings are among ``findings``).
  public var audit: AuditVerification
  public var healthy: Bool { findings.isEmpty }

  enum CodingKeys: String, CodingKey {
    case evaluationsChecked = "evaluations_checked"
    case auditRows = "audit_rows"
    case auditHead = "audit_head"
    case findings, healthy
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(evaluationsChecked, forKey: .evaluationsChecked)
    try c.encode(audit.rowsChecked, forKey: .auditRows)
    try c.encode(audit.head, forKey: .auditHead)
    try c.encode(findings, forKey: .findings)
    try c.encode(healthy, forKey: .healthy)
  }
}

extension QADatabase {
  /// Verifies the database without changing it: SQLite integrity, foreign keys, every
  /// submitted evaluation's items and scores recomputed from its answers and scorecard
  /// version, and the audit chain (``verifyAudit()``: every link, every submitted
  /// evaluation's digest, every history trigger as defined); the report summaries are
  /// recomputed from the detail rows and every difference listed.
  ///
  /// On PostgreSQL the server itself keeps the pages whole and enforces every foreign key as
  /// rows are written (SQLite checks them only when asked), so those two checks are SQLite's
  /// alone; everything else is checked the same way on both engines.
  public func doctor(progress: ((Int, Int) -> Void)? = nil) throws -> DoctorReport {
    try readSQL { db in
      var findings: [DoctorFinding] = []
      if db.engine == .sqlite {
        let integrity = try db.rows("PRAGMA integrity_check").map { try $0[0] as String }
        if integrity != ["ok"] {
          findings += integrity.prefix(20).map { DoctorFinding(check: "integrity", evaluation: nil, message: $0) }
        }
        for row in try db.rows("PRAGMA foreign_key_check") {
          let table: String = try row[0]
          let rowid: Int64? = try row[1]
          let parent: String = try row[2]
          findings.append(
            DoctorFinding(
              check: "foreign-key", evaluation: nil,
              message: "\(table) row \(rowid.map(String.init) ?? "?") points to a missing \(parent) row"))
        }
      }
      var scorecards: [Int64: Scorecard] = [:]
      for record in try db.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards ORDER BY id") {
        do {
          if let id = record.id { scorecards[id] = try record.scorecard() }
        } catch let error as CallQAError {
          // Named, and its evaluations left unchecked, instead of stopping the whole check
          findings.append(DoctorFinding(check: "scorecard", evaluation: nil, message: error.message))
        }
      }
      let evaluations = try db.fetchAll(EvaluationRecord.self, "SELECT * FROM evaluations WHERE status <> 'draft' ORDER BY id")
      for (index, evaluation) in evaluations.enumerated() {
        if index % 1000 == 0 { progress?(index, evaluations.count) }
        let id = try evaluation.storedID()
        guard let scorecard = scorecards[evaluation.scorecardId] else { continue }  // reported as foreign key
        let items = try db.fetchAll(ItemScoreRecord.self, "SELECT * FROM item_scores WHERE evaluation_id = ? ORDER BY position", id)
        findings += try QADatabase.check(evaluation, items: items, scorecard: scorecard)
      }
      progress?(evaluations.count, evaluations.count)
      findings += try ReportSummaries.differences(db).map {
        DoctorFinding(check: "summaries", evaluation: nil, message: "\($0) (`callqa doctor --rebuild-summaries` rebuilds them)")
      }
      let audit = try QADatabase.verifyAudit(db)
      findings += audit.findings
      return DoctorReport(evaluationsChecked: evaluations.count, findings: findings, audit: audit)
    }
  }

  /// Compares one stored evaluation with the evaluator's result for its stored answers.
  static func check(_ evaluation: EvaluationRecord, items: [ItemScoreRecord], scorecard: Scorecard) throws -> [DoctorFinding] {
    let id = try evaluation.storedID()
    func finding(_ check: String, _ message: String) -> DoctorFinding {
      DoctorFinding(check: check, evaluation: id, message: message)
    }
    let stored = Dictionary(items.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
    let missing = scorecard.allItems.map(\.item.key).filter { stored[$0] == nil }
    if !missing.isEmpty {
      return [finding("missing-items", "no item row for \(missing.joined(separator: ", "))")]
    }
    var answers: [String: Answer] = [:]
    for (_, item) in scorecard.allItems {
      guard let text = stored[item.key]?.answer, let answer = try? scorecard.storedAnswer(text, of: item) else {
        return [finding("bad-answer", "item '\(item.key)' has no valid stored answer")]
      }
      answers[item.key] = answer
    }
    guard let result = try? Evaluator.evaluate(scorecard, answers: answers) else {
      return [finding("bad-answer", "its answers cannot be scored")]
    }
    var findings: [DoctorFinding] = []
    func differs(_ a: Double?, _ b: Double?) -> Bool {
      switch (a, b) {
      case (nil, nil): return false
      case (let x?, let y?): return abs(x - y) > 1e-9
      default: return true
      }
    }
    if differs(evaluation.rawScore, result.rawScore) || differs(evaluation.finalScore, result.finalScore)
      || evaluation.criticalFailed != result.criticalFailed || evaluation.passed != result.passed
      || evaluation.band != result.band
    {
      findings.append(
        finding(
          "score-mismatch",
          "stored raw \(ScoreFormat.score(evaluation.rawScore)) / final \(ScoreFormat.score(evaluation.finalScore)) "
            + "but its answers give raw \(ScoreFormat.score(result.rawScore)) / final \(ScoreFormat.score(result.finalScore))"))
    }
    for item in result.items {
      guard let row = stored[item.key] else { continue }
      if differs(row.earned, item.earned) || differs(row.impact, item.impact) || row.points != item.points {
        findings.append(finding("item-mismatch", "item '\(item.key)': stored earned/impact differ from its answer"))
      }
    }
    return findings
  }

  /// Copies the database to `path` with SQLite's online backup API: consistent even while
  /// other processes write. Written through ``SafeFile`` (a temporary file beside `path`,
  /// flushed, then renamed over it), so a failed backup leaves the previous one intact.
  public func backup(to path: String, progress: ((Double) -> Void)? = nil) throws {
    try SafeFile.replace(path) { temporary in
      let target: DatabaseQueue
      do {
        target = try DatabaseQueue(path: temporary.path)
      } catch let error as DatabaseError {
        throw QADatabase.backupFailure(path, error)
      }
      do {
        try sqliteWriter().backup(to: target, pagesPerStep: 256) { step in
          if step.totalPageCount > 0 {
            progress?(Double(step.completedPageCount) / Double(step.totalPageCount))
          }
        }
        try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try target.close()
      } catch let error as DatabaseError {
        try? target.close()
        unlink(temporary.path + "-journal")
        throw QADatabase.backupFailure(path, error)
      }
    }
  }

  /// A failed backup in one line: SQLite reports a full disk as error 13 (SQLITE_FULL), at
  /// times with the message "not an error"; the result code says why, not the message.
  static func backupFailure(_ path: String, _ error: DatabaseError) -> CallQAError {
    switch error.resultCode.primaryResultCode {
    case .SQLITE_FULL: return SafeFile.failure(path, errno: ENOSPC)
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM: return SafeFile.failure(path, errno: EACCES)
    case .SQLITE_IOERR:
      return CallQAError(.errCannotWriteBackup, path, kind: .storage(.other))
    default:
      let detail = error.message ?? "\(error.resultCode)"
      return CallQAError(.errCannotWriteBackupPrevious, path, detail, kind: .storage(.other))
    }
  }

  /// Opens the backup at `path` read-only after checking it is a healthy callqa database
  /// that this version understands.
  public static func checkBackup(_ path: String) throws -> DatabaseQueue {
    guard FileManager.default.fileExists(atPath: path) else { throw CallQAError(.errNoSuchBackup, path) }
    do {
      var config = Configuration()
      config.readonly = true
      let source = try DatabaseQueue(path: path, configuration: config)
      let integrity = try source.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
      guard integrity == ["ok"] else { throw CallQAError(.errBackupDamaged, path, integrity.first ?? "?") }
      let known = Set(Migrations.migrator.migrations)
      let applied = try source.read { db in try Migrations.migrator.appliedIdentifiers(db) }
      guard !applied.isEmpty else { throw CallQAError(.errCallqaDatabase, path) }
      if let unknown = applied.first(where: { !known.contains($0) }) {
        throw CallQAError(.errMadeNewerCallqaMigration, path, unknown)
      }
      return source
    } catch let error as DatabaseError {
      throw CallQAError(.errNotReadableSQLite, path, error.message ?? "\(error.resultCode)")
    }
  }

  /// Replaces this database's content with the backup at `path`, after checking that the
  /// backup is a healthy callqa database. Uses the online backup API, so the live file's
  /// WAL stays consistent; other processes wait for the busy timeout meanwhile.
  public func restore(from path: String, actor: Actor) throws {
    try authorize(actor, .restoreDatabase)
    let source = try QADatabase.checkBackup(path)
    let writer = try sqliteWriter()
    try source.backup(to: writer)
    try Migrations.migrator.migrate(writer)
    try QADatabase.stamp(writer)
  }
}
