import Foundation
import Testing

@testable import CallQAKit

/// A database for month-end tests: a two-section scorecard whose final score is simply
/// 5 × (a + b) for answers a, b ∈ 0…10 (section `manner` = a, section `accuracy` = b, each
/// weight 50), agents, an inspector, and helpers to add calls, evaluations and complaints.
struct MonthFixture {
  let db: QADatabase
  let card: StoredScorecard

  static let scorecardYAML: String = {
    let levels = (0...10).reversed().map { "          - {score: \($0), label: L\($0)}" }.joined(separator: "\n")
    return """
      key: month-test
      version: 1
      title: Month test
      pass_score: 85
      exemplary_score: 95
      sections:
        - key: manner
          title: Manner
          weight: 50
          items:
            - key: tone
              title: Tone
              type: scale
              points: 10
              levels:
      \(levels)
        - key: accuracy
          title: Accuracy
          weight: 50
          items:
            - key: facts
              title: Facts
              type: scale
              points: 10
              levels:
      \(levels)
      """
  }()

  init(agents: [(String, String?)] = [("A1", "一组"), ("A2", "一组"), ("B1", "二组")], engine: StoreEngineKind = .sqlite) throws {
    db = try EngineFixture.open(engine)
    let scorecard = try ScorecardLoader.load(text: MonthFixture.scorecardYAML, file: "month-test.yaml")
    try db.importScorecard(scorecard, actor: "test")
    card = try db.scorecard(reference: "month-test")
    for (code, team) in agents {
      try db.addAgent(AgentInput(code: code, name: "坐席\(code)", team: team), actor: "test")
    }
    try db.addInspector(code: "QA1", name: "质检一", actor: "test")
  }

  @discardableResult
  func call(_ id: String, agent: String, at startedAt: String, duration: Double? = 120, direction: String? = "inbound") throws -> CallRecord {
    try db.addCall(CallInput(externalId: id, startedAt: startedAt, duration: duration, direction: direction), agentCode: agent, actor: "test")
  }

  /// Scores `call` (created when new) with tone `a` and facts `b`: final = 5·(a + b).
  @discardableResult
  func evaluate(
    _ call: String, agent: String, at startedAt: String = "2026-11-17T10:00:00+08:00", tone a: Int, facts b: Int,
    kind: EvaluationKind = .monitoring
  ) throws -> Int64 {
    try db.submit(
      EvaluationSubmission(
        scorecard: card, agentCode: agent, inspectorCode: "QA1", call: CallInput(externalId: call, startedAt: startedAt, duration: 200),
        kind: kind, sheet: AnswerSheet(answers: ["tone": .level(Double(a)), "facts": .level(Double(b))]), actor: "QA1"))
  }

  func complaint(agent: String, date: String, valid: Bool = true) throws {
    try db.writeSQL { db in
      try db.execute(
        """
        INSERT INTO complaints (agent_id, date, valid, created_at)
        VALUES ((SELECT id FROM agents WHERE code = ?), ?, ?, '2026-11-30T00:00:00Z')
        """, agent, date, valid)
    }
  }

  func trainingCase(evaluation: Int64, title: String, kind: String, skills: [String]) throws {
    try db.writeSQL { db in
      try db.execute(
        "INSERT INTO training_cases (evaluation_id, title, kind, skills, created_at) VALUES (?, ?, ?, ?, '2026-11-30T00:00:00Z')",
        evaluation, title, kind, try JSONText.encode(skills))
    }
  }

  /// Writes `text` to a temporary file named `name` and returns its path.
  static func file(_ name: String, _ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-month-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }
}
