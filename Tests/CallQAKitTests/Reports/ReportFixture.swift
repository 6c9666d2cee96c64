import Foundation
import GRDB
@testable import CallQAKit

/// A small centre built through the library, with numbers small enough to compute by hand.
///
/// Scorecard `mini` has no section weights, so raw = Σ earned / Σ points and each item's
/// impact = 100 · (points − earned) / Σ applicable points:
/// section a: greet (yes/no 10), tone (scale 10/5/0); section b: info (yes/no 20, critical
/// evaluation), forbidden (deduction 10, 5 per occurrence), extra (yes/no 10, N/A allowed).
///
/// Counted in 2026-11 (local call date):
/// - E1 A1 monitoring: greet yes, tone 5, info yes, forbidden 1, extra no → 40/60 = 66.67
/// - E2 A1 test-call (07:00+08:00 on 1 Nov, i.e. 31 Oct UTC): everything full, extra N/A → 100
/// - E3 A2 monitoring, disputed: greet no, rest full → 50/60 = 83.33
/// - E4 A2 monitoring: info no (critical) → raw 30/50 = 60, final 0
/// - E5 A3 test-call: tone 0, forbidden 2, rest full → 40/60 = 66.67
/// Never counted: E6 A1 calibration, E7 A1 on 31 Oct 23:30−05:00 (local October), E8 A1
/// revised, E9 A1 draft. A4 (team T2) has no evaluation: a coverage gap.
/// Complaints: A1 two valid in November, one invalid, one valid in October; A3 two valid; A4 one.
struct ReportFixture {
  let db: QADatabase

  static let scorecardYAML = """
    key: mini
    version: 1
    title: {en: Mini scorecard, zh: 迷你评分表}
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: a
        title: {en: Manners, zh: 礼仪}
        items:
          - {key: greet, title: {en: Greeting, zh: 问候语}, type: yesno, points: 10}
          - key: tone
            title: {en: Tone, zh: 语气}
            type: scale
            points: 10
            levels:
              - {score: 10, label: Good}
              - {score: 5, label: Partial}
              - {score: 0, label: Poor}
      - key: b
        title: {en: Substance, zh: 业务}
        items:
          - {key: info, title: {en: Correct information, zh: 信息准确}, type: yesno, points: 20, critical: evaluation}
          - {key: forbidden, title: {en: Forbidden phrases, zh: 禁用语}, type: deduction, points: 10, deduct: 5}
          - {key: extra, title: {en: Offers more help, zh: 主动询问其他需求}, type: yesno, points: 10, na: true}
    """

  init() throws {
    db = try QADatabase.inMemory()
    let scorecard = try ScorecardLoader.load(text: Self.scorecardYAML, file: "mini.yaml")
    try db.importScorecard(scorecard, actor: "test")
    let stored = try db.scorecard(reference: "mini")
    for (code, name, team) in [("A1", "王小明", "T1"), ("A2", "李娜", "T1"), ("A3", "张伟", "T2"), ("A4", "赵敏", "T2")] {
      try db.addAgent(AgentInput(code: code, name: name, team: team), actor: "test")
    }
    try db.addInspector(code: "QA1", name: "质检员", actor: "test")
    func submit(_ agent: String, _ call: String, _ at: String, _ kind: EvaluationKind, _ answers: [String: Answer]) throws -> Int64 {
      var all: [String: Answer] = ["greet": .yes, "tone": .level(10), "info": .yes, "forbidden": .count(0), "extra": .yes]
      all.merge(answers) { $1 }
      return try db.submit(
        EvaluationSubmission(
          scorecard: stored, agentCode: agent, inspectorCode: "QA1", call: CallInput(externalId: call, startedAt: at),
          kind: kind, sheet: AnswerSheet(answers: all), actor: "test"))
    }
    _ = try submit("A1", "C1", "2026-11-03T10:00:00+08:00", .monitoring, ["tone": .level(5), "forbidden": .count(1), "extra": .no])
    _ = try submit("A1", "C2", "2026-11-01T07:00:00+08:00", .testCall, ["extra": .notApplicable])
    let e3 = try submit("A2", "C3", "2026-11-10T09:00:00+08:00", .monitoring, ["greet": .no])
    _ = try submit("A2", "C4", "2026-11-20T15:00:00+08:00", .monitoring, ["info": .no, "extra": .notApplicable])
    _ = try submit("A3", "C5", "2026-11-30T23:59:00+08:00", .testCall, ["tone": .level(0), "forbidden": .count(2)])
    _ = try submit("A1", "C6", "2026-11-05T10:00:00+08:00", .calibration, ["greet": .no, "tone": .level(0)])
    _ = try submit("A1", "C7", "2026-10-31T23:30:00-05:00", .monitoring, ["greet": .no])
    let e8 = try submit("A1", "C8", "2026-11-06T10:00:00+08:00", .monitoring, ["greet": .no, "tone": .level(0)])
    // A draft (never counted), opened through the draft API as the interactive scorer does.
    _ = try db.createDraft(
      DraftInput(
        scorecard: stored, agentCode: "A1", inspectorCode: "QA1",
        call: CallInput(externalId: "C9", startedAt: "2026-11-07T10:00:00+08:00"), actor: "test"))
    try db.write { db in
      try db.execute(sql: "UPDATE evaluations SET status = 'disputed' WHERE id = ?", arguments: [e3])
      try db.execute(sql: "UPDATE evaluations SET status = 'revised' WHERE id = ?", arguments: [e8])
      // A raw status change bypasses the write path: rebuild the derived report summaries, as
      // `doctor --rebuild-summaries` would.
      try ReportSummaries.rebuild(db)
      let complaints: [(String, String, Bool)] = [
        ("A1", "2026-11-04", true), ("A1", "2026-11-28", true), ("A1", "2026-11-15", false), ("A1", "2026-10-30", true),
        ("A3", "2026-11-02", true), ("A3", "2026-11-30", true), ("A4", "2026-11-12", true),
      ]
      for (agent, date, valid) in complaints {
        try db.execute(
          sql: "INSERT INTO complaints (agent_id, date, valid, created_at) SELECT id, ?, ?, '2026-12-01T00:00:00Z' FROM agents WHERE code = ?",
          arguments: [date, valid, agent])
      }
    }
  }
}
