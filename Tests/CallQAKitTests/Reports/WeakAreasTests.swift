import Foundation
import Testing
@testable import CallQAKit

@Suite("weak areas: mean impact, Pareto and the Σ impact identity")
struct WeakAreasTests {
  static let november = ReportFilter(period: "2026-11")

  @Test func ranksItemsByMeanImpactOverTheCountedEvaluations() throws {
    // Given the fixture (E1…E5 count in November)
    let db = try ReportFixture().db
    // When weak areas are computed for November
    let report = try db.weakAreas(Self.november)
    // Then 5 evaluations count, mean raw = (66.67 + 100 + 83.33 + 60 + 66.67) / 5 = 75.33
    #expect(report.evaluations == 5)
    #expect(abs((report.meanRaw ?? 0) - (200.0 / 3 + 100 + 250.0 / 3 + 60 + 200.0 / 3) / 5) < 1e-9)
    // info loses 40 points in E4 → 8 per evaluation; tone and forbidden 8.33 + 16.67 → 5;
    // greet (E3) and extra (E1) 16.67 → 3.33; ties keep scorecard order.
    #expect(report.rows.map(\.key) == ["info", "tone", "forbidden", "greet", "extra"])
    let info = try #require(report.rows.first)
    #expect(abs(info.meanImpact - 8) < 1e-9)
    #expect(info.evaluations == 5)
    #expect(info.criticalFailures == 1)
    #expect(abs((info.scoreRate ?? 0) - 80) < 1e-9)
    #expect(abs((info.failRate ?? 0) - 20) < 1e-9)
    #expect(abs((info.share ?? 0) - 100 * 40 / (370.0 / 3)) < 1e-9)
    let tone = report.rows[1]
    #expect(abs(tone.meanImpact - 5) < 1e-9)
    #expect(abs((tone.scoreRate ?? 0) - 70) < 1e-9)
    #expect(abs((tone.failRate ?? 0) - 40) < 1e-9)
    let extra = report.rows[4]
    #expect(extra.evaluations == 3)  // N/A in E2 and E4
    #expect(abs((extra.scoreRate ?? 0) - 100 * 20 / 30.0) < 1e-9)
    #expect(abs((report.rows.last?.cumulativeShare ?? 0) - 100) < 1e-9)
    #expect(report.rows.allSatisfy { $0.centreMeanImpact == nil && $0.gap == nil })
  }

  @Test func meanImpactsAddUpToOneHundredMinusMeanRaw() throws {
    let db = try ReportFixture().db
    for filter in [Self.november, ReportFilter(), ReportFilter(period: "2026-11", team: "T1"), ReportFilter(agent: "A1")] {
      for level in WeakAreaLevel.allCases {
        // Even when only the top row is shown, the identity covers every item.
        let report = try db.weakAreas(filter, by: level, top: 1)
        let meanRaw = try #require(report.meanRaw)
        #expect(abs(report.totalMeanImpact - (100 - meanRaw)) < 1e-9, "\(filter.description) by \(level)")
        #expect(report.rows.count == 1)
        #expect(report.document(.en).notes.first?.contains("= 100 − mean raw score") == true)
      }
    }
    let text = try db.weakAreas(Self.november).identityLine(.en)
    #expect(text == "Σ mean impact of all 5 items = 24.7 = 100 − mean raw score 75.3 (5 evaluations)")
  }

  @Test func narrowedToATeamShowsTheCentreAndTheGap() throws {
    let db = try ReportFixture().db
    // Team T1 = E1…E4: info 40 / 4 = 10 against the centre's 8 → gap +2
    let report = try db.weakAreas(ReportFilter(period: "2026-11", team: "T1"))
    #expect(report.evaluations == 4)
    let info = try #require(report.rows.first { $0.key == "info" })
    #expect(abs(info.meanImpact - 10) < 1e-9)
    #expect(abs((info.centreMeanImpact ?? 0) - 8) < 1e-9)
    #expect(abs((info.gap ?? 0) - 2) < 1e-9)
    // tone: E1 8.33 / 4 = 2.08 against 5 → −2.92
    let tone = try #require(report.rows.first { $0.key == "tone" })
    #expect(abs((tone.gap ?? 0) - (25.0 / 12 - 5)) < 1e-9)
    #expect(report.document(.en).tables[0].columns.map(\.title).suffix(2) == ["centre lost", "gap"])
  }

  @Test func centreIsComparedOnTheSubjectsScorecards() throws {
    // Given a second scorecard used only by A3 (team T2), with a poor November evaluation
    let db = try ReportFixture().db
    let other = try ScorecardLoader.load(
      text: ReportFixture.scorecardYAML.replacingOccurrences(of: "key: mini", with: "key: other"), file: "other.yaml")
    try db.importScorecard(other, actor: "test")
    try db.submit(
      EvaluationSubmission(
        scorecard: try db.scorecard(reference: "other"), agentCode: "A3", inspectorCode: "QA1",
        call: CallInput(externalId: "C10", startedAt: "2026-11-12T10:00:00+08:00"), kind: .monitoring,
        sheet: AnswerSheet(answers: ["greet": .no, "tone": .level(0), "info": .yes, "forbidden": .count(2), "extra": .no]),
        actor: "test"))
    // When T1 (scored on mini only) is compared with the centre
    let report = try db.weakAreas(ReportFilter(period: "2026-11", team: "T1"))
    // Then the centre figure is over the 5 mini evaluations (40 / 5), not all 6
    let info = try #require(report.rows.first { $0.key == "info" })
    #expect(abs((info.centreMeanImpact ?? 0) - 8) < 1e-9)
    // And the whole-centre identity still holds over both scorecards (6 evaluations)
    let centre = try db.weakAreas(ReportFilter(period: "2026-11"))
    #expect(centre.evaluations == 6)
    #expect(abs(centre.totalMeanImpact - (100 - (centre.meanRaw ?? 0))) < 1e-9)
    #expect(centre.rows.count == 10)
  }

  @Test func sectionsAggregateTheirItems() throws {
    let db = try ReportFixture().db
    let report = try db.weakAreas(Self.november, by: .section, language: "zh")
    // b = info 40 + forbidden 25 + extra 16.67 = 81.67 / 5; a = tone 25 + greet 16.67 = 41.67 / 5
    #expect(report.rows.map(\.key) == ["b", "a"])
    #expect(abs(report.rows[0].meanImpact - (40 + 25 + 50.0 / 3) / 5) < 1e-9)
    #expect(report.rows[0].title == "业务")
    #expect(report.rows[0].evaluations == 5)
    // a lost points in E1 (tone), E3 (greet), E5 (tone) → 3 of 5
    #expect(abs((report.rows[1].failRate ?? 0) - 60) < 1e-9)
  }

  @Test func draftsRevisedCalibrationAndOtherMonthsNeverCount() throws {
    let db = try ReportFixture().db
    // A1 in November: only E1 and E2 (E6 calibration, E7 local October, E8 revised, E9 draft)
    #expect(try db.weakAreas(ReportFilter(period: "2026-11", agent: "A1")).evaluations == 2)
    #expect(try db.weakAreas(ReportFilter(period: "2026-10", agent: "A1")).evaluations == 1)
    #expect(try db.weakAreas(ReportFilter(from: "2026-11-01", to: "2026-11-01")).evaluations == 1)
    #expect(try db.weakAreas(ReportFilter(period: "2026-11", kind: .testCall)).evaluations == 2)
    #expect(throws: CallQAError.self) { try db.weakAreas(ReportFilter(period: "2026-13")) }
    #expect(throws: CallQAError.self) { try db.weakAreas(ReportFilter(kind: .calibration)) }
    #expect(throws: CallQAError.notFound("no team 'T9'")) {
      try db.weakAreas(ReportFilter(team: "T9"))
    }
    #expect(throws: CallQAError.notFound("unknown agent 'A9'")) { try db.agentsReport(ReportFilter(agent: "A9")) }
    #expect(throws: CallQAError.notFound("unknown scorecard 'nope'")) { try db.trend(ReportFilter(scorecard: "nope")) }
  }
}
