import Foundation

extension QADatabase {
  // MARK: - Writes

  /// Adds or replaces agent-month figures from a CSV file with the columns
  /// `agent,month,calls_handled,complaint_contacts,target,training_score,training_absences,attendance`.
  ///
  /// The whole file is checked first (errors are `FILE:LINE: …`) and written in one
  /// transaction; re-running the same file changes nothing.
  public func importAgentMonths(path: String, actor: Actor) throws -> AgentMonthImportSummary {
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    let rows = try AgentMonthCSV.parse(&reader, file: file)
    return try guardedSQL(actor, .importCallData) { db in
      var summary = AgentMonthImportSummary()
      for (line, row) in rows {
        guard let agentId = try db.value(Int64.self, "SELECT id FROM agents WHERE code = ?", row.agent) else {
          throw LocatedError(SourceLocation(file: file, line: line), .errUnknownAgentAdd, row.agent)
        }
        let existing = try db.row("SELECT * FROM agent_months WHERE agent_id = ? AND month = ?", agentId, row.month)
          .map { try AgentMonth(row: $0, agent: row.agent) }
        let values: [SQLValue] = [
          row.callsHandled.sqlValue, row.complaintContacts.sqlValue, row.target.sqlValue, row.trainingScore.sqlValue,
          row.trainingAbsences.sqlValue, row.attendance.sqlValue, Timestamp.nowUTC().sqlValue, agentId.sqlValue,
          row.month.sqlValue,
        ]
        if let existing {
          if existing == row {
            summary.unchanged += 1
            continue
          }
          try db.execute(
            """
            UPDATE agent_months SET calls_handled = ?, complaint_contacts = ?, target = ?, training_score = ?,
              training_absences = ?, attendance = ?, updated_at = ? WHERE agent_id = ? AND month = ?
            """, values)
          try QADatabase.audit(
            db, actor: actor.auditName, action: "update", entity: "agent_month", entityId: agentId,
            before: try JSONText.encode(existing), after: try JSONText.encode(row))
          summary.updated += 1
        } else {
          try db.execute(
            """
            INSERT INTO agent_months (calls_handled, complaint_contacts, target, training_score, training_absences,
              attendance, updated_at, agent_id, month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values)
          try QADatabase.audit(
            db, actor: actor.auditName, action: "create", entity: "agent_month", entityId: agentId,
            after: try JSONText.encode(row))
          summary.added += 1
        }
      }
      return summary
    }
  }

  // MARK: - Reads

  /// The figures of `month` (`YYYY-MM`) keyed by agent code.
  public func agentMonths(month: String) throws -> [String: AgentMonth] {
    try readSQL { db in
      let rows = try db.rows("SELECT m.*, a.code FROM agent_months m JOIN agents a ON a.id = m.agent_id WHERE m.month = ?", month)
      return Dictionary(
        uniqueKeysWithValues: try rows.map { row in
          let code: String = try row["code"]
          return (code, try AgentMonth(row: row, agent: code))
        })
    }
  }
}

extension AgentMonth {
  init(row: SQLRow, agent: String) throws {
    self.init(
      agent: agent, month: try row["month"], callsHandled: try row["calls_handled"],
      complaintContacts: try row["complaint_contacts"], target: try row["target"], trainingScore: try row["training_score"],
      trainingAbsences: try row["training_absences"], attendance: try row["attendance"])
  }
}
