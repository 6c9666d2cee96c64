import Foundation
import Testing
import TestOracles

@testable import CallQAKit

/// The one write path (``QADatabase/storeSubmission(_:_:via:context:)``) on both engines: the
/// same answers store the same evaluation, section, item, summary and audit rows, a second
/// counted evaluation of a call is refused and writes nothing, and the digest in the audit row
/// is the one the stored rows give back.
@Suite struct EngineSubmissionTests {
  /// Three calls of two agents: full marks, points lost with an N/A, and a critical-free low score.
  static func scoreThreeCalls(_ store: TestStore) throws -> [Int64] {
    [
      try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet()),
      try store.score(call: "C-2", inspector: "QA1", sheet: TestStore.sheet(greet: false, tone: 10, hold: nil, slang: 1)),
      try store.score(
        call: "C-3", agent: "A2", inspector: "QA2", sheet: TestStore.sheet(tone: 0, slang: 3), kind: .testCall,
        startedAt: "2026-10-31T23:30:00+08:00"),
    ]
  }

  @Test(arguments: EngineFixture.engines)
  func submissionsAreStoredAuditedSummarisedAndRefusedOnce(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    let ids = try Self.scoreThreeCalls(store)
    #expect(ids == [1, 2, 3])

    let again = try #require(throws: CallQAError.self) {
      try store.score(call: "C-1", inspector: "QA2", sheet: TestStore.sheet(greet: false))
    }
    #expect(again.kind == .conflict)
    #expect(again.message.contains("C-1"), "\(again.message)")
    let other = try #require(throws: CallQAError.self) {
      try store.score(call: "C-2", agent: "A2", inspector: "QA2", sheet: TestStore.sheet())
    }
    #expect(other.message.contains("C-2"), "\(other.message)")

    try store.db.readSQL { session in
      #expect(try session.value(Int.self, "SELECT count(*) FROM evaluations") == 3)
      #expect(try session.value(Int.self, "SELECT count(*) FROM item_scores") == 12)
      // Each submission's audit row carries the digest its rows give back, and the chain holds.
      for id in ids {
        let recorded = try session.value(
          String.self, "SELECT evaluation_digest FROM audit_log WHERE entity = 'evaluation' AND entity_id = ? AND action = 'submit'", id)
        let computed = try QADatabase.evaluationDigest(session, id: id)
        #expect(recorded != nil)
        #expect(recorded == computed)
      }
      var previous = ""
      for row in try session.rows("SELECT id, at, actor, action, entity, entity_id, before, after, evaluation_digest, chain_hash FROM audit_log ORDER BY id") {
        let hash: String = try row["chain_hash"]
        #expect(hash == AuditChain.plainSeal(QADatabase.chainMessage(previous: previous, content: Array(row.values.dropLast()))))
        previous = hash
      }
      // The summaries hold what the three evaluations add: two months (the test call's local
      // date is 31 October), two agents, two kinds.
      let months = try session.rows(
        "SELECT period, agent_id, kind, evaluations FROM summary_evaluations WHERE grain = 'agent-month' ORDER BY period, agent_id"
      ).map { "\(try $0["period"] as String) \(try $0["agent_id"] as Int) \(try $0["kind"] as String) \(try $0["evaluations"] as Int)" }
      #expect(months == ["2026-10 2 test-call 1", "2026-11 1 monitoring 2"])
      let finals = try session.value(
        Double.self, "SELECT sum(final_sum) FROM summary_evaluations WHERE grain = 'centre-day'")
      let detail = try session.value(Double.self, "SELECT sum(final_score) FROM evaluations")
      #expect(finals == detail)
    }
  }

  /// `audit verify` on both engines: a clean log walks every row (in pages as small as two rows,
  /// so the keyset paging is exercised) and checks every digest; a row changed behind a
  /// switched-off trigger is found, and so is the trigger.
  @Test(arguments: EngineFixture.engines)
  func theAuditChainVerifiesAndATamperedRowIsFound(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    _ = try Self.scoreThreeCalls(store)
    let auditRows = try #require(try store.db.readSQL { try $0.value(Int.self, "SELECT count(*) FROM audit_log") })
    let whole = try store.db.verifyAudit()
    #expect(whole.findings == [])
    #expect(whole.rowsChecked == auditRows && whole.evaluationsChecked == 3)
    let paged = try store.db.readSQL { try QADatabase.verifyAudit($0, pageSize: 2) }
    #expect(paged == whole)

    let (switchOff, trigger) =
      engine == .sqlite
      ? ("DROP TRIGGER audit_log_append_only_update", "trigger audit_log_append_only_update is missing")
      : ("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only_update", "trigger audit_log_append_only_update is disabled")
    try store.db.writeSQL { session in
      try session.execute(switchOff, [])
      try session.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2", [])
    }
    let tampered = try store.db.verifyAudit()
    #expect(
      tampered.findings.map(\.message) == [trigger, "audit row 2: its hash does not match its content and the previous row: changed after it was written"])
  }

  /// What a database holds after ``scoreThreeCalls(_:)``, without times (they differ per run).
  static func dump(_ db: QADatabase) throws -> [String] {
    try db.readSQL { session in
      let queries = [
        """
        SELECT id, external_id, call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score, final_score,
          critical_failed, passed, band, comment, import_fingerprint, calibration_session_id, revision_of, second_opinion_of
        FROM evaluations ORDER BY id
        """,
        "SELECT id, external_id, agent_id, started_at, duration, direction FROM calls ORDER BY id",
        "SELECT * FROM section_scores ORDER BY evaluation_id, section",
        "SELECT * FROM item_scores ORDER BY evaluation_id, item",
        "SELECT * FROM summary_evaluations ORDER BY grain, period, agent_id, scorecard_id, kind",
        "SELECT * FROM summary_sections ORDER BY grain, period, agent_id, scorecard_id, kind, section",
        "SELECT * FROM summary_items ORDER BY grain, period, agent_id, scorecard_id, kind, item",
        "SELECT id, actor, action, entity, entity_id, before, after FROM audit_log ORDER BY id",
      ]
      return try queries.flatMap { sql in
        try session.rows(sql).map { row in zip(row.columns, row.values).map { "\($0)=\($1)" }.joined(separator: " ") }
      }
    }
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func bothEnginesStoreTheSameRowsForTheSameAnswers() throws {
    let sqlite = try TestStore(database: try EngineFixture.open(.sqlite))
    let postgres = try TestStore(database: try EngineFixture.open(.postgresql))
    _ = try Self.scoreThreeCalls(sqlite)
    _ = try Self.scoreThreeCalls(postgres)
    let (left, right) = (try Self.dump(sqlite.db), try Self.dump(postgres.db))
    #expect(left.count > 40)
    for (a, b) in zip(left, right) where a != b { Issue.record("SQLite: \(a)\nPostgreSQL: \(b)") }
    #expect(left.count == right.count)
  }
}
