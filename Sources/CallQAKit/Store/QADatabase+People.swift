import Foundation
import GRDB

/// An agent row as read from an agents CSV (`code,name,team[,active]`).
public struct AgentInput: Hashable, Sendable {
  public var code: String
  public var name: String
  public var team: String?
  public var active: Bool
  public init(code: String, name: String, team: String?, active: Bool = true) {
    self.code = code
    self.name = name
    self.team = team
    self.active = active
  }
}

/// Counts of an agents import.
public struct AgentImportSummary: Hashable, Sendable {
  public var added = 0
  public var updated = 0
  public var unchanged = 0
}

extension QADatabase {
  // MARK: - Writes

  /// Adds an agent; an existing code is an error.
  @discardableResult
  public func addAgent(_ input: AgentInput, actor: Actor) throws -> AgentRecord {
    try QADatabase.checkCode(input.code, what: .phrase(.whatAgentCode))
    return try guardedSQL(actor, .managePeople) { session in
      if try QADatabase.agent(session, code: input.code) != nil {
        throw CallQAError.conflict(.errAgentAlreadyExists, input.code)
      }
      return try QADatabase.insertAgent(session, input, actor: actor.auditName)
    }
  }

  /// Adds or updates agents from a CSV file with columns `code,name,team[,active]`, in one
  /// transaction: a bad row leaves the database unchanged; re-running the file changes nothing.
  public func importAgents(path: String, actor: Actor) throws -> AgentImportSummary {
    try authorize(actor, .managePeople)
    var reader = try CSVReader(path: path)
    let file = (path as NSString).lastPathComponent
    guard let table = try CSVTable.header(of: &reader, file: file, required: ["code", "name"], optional: ["team", "active"]) else {
      return AgentImportSummary()
    }
    var inputs: [(Int, AgentInput)] = []
    while let record = reader.next() {
      let row = try table.row(record)
      let location = SourceLocation(file: file, line: record.line)
      let code = row["code", default: ""].trimmingCharacters(in: .whitespaces)
      do { try QADatabase.checkCode(code, what: .phrase(.whatAgentCode)) } catch { throw LocatedError(location, .verbatim, MessageArgument.describing(error)) }
      let name = row["name", default: ""].trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { throw LocatedError(location, .errAgentHasNo, code) }
      let team = row["team"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
      var active = true
      if let text = row["active"]?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
        guard let value = ["1": true, "true": true, "yes": true, "0": false, "false": false, "no": false][text] else {
          throw LocatedError(location, .errActiveMustTrue, text)
        }
        active = value
      }
      inputs.append((record.line, AgentInput(code: code, name: name, team: team, active: active)))
    }
    if let error = reader.error { throw error }
    return try guardedSQL(actor, .managePeople) { session in
      var summary = AgentImportSummary()
      for (_, input) in inputs {
        if var existing = try QADatabase.agent(session, code: input.code) {
          if existing.name == input.name && existing.team == input.team && existing.active == input.active {
            summary.unchanged += 1
            continue
          }
          let before = try QADatabase.describe(existing)
          existing.name = input.name
          existing.team = input.team
          existing.active = input.active
          try session.execute(
            "UPDATE agents SET name = ?, team = ?, active = ? WHERE id = ?", existing.name, existing.team, existing.active,
            existing.id)
          try QADatabase.appendAudit(
            session, actor: actor.auditName, action: "update", entity: "agent", entityId: existing.id,
            before: before, after: try QADatabase.describe(existing), evaluationDigest: nil)
          summary.updated += 1
        } else {
          _ = try QADatabase.insertAgent(session, input, actor: actor.auditName)
          summary.added += 1
        }
      }
      return summary
    }
  }

  /// Adds an inspector; an existing code is an error.
  @discardableResult
  public func addInspector(code: String, name: String, actor: Actor) throws -> InspectorRecord {
    try QADatabase.checkCode(code, what: .phrase(.whatInspectorCode))
    return try guardedSQL(actor, .managePeople) { session in
      if try session.fetchOne(InspectorRecord.self, "SELECT * FROM inspectors WHERE code = ?", code) != nil {
        throw CallQAError.conflict(.errInspectorAlreadyExists, code)
      }
      return try QADatabase.insertInspector(session, code: code, name: name, actor: actor.auditName)
    }
  }

  // MARK: - Reads

  /// Agents ordered by team then code; `team` filters.
  public func agents(team: String? = nil) throws -> [AgentRecord] {
    try readSQL { session in
      try FilterNames(team: team).check(session)
      // NULL teams first, as SQLite sorts them (PostgreSQL puts NULLs last unless told).
      let order = "ORDER BY team IS NOT NULL, team, code"
      if let team { return try session.fetchAll(AgentRecord.self, "SELECT * FROM agents WHERE team = ? \(order)", team) }
      return try session.fetchAll(AgentRecord.self, "SELECT * FROM agents \(order)")
    }
  }

  /// Inspectors ordered by code.
  public func inspectors() throws -> [InspectorRecord] {
    try readSQL { session in try session.fetchAll(InspectorRecord.self, "SELECT * FROM inspectors ORDER BY code") }
  }

  // MARK: - Helpers shared by other writes

  static func insertAgent(_ session: any SQLSession, _ input: AgentInput, actor: String) throws -> AgentRecord {
    var agent = AgentRecord(code: input.code, name: input.name, team: input.team, active: input.active, createdAt: Timestamp.nowUTC())
    agent.id = try session.insert(agent, into: AgentRecord.databaseTableName)
    try appendAudit(
      session, actor: actor, action: "create", entity: "agent", entityId: agent.id, before: nil, after: try describe(agent),
      evaluationDigest: nil)
    return agent
  }

  static func insertInspector(_ session: any SQLSession, code: String, name: String, actor: String) throws -> InspectorRecord {
    var inspector = InspectorRecord(code: code, name: name, createdAt: Timestamp.nowUTC())
    inspector.id = try session.insert(inspector, into: InspectorRecord.databaseTableName)
    try appendAudit(
      session, actor: actor, action: "create", entity: "inspector", entityId: inspector.id, before: nil,
      after: try JSONText.object(["code": code, "name": name]), evaluationDigest: nil)
    return inspector
  }

  /// The agent with this code, nil when there is none.
  static func agent(_ session: any SQLSession, code: String) throws -> AgentRecord? {
    try session.fetchOne(AgentRecord.self, "SELECT * FROM agents WHERE code = ?", code)
  }

  static func describe(_ agent: AgentRecord) throws -> String {
    try JSONText.object(["code": agent.code, "name": agent.name, "team": agent.team ?? "", "active": agent.active ? "true" : "false"])
  }

  /// Codes name people in files and on the command line: no spaces, no control characters.
  static func checkCode(_ code: String, what: MessageArgument) throws {
    guard !code.isEmpty else { throw CallQAError(.errMustEmpty, what) }
    guard code.count <= 64, !code.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
      throw CallQAError(.errMustMostCharacters, what, code)
    }
  }
}
