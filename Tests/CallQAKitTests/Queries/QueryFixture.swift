import Foundation
@testable import CallQAKit

/// A hand-built call log and its evaluations, small enough to know every query's answer.
///
/// Scorecard `qmini` (no weights, 60 points, pass 80; bands Excellent ≥ 90, Good ≥ 80,
/// Below standard): section a: greet (yes/no 10), tone (scale 10/5/0); section b: info
/// (yes/no 20, critical: evaluation), verify (yes/no 10, critical: section), forbidden
/// (deduction 10, 5 each).
///
/// | call | agent (team) | local start | s | direction | recording | transcript | evaluations |
/// |---|---|---|---|---|---|---|---|
/// | K1 | A1 (T1) | 2026-11-02 09:00 | 120 | inbound | rec/K1.wav | K1.txt | E1 monitoring QA1, all full: 100, Excellent |
/// | K2 | A1 (T1) | 2026-11-05 10:00 | 300 | outbound | | | E2 monitoring QA2, greet no: 83.3, Good |
/// | K3 | A2 (T1) | 2026-11-10 11:00 | 45 | inbound | rec/K3.wav | | E3 test-call QA1, info no: raw 66.7, final 0 (critical) |
/// | K4 | A2 (T1) | 2026-11-15 12:00 | 600 | inbound | | | E4 monitoring QA2, verify no: raw 83.3, final 33.3 (section critical) |
/// | K5 | A3 (T2) | 2026-11-20 13:00 | 200 | inbound | | K5.txt | E5 monitoring QA1, tone 5, forbidden 1: 83.3 Good; E6 calibration QA2, greet no: 83.3 |
/// | K6 | A3 (T2) | 2026-11-25 14:00 | 30 | outbound | | | none |
/// | K7 | A1 (T1) | 2026-10-31 23:30 −05:00 | 90 | inbound | | | none (local October, UTC November) |
/// | K8 | A2 (T1) | 2026-11-28 08:00 | 400 | inbound | | | E7 monitoring QA1, greet no: 83.3, then revised |
/// | K9 | A1 (T1) | 2026-11-29 09:00 | | | | | E8 draft QA1 |
///
/// Complaints: K6 (valid), K3 (not valid), and one of A1 without a call. A training case on E1.
struct QueryFixture {
  let db: QADatabase
  /// Evaluation ids by name (`E1` … `E8`).
  let ids: [String: Int64]

  static let scorecardYAML = """
    key: qmini
    version: 1
    title: {en: Query test scorecard, zh: 查询测试评分表}
    pass_score: 80
    exemplary_score: 95
    bands:
      - {min: 90, label: {en: Excellent, zh: 优秀}}
      - {min: 80, label: {en: Good, zh: 良好}}
      - {min: 0, label: {en: Below standard, zh: 不合格}}
    sections:
      - key: a
        title: Manners
        items:
          - {key: greet, title: Greeting, type: yesno, points: 10}
          - key: tone
            title: Tone
            type: scale
            points: 10
            levels:
              - {score: 10, label: Good}
              - {score: 5, label: Partial}
              - {score: 0, label: Poor}
      - key: b
        title: Substance
        items:
          - {key: info, title: Correct information, type: yesno, points: 20, critical: evaluation}
          - {key: verify, title: Verifies identity, type: yesno, points: 10, critical: section}
          - {key: forbidden, title: Forbidden phrases, type: deduction, points: 10, deduct: 5}
    """

  /// Every call, newest first (the order of `call list`).
  static let callsNewestFirst = ["K9", "K8", "K6", "K5", "K4", "K3", "K2", "K1", "K7"]

  /// The fixture on `engine` (a new database each time).
  init(_ engine: StoreEngineKind = .sqlite) throws {
    let db = try EngineFixture.open(engine)
    try db.importScorecard(try ScorecardLoader.load(text: Self.scorecardYAML, file: "qmini.yaml"), actor: "test")
    let stored = try db.scorecard(reference: "qmini")
    for (code, team) in [("A1", "T1"), ("A2", "T1"), ("A3", "T2")] {
      try db.addAgent(AgentInput(code: code, name: "坐席\(code)", team: team), actor: "test")
    }
    for code in ["QA1", "QA2"] { try db.addInspector(code: code, name: code, actor: "test") }
    let calls: [(String, String, String, Double?, String?, String?, String?)] = [
      ("K1", "A1", "2026-11-02T09:00:00+08:00", 120, "inbound", "rec/K1.wav", "K1.txt"),
      ("K2", "A1", "2026-11-05T10:00:00+08:00", 300, "outbound", nil, nil),
      ("K3", "A2", "2026-11-10T11:00:00+08:00", 45, "inbound", "rec/K3.wav", nil),
      ("K4", "A2", "2026-11-15T12:00:00+08:00", 600, "inbound", nil, nil),
      ("K5", "A3", "2026-11-20T13:00:00+08:00", 200, "inbound", nil, "K5.txt"),
      ("K6", "A3", "2026-11-25T14:00:00+08:00", 30, "outbound", nil, nil),
      ("K7", "A1", "2026-10-31T23:30:00-05:00", 90, "inbound", nil, nil),
      ("K8", "A2", "2026-11-28T08:00:00+08:00", 400, "inbound", nil, nil),
      ("K9", "A1", "2026-11-29T09:00:00+08:00", nil, nil, nil, nil),
    ]
    for (id, agent, started, duration, direction, recording, transcript) in calls {
      try db.addCall(
        CallInput(
          externalId: id, startedAt: started, duration: duration, direction: direction, recording: recording,
          transcript: transcript),
        agentCode: agent, actor: "test")
    }
    func submit(_ call: String, _ agent: String, _ inspector: String, _ kind: EvaluationKind, _ answers: [String: Answer]) throws -> Int64 {
      var all: [String: Answer] = ["greet": .yes, "tone": .level(10), "info": .yes, "verify": .yes, "forbidden": .count(0)]
      all.merge(answers) { $1 }
      return try db.submit(
        EvaluationSubmission(
          scorecard: stored, agentCode: agent, inspectorCode: inspector, call: CallInput(externalId: call),
          kind: kind, sheet: AnswerSheet(answers: all), actor: "test"))
    }
    var ids: [String: Int64] = [:]
    ids["E1"] = try submit("K1", "A1", "QA1", .monitoring, [:])
    ids["E2"] = try submit("K2", "A1", "QA2", .monitoring, ["greet": .no])
    ids["E3"] = try submit("K3", "A2", "QA1", .testCall, ["info": .no])
    ids["E4"] = try submit("K4", "A2", "QA2", .monitoring, ["verify": .no])
    ids["E5"] = try submit("K5", "A3", "QA1", .monitoring, ["tone": .level(5), "forbidden": .count(1)])
    ids["E6"] = try submit("K5", "A3", "QA2", .calibration, ["greet": .no])
    ids["E7"] = try submit("K8", "A2", "QA1", .monitoring, ["greet": .no])
    ids["E8"] = try db.createDraft(
      DraftInput(
        scorecard: stored, agentCode: "A1", inspectorCode: "QA1", call: CallInput(externalId: "K9"), actor: "test"))
    try db.tagCase(evaluationId: ids["E1"] ?? 0, title: "满分示范", actor: "test")
    try db.addComplaint(ComplaintInput(agent: "A3", date: "2026-11-26", call: "K6", note: "态度冷淡"), actor: "test")
    try db.addComplaint(ComplaintInput(agent: "A2", date: "2026-11-11", call: "K3", valid: false), actor: "test")
    try db.addComplaint(ComplaintInput(agent: "A1", date: "2026-11-12"), actor: "test")
    try db.writeSQL { db in
      try db.execute("UPDATE evaluations SET status = 'revised' WHERE id = ?", ids["E7"])
      // A raw status change bypasses the write path: rebuild the derived report summaries, as
      // `doctor --rebuild-summaries` would.
      try ReportSummaries.rebuild(db)
    }
    self.db = db
    self.ids = ids
  }

  /// Names of evaluation ids, in the order given.
  func names(_ rows: [EvaluationSummary]) -> [String] {
    let byId = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
    return rows.map { byId[$0.id] ?? "#\($0.id)" }
  }

  /// Every evaluation, newest call first (the order of `evaluation list`).
  static let evaluationsNewestFirst = ["E8", "E7", "E6", "E5", "E4", "E3", "E2", "E1"]
}
