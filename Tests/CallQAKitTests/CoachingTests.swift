import Foundation
import Testing

@testable import CallQAKit

@Suite("Coaching: tasks for agents below the pass line, costliest items, linked cases, progress")
struct CoachingTests {
  /// 2026-11-25T12:00:00Z.
  static let created = Timestamp.parse("2026-11-25T12:00:00Z")?.0 ?? Date()

  @Test(arguments: EngineFixture.engines) func generateListAndComplete(_ engine: StoreEngineKind) throws {
    let f = try MonthFixture(engine: engine)
    // A1: 75 (tone 6, facts 9) and 85 (tone 7, facts 10): M = 80 < 85, manner mean 65.
    // tone impact = 0.5·100·(10−6)/10 + 0.5·100·(10−7)/10 = 20 + 15 = 35; facts 0.5·100·1/10 = 5.
    let first = try f.evaluate("A1-1", agent: "A1", at: "2026-11-17T09:00:00+08:00", tone: 6, facts: 9)
    try f.evaluate("A1-2", agent: "A1", at: "2026-11-18T09:00:00+08:00", tone: 7, facts: 10)
    // A2: 95 with both sections at 95: no task.
    try f.evaluate("A2-1", agent: "A2", at: "2026-11-17T09:00:00+08:00", tone: 9, facts: 10)
    try f.evaluate("A2-2", agent: "A2", at: "2026-11-18T09:00:00+08:00", tone: 10, facts: 9)
    // B1: index 85 (not below) but accuracy 70 < 85, from one evaluation.
    try f.evaluate("B1-1", agent: "B1", at: "2026-11-17T09:00:00+08:00", tone: 10, facts: 7)
    try f.trainingCase(evaluation: first, title: "语气平和的范例", kind: "exemplary", skills: ["tone"])
    try f.trainingCase(evaluation: first, title: "信息错误的反例", kind: "cautionary", skills: ["facts", "other"])
    try f.trainingCase(evaluation: first, title: "无关案例", kind: "exemplary", skills: ["closing"])

    // Two evaluations cannot tell 80 from 85: A1's index interval is 80 ± 12.706·5 (t with 1 df);
    // its manner section 65 ± 63.5 reaches 85 too. B1's one evaluation has no interval at all.
    let period = try ReportPeriod.parse("2026-11")
    let early = try f.db.generateCoaching(period: period, plan: .standard, actor: "lead", now: Self.created)
    #expect(early.created.isEmpty)
    #expect(early.uncertain.map(\.agent) == ["A1", "B1"])
    #expect(early.uncertain.first?.reasons.first?.hasPrefix("quality index 80.0 [16.5, 100.0] reaches 85") == true)
    // A1: manner 65 has 20 points to clear at s = 7.07: t(1)·7.07/√2 = 63.5, t(2)·7.07/√3 = 17.6 ≤ 20,
    // so n = 3, one more; the index (5 points to clear) needs more, so the fewest is 1.
    #expect(early.uncertain.first?.moreEvaluations == 1)
    #expect(early.uncertain.last?.reasons == ["section 'accuracy' 70.0 (n=1) reaches 85"])
    #expect(early.uncertain.last?.moreEvaluations == nil)

    // Four more of A1 alternating 75/85 (manner 60/70: s = √30, ±2.571·√5 = ±5.75, wholly below 85);
    // the index 80 ± 5.75 still reaches 85 and is not a reason. B1 twice more the same: no spread.
    for (index, day) in [19, 20, 21, 22].enumerated() {
      let even = index % 2 == 0
      try f.evaluate("A1-\(day)", agent: "A1", at: "2026-11-\(day)T09:00:00+08:00", tone: even ? 6 : 7, facts: even ? 9 : 10)
    }
    try f.evaluate("B1-2", agent: "B1", at: "2026-11-18T09:00:00+08:00", tone: 10, facts: 7)
    try f.evaluate("B1-3", agent: "B1", at: "2026-11-19T09:00:00+08:00", tone: 10, facts: 7)
    let result = try f.db.generateCoaching(period: period, plan: .standard, actor: "lead", now: Self.created)
    #expect(result.created.map(\.agent) == ["A1", "B1"])
    #expect(result.uncertain.isEmpty)
    let a1 = try #require(result.created.first)
    #expect(a1.reasons == ["section 'manner' 65.0 ±5.7 below 85"])
    #expect(a1.qualityIndex == 80)
    let index = try #require(a1.qualityIndexCI?.bounds)
    #expect(abs(index.high - (80 + 2.570581836 * (30.0 / 6).squareRoot())) < 1e-6)
    #expect(a1.qualityIndexCI?.n == 6)
    #expect(a1.items.map(\.item) == ["tone", "facts"])
    #expect(abs(a1.items[0].pointsLost - 105) < 1e-9 && a1.items[0].evaluations == 6)
    #expect(abs(a1.items[1].pointsLost - 15) < 1e-9 && a1.items[1].evaluations == 3)
    #expect(a1.cases.map(\.title) == ["语气平和的范例", "信息错误的反例"])
    #expect(a1.cases.map(\.kind) == ["exemplary", "cautionary"])
    #expect(a1.status == "open" && a1.createdAt == "2026-11-25T12:00:00Z")
    #expect(a1.progress?.before == 80 && a1.progress?.afterCount == 0 && a1.progress?.improved == nil)
    let b1 = try #require(result.created.last)
    #expect(b1.reasons == ["section 'accuracy' 70.0 ±0.0 below 85"])
    #expect(b1.items.map(\.item) == ["facts"])

    // Re-running leaves the existing tasks alone.
    let again = try f.db.generateCoaching(period: period, plan: .standard, actor: "lead", now: Self.created)
    #expect(again.created.isEmpty && again.alreadyOpen == ["A1", "B1"])

    // Re-evaluation after the task: a call on 27 November scored 90 → before 80, after 90, +10.
    try f.evaluate("A1-3", agent: "A1", at: "2026-11-27T09:00:00+08:00", tone: 9, facts: 9)
    let task = try #require(try f.db.coachingTasks(period: "2026-11").first { $0.agent == "A1" })
    #expect(task.progress?.before == 80 && task.progress?.beforeCount == 6)
    #expect(task.progress?.after == 90 && task.progress?.afterCount == 1)
    #expect(task.progress?.change == 10 && task.progress?.improved == true)
    // One call after: no interval for it, so none for the change either.
    #expect(task.progress?.afterCI?.bounds == nil && task.progress?.changeCI?.bounds == nil)
    let before = try #require(task.progress?.beforeCI?.bounds)
    #expect(abs(before.low - (80 - 2.570581836 * (30.0 / 6).squareRoot())) < 1e-6)
    #expect(task.qualityIndexCI == a1.qualityIndexCI)

    // Completing: a note is required, and a task is done once.
    #expect(throws: CallQAError.self) { try f.db.completeCoaching(id: task.id, note: "  ", actor: "lead") }
    let done = try f.db.completeCoaching(id: task.id, note: "练习安抚话术", actor: "lead", now: Self.created)
    #expect(done.status == "done" && done.note == "练习安抚话术")
    #expect(throws: CallQAError.self) { try f.db.completeCoaching(id: task.id, note: "again", actor: "lead") }
    #expect(throws: CallQAError.self) { try f.db.completeCoaching(id: 999, note: "x", actor: "lead") }
    #expect(try f.db.coachingTasks(status: "open").map(\.agent) == ["B1"])
  }

  @Test(arguments: EngineFixture.engines) func passLineOverrideAndTeamFilter(_ engine: StoreEngineKind) throws {
    let f = try MonthFixture(engine: engine)
    try f.evaluate("A1-1", agent: "A1", at: "2026-11-17T09:00:00+08:00", tone: 9, facts: 9)
    try f.evaluate("B1-1", agent: "B1", at: "2026-11-17T09:00:00+08:00", tone: 9, facts: 9)
    try f.evaluate("B1-2", agent: "B1", at: "2026-11-18T09:00:00+08:00", tone: 9, facts: 9)
    let period = try ReportPeriod.parse("2026-W47")
    #expect(try f.db.generateCoaching(period: period, plan: .standard, actor: "t", now: Self.created).created.isEmpty)
    let strict = try f.db.generateCoaching(period: period, plan: .standard, passLine: 95, team: "二组", actor: "t", now: Self.created)
    #expect(strict.created.map(\.agent) == ["B1"])
    #expect(strict.created.first?.period == "2026-W47")
  }
}
