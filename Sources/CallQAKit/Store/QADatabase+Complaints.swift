import Foundation

/// A complaint as typed or read from a complaints CSV (`agent,date,call_id,valid,note`).
public struct ComplaintInput: Hashable, Sendable {
  public var agent: String
  /// `YYYY-MM-DD`.
  public var date: String
  public var call: String?
  public var valid: Bool
  public var note: String?

  public init(agent: String, date: String, call: String? = nil, valid: Bool = true, note: String? = nil) {
    self.agent = agent
    self.date = date
    self.call = call
    self.valid = valid
    self.note = note
  }
}

/// Counts of a complaints import.
public struct ComplaintImportSummary: Hashable, Sendable, Encodable {
  public var added = 0
  /// Rows identical to a stored complaint (same agent, date, call, validity and note).
  public var unchanged = 0
}

extension QADatabase {
  // MARK: - Writes

  /// Records a complaint. The agent (and the call, when given) must exist.
  @discardableResult
  public func addComplaint(_ input: ComplaintInput, actor: Actor) throws -> Int64 {
    try guardedSQL(actor, .importCallData) { session in try QADatabase.insertComplaint(session, input, actor: actor.auditName) }
  }

  /// Imports complaints from a CSV file with columns `agent,date[,call_id,valid,note]` in one
  /// transaction: a bad row stops the import with `FILE:LINE` and changes nothing. A row
  /// identical to a stored complaint is skipped, so re-running a file adds nothing.
  public func importComplaints(path: String, actor: Actor) throws -> ComplaintImportSummary {
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    guard
      let table = try CSVTable.header(
        of: &reader, file: file, required: ["agent", "date"], optional: ["call_id", "valid", "note"])
    else { return ComplaintImportSummary() }
    return try guardedSQL(actor, .importCallData) { db in
      var summary = ComplaintImportSummary()
      var records = 0
      while let record = reader.next() {
        records += 1
        let field = try table.fields(record)
        do {
          let valid = try QADatabase.parseFlag(field("valid"), name: "valid", default: true)
          let input = ComplaintInput(
            agent: field("agent") ?? "", date: field("date") ?? "", call: field("call_id"), valid: valid,
            note: field("note"))
          if try QADatabase.complaintExists(db, input) {
            summary.unchanged += 1
          } else {
            _ = try QADatabase.insertComplaint(db, input, actor: actor.auditName, audited: false)
            summary.added += 1
          }
        } catch let error as CallQAError {
          throw LocatedError(SourceLocation(file: file, line: record.line), error)
        }
      }
      if let error = reader.error { throw error }
      // A file without records imports nothing and writes nothing.
      guard records > 0 else { return summary }
      try QADatabase.audit(
        db, actor: actor.auditName, action: "import", entity: "complaint-import", entityId: nil,
        after: try JSONText.object(["file": file, "added": String(summary.added), "unchanged": String(summary.unchanged)]))
      return summary
    }
  }

  // MARK: - Reads

  /// Complaints of an agent (or all), newest first.
  public func complaints(agent: String? = nil) throws -> [ComplaintRecord] {
    try readSQL { session in
      try FilterNames(agent: agent).check(session)
      let order = "ORDER BY date DESC, id DESC"
      guard let agent else { return try session.fetchAll(ComplaintRecord.self, "SELECT * FROM complaints \(order)") }
      return try session.fetchAll(
        ComplaintRecord.self, "SELECT * FROM complaints WHERE agent_id = (SELECT id FROM agents WHERE code = ?) \(order)", agent)
    }
  }

  // MARK: - Helpers

  static func insertComplaint(_ session: any SQLSession, _ input: ComplaintInput, actor: String, audited: Bool = true) throws -> Int64 {
    let (agentId, callId) = try complaintKeys(session, input)
    let record = ComplaintRecord(
      id: nil, agentId: agentId, date: input.date, callId: callId, valid: input.valid, note: input.note,
      createdAt: Timestamp.nowUTC())
    let id = try session.insert(record, into: ComplaintRecord.databaseTableName)
    if audited {
      try audit(
        session, actor: actor, action: "create", entity: "complaint", entityId: id,
        after: try JSONText.object([
          "agent": input.agent, "date": input.date, "call": input.call ?? "", "valid": String(input.valid),
          "note": input.note ?? "",
        ]))
    }
    return id
  }

  static func complaintExists(_ session: any SQLSession, _ input: ComplaintInput) throws -> Bool {
    let (agentId, callId) = try complaintKeys(session, input)
    let same = session.engine.nullSafeEquals
    return try session.value(
      Bool.self,
      """
      SELECT EXISTS (SELECT 1 FROM complaints WHERE agent_id = ? AND date = ? AND call_id \(same) ?
        AND valid = ? AND note \(same) ?)
      """, agentId, input.date, callId, input.valid, input.note) ?? false
  }

  /// Checks a complaint and returns its agent's and call's row ids.
  static func complaintKeys(_ session: any SQLSession, _ input: ComplaintInput) throws -> (Int64, Int64?) {
    guard !input.agent.isEmpty else { throw CallQAError(.errAgentEmpty) }
    guard Timestamp.parseDay(input.date) != nil else {
      throw CallQAError(.errDateMustYyyyMm, input.date)
    }
    guard let agentId = try session.value(Int64.self, "SELECT id FROM agents WHERE code = ?", input.agent) else {
      throw CallQAError.notFound(.errUnknownAgentAddCallqaAgent, input.agent)
    }
    guard let call = input.call else { return (agentId, nil) }
    guard let row = try session.row("SELECT id, agent_id FROM calls WHERE external_id = ?", call) else {
      throw CallQAError.notFound(.errUnknownCallImport, call)
    }
    guard try row["agent_id"] as Int64 == agentId else {
      throw CallQAError(.errCallWasTaken, call, input.agent)
    }
    return (agentId, try row["id"])
  }

  /// Reads a true/false CSV cell (`1/0`, `true/false`, `yes/no`, `是/否`).
  static func parseFlag(_ text: String?, name: String, default value: Bool) throws -> Bool {
    guard let text = text?.lowercased() else { return value }
    switch text {
    case "1", "true", "yes", "y", "是": return true
    case "0", "false", "no", "n", "否": return false
    default: throw CallQAError(.errMustTrueFalse, name, text)
    }
  }
}
