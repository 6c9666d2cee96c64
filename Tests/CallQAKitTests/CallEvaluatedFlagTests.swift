import Foundation
import Testing

@testable import CallQAKit

/// The calls' evaluated flag (kept by triggers, behind `call list --unevaluated`) follows
/// every insert and delete of an evaluation, whatever path wrote it.
@Suite("calls.evaluated follows the evaluations of each call")
struct CallEvaluatedFlagTests {
  static func flag(_ db: QADatabase, _ call: String) throws -> Int? {
    try db.read { db in try Int.fetchOne(db, sql: "SELECT evaluated FROM calls WHERE external_id = ?", arguments: [call]) }
  }

  @Test func aDraftMarksTheCallDiscardingItUnmarksItSubmittingKeepsIt() throws {
    let f = try DraftStoreTests.fixture()
    let draft = try DraftStoreTests.open(f, call: "C-1")
    #expect(try Self.flag(f.db, "C-1") == 1)
    try f.db.discardDraft(draft, actor: "QA1")
    #expect(try Self.flag(f.db, "C-1") == 0)
    #expect(try f.db.callPage(CallFilter(evaluated: false)).rows.map(\.call) == ["C-1"])
    let again = try DraftStoreTests.open(f, call: "C-1")
    for (key, answer) in ScoringSessionTests.inboundAnswers { try f.db.recordDraftAnswer(draft: again, item: key, answer: answer, actor: "QA1") }
    _ = try f.db.submitDraft(again, actor: "QA1")
    #expect(try Self.flag(f.db, "C-1") == 1)
    #expect(try f.db.callPage(CallFilter(evaluated: false)).rows.isEmpty)
    #expect(try f.db.callPage(CallFilter(evaluated: true)).rows.map(\.call) == ["C-1"])
  }

  @Test func everyCallTheDemoEvaluatesIsMarkedAndNoOther() throws {
    let db = try QADatabase.inMemory()
    _ = try db.buildDemo(DemoOptions(agents: 8, months: 1, lastMonth: .init(year: 2026, month: 10)))
    let (marked, evaluated) = try db.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM calls WHERE evaluated = 1") ?? -1,
        try Int.fetchOne(db, sql: "SELECT count(DISTINCT call_id) FROM evaluations") ?? -2
      )
    }
    #expect(marked == evaluated && marked > 0)
  }
}
