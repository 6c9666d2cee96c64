import Foundation
import GRDB

/// One agent's operational figures for one month (a row of `agent_months`).
///
/// Every figure may be missing (an empty CSV cell is stored as NULL): the performance
/// sheet then flags the row instead of treating the gap as zero.
public struct AgentMonth: Hashable, Sendable, Encodable {
  public var agent: String
  /// `YYYY-MM`.
  public var month: String
  /// Calls handled (呼入/呼出个数).
  @NullEncoded public var callsHandled: Int?
  /// Of those, contacts that were complaints or repeat enquiries (处理客户投诉个数).
  @NullEncoded public var complaintContacts: Int?
  /// The monthly call target (单位话务指标), > 0.
  @NullEncoded public var target: Int?
  /// Mean training score of the month, 0–100.
  @NullEncoded public var trainingScore: Double?
  /// Training sessions missed.
  @NullEncoded public var trainingAbsences: Int?
  /// Attendance rate in percent, 0–100.
  @NullEncoded public var attendance: Double?
  public init(
    agent: String, month: String, callsHandled: Int? = nil, complaintContacts: Int? = nil, target: Int? = nil,
    trainingScore: Double? = nil, trainingAbsences: Int? = nil, attendance: Double? = nil
  ) {
    self.agent = agent
    self.month = month
    self.callsHandled = callsHandled
    self.complaintContacts = complaintContacts
    self.target = target
    self.trainingScore = trainingScore
    self.trainingAbsences = trainingAbsences
    self.attendance = attendance
  }
}

/// Counts of an agent-month import.
public struct AgentMonthImportSummary: Hashable, Sendable {
  public var added = 0
  public var updated = 0
  public var unchanged = 0
}

extension QADatabase {
  // MARK: - Writes

  /// Adds or replaces agent-month figures from a CSV file with the columns
  /// `agent,month,calls_handled,complaint_contacts,target,training_score,training_absences,attendance`.
  ///
  /// The whole file is checked first (errors are `FILE:LINE: …`) and written in one
  /// transaction; re-running the same file changes nothing.
  public func importAgentMonths(path: String, actor: String) throws -> AgentMonthImportSummary {
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    let rows = try AgentMonthCSV.parse(&reader, file: file)
    return try write { db in
      var summary = AgentMonthImportSummary()
      for (line, row) in rows {
        guard let agentId = try Int64.fetchOne(db, sql: "SELECT id FROM agents WHERE code = ?", arguments: [row.agent]) else {
          throw LocatedError(SourceLocation(file: file, line: line), "unknown agent '\(row.agent)' (add it with `callqa agent add`)")
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
          try db.execute(sql: """
            UPDATE agent_months SET calls_handled = ?, complaint_contacts = ?, target = ?, training_score = ?,
              training_absences = ?, attendance = ?, updated_at = ? WHERE agent_id = ? AND month = ?
            """, arguments: StatementArguments(values + [Timestamp.nowUTC(), agentId, row.month]))
          try QADatabase.audit(db, actor: actor, action: "update", entity: "agent_month", entityId: agentId,
                               before: try JSONText.encode(AgentMonth(row: existing, agent: row.agent)), after: try JSONText.encode(row))
          summary.updated += 1
        } else {
          try db.execute(sql: """
            INSERT INTO agent_months (calls_handled, complaint_contacts, target, training_score, training_absences,
              attendance, updated_at, agent_id, month) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: StatementArguments(values + [Timestamp.nowUTC(), agentId, row.month]))
          try QADatabase.audit(db, actor: actor, action: "create", entity: "agent_month", entityId: agentId,
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
      let rows = try Row.fetchAll(db, sql: """
        SELECT m.*, a.code FROM agent_months m JOIN agents a ON a.id = m.agent_id WHERE m.month = ?
        """, arguments: [month])
      return Dictionary(uniqueKeysWithValues: rows.map { row in
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

extension AgentMonth {
  enum CodingKeys: String, CodingKey {
    case agent
    case month
    case callsHandled = "calls_handled"
    case complaintContacts = "complaint_contacts"
    case target
    case trainingScore = "training_score"
    case trainingAbsences = "training_absences"
    case attendance
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
