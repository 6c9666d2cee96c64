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

  init(source: String? = nil) {
    self.source = source
  }

  /// Writes what is pending (the report summaries): every bulk writer calls it before its
  /// transaction commits.
  func finish(_ db: any SQLSession) throws {
    try summaries.flush(db)
  }
}
