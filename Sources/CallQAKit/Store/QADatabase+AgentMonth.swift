import Foundation
import GRDB

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
    return try guarded(actor, .importCallData) { db in
      var summary = AgentMonthImportSummary()
      for (line, row) in rows {
        guard let agentId = try Int64.fetchOne(db, sql: "SELECT id FROM agents WHERE code = ?", arguments: [row.agent]) else {
          throw LocatedError(SourceLocation(file: file, line: line), .errUnknownAgentAdd, row.agent)
        }
        let existing = try Row.fetchOne(
          db, sql: "SELECT * FROM agent_months WHERE agent_id = ? AND month = ?", arguments: [agentId, row.month])
        let values: [DatabaseValueConvertible?] = [
          row.callsHandled, row.complaintContacts, row.target, row.trainingScore, row.trainingAbsences, row.attendance,
        ]
        if let existing {
          if AgentMonth(row: existing, agent: row.agent) == row {
            summary.unchanged += 1
            continue
          }
          try db.execute(
            sql: """
              UPDATE agent_months SET calls_handled = ?, complaint_contacts = ?, target = ?, training_score = ?,
                training_absences = ?, attendance = ?, updated_at = ? WHERE agent_id = ? AND month = ?
              """, arguments: StatementArguments(values + [Timestamp.nowUTC(), agentId, row.month]))
          try QADatabase.audit(
            db, actor: actor.auditName, action: "update", entity: "agent_month", entityId: agentId,
            before: try JSONText.encode(AgentMonth(row: existing, agent: row.agent)), after: try JSONText.encode(row))
          summary.updated += 1
        } else {
          try db.execute(
            sql: """
              INSERT INTO agent_months (calls_handled, complaint_contacts, target, training_score, training_absences,
                attendance, updated_at, agent_id, month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              """, arguments: StatementArguments(values + [Timestamp.nowUTC(), agentId, row.month]))
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
    try read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT m.*, a.code FROM agent_months m JOIN agents a ON a.id = m.agent_id WHERE m.month = ?
          """, arguments: [month])
      return Dictionary(
        uniqueKeysWithValues: rows.map { row in
          let code: String = row["code"]
          return (code, AgentMonth(row: row, agent: code))
        })
    }
  }
}
extension AgentMonth {
  init(row: Row, agent: String) {
    self.init(
      agent: agent, month: row["month"], callsHandled: row["calls_handled"], complaintContacts: row["complaint_contacts"],
      target: row["target"], trainingScore: row["training_score"], trainingAbsences: row["training_absences"],
      attendance: row["attendance"])
  }
}
