import Foundation

extension QADatabase {
  /// Imports submitted evaluations from a JSONL (`.jsonl`, `.ndjson`) or CSV (`.csv`) file.
  ///
  /// The whole file is one transaction: a bad record stops the import with `FILE:LINE: reason`
  /// and the database is left as it was (also when the process is killed midway), unless
  /// `skipInvalid` is set, which writes bad records to a rejects file instead. Records whose
  /// external_id is already stored are skipped when identical and reported when changed.
  /// The file is streamed, so memory does not grow with its size. On PostgreSQL a concurrent
  /// writer that conflicts with the import ends it with nothing written (the stream cannot be
  /// read twice): it is then run again, as any import can be.
  public func importEvaluations(path: String, options: EvaluationImportOptions) throws -> EvaluationImportSummary {
    let name = (path as NSString).lastPathComponent
    let ext = (path as NSString).pathExtension.lowercased()
    let source: any ImportRecordSource
    switch ext {
    case "jsonl", "ndjson": source = try JSONLRecordSource(path: path)
    case "csv": source = try CSVRecordSource(path: path)
    default: throw CallQAError(.errUseJsonlCsv, path)
    }
    try authorize(options.actor, .importEvaluations)
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let validator = ImportValidator(scorecards: try scorecards(), actor: options.actor)
    let rejectsPath =
      options.rejectsPath
      ?? ((path as NSString).deletingPathExtension + ".rejects." + (ext == "csv" ? "csv" : "jsonl"))
    // Put in place once the import has committed; a failed import leaves no rejects file
    // (and an earlier one as it was).
    var rejects: RejectsWriter?
    let formatter = source
    let pipeline = ImportPipeline(source: source, validator: validator)
    defer { pipeline.stop() }
    let summary = try guardedSQL(options.actor, .importEvaluations, retrying: false) { db in
      var summary = EvaluationImportSummary(file: name)
      let context = SubmissionContext(source: name)
      context.streamScores(db)
      let people = "SELECT (SELECT COUNT(*) FROM agents) AS agents, (SELECT COUNT(*) FROM inspectors) AS inspectors"
      let before = try db.row(people)
      var bytesRead = 0
      while let item = try pipeline.next() {
        summary.records += 1
        bytesRead = item.bytesRead
        if summary.records % 1000 == 0 { options.progress?(bytesRead, size) }
        context.line = item.line
        do {
          let scored = try item.outcome.get()
          let submission = scored.submission
          let externalId = submission.externalId ?? ""
          if let own = options.actor.user?.inspectorCode, submission.inspectorCode != own {
            throw Policy.refusal(options.actor, .errMayImportEvaluations, submission.inspectorCode)
          }
          if let row = try db.row("SELECT import_fingerprint FROM evaluations WHERE external_id = ?", externalId) {
            let stored: String? = try row[0]
            if stored == submission.importFingerprint {
              summary.unchanged += 1
            } else {
              summary.conflict(line: item.line, externalId: externalId)
            }
            continue
          }
          if options.skipInvalid {
            let mark = context.scoreMark
            do {
              _ = try db.savepoint { try QADatabase.storeSubmission(db, scored, via: .importFile, context: context) }
            } catch {
              context.discardScores(after: mark)
              throw error
            }
          } else {
            _ = try QADatabase.storeSubmission(db, scored, via: .importFile, context: context)
          }
          summary.added += 1
          // Between records, never inside one's savepoint.
          if context.pendingScoreCount >= options.scoreRowsPerCopy { try context.flushScores(db) }
        } catch let error as CallQAError {
          let location = SourceLocation(file: name, line: item.line)
          if error.kind == .forbidden { throw CallQAError.forbidden(.locatedError, location.description, error) }
          guard options.skipInvalid else { throw LocatedError(location, error) }
          if rejects == nil {
            rejects = try RejectsWriter(path: rejectsPath, header: formatter.rejectsHeader)
            summary.rejectsFile = rejectsPath
          }
          try rejects?.write(formatter.rejectLine(raw: item.raw, reason: "line \(item.line): \(error.message)"))
          summary.reject(line: item.line, reason: error.message)
        }
      }
      options.progress?(bytesRead, size)
      try context.finish(db)
      // A file without records imports nothing and writes nothing.
      guard summary.records > 0 else { return summary }
      let after = try db.row(people)
      let count = { (row: SQLRow?, column: String) throws -> Int in try row.map { try $0[column] as Int } ?? 0 }
      summary.agentsCreated = try count(after, "agents") - count(before, "agents")
      summary.inspectorsCreated = try count(after, "inspectors") - count(before, "inspectors")
      try QADatabase.audit(
        db, actor: options.actor.auditName, action: "import", entity: "evaluation-import", entityId: nil,
        after: try JSONText.object([
          "file": name, "records": String(summary.records), "added": String(summary.added),
          "unchanged": String(summary.unchanged), "changed": String(summary.changedCount),
          "rejected": String(summary.rejectedCount), "agents_created": String(summary.agentsCreated),
          "inspectors_created": String(summary.inspectorsCreated),
        ]))
      return summary
    }
    try rejects?.close()
    return summary
  }
}

/// Appends rejected records to a file, created on the first rejection and put in place
/// when closed (``SafeFile``: an earlier rejects file stays whole until then).
struct RejectsWriter {
  private let output: SafeFile.Output

  init(path: String, header: String?) throws {
    output = try SafeFile.Output(path: path)
    if let header { try write(header) }
  }

  func write(_ line: String) throws {
    try output.write(Data((line + "\n").utf8))
  }

  func close() throws {
    try output.commit()
  }
}
