import Foundation

/// Counts of a call-log import.
public struct CallImportSummary: Sendable, Encodable {
  public var added = 0
  public var unchanged = 0
  /// Calls already stored with other details (line, call id): kept as they were.
  public var changed: [EvaluationImportSummary.Conflict] = []
  public var agentsCreated = 0

  enum CodingKeys: String, CodingKey {
    case added, unchanged, changed
    case agentsCreated = "agents_created"
  }
}

extension QADatabase {
  /// Imports call logs from a CSV file with columns
  /// `id,agent,started_at[,duration_s,direction,recording,transcript]`, in one transaction:
  /// a bad row stops the import with `FILE:LINE` and changes nothing. Unknown agents are
  /// created; a call already stored with the same details is skipped, one with other
  /// details is reported and kept as it was, so re-running a file adds nothing.
  public func importCalls(path: String, actor: Actor) throws -> CallImportSummary {
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    guard
      let table = try CSVTable.header(
        of: &reader, file: file, required: ["id", "agent", "started_at"],
        optional: ["duration_s", "direction", "recording", "transcript"])
    else { return CallImportSummary() }
    return try guardedSQL(actor, .importCallData) { db in
      var summary = CallImportSummary()
      let context = SubmissionContext(source: file)
      let agentsBefore = try db.value(Int.self, "SELECT COUNT(*) FROM agents") ?? 0
      var records = 0
      while let record = reader.next() {
        records += 1
        let field = try table.fields(record)
        do {
          guard let id = field("id") else { throw CallQAError(.errIdEmpty) }
          guard let agentCode = field("agent") else { throw CallQAError(.errAgentEmpty) }
          guard let started = field("started_at"), let parts = TimestampParts(started) else {
            throw CallQAError(.errStartedMustIso)
          }
          var duration: Double?
          if let text = field("duration_s") {
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
              throw CallQAError(.errDurationSMust, text)
            }
            duration = seconds
          }
          let input = CallInput(
            externalId: id, startedAt: parts.normalised, duration: duration, direction: field("direction"),
            recording: field("recording"), transcript: field("transcript"))
          let agent = try QADatabase.resolveAgent(db, code: agentCode, create: true, actor: actor.auditName, context: context)
          if let existing = try QADatabase.storedCall(db, externalId: id) {
            let same =
              existing.agentId == agent.id && existing.startedAt == input.startedAt
              && existing.duration == input.duration && existing.direction == input.direction
              && existing.recording == input.recording && existing.transcript == input.transcript
            if same { summary.unchanged += 1 } else { summary.changed.append(.init(line: record.line, externalId: id)) }
            continue
          }
          _ = try QADatabase.resolveCall(db, input, agent: agent, actor: actor.auditName)
          summary.added += 1
        } catch let error as CallQAError {
          throw LocatedError(SourceLocation(file: file, line: record.line), error)
        }
      }
      if let error = reader.error { throw error }
      // A file without records imports nothing and writes nothing.
      guard records > 0 else { return summary }
      summary.agentsCreated = (try db.value(Int.self, "SELECT COUNT(*) FROM agents") ?? 0) - agentsBefore
      try QADatabase.audit(
        db, actor: actor.auditName, action: "import", entity: "call-import", entityId: nil,
        after: try JSONText.object([
          "file": file, "added": String(summary.added), "unchanged": String(summary.unchanged),
          "changed": String(summary.changed.count),
        ]))
      return summary
    }
  }
}

extension QADatabase {
  // MARK: - Writes

  /// Adds one call of the call log for the agent with `agentCode`, in one transaction.
  ///
  /// The agent must exist; an existing call id is an error (importers that re-run a file
  /// should look the call up first). `started_at` must be ISO-8601 with its offset.
  @discardableResult
  public func addCall(_ input: CallInput, agentCode: String, actor: Actor) throws -> CallRecord {
    try guardedSQL(actor, .importCallData) { db in try QADatabase.insertCall(db, input, agentCode: agentCode, actor: actor.auditName) }
  }

  /// Inserts a new call inside the caller's transaction (for bulk importers).
  static func insertCall(_ db: any SQLSession, _ input: CallInput, agentCode: String, actor: String) throws -> CallRecord {
    let agent = try resolveAgent(db, code: agentCode, create: false, actor: actor)
    if try storedCall(db, externalId: input.externalId) != nil {
      throw CallQAError.conflict(.errCallAlreadyExists, input.externalId)
    }
    guard input.startedAt != nil else {
      throw CallQAError(.errCallStartedRequired, input.externalId)
    }
    return try resolveCall(db, input, agent: agent, actor: actor)
  }

  /// The call of the call log with this id, nil when there is none.
  static func storedCall(_ db: any SQLSession, externalId: String) throws -> CallRecord? {
    try db.fetchOne(CallRecord.self, "SELECT * FROM calls WHERE external_id = ?", externalId)
  }
}
