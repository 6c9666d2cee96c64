import Foundation
import GRDB

extension QADatabase {
  /// Bulk-creates agents and calls for the screening benchmark in one transaction
  /// (`agentFor` maps a call's position to its agent code). Not audited: synthetic data.
  public func addBenchmarkCalls(agents: [AgentInput], calls: [CallInput], agentFor: (Int) -> String) throws {
    try write { db in
      var ids: [String: Int64] = [:]
      for input in agents {
        let existing = try AgentRecord.filter(AgentRecord.Columns.code == input.code).fetchOne(db)
        let record = try existing ?? QADatabase.insertAgent(db, input, actor: "bench")
        ids[input.code] = record.id
      }
      let statement = try db.cachedStatement(
        sql: """
          INSERT INTO calls (external_id, agent_id, started_at, direction, transcript) VALUES (?, ?, ?, ?, ?)
          """)
      for (index, call) in calls.enumerated() {
        guard let agent = ids[agentFor(index)] else { throw CallQAError.notFound(.errUnknownAgent, agentFor(index)) }
        try statement.execute(arguments: [call.externalId, agent, call.startedAt, call.direction, call.transcript])
      }
    }
  }
}
