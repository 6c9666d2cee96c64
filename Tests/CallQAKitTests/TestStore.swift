import Foundation

@testable import CallQAKit

/// An in-memory database with the `calib-test` fixture scorecard (50 points, no weights),
/// agents, inspectors and helpers to score calls.
struct TestStore {
  let db: QADatabase

  static func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name)") else {
      throw CallQAError("fixture \(name) not found")
    }
    return url.path
  }

  init(inspectors: [String] = ["EXP", "QA1", "QA2", "QA3", "LEAD"], database: QADatabase? = nil) throws {
    db = try database ?? QADatabase.inMemory()
    try db.importScorecard(try ScorecardLoader.load(path: TestStore.fixture("calib-test.yaml")), actor: "test")
    try db.addAgent(AgentInput(code: "A1", name: "Agent One", team: "T1"), actor: "test")
    try db.addAgent(AgentInput(code: "A2", name: "Agent Two", team: "T2"), actor: "test")
    for code in inspectors { try db.addInspector(code: code, name: code, actor: "test") }
  }

  /// A second connection to a database another ``TestStore`` has already set up.
  init(sharing db: QADatabase) { self.db = db }

  /// Answers of calib-test: greet yes/no (10), tone 20/10/0, hold yes/no/na (10), slang count (5 each, cap 10).
  static func sheet(greet: Bool = true, tone: Double = 20, hold: Bool? = true, slang: Int = 0) -> AnswerSheet {
    AnswerSheet(answers: [
      "greet": greet ? .yes : .no, "tone": .level(tone),
      "hold": hold.map { $0 ? .yes : .no } ?? .notApplicable, "slang": .count(slang),
    ])
  }

  /// Scores a call (created on first use) and returns the evaluation id.
  @discardableResult
  func score(
    call: String, agent: String = "A1", inspector: String, sheet: AnswerSheet, kind: EvaluationKind = .monitoring,
    startedAt: String = "2026-11-03T09:00:00+08:00", scorecard: String = "calib-test@1"
  ) throws -> Int64 {
    try db.submit(
      EvaluationSubmission(
        scorecard: try db.scorecard(reference: scorecard), agentCode: agent, inspectorCode: inspector,
        call: CallInput(externalId: call, startedAt: startedAt), kind: kind, sheet: sheet, actor: Actor.singleDesk(osUser: inspector)))
  }
}
