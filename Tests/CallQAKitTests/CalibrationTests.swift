import Foundation
import Testing

@testable import CallQAKit

@Suite("Calibration sessions: deviations, verdicts, report")
struct CalibrationTests {
  /// Session 1 (expert EXP, tolerance 12) and session 2 (no expert, default tolerance 5) on calib-test.
  ///
  /// Session 1: EXP 50/50 = 100; QA1 slang 1 → 45/50 = 90; QA2 hold N/A → 40/40 = 100;
  /// QA3 greet no → 40/50 = 80.
  /// Session 2: QA1 90 (slang 1), QA2 100, QA3 80 (greet no); the mean is 90.
  static func twoSessions() throws -> (TestStore, CalibrationSession, CalibrationSession) {
    let store = try TestStore()
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    try store.score(call: "C-2", inspector: "QA1", sheet: TestStore.sheet())
    let first = try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: "EXP", tolerance: 12, actor: "lead")
    try store.db.scoreCalibration(session: first.id, inspector: "EXP", sheet: TestStore.sheet(), actor: "EXP")
    try store.db.scoreCalibration(session: first.id, inspector: "QA1", sheet: TestStore.sheet(slang: 1), actor: "QA1")
    try store.db.scoreCalibration(session: first.id, inspector: "QA2", sheet: TestStore.sheet(hold: nil), actor: "QA2")
    try store.db.scoreCalibration(session: first.id, inspector: "QA3", sheet: TestStore.sheet(greet: false), actor: "QA3")
    let second = try store.db.createCalibrationSession(call: "C-2", scorecard: "calib-test@1", expert: nil, actor: "lead")
    try store.db.scoreCalibration(session: second.id, inspector: "QA1", sheet: TestStore.sheet(slang: 1), actor: "QA1")
    try store.db.scoreCalibration(session: second.id, inspector: "QA2", sheet: TestStore.sheet(), actor: "QA2")
    try store.db.scoreCalibration(session: second.id, inspector: "QA3", sheet: TestStore.sheet(greet: false), actor: "QA3")
    return (store, first, second)
  }

  @Test func expertSessionDeviationsAndVerdicts() throws {
    let (store, first, _) = try Self.twoSessions()
    let comparison = try store.db.calibrationComparison(session: first.id)
    #expect(comparison.referenceKind == "expert")
    #expect(comparison.referenceFinal == 100)
    #expect(comparison.inspectors.map(\.inspector) == ["QA1", "QA2", "QA3"])
    let rows = Dictionary(uniqueKeysWithValues: comparison.inspectors.map { ($0.inspector, $0) })
    let qa1 = try #require(rows["QA1"]), qa2 = try #require(rows["QA2"]), qa3 = try #require(rows["QA3"])
    #expect(abs(qa1.signedDeviation - -10) < 1e-9)
    #expect(abs(qa1.absoluteDeviation - 10) < 1e-9)
    #expect(qa1.withinTolerance)  // |−10| ≤ 12
    #expect(qa1.itemDeviations == ["greet": 0, "tone": 0, "hold": 0, "slang": -5])
    #expect(qa1.itemsDiffering == ["slang"])
    #expect(qa2.signedDeviation == 0)
    #expect(qa2.withinTolerance)
    #expect(qa2.itemDeviations["hold"] == nil)  // N/A has no deviation
    #expect(qa2.itemsDiffering == ["hold"])
    #expect(abs(qa3.signedDeviation - -20) < 1e-9)
    #expect(!qa3.withinTolerance)
    #expect(qa3.itemDeviations["greet"] == -10)
    #expect(qa3.itemsDiffering == ["greet"])
    #expect(qa1.itemAbsoluteDeviation == 5 && qa2.itemAbsoluteDeviation == 0 && qa3.itemAbsoluteDeviation == 10)
    let items = Dictionary(uniqueKeysWithValues: comparison.items.map { ($0.key, $0) })
    #expect(comparison.items.filter(\.disagreement).map(\.key) == ["greet", "hold", "slang"])
    #expect(items["greet"]?.reference == 10)
    #expect(items["greet"]?.spread == 10)
    #expect(items["tone"]?.spread == 0)
    // greet: |0|, |0|, |−10| over QA1, QA2, QA3 → 10/3; hold: QA2's N/A is left out → 0
    #expect(abs(try #require(items["greet"]?.meanAbsoluteDeviation) - 10.0 / 3) < 1e-9)
    #expect(items["hold"]?.meanAbsoluteDeviation == 0)
    #expect(items["hold"]?.answers == ["EXP": "yes", "QA1": "yes", "QA2": "na", "QA3": "yes"])
  }

  @Test func sessionMeanIsTheReferenceWithoutAnExpert() throws {
    let (store, _, second) = try Self.twoSessions()
    let comparison = try store.db.calibrationComparison(session: second.id)
    #expect(comparison.referenceKind == "mean")
    #expect(abs(try #require(comparison.referenceFinal) - 90) < 1e-9)  // (90 + 100 + 80) / 3
    let rows = Dictionary(uniqueKeysWithValues: comparison.inspectors.map { ($0.inspector, $0) })
    #expect(abs(try #require(rows["QA1"]).signedDeviation) < 1e-9)
    #expect(abs(try #require(rows["QA2"]).signedDeviation - 10) < 1e-9)
    #expect(try #require(rows["QA2"]).withinTolerance == false)  // default tolerance 5
    #expect(abs(try #require(rows["QA3"]).signedDeviation - -10) < 1e-9)
    // greet: mean earned (10 + 10 + 0) / 3 = 6.667, so QA3 is 6.667 below and QA1 3.333 above
    let greet = try #require(comparison.items.first { $0.key == "greet" })
    #expect(abs(try #require(greet.reference) - 20.0 / 3) < 1e-9)
    #expect(abs(try #require(rows["QA3"]?.itemDeviations["greet"]) - -20.0 / 3) < 1e-9)
    #expect(abs(try #require(rows["QA1"]?.itemDeviations["greet"]) - 10.0 / 3) < 1e-9)
    // QA1: greet +3.333, slang 5 − 8.333 = −3.333 (mean slang earned (5 + 10 + 10)/3): Σ|dev| = 6.667
    #expect(abs(try #require(rows["QA1"]).itemAbsoluteDeviation - 20.0 / 3) < 1e-9)
  }

  @Test func expertWhoHasNotScoredComparesNothing() throws {
    let store = try TestStore()
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    let session = try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: "EXP", actor: "lead")
    try store.db.scoreCalibration(session: session.id, inspector: "QA1", sheet: TestStore.sheet(), actor: "QA1")
    let comparison = try store.db.calibrationComparison(session: session.id)
    #expect(comparison.expertMissing)
    #expect(comparison.inspectors.isEmpty)
  }

  @Test func reportAcrossSessions() throws {
    let (store, _, _) = try Self.twoSessions()
    let report = try store.db.calibrationReport()
    #expect(report.sessions == 2)
    #expect(report.raters == 4)
    let rows = Dictionary(uniqueKeysWithValues: report.inspectors.map { ($0.inspector, $0) })
    // QA1: −10 (session 1), 0 (session 2) → mean −5, sample SD √((25 + 25)/1) = 7.071, both within.
    let qa1 = try #require(rows["QA1"])
    #expect(qa1.sessions == 2)
    #expect(abs(qa1.meanSignedDeviation - -5) < 1e-9)
    #expect(abs(qa1.meanAbsoluteDeviation - 5) < 1e-9)
    #expect(abs(try #require(qa1.spread) - 50.0.squareRoot()) < 1e-9)
    #expect(qa1.withinTolerance == 2)
    #expect(qa1.tendency == "harsh")
    // QA2: 0, +10 → mean +5, lenient, only session 1 within.
    let qa2 = try #require(rows["QA2"])
    #expect(abs(qa2.meanSignedDeviation - 5) < 1e-9)
    #expect(qa2.withinTolerance == 1)
    #expect(qa2.tendency == "lenient")
    // QA3: −20, −10 → mean −15, never within.
    let qa3 = try #require(rows["QA3"])
    #expect(abs(qa3.meanSignedDeviation - -15) < 1e-9)
    #expect(qa3.withinTolerance == 0)
    #expect(rows["EXP"] == nil)  // the expert is the reference, not compared
    // greet (nominal): units [yes yes yes no] and [yes yes no]: o(no,yes) = 1 + 1 = 2 each way,
    // o(yes,yes) = 2 + 1 = 3, n_no = 2, n_yes = 5, n = 7 → α = 1 − 6·4/(2·2·5) = −0.2.
    // slang (interval): [10 5 10 10] and [5 10 10] has the same structure → −0.2.
    // tone (all 20) and hold (all yes, N/A missing) have no variation: undefined, ranked last.
    #expect(report.items.map(\.key) == ["calib-test/greet", "calib-test/slang", "calib-test/tone", "calib-test/hold"])
    #expect(abs(try #require(report.items[0].alpha) - -0.2) < 1e-9)
    #expect(report.items[0].metric == .nominal)
    #expect(abs(try #require(report.items[1].alpha) - -0.2) < 1e-9)
    #expect(report.items[1].metric == .interval)
    #expect(report.items[2].alpha == nil)
    #expect(report.items[3].alpha == nil)
    #expect(report.items[3].values == 6)  // QA2's N/A is missing: 3 + 3 values
    #expect(report.items[0].sessions == 2)
    #expect(report.items[0].raters == 4)
    // Final scores [100 90 100 80] and [90 100 80]: α = −3/17 (coincidence matrix by hand).
    #expect(abs(try #require(report.finalScores.alpha) - -3.0 / 17) < 1e-9)
  }

  @Test func reportDateFilter() throws {
    let (store, _, _) = try Self.twoSessions()
    #expect(try store.db.calibrationReport(from: "2000-01-01", to: "2000-12-31").sessions == 0)
    // The sessions' own creation day, not the clock now: the test holds across midnight.
    let days = Set(try store.db.calibrationSessions().map { String($0.createdAt.prefix(10)) })
    let first = try #require(days.min()), last = try #require(days.max())
    #expect(try store.db.calibrationReport(from: first, to: last).sessions == 2)
    let dayBefore = try #require(ReportPeriod.date(first)).addingTimeInterval(-86_400)
    #expect(try store.db.calibrationReport(from: "2000-01-01", to: ReportPeriod.dayText(dayBefore)).sessions == 0)
  }

  @Test func calibrationScoringRules() throws {
    let (store, first, _) = try Self.twoSessions()
    // An inspector scores a session once
    #expect(throws: CallQAError.self) {
      try store.db.scoreCalibration(session: first.id, inspector: "QA1", sheet: TestStore.sheet(), actor: "QA1")
    }
    // Calibration evaluations are of kind calibration and never count as monitoring
    let kinds = try store.db.evaluations(EvaluationFilter(kind: .calibration))
    #expect(kinds.count == 7)
    #expect(try store.db.inspectorDrift().rows.map(\.evaluations).reduce(0, +) == 2)
    // Unknown call, inspector and a negative tolerance are refused
    #expect(throws: CallQAError.self) {
      try store.db.createCalibrationSession(call: "NOPE", scorecard: "calib-test", expert: nil, actor: "lead")
    }
    #expect(throws: CallQAError.self) {
      try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: "NOBODY", actor: "lead")
    }
    #expect(throws: CallQAError.self) {
      try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: nil, tolerance: -1, actor: "lead")
    }
  }
}

@Suite("Calibration against an expert: alignment per item and per evaluation")
struct ExpertAlignmentTests {
  /// Session 1 of ``CalibrationTests/twoSessions()``, points greet 10, tone 20, hold 10, slang 10:
  /// QA1 slang 5 against 10 → 1 − 5/10 = 0.5, so (10 + 20 + 10 + 5)/50 = 90 %; QA2 N/A on hold
  /// against yes → 0, so 40/50 = 80 %; QA3 greet no → 0, 40/50 = 80 %.
  @Test func alignmentWithTheExpert() throws {
    let (store, first, second) = try CalibrationTests.twoSessions()
    let comparison = try store.db.calibrationComparison(session: first.id)
    let rows = Dictionary(uniqueKeysWithValues: comparison.inspectors.map { ($0.inspector, $0) })
    #expect(rows["QA1"]?.alignment == 90 && rows["QA1"]?.belowAlignment == false)
    #expect(rows["QA1"]?.itemAlignment == ["greet": 100, "tone": 100, "hold": 100, "slang": 50])
    #expect(rows["QA2"]?.alignment == 80 && rows["QA2"]?.belowAlignment == true)
    #expect(rows["QA2"]?.itemAlignment?["hold"] == 0)
    #expect(rows["QA3"]?.alignment == 80)
    // A lower threshold flags nobody; a session without an expert has no alignment.
    #expect(try store.db.calibrationComparison(session: first.id, alignmentThreshold: 80).inspectors.allSatisfy { $0.belowAlignment == false })
    #expect(try store.db.calibrationComparison(session: second.id).inspectors.allSatisfy { $0.alignment == nil })
    let report = try store.db.calibrationReport()
    let qa1 = try #require(report.inspectors.first { $0.inspector == "QA1" })
    #expect(qa1.sessions == 2 && qa1.expertSessions == 1 && qa1.meanAlignment == 90 && !qa1.belowAlignment)
    #expect(report.inspectors.first { $0.inspector == "QA3" }?.belowAlignment == true)
  }
}
