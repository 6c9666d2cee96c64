import GRDB

extension QADatabase {
  // MARK: - Writes

  /// Adds one call of the call log for the agent with `agentCode`, in one transaction.
  ///
  /// The agent must exist; an existing call id is an error (importers that re-run a file
  /// should look the call up first). `started_at` must be ISO-8601 with its offset.
  @discardableResult
  public func addCall(_ input: CallInput, agentCode: String, actor: String) throws -> CallRecord {
    try write { db in try QADatabase.insertCall(db, input, agentCode: agentCode, actor: actor) }
  }

  /// Inserts a new call inside the caller's transaction (for bulk importers).
  static func insertCall(_ db: Database, _ input: CallInput, agentCode: String, actor: String) throws -> CallRecord {
    let agent = try resolveAgent(db, code: agentCode, create: false, actor: actor)
    if try CallRecord.filter(Column("external_id") == input.externalId).fetchOne(db) != nil {
      throw CallQAError("call '\(input.externalId)' already exists")
    }
    guard input.startedAt != nil else {
      throw CallQAError("call '\(input.externalId)': started_at is required")
    }
    return try resolveCall(db, input, agent: agent, actor: actor)
  }
}
