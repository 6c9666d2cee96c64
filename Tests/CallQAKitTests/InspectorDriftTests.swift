import Foundation
import Testing

@testable import CallQAKit

@Suite("Inspector drift: each inspector against the others on the same teams and month")
struct InspectorDriftTests {
  @Test func handComputedDrift() throws {
    typealias O = InspectorDrift.Observation
    // Given November: QA1 scores team T1 90 (pass) and 70 (fail); QA2 scores T1 80 (pass) and
    // T2 60 (fail); QA3 scores T2 100 (pass). December: QA1 alone.
    let drift = InspectorDrift.build([
      O(period: "2026-11", inspector: "QA1", team: "T1", finalScore: 90, passed: true),
      O(period: "2026-11", inspector: "QA1", team: "T1", finalScore: 70, passed: false),
      O(period: "2026-11", inspector: "QA2", team: "T1", finalScore: 80, passed: true),
      O(period: "2026-11", inspector: "QA2", team: "T2", finalScore: 60, passed: false),
      O(period: "2026-11", inspector: "QA3", team: "T2", finalScore: 100, passed: true),
      O(period: "2026-12", inspector: "QA1", team: nil, finalScore: 75, passed: false),
    ])
    #expect(drift.rows.map { "\($0.period) \($0.inspector)" } == ["2026-11 QA1", "2026-11 QA2", "2026-11 QA3", "2026-12 QA1"])
    // QA1: mean 80, fail 1/2; peers on T1 = QA2's 80 (pass): Δ mean 0, Δ fail +0.5
    let qa1 = drift.rows[0]
    #expect(qa1.teams == ["T1"])
    #expect(qa1.meanFinal == 80 && qa1.failRate == 0.5)
    #expect(qa1.peerInspectors == 1 && qa1.peerEvaluations == 1)
    #expect(qa1.peerMeanFinal == 80 && qa1.peerFailRate == 0)
    #expect(qa1.finalDelta == 0 && qa1.failRateDelta == 0.5)
    // QA2: mean 70, fail 1/2; peers on T1 and T2 = 90, 70, 100: mean 86.667, fail 1/3
    let qa2 = drift.rows[1]
    #expect(qa2.teams == ["T1", "T2"])
    #expect(qa2.peerInspectors == 2 && qa2.peerEvaluations == 3)
    #expect(abs(try #require(qa2.peerMeanFinal) - 260.0 / 3) < 1e-9)
    #expect(abs(try #require(qa2.finalDelta) - (70 - 260.0 / 3)) < 1e-9)
    #expect(abs(try #require(qa2.failRateDelta) - (0.5 - 1.0 / 3)) < 1e-9)
    // QA3: 100 against QA2's 60 on T2: Δ +40, fail 0 against 1
    let qa3 = drift.rows[2]
    #expect(qa3.finalDelta == 40 && qa3.failRateDelta == -1)
    // December: nobody else, no comparison; agents without a team form their own group
    let december = drift.rows[3]
    #expect(december.teams == [InspectorDrift.noTeam])
    #expect(december.peerMeanFinal == nil && december.finalDelta == nil && december.peerEvaluations == 0)
  }

  @Test func inspectorEffectOnTheSameScorecardWithItsInterval() throws {
    typealias O = InspectorDrift.Observation
    func o(_ period: String, _ inspector: String, _ scorecard: String, _ score: Double) -> O {
      O(period: period, inspector: inspector, team: "T1", finalScore: score, passed: score >= 80, scorecard: scorecard)
    }
    let drift = InspectorDrift.build([
      // November: QA1 on x 90, 70, 80 and on y 100 (nobody else used y); QA2 on x 60, 70, 65.
      o("2026-11", "QA1", "x", 90), o("2026-11", "QA1", "x", 70), o("2026-11", "QA1", "x", 80), o("2026-11", "QA1", "y", 100),
      o("2026-11", "QA2", "x", 60), o("2026-11", "QA2", "x", 70), o("2026-11", "QA2", "x", 65),
      // December: QA1 90, 92, 94, 96 against QA2 70, 72, 74, 76 on x.
      o("2026-12", "QA1", "x", 90), o("2026-12", "QA1", "x", 92), o("2026-12", "QA1", "x", 94), o("2026-12", "QA1", "x", 96),
      o("2026-12", "QA2", "x", 70), o("2026-12", "QA2", "x", 72), o("2026-12", "QA2", "x", 74), o("2026-12", "QA2", "x", 76),
    ])
    // November QA1: only x has peers: 80 − 65 = +15; var 100/3 + 25/3, df = 2.9411765, t = 3.2187586
    // (numerical integration): ±20.776998. The interval holds 0: within noise, no drift called.
    let november = drift.rows[0]
    #expect(november.effect == 15)
    let interval = try #require(november.effectCI?.bounds)
    #expect(abs(interval.low - (15 - 20.776998)) < 1e-5 && abs(interval.high - (15 + 20.776998)) < 1e-5)
    #expect(november.drift == nil)
    // Δ mean against the same teams still counts the y call: (90 + 70 + 80 + 100)/4 − 65 = 20.
    #expect(november.finalDelta == 20)
    // December: +20 ± t(6)·√(2 · 6.667/4) = ±4.4674294 → lenient; QA2 −20 → harsh.
    let december = drift.rows.filter { $0.period == "2026-12" }
    #expect(december.map(\.effect) == [20, -20])
    let qa1 = try #require(december[0].effectCI?.bounds)
    #expect(abs(qa1.low - (20 - 4.4674294)) < 1e-6)
    #expect(december.map(\.drift) == ["lenient", "harsh"])
  }

  @Test func onlyCurrentMonitoringEvaluationsCount() throws {
    let store = try TestStore()
    // QA1 on T1: 100 and 80; QA2 on T1: 90; a test call, a calibration and another month are left out
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    try store.score(call: "C-2", inspector: "QA1", sheet: TestStore.sheet(greet: false))
    try store.score(call: "C-3", inspector: "QA2", sheet: TestStore.sheet(slang: 1))
    try store.score(call: "C-4", inspector: "QA2", sheet: TestStore.sheet(tone: 0), kind: .testCall)
    try store.score(call: "C-5", inspector: "QA2", sheet: TestStore.sheet(tone: 0), startedAt: "2026-10-31T23:59:00+08:00")
    let session = try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: nil, actor: "lead")
    try store.db.scoreCalibration(session: session.id, inspector: "QA3", sheet: TestStore.sheet(tone: 0), actor: "QA3")
    let drift = try store.db.inspectorDrift(period: "2026-11")
    #expect(drift.rows.map(\.inspector) == ["QA1", "QA2"])
    #expect(drift.rows[0].meanFinal == 90 && drift.rows[0].failRate == 0)  // 100 and 80 pass (≥ 80)
    #expect(drift.rows[0].peerMeanFinal == 90)
    #expect(drift.rows[1].evaluations == 1)
    #expect(throws: CallQAError.self) { try store.db.inspectorDrift(period: "2026-13") }
    #expect(try store.db.inspectorDrift().rows.count == 3)  // October's QA2 row as well
  }
}
