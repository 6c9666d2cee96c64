import Testing

@testable import CallQAKit

@Suite("Service-quality index (SPEC §3.5) with hand-computed figures")
struct ServiceQualityIndexTests {
  static func inputs(_ m: Double?, _ t: Double?, complaints: Int = 0) -> QualityIndexInputs {
    QualityIndexInputs(
      agent: "A", monitoringMean: m, monitoringCount: m == nil ? 0 : 1, testCallMean: t, testCallCount: t == nil ? 0 : 1,
      complaints: complaints)
  }

  @Test func pureFormula() throws {
    // (85 + 70) / 2 − 2 × 2 = 73.5
    let full = try #require(ServiceQualityIndex.compute(Self.inputs(85, 70, complaints: 2), settings: .standard))
    #expect(full.base == 77.5)
    #expect(full.complaintPenalty == 4)
    #expect(full.value == 73.5)
    #expect(!full.partial)
    // Only M: base = M, partial.
    let partial = try #require(ServiceQualityIndex.compute(Self.inputs(85, nil), settings: .standard))
    #expect(partial.value == 85 && partial.partial)
    let onlyT = try #require(ServiceQualityIndex.compute(Self.inputs(nil, 70, complaints: 1), settings: .standard))
    #expect(onlyT.value == 68 && onlyT.partial)
    // Never below zero.
    #expect(ServiceQualityIndex.compute(Self.inputs(85, 70, complaints: 50), settings: .standard)?.value == 0)
    // Neither M nor T: no index at all (not zero).
    #expect(ServiceQualityIndex.compute(Self.inputs(nil, nil, complaints: 3), settings: .standard) == nil)
    // w_m = 0.7, w_t = 0.3, k = 3: 0.7·85 + 0.3·70 − 2·3 = 59.5 + 21 − 6 = 74.5
    let custom = QualitySettings(complaintCoefficient: 3, monitoringWeight: 0.7)
    let weighted = try #require(ServiceQualityIndex.compute(Self.inputs(85, 70, complaints: 2), settings: custom))
    #expect(abs(weighted.value - 74.5) < 1e-9)
  }

  @Test func inputsFromTheDatabase() throws {
    let f = try MonthFixture()
    // Given monitoring 80 and 90, a test call 70, all on November calls
    try f.evaluate("M1", agent: "A1", at: "2026-11-02T09:00:00+08:00", tone: 8, facts: 8)
    try f.evaluate("M2", agent: "A1", at: "2026-11-30T23:59:00+08:00", tone: 9, facts: 9)
    try f.evaluate("T1", agent: "A1", at: "2026-11-10T09:00:00+08:00", tone: 7, facts: 7, kind: .testCall)
    // and evaluations that never count: calibration, and calls of October / December local dates
    try f.evaluate("K1", agent: "A1", at: "2026-11-11T09:00:00+08:00", tone: 0, facts: 0, kind: .calibration)
    try f.evaluate("O1", agent: "A1", at: "2026-10-31T23:30:00+08:00", tone: 0, facts: 0)
    try f.evaluate("D1", agent: "A1", at: "2026-12-01T00:30:00+08:00", tone: 0, facts: 0)
    // two valid complaints in November, one invalid, one in October
    try f.complaint(agent: "A1", date: "2026-11-05")
    try f.complaint(agent: "A1", date: "2026-11-28")
    try f.complaint(agent: "A1", date: "2026-11-06", valid: false)
    try f.complaint(agent: "A1", date: "2026-10-20")
    try f.complaint(agent: "B1", date: "2026-11-20")
    // When the inputs are read for November
    let inputs = try f.db.qualityIndexInputs(period: try ReportPeriod.parse("2026-11"))
    // Then M = 85 over 2, T = 70 over 1, C = 2, and the index is (85 + 70)/2 − 2·2 = 73.5
    let a1 = try #require(inputs["A1"])
    #expect(a1.monitoringMean == 85 && a1.monitoringCount == 2)
    #expect(a1.testCallMean == 70 && a1.testCallCount == 1)
    #expect(a1.complaints == 2)
    #expect(ServiceQualityIndex.compute(a1, settings: .standard)?.value == 73.5)
    // A disputed evaluation still counts; a revised one (replaced by its revision) does not.
    try f.db.write { db in
      try db.execute(sql: "UPDATE evaluations SET status = 'disputed' WHERE call_id = (SELECT id FROM calls WHERE external_id = 'M1')")
      try db.execute(sql: "UPDATE evaluations SET status = 'revised' WHERE call_id = (SELECT id FROM calls WHERE external_id = 'T1')")
      // A raw status change bypasses the write path: rebuild the derived report summaries, as
      // `doctor --rebuild-summaries` would.
      try ReportSummaries.rebuild(db)
    }
    let changed = try #require(try f.db.qualityIndexInputs(period: try ReportPeriod.parse("2026-11"))["A1"])
    #expect(changed.monitoringCount == 2 && changed.testCallMean == nil)
    // B1 has a complaint but no evaluation: no index.
    let b1 = try #require(inputs["B1"])
    #expect(b1.complaints == 1 && ServiceQualityIndex.compute(b1, settings: .standard) == nil)
    #expect(inputs["A2"] == nil)
  }
}
