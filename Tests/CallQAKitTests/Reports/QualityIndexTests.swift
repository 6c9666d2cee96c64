import Foundation
import Testing
@testable import CallQAKit

@Suite("service-quality index (SPEC §3.5)")
struct QualityIndexTests {
  @Test func agentsTeamsAndCentreFromHandComputedMeans() throws {
    let db = try ReportFixture().db
    let report = try db.quality(period: "2026-11")
    #expect(report.agents.map { $0.agent ?? "" } == ["A1", "A2", "A3"])
    // A1: M = 66.67 (E1), T = 100 (E2), base 83.33, two valid November complaints → 79.33
    let a1 = report.agents[0]
    #expect(abs((a1.monitoring ?? 0) - 200.0 / 3) < 1e-9)
    #expect(a1.testCall == 100)
    #expect(a1.monitoringCount == 1 && a1.testCallCount == 1)
    #expect(a1.complaints == 2)
    #expect(abs((a1.base ?? 0) - 250.0 / 3) < 1e-9)
    #expect(abs((a1.index ?? 0) - (250.0 / 3 - 4)) < 1e-9)
    #expect(a1.partial == false)
    // A2: only monitoring (83.33 and 0) → partial, base = M = 41.67, no complaint
    let a2 = report.agents[1]
    #expect(a2.testCall == nil && a2.partial)
    #expect(abs((a2.index ?? 0) - 125.0 / 3) < 1e-9)
    // A3: only test calls → partial, base 66.67 − 2 × 2
    let a3 = report.agents[2]
    #expect(a3.monitoring == nil && a3.partial)
    #expect(abs((a3.index ?? 0) - (200.0 / 3 - 4)) < 1e-9)
    // Team T1 = means over A1, A2; centre = means over all three
    let t1 = try #require(report.teams.first { $0.team == "T1" })
    #expect(t1.agent == nil)
    #expect(abs((t1.index ?? 0) - ((250.0 / 3 - 4) + 125.0 / 3) / 2) < 1e-9)
    #expect(t1.monitoringCount == 3 && t1.testCallCount == 1 && t1.complaints == 2 && t1.partial)
    let centre = try #require(report.centre)
    #expect(centre.agent == nil && centre.team == nil)
    #expect(abs((centre.index ?? 0) - ((250.0 / 3 - 4) + 125.0 / 3 + (200.0 / 3 - 4)) / 3) < 1e-9)
    // A4 has no evaluation: a coverage gap, with its complaint
    #expect(report.coverageGaps.map(\.agent) == ["A4"])
    #expect(report.coverageGaps.first?.complaints == 1)
  }

  @Test func complaintDeductionIsFlooredAtZero() throws {
    let db = try ReportFixture().db
    // k = 40: A3 66.67 − 2 × 40 < 0 → 0; A1 83.33 − 80 = 3.33
    let report = try db.quality(period: "2026-11", settings: QualitySettings(complaintCoefficient: 40))
    let a3 = try #require(report.agents.first { $0.agent == "A3" })
    #expect(a3.index == 0)
    #expect(abs((a3.base ?? 0) - 200.0 / 3) < 1e-9)
    let a1 = try #require(report.agents.first { $0.agent == "A1" })
    #expect(abs((a1.index ?? 0) - (250.0 / 3 - 80)) < 1e-9)
  }

  @Test func weightsAndTeamFilter() throws {
    let db = try ReportFixture().db
    // W = 0.8: A1 base = 0.8 · 66.67 + 0.2 · 100 = 73.33
    let report = try db.quality(period: "2026-11", team: "T1", settings: QualitySettings(monitoringWeight: 0.8))
    #expect(report.agents.map { $0.agent ?? "" } == ["A1", "A2"])
    #expect(abs((report.agents[0].base ?? 0) - (0.8 * 200 / 3 + 20)) < 1e-9)
    #expect(report.teams.map { $0.team ?? "" } == ["T1"])
    #expect(report.coverageGaps.isEmpty)
    #expect(throws: CallQAError.self) { try db.quality(period: "2026-11", settings: QualitySettings(monitoringWeight: 1.5)) }
    #expect(throws: CallQAError.self) { try db.quality(period: "November") }
  }

  @Test func jsonRowsHaveExactlyTheContractFields() throws {
    let db = try ReportFixture().db
    let data = Data(try JSONText.pretty(db.quality(period: "2026-11")).utf8)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let fields: Set<String> = [
      "agent", "team", "monitoring", "test_call", "monitoring_count", "test_call_count", "complaints", "base", "index", "partial",
      "monitoring_ci", "test_call_ci", "index_ci",
    ]
    let agents = try #require(json["agents"] as? [[String: Any]])
    #expect(agents.count == 3)
    for row in agents { #expect(Set(row.keys) == fields) }
    let a2 = agents[1]
    #expect(a2["test_call"] is NSNull)
    #expect(a2["partial"] as? Bool == true)
    #expect(a2["monitoring_count"] as? Int == 2)
    let centre = try #require(json["centre"] as? [String: Any])
    #expect(Set(centre.keys) == fields)
    #expect(centre["agent"] is NSNull)
    #expect((json["teams"] as? [[String: Any]])?.count == 2)
    #expect((json["coverage_gaps"] as? [[String: Any]])?.first?["agent"] as? String == "A4")
    #expect(json["complaint_coefficient"] as? Double == 2)
  }
}
