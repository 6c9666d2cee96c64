import Foundation
import Testing
import TestOracles

@testable import CallQAKit

/// The schema and its rules on both engines, from the one list of migration steps: the same
/// statements are accepted and refused, with the same messages (issue #21).
@Suite struct StoreEngineTests {
  @Test(arguments: EngineFixture.engines)
  func aNewDatabaseHasEveryMigrationStepInOrder(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    #expect(db.engineKind == engine)
    #expect(try db.appliedMigrations() == Migrations.steps.map(\.name))
  }

  @Test(arguments: EngineFixture.engines)
  func submittedHistoryCannotBeChangedOrDeleted(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    try EngineFixture.seedRows(db)
    try db.writeSQL { try EngineFixture.insertEvaluation($0, id: 1, status: "submitted") }

    func refusal(_ sql: String) -> String? {
      do {
        try db.writeSQL { try $0.execute(sql, []) }
        return nil
      } catch let error as CallQAError {
        #expect(error.kind == .conflict, "\(sql): \(error)")
        return error.message
      } catch {
        return "\(error)"
      }
    }
    #expect(refusal("UPDATE evaluations SET final_score = 100 WHERE id = 1") == "submitted evaluations cannot be changed: revise them through a dispute")
    #expect(refusal("DELETE FROM evaluations WHERE id = 1") == "submitted evaluations cannot be deleted")
    #expect(refusal("UPDATE item_scores SET earned = 0 WHERE evaluation_id = 1") == "item scores of a submitted evaluation cannot be changed")
    #expect(refusal("DELETE FROM item_scores WHERE evaluation_id = 1") == "item scores of a submitted evaluation cannot be deleted")
    #expect(refusal("UPDATE section_scores SET score = 0 WHERE evaluation_id = 1") == "section scores of a submitted evaluation cannot be changed")
    #expect(refusal("UPDATE evaluations SET second_opinion_of = 1 WHERE id = 1") == "submitted evaluations cannot be changed: revise them through a dispute")
    // What a dispute may change: the status and updated_at.
    #expect(refusal("UPDATE evaluations SET status = 'disputed', updated_at = 'later' WHERE id = 1") == nil)
    #expect(refusal("UPDATE evaluations SET status = 'draft' WHERE id = 1") != nil)

    // Nothing of the refused statements was written.
    let stored = try db.readSQL { session in try session.row("SELECT final_score, status FROM evaluations WHERE id = 1") }
    #expect(try stored?["final_score"] as Double? == 90)
    #expect(try stored?["status"] as String? == "disputed")
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT count(*) FROM item_scores") } == 1)

    try db.writeSQL { session in
      try session.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity) VALUES (1, '2026-11-03T10:00:00Z', 'QA1', 'submit', 'evaluation')")
    }
    #expect(refusal("UPDATE audit_log SET actor = 'X'") == "the audit log is append-only")
    #expect(refusal("DELETE FROM audit_log") == "the audit log is append-only")
  }

  @Test(arguments: EngineFixture.engines)
  func draftsMayBeRewrittenAndTheCallKnowsItIsEvaluated(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    try EngineFixture.seedRows(db)
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT evaluated FROM calls WHERE id = 1") } == 0)
    try db.writeSQL { try EngineFixture.insertEvaluation($0, id: 1, status: "draft") }
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT evaluated FROM calls WHERE id = 1") } == 1)
    try db.writeSQL { session in
      try session.execute("UPDATE item_scores SET earned = 0 WHERE evaluation_id = 1")
      try session.execute("DELETE FROM evaluations WHERE id = 1")
    }
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT count(*) FROM item_scores") } == 0)
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT evaluated FROM calls WHERE id = 1") } == 0)
  }

  @Test(arguments: EngineFixture.engines)
  func oneCountedEvaluationPerCallAndKind(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    try EngineFixture.seedRows(db)
    try db.writeSQL { try EngineFixture.insertEvaluation($0, id: 1, status: "submitted") }
    #expect(throws: CallQAError.self) {
      try db.writeSQL { try EngineFixture.insertEvaluation($0, id: 2, status: "submitted") }
    }
    // A test call of the same call is another kind, and counts on its own.
    try db.writeSQL { try EngineFixture.insertEvaluation($0, id: 3, status: "submitted", kind: "test-call") }
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT count(*) FROM evaluations") } == 2)
  }

  @Test(arguments: EngineFixture.engines)
  func valuesRoundTripWithTheirStorageClasses(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    let found = try db.readSQL { session in
      try session.row(
        "SELECT ? AS i, ? AS r, ? AS t, ? AS n, count(*) AS c, coalesce(sum(id), 0) AS s FROM scorecards",
        Int64(42), 2.5, "中文 'quoted' ?", String?.none)
    }
    let row = try #require(found)
    #expect(try row["i"] as Int64 == 42)
    #expect(try row["r"] as Double == 2.5)
    #expect(try row["t"] as String == "中文 'quoted' ?")
    #expect(try row["n"] as String? == nil)
    #expect(try row["c"] as Int == 0)
    #expect(try row["s"] as Int == 0)
  }

  @Test(arguments: EngineFixture.engines)
  func aUseCaseNotYetWrittenForTheEngineSaysSoInOneLine(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    guard engine == .postgresql else { return }
    let error = try #require(throws: CallQAError.self) {
      try db.addBenchmarkCalls(agents: [], calls: [], agentFor: { _ in "A1" })
    }
    #expect(error.message.hasPrefix("addBenchmarkCalls does not run on PostgreSQL yet"), "\(error.message)")
    #expect(!error.message.contains("\n"))
  }
}

/// The use cases written against ``SQLSession`` give the same answers on both engines.
@Suite struct EngineUseCaseTests {
  @Test(arguments: EngineFixture.engines)
  func peopleAndScorecardsAreKeptAndReadTheSameWay(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    let scorecard = try ScorecardLoader.load(path: TestStore.fixture("calib-test.yaml"))
    #expect(try db.importScorecard(scorecard, actor: "test") == .added)
    #expect(try db.importScorecard(scorecard, actor: "test") == .unchanged)
    #expect(try db.scorecards().map { "\($0.scorecard.key)@\($0.scorecard.version)" } == ["calib-test@1"])
    #expect(try db.scorecard(reference: "calib-test").scorecard == scorecard)
    #expect(throws: CallQAError.self) { try db.scorecard(reference: "nope") }

    try db.addAgent(AgentInput(code: "A2", name: "李四", team: "呼入2组"), actor: "test")
    try db.addAgent(AgentInput(code: "A1", name: "王小明", team: "呼入1组"), actor: "test")
    try db.addAgent(AgentInput(code: "A0", name: "No Team", team: nil, active: false), actor: "test")
    try db.addInspector(code: "QA1", name: "质检一", actor: "test")
    let duplicate = try #require(throws: CallQAError.self) {
      try db.addAgent(AgentInput(code: "A1", name: "again", team: nil), actor: "test")
    }
    #expect(duplicate.kind == .conflict)
    #expect(try db.agents().map(\.code) == ["A0", "A1", "A2"])
    #expect(try db.agents(team: "呼入1组").map(\.name) == ["王小明"])
    #expect(try db.agents().first?.active == false)
    #expect(throws: CallQAError.self) { try db.agents(team: "呼入9组") }
    #expect(try db.inspectors().map(\.name) == ["质检一"])

    let file = FileManager.default.temporaryDirectory.appendingPathComponent("agents-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("code,name,team\nA1,王小明,呼入2组\nA3,New,呼入1组\nA2,李四,呼入2组\n".utf8).write(to: file)
    let summary = try db.importAgents(path: file.path, actor: "test")
    #expect((summary.added, summary.updated, summary.unchanged) == (1, 1, 1))
    let again = try db.importAgents(path: file.path, actor: "test")
    #expect((again.added, again.updated, again.unchanged) == (0, 0, 3))
    #expect(try db.agents(team: "呼入2组").map(\.code) == ["A1", "A2"])

    // Every write left one chained audit row: each link is the hash of the one before and
    // the row's own values, as on SQLite.
    let rows = try db.readSQL { session in
      try session.rows("SELECT id, at, actor, action, entity, entity_id, before, after, evaluation_digest, chain_hash FROM audit_log ORDER BY id")
    }
    #expect(rows.count == 7)
    var previous = ""
    for row in rows {
      let hash: String = try row["chain_hash"]
      #expect(hash == AuditChain.plainSeal(QADatabase.chainMessage(previous: previous, content: Array(row.values.dropLast()))))
      previous = hash
    }
  }
}

/// Users, roles and sign-in on both engines: the first user ends single-desk mode, the last
/// admin stays, a password signs in and a wrong one does not.
@Suite struct EngineUserTests {
  @Test(arguments: EngineFixture.engines)
  func usersAreAddedChangedAndRefusedTheSameWay(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    try db.addAgent(AgentInput(code: "A1", name: "王小明", team: "T1"), actor: "test")
    try db.addInspector(code: "QA1", name: "质检一", actor: "test")
    let local = Actor.singleDesk(osUser: "alice")
    #expect(throws: CallQAError.self) {
      try db.addUser(NewUser(login: "qa1", displayName: "质检一", role: .inspector, inspectorCode: "QA1"), actor: local)
    }
    let admin = try db.addUser(NewUser(login: "alice", displayName: "Alice", role: .admin), actor: local)
    #expect(admin.osUser == "alice")
    #expect(try !db.isSingleDesk())
    let ended = try #require(throws: CallQAError.self) {
      try db.addAgent(AgentInput(code: "A2", name: "x", team: nil), actor: local)
    }
    #expect(ended.kind == .forbidden)
    let alice = try db.actor(osUser: "alice")
    #expect(alice.user?.login == "alice")
    #expect(throws: CallQAError.self) { try db.actor(osUser: "mallory") }

    try db.addUser(NewUser(login: "qa1", displayName: "质检一", role: .inspector, inspectorCode: "QA1"), actor: alice)
    #expect(throws: CallQAError.self) {
      try db.addUser(NewUser(login: "qa1", displayName: "again", role: .admin), actor: alice)
    }
    try db.setPassword(login: "qa1", password: "correct horse battery staple", actor: alice, cost: 4)
    #expect(try db.authenticate(login: "qa1", password: "correct horse battery staple")?.user?.inspectorCode == "QA1")
    #expect(try db.authenticate(login: "qa1", password: "wrong horse battery staple") == nil)
    try db.setRole(login: "qa1", to: .supervisor, teams: ["T1"], actor: alice)
    #expect(try db.user(login: "qa1").teams == ["T1"])
    #expect(try db.user(login: "qa1").role == .supervisor)
    let last = try #require(throws: CallQAError.self) { try db.deactivateUser(login: "alice", actor: alice) }
    #expect(last.kind == .conflict)
    try db.deactivateUser(login: "qa1", actor: alice)
    #expect(try db.users().map { "\($0.login):\($0.active)" } == ["alice:true", "qa1:false"])
    #expect(try db.authenticate(login: "qa1", password: "correct horse battery staple") == nil)
    // The refused single-desk write left its one `refused` row.
    #expect(try db.readSQL { try $0.value(Int.self, "SELECT count(*) FROM audit_log WHERE action = 'refused'") } == 1)
  }
}
