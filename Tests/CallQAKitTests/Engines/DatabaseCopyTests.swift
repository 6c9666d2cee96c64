import Foundation
import TestOracles
import Testing

@testable import CallQAKit

/// `callqa copy`: every row of a database into a new one, on either engine, read back and
/// compared; the copy gives every report the source gives and goes on where it left off.
@Suite struct DatabaseCopyTests {
  /// A new SQLite database file.
  static func file() throws -> QADatabase {
    try QADatabase(path: FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString).sqlite").path)
  }

  /// A new database on `engine`, named (an in-memory SQLite database has no name to tell two apart).
  static func named(_ engine: StoreEngineKind) throws -> QADatabase {
    engine == .sqlite ? try file() : try EngineFixture.open(.postgresql)
  }

  @Test func theTableListCoversTheSchemaInForeignKeyOrder() throws {
    let db = try Self.file()
    try db.readSQL { session in
      #expect(Set(try CopiedTables.present(session)) == Set(CopiedTables.all.map(\.name)))
      let order = Dictionary(uniqueKeysWithValues: CopiedTables.all.enumerated().map { ($1.name, $0) })
      for table in CopiedTables.all {
        let key = try session.rows("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table.name).map {
          try $0["name"] as String
        }
        #expect(key == table.key, "\(table.name)")
        for reference in try session.rows("SELECT \"table\" AS parent, \"from\" AS column FROM pragma_foreign_key_list(?)", table.name) {
          let parent: String = try reference["parent"]
          let column: String = try reference["column"]
          if parent == table.name {
            #expect(table.selfReferences.contains(column), "\(table.name).\(column)")
          } else {
            #expect((order[parent] ?? .max) < (order[table.name] ?? 0), "\(table.name).\(column) → \(parent)")
          }
        }
      }
    }
  }

  /// ``EngineReportTests/seedCentre(_:)`` plus a second opinion and an upheld dispute.
  static func seed(_ db: QADatabase) throws {
    let store = try TestStore(database: db)
    try EngineReportTests.seedCentre(store)
    var second = EvaluationSubmission(
      scorecard: try db.scorecard(reference: "calib-test@1"), agentCode: "A1", inspectorCode: "QA2",
      call: CallInput(externalId: "C-1", startedAt: "2026-11-03T09:00:00+08:00"), kind: .monitoring,
      sheet: TestStore.sheet(greet: false), actor: Actor.singleDesk(osUser: "QA2"))
    second.secondOpinion = true
    try db.submit(second)
    // Text that the COPY text format must escape, and Chinese.
    try db.addComplaint(ComplaintInput(agent: "A2", date: "2026-11-09", call: nil, note: "抢话\t打断\\客户\r\n第二行 \\N"), actor: "test")
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func aCentreCopiedToPostgreSQLAndBackGivesEveryReportItGave() throws {
    let source = try Self.file()
    try Self.seed(source)
    let postgres = try EngineFixture.open(.postgresql)
    var steps: [CopyProgress] = []
    let there = try source.copy(to: postgres) { steps.append($0) }
    #expect(there.tables.first { $0.table == "evaluations" }?.rows == 6)
    #expect(there.rows > 40, "\(there.tables)")
    #expect(steps.contains { $0.table == "item_scores" && !$0.verifying } && steps.contains { $0.table == "item_scores" && $0.verifying })
    let back = try Self.file()
    let again = try postgres.copy(to: back)
    #expect(again.tables == there.tables)
    let reports = try EngineReportTests.managerReports(source)
    #expect(reports.count == 51)
    for (name, copy) in [("postgresql", postgres), ("sqlite again", back)] {
      for (index, (a, b)) in zip(reports, try EngineReportTests.managerReports(copy)).enumerated() where a != b {
        Issue.record("\(name) report \(index): source \(a)\ncopy \(b)")
      }
      #expect(try copy.quality(period: "2026-11") == source.quality(period: "2026-11"))
      #expect(try copy.doctor().healthy, "\(name)")
      // The same chain, to the same head.
      #expect(try copy.verifyAudit().head == source.verifyAudit().head, "\(name)")
    }
    // The copy goes on where the source stopped: the next evaluation and audit row take the next ids.
    let next = try TestStore(sharing: postgres).score(call: "C-NEXT", inspector: "QA3", sheet: TestStore.sheet())
    #expect(next == 7)
    #expect(try postgres.doctor().healthy)
  }

  @Test(arguments: EngineFixture.engines)
  func aTargetWithRowsOrAtAnotherVersionIsRefusedAndNothingIsWritten(_ engine: StoreEngineKind) throws {
    let source = try Self.file()
    try Self.seed(source)
    let target = try Self.named(engine)
    _ = try TestStore(database: target)
    let before = try EngineReportTests.managerReports(target)
    let refused = try #require(throws: CallQAError.self) { try source.copy(to: target) }
    #expect(refused.message.hasSuffix("already holds callqa data (scorecards: 1 rows): copy into a new, empty database"), "\(refused.message)")
    #expect(try EngineReportTests.managerReports(target) == before)
    let itself = try #require(throws: CallQAError.self) { try source.copy(to: source) }
    #expect(itself.message.hasPrefix("the source and the target are the same database"))
  }

  @Test(arguments: EngineFixture.engines)
  func aRowNamingALaterRowOfItsOwnTableWaitsForIt(_ engine: StoreEngineKind) throws {
    // A finalised draft keeps its early id: draft 1, finalised as a second opinion of evaluation 2.
    let source = try Self.file()
    try EngineFixture.seedRows(source)
    try source.writeSQL { session in
      try EngineFixture.insertEvaluation(session, id: 2, status: "submitted")
      try session.execute(
        """
        INSERT INTO evaluations (id, call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score, final_score,
          critical_failed, passed, created_at, submitted_at, updated_at, second_opinion_of)
        VALUES (1, 1, 1, 1, 1, 'monitoring', 'submitted', 80, 80, 0, 1, '2026-11-03T09:30:00Z', '2026-11-03T11:00:00Z',
          '2026-11-03T11:00:00Z', 2)
        """)
    }
    let target = try Self.named(engine)
    let report = try source.copy(to: target)
    #expect(report.tables.first { $0.table == "evaluations" }?.rows == 2)
    let links = try target.readSQL { session in
      try session.rows("SELECT id, second_opinion_of FROM evaluations ORDER BY id").map { [try $0["id"] as Int64, try $0["second_opinion_of"] as Int64? ?? 0] }
    }
    #expect(links == [[1, 2], [2, 0]])
  }
}
