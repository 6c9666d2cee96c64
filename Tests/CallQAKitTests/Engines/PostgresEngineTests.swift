import Foundation
import Testing
import TestOracles

@testable import CallQAKit

/// What only PostgreSQL has: a server shared by several processes, roles, and its URL.
@Suite(.serialized) struct PostgresEngineTests {
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func theTestServerIsThereAndMigratesANewDatabase() throws {
    let url = try PostgresServer.freshDatabase()
    let db = try QADatabase(location: try DatabaseLocation(url))
    #expect(db.engineKind == .postgresql)
    // Opening again (another server starting) migrates nothing twice.
    let again = try QADatabase(location: try DatabaseLocation(url), mode: .readWrite)
    #expect(try again.appliedMigrations() == Migrations.steps.map(\.name))
    let database = try #require(URLComponents(string: url)?.path.dropFirst())
    #expect(
      try PostgresServer.psql("SELECT count(*) FROM callqa_migrations", database: String(database)).trimmingCharacters(in: .whitespacesAndNewlines)
        == "\(Migrations.steps.count)")
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func aDatabaseOfAnotherApplicationIsRefusedAndLeftAsItWas() throws {
    let url = try PostgresServer.freshDatabase()
    let database = String(try #require(URLComponents(string: url)?.path.dropFirst()))
    try PostgresServer.psql("CREATE TABLE orders (id int)", database: database)
    let error = try #require(throws: CallQAError.self) { _ = try QADatabase(location: try DatabaseLocation(url)) }
    #expect(error.message.contains("orders"))
    #expect(
      try PostgresServer.psql("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'", database: database)
        .trimmingCharacters(in: .whitespacesAndNewlines) == "orders")
  }

  /// Reading or writing a database callqa never created is refused like an empty file, and
  /// the refusal creates nothing in it.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func anEmptyDatabaseOpenedForReadingIsRefusedAndLeftEmpty() throws {
    let url = try PostgresServer.freshDatabase()
    let database = String(try #require(URLComponents(string: url)?.path.dropFirst()))
    for mode in [OpenMode.readOnly, .readWrite] {
      let error = try #require(throws: CallQAError.self) { _ = try QADatabase(location: try DatabaseLocation(url), mode: mode) }
      #expect(error.message.contains("empty"), "\(error.message)")
    }
    #expect(
      try PostgresServer.psql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", database: database)
        .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func anUnreachableServerAndAMissingDatabaseAreOneLineEach() throws {
    let missing = PostgresServer.url(try #require(PostgresServer.adminURL), database: "no_such_database")
    let error = try #require(throws: CallQAError.self) { _ = try QADatabase(location: try DatabaseLocation(missing)) }
    #expect(error.message.contains("no_such_database"), "\(error.message)")
    #expect(!error.message.contains("\n"))
    let closed = try #require(throws: CallQAError.self) {
      _ = try QADatabase(location: try DatabaseLocation("postgresql://callqa@127.0.0.1:9/callqa"))
    }
    #expect(closed.message.hasPrefix("cannot reach PostgreSQL at postgresql://callqa@127.0.0.1:9/callqa"), "\(closed.message)")
  }

  /// The server's role owns nothing: it cannot switch the history triggers off, truncate or
  /// drop history, and its UPDATE of a submitted evaluation fails like anyone's.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func theServersRoleCannotBypassTheHistoryRules() throws {
    let url = try PostgresServer.freshDatabase()
    let database = String(try #require(URLComponents(string: url)?.path.dropFirst()))
    let owner = try QADatabase(location: try DatabaseLocation(url))
    try EngineFixture.seedRows(owner)
    try owner.writeSQL { try EngineFixture.insertEvaluation($0, id: 1, status: "submitted") }
    let role = "callqa_app_" + database.suffix(8)
    try PostgresServer.psql(
      """
      CREATE ROLE \(role) LOGIN;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(role);
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(role);
      """, database: database)
    let server = try QADatabase(location: try DatabaseLocation(PostgresServer.url(url, database: database, user: role)), mode: .readWrite)
    for sql in [
      "ALTER TABLE evaluations DISABLE TRIGGER ALL", "TRUNCATE item_scores", "DROP TRIGGER evaluations_history_update ON evaluations",
      "UPDATE evaluations SET final_score = 100 WHERE id = 1", "SET session_replication_role = replica",
    ] {
      #expect(throws: CallQAError.self, "\(sql) was allowed") { try server.writeSQL { try $0.execute(sql, []) } }
    }
    #expect(try server.readSQL { try $0.value(Double.self, "SELECT final_score FROM evaluations WHERE id = 1") } == 90)
  }

  /// Two servers on one database, each with a pool, insert the counted evaluation of the same
  /// calls at once: every call ends with exactly one, and every refusal is a conflict (a
  /// serialization failure was tried again, never reported).
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func twoServersSubmittingTheSameCallsCountEachOnce() async throws {
    let url = try PostgresServer.freshDatabase()
    let first = try QADatabase(location: try DatabaseLocation(url), poolSize: 4)
    let second = try QADatabase(location: try DatabaseLocation(url), mode: .readWrite, poolSize: 4)
    try EngineFixture.seedRows(first)
    try first.writeSQL { session in
      for call in 2...20 {
        try session.execute("INSERT INTO calls (id, external_id, agent_id) VALUES (?, ?, 1)", Int64(call), "C-\(call)")
      }
    }
    let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
      for attempt in 0..<80 {
        let db = attempt.isMultiple(of: 2) ? first : second
        let call = Int64(attempt % 20 + 1)
        group.addTask {
          do {
            try db.writeSQL { session in
              // Read then write, as the write path does: the serializable check is what counts.
              let counted =
                try session.value(
                  Int.self, "SELECT count(*) FROM evaluations WHERE call_id = ? AND status = 'submitted'", call) ?? 0
              guard counted == 0 else { throw CallQAError("already counted", kind: .conflict) }
              try session.execute(
                """
                INSERT INTO evaluations (call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score, final_score,
                  critical_failed, passed, created_at, submitted_at, updated_at)
                VALUES (?, 1, 1, 1, 'monitoring', 'submitted', 80, 80, 0, 1, 'now', 'now', 'now')
                """, call)
            }
            return true
          } catch let error as CallQAError where error.kind == .conflict {
            return false
          }
        }
      }
      return try await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(outcomes.filter { $0 }.count == 20)
    let perCall = try first.readSQL { session in
      try session.rows("SELECT call_id, count(*) AS n FROM evaluations GROUP BY call_id").map { try $0["n"] as Int }
    }
    #expect(perCall.count == 20 && perCall.allSatisfy { $0 == 1 })
  }

  /// The write path itself under contention: two stores score the same 10 new calls 40 times
  /// at once (each call created by whoever comes first). Every call ends with one counted
  /// evaluation, every refusal is the one-line "already has a counted" conflict, the report
  /// summaries hold exactly the 10, and the audit chain links every row with every digest.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func twoStoresScoringTheSameCallsThroughTheWritePathCountEachOnce() async throws {
    let url = try PostgresServer.freshDatabase()
    let first = try TestStore(database: try QADatabase(location: try DatabaseLocation(url), poolSize: 4))
    let second = TestStore(sharing: try QADatabase(location: try DatabaseLocation(url), mode: .readWrite, poolSize: 4))
    let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
      for attempt in 0..<40 {
        let store = attempt.isMultiple(of: 2) ? first : second
        group.addTask {
          do {
            try store.score(call: "C-\(attempt % 10)", inspector: attempt < 20 ? "QA1" : "QA2", sheet: TestStore.sheet(tone: 10))
            return nil
          } catch let error as CallQAError where error.kind == .conflict {
            return error.message
          }
        }
      }
      return try await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(outcomes.filter { $0 == nil }.count == 10)
    for refusal in outcomes.compactMap({ $0 }) {
      #expect(refusal.contains("already has a counted monitoring evaluation"), "\(refusal)")
    }
    let counts = try first.db.readSQL { session in
      try [
        "SELECT count(*) FROM calls", "SELECT count(DISTINCT call_id) FROM evaluations", "SELECT count(*) FROM evaluations",
        "SELECT sum(evaluations) FROM summary_evaluations WHERE grain = 'centre-day'",
      ].map { try session.value(Int.self, $0) }
    }
    #expect(counts == [10, 10, 10, 10])
    let audit = try first.db.verifyAudit()
    #expect(audit.findings == [] && audit.evaluationsChecked == 10)
  }
}
