/// State shared by many submissions written in one transaction (a bulk import, the demo, the
/// benchmark generator): people and scorecards already resolved, and where the current record
/// comes from for its audit row.
///
/// The write path is the same with or without a context
/// (``QADatabase/storeSubmission(_:_:via:context:)``); the context only saves repeated
/// look-ups and names the file and line of an imported record. It must not outlive the
/// transaction it was used in.
final class SubmissionContext {
  var agents: [String: AgentRecord] = [:]
  var inspectors: [String: InspectorRecord] = [:]
  /// Stored scorecards by id (revisions are scored with the disputed evaluation's version).
  var scorecards: [Int64: StoredScorecard] = [:]
  /// The file the submissions come from; nil when they do not come from a file.
  let source: String?
  /// The line of the record being written, if it comes from a file.
  var line: Int?
  /// Whether this connection seals audit rows with a key (nil: not asked yet).
  var keyed: Bool?
  /// Report-summary changes of the submissions so far, not yet written (``finish(_:)``).
  let summaries = ReportSummaries.Delta()
  /// Section and item rows not yet written, when the caller streams them
  /// (``streamScores(_:)``); nil: each submission inserts its own.
  private(set) var pendingScores: PendingScores?

  init(source: String? = nil) {
    self.source = source
  }

  /// On PostgreSQL, keeps the section and item rows of the submissions (22 of the 25 rows of
  /// a typical evaluation) and streams them with `COPY … FROM STDIN` (``flushScores(_:)``)
  /// instead of an INSERT each. The caller flushes only between records, never inside a
  /// record's savepoint (a record refused later must not take earlier records' rows with
  /// it), and drops a refused record's rows (``discardScores(after:)``). Nothing reads those
  /// rows back before the transaction commits. On SQLite (its prepared INSERT is as fast)
  /// it does nothing.
  func streamScores(_ db: any SQLSession) {
    if db.engine == .postgresql { pendingScores = PendingScores() }
  }

  /// How many rows are pending: a mark for ``discardScores(after:)``, and for when to flush.
  var pendingScoreCount: Int { pendingScores.map { $0.sections.count + $0.items.count } ?? 0 }

  /// Drops the rows kept after `mark` (those of a refused record).
  func discardScores(after mark: (sections: Int, items: Int)) {
    pendingScores?.sections.removeSubrange(mark.sections...)
    pendingScores?.items.removeSubrange(mark.items...)
  }

  /// Keeps one section row (``PendingScores/sectionColumns``).
  func keepScores(section row: [SQLValue]) { pendingScores?.sections.append(row) }

  /// Keeps one item row (``PendingScores/itemColumns``).
  func keepScores(item row: [SQLValue]) { pendingScores?.items.append(row) }

  /// Where the pending rows end now.
  var scoreMark: (sections: Int, items: Int) { (pendingScores?.sections.count ?? 0, pendingScores?.items.count ?? 0) }

  /// Writes the pending section and item rows.
  func flushScores(_ db: any SQLSession) throws {
    guard let pending = pendingScores, let postgres = db as? PostgresSession else { return }
    try postgres.copyIn(table: "section_scores", columns: PendingScores.sectionColumns, rows: pending.sections)
    try postgres.copyIn(table: "item_scores", columns: PendingScores.itemColumns, rows: pending.items)
    pendingScores = PendingScores()
  }

  /// Writes what is pending (score rows, the report summaries): every bulk writer calls it
  /// before its transaction commits.
  func finish(_ db: any SQLSession) throws {
    try flushScores(db)
    try summaries.flush(db)
  }
}

/// Section and item rows kept for one `COPY` (``SubmissionContext/streamScores(_:)``).
struct PendingScores {
  static let sectionColumns = ["evaluation_id", "section", "position", "raw_score", "score", "weight", "applicable", "critical_failed"]
  static let itemColumns = [
    "evaluation_id", "item", "section", "position", "answer", "earned", "points", "na", "impact", "critical_failed", "note",
    "proposed", "overridden", "causes",
  ]
  var sections: [[SQLValue]] = []
  var items: [[SQLValue]] = []
}
