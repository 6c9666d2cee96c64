import Foundation

/// Reads and checks an agent-month CSV; errors are `FILE:LINE: …`.
enum AgentMonthCSV {
  static let columns = [
    "agent", "month", "calls_handled", "complaint_contacts", "target", "training_score", "training_absences",
    "attendance",
  ]

  /// Every row of the file, with its line, checked; nothing is written here.
  static func parse(_ reader: inout CSVReader, file: String) throws -> [(Int, AgentMonth)] {
    guard let table = try CSVTable.header(of: &reader, file: file, required: columns) else { return [] }
    var rows: [(Int, AgentMonth)] = []
    var seen: [String: Int] = [:]
    while let record = reader.next() {
      let fields = try table.row(record)
      let location = SourceLocation(file: file, line: record.line)
      func text(_ key: String) -> String? {
        let value = fields[key, default: ""].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
      }
      func count(_ key: String) throws -> Int? {
        guard let value = text(key) else { return nil }
        guard let number = Int(value), number >= 0 else {
          throw LocatedError(location, .errMustWholeNumber, key, value)
        }
        return number
      }
      func percent(_ key: String) throws -> Double? {
        guard let value = text(key) else { return nil }
        guard let number = Double(value), number.isFinite, (0...100).contains(number) else {
          throw LocatedError(location, .errMustNumberFrom, key, value)
        }
        return number
      }
      guard let agent = text("agent") else { throw LocatedError(location, .errAgentEmpty) }
      guard let month = text("month"), case .month = ReportPeriod.parseMonth(month) else {
        throw LocatedError(location, .errMonthMustBeYYYYMM, text("month") ?? "")
      }
      let row = AgentMonth(
        agent: agent, month: month, callsHandled: try count("calls_handled"),
        complaintContacts: try count("complaint_contacts"), target: try count("target"),
        trainingScore: try percent("training_score"), trainingAbsences: try count("training_absences"),
        attendance: try percent("attendance"))
      if row.target == 0 { throw LocatedError(location, .errTargetMustMore) }
      if let handled = row.callsHandled, let complaints = row.complaintContacts, complaints > handled {
        throw LocatedError(location, .errComplaintContactsExceed, complaints, handled)
      }
      if let previous = seen["\(agent) \(month)"] {
        throw LocatedError(location, .errAgentMonthAlready, agent, month, previous)
      }
      seen["\(agent) \(month)"] = record.line
      rows.append((record.line, row))
    }
    if let error = reader.error { throw error }
    return rows
  }
}
