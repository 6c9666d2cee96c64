import Foundation
import GRDB
import Testing

@testable import CallQAKit

/// One rule for every import: a file without records — empty, only a byte-order mark and
/// blank lines, or a CSV with only its header — imports nothing and writes nothing (not even
/// an audit row), in every format. An import that creates people counts them.
@Suite("imports: empty files import nothing; created people are counted")
struct EmptyImportTests {
  static func counts(_ db: QADatabase) throws -> [Int] {
    try db.read { db in
      try ["evaluations", "calls", "agents", "inspectors", "complaints", "agent_months", "audit_log"].map {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
      }
    }
  }

  static let emptyContents = ["", "\u{FEFF}", "\n\r\n  \n", "\u{FEFF}\r\n"]

  @Test(arguments: emptyContents)
  func anEmptyFileImportsNothingInEveryFormat(_ content: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let db = try databaseWithScorecards()
    let before = try Self.counts(db)
    func file(_ name: String) throws -> String {
      let path = folder.path(name)
      try Data(content.utf8).write(to: URL(fileURLWithPath: path))
      return path
    }
    for name in ["evaluations.jsonl", "evaluations.csv"] {
      let summary = try db.importEvaluations(path: try file(name), options: EvaluationImportOptions(actor: "t"))
      #expect(summary.records == 0 && summary.added == 0, "\(name)")
    }
    let calls = try db.importCalls(path: try file("calls.csv"), actor: "t")
    #expect(calls.added + calls.unchanged + calls.changed.count == 0)
    #expect(try db.importComplaints(path: try file("complaints.csv"), actor: "t") == ComplaintImportSummary())
    #expect(try db.importAgents(path: try file("agents.csv"), actor: "t") == AgentImportSummary())
    #expect(try db.importAgentMonths(path: try file("months.csv"), actor: "t") == AgentMonthImportSummary())
    #expect(try PriorityList.load(path: try file("priority.csv")).isEmpty)
    #expect(try Self.counts(db) == before)
  }

  @Test func aCSVWithOnlyItsHeaderImportsNothingToo() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let db = try databaseWithScorecards()
    let before = try Self.counts(db)
    let files = [
      ("calls.csv", "id,agent,started_at\r\n"), ("complaints.csv", "agent,date\n"),
      ("evaluations.csv", "external_id,scorecard,kind,agent,inspector,call.id,item.greeting\n"),
    ]
    for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path(name))) }
    #expect(try db.importCalls(path: folder.path("calls.csv"), actor: "t").added == 0)
    #expect(try db.importComplaints(path: folder.path("complaints.csv"), actor: "t") == ComplaintImportSummary())
    #expect(try db.importEvaluations(path: folder.path("evaluations.csv"), options: EvaluationImportOptions(actor: "t")).records == 0)
    #expect(try Self.counts(db) == before)
    // A header is still checked
    try Data("id,agent\n".utf8).write(to: URL(fileURLWithPath: folder.path("calls.csv")))
    #expect(throws: LocatedError.self) { try db.importCalls(path: folder.path("calls.csv"), actor: "t") }
  }

  @Test func anEvaluationImportCountsTheAgentsAndInspectorsItCreates() throws {
    let db = try databaseWithScorecards()
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: nil), actor: "t")
    let path = try fixturePath("import/evaluations.jsonl")
    let summary = try db.importEvaluations(path: path, options: EvaluationImportOptions(actor: "t"))
    // the fixture's agents A001 and B007, inspectors QA1 and QA2
    #expect((summary.added, summary.agentsCreated, summary.inspectorsCreated) == (3, 1, 2))
    let again = try db.importEvaluations(path: path, options: EvaluationImportOptions(actor: "t"))
    #expect((again.unchanged, again.agentsCreated, again.inspectorsCreated) == (3, 0, 0))
    let json = try JSONText.encode(summary)
    #expect(json.contains(#""agents_created":1"#) && json.contains(#""inspectors_created":2"#), "\(json)")
  }
}
