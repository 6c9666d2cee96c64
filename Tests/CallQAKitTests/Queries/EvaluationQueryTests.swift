import Foundation
import GRDB
import Testing
@testable import CallQAKit

@Suite("evaluation list: every filter, paging, and the drill-down from weak areas")
struct EvaluationQueryTests {
  func names(_ f: QueryFixture, _ filter: EvaluationFilter) throws -> [String] {
    f.names(try f.db.evaluationPage(filter).rows)
  }

  @Test(arguments: EngineFixture.engines) func everyFilterNarrowsToTheEvaluationsItNames(_ engine: StoreEngineKind) throws {
    // Given QueryFixture: E1 100, E2 83.3, E3 0 (critical), E4 33.3 (section critical),
    // E5 83.3, E6 83.3 calibration, E7 83.3 revised, E8 draft
    let f = try QueryFixture(engine)
    let expected: [(EvaluationFilter, [String])] = [
      (EvaluationFilter(), QueryFixture.evaluationsNewestFirst),
      (EvaluationFilter(agent: "A1"), ["E8", "E2", "E1"]),
      (EvaluationFilter(team: "T1"), ["E8", "E7", "E4", "E3", "E2", "E1"]),
      (EvaluationFilter(team: "T2"), ["E6", "E5"]),
      (EvaluationFilter(inspector: "QA2"), ["E6", "E4", "E2"]),
      (EvaluationFilter(scorecard: "qmini@1"), QueryFixture.evaluationsNewestFirst),
      (EvaluationFilter(from: "2026-11-10", to: "2026-11-20"), ["E6", "E5", "E4", "E3"]),
      (EvaluationFilter(period: "2026-11", team: "T2"), ["E6", "E5"]),
      (EvaluationFilter(status: .revised), ["E7"]),
      (EvaluationFilter(kind: .testCall), ["E3"]),
      (EvaluationFilter(minScore: 80), ["E7", "E6", "E5", "E2", "E1"]),
      (EvaluationFilter(minScore: 100), ["E1"]),
      (EvaluationFilter(maxScore: 50), ["E4", "E3"]),
      (EvaluationFilter(minScore: 30, maxScore: 90), ["E7", "E6", "E5", "E4", "E2"]),
      (EvaluationFilter(band: "Good"), ["E7", "E6", "E5", "E2"]),
      (EvaluationFilter(band: "良好"), ["E7", "E6", "E5", "E2"]),
      (EvaluationFilter(band: "excellent"), ["E1"]),
      (EvaluationFilter(passed: true), ["E7", "E6", "E5", "E2", "E1"]),
      (EvaluationFilter(passed: false), ["E4", "E3"]),
      (EvaluationFilter(critical: true), ["E4", "E3"]),
      (EvaluationFilter(counted: true), ["E5", "E4", "E3", "E2", "E1"]),
      // --item: counted evaluations where the item applied; --lost: those that lost points on it
      (EvaluationFilter(item: "greet"), ["E5", "E4", "E3", "E2", "E1"]),
      (EvaluationFilter(item: "greet", lost: true), ["E2"]),
      (EvaluationFilter(item: "info", lost: true), ["E3"]),
      (EvaluationFilter(item: "verify", lost: true), ["E4"]),
      (EvaluationFilter(item: "forbidden", lost: true), ["E5"]),
      (EvaluationFilter(item: "tone", lost: true, counted: true), ["E5"]),
      (EvaluationFilter(team: "T1", passed: true, critical: false, item: "greet"), ["E2", "E1"]),
      (EvaluationFilter(inspector: "QA1", band: "Good"), ["E7", "E5"]),
    ]
    for (filter, names) in expected {
      #expect(try self.names(f, filter) == names, "\(filter.description)")
    }
  }

  @Test(arguments: EngineFixture.engines) func rowsCarryTeamScoresBandAndTheItem(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    let rows = try f.db.evaluationPage(EvaluationFilter(item: "verify")).rows
    let e4 = try #require(rows.first { $0.id == f.ids["E4"] })
    #expect(e4.team == "T1" && e4.inspector == "QA2" && e4.band == "Below standard" && e4.passed == false)
    #expect(abs((e4.rawScore ?? 0) - 250.0 / 3) < 1e-9 && abs((e4.finalScore ?? 0) - 100.0 / 3) < 1e-9)
    #expect(e4.criticalFailed == false, "a section-critical failure does not zero the evaluation")
    let item = try #require(e4.item)
    #expect(item.key == "verify" && item.section == "b" && item.earned == 0 && item.points == 10 && !item.na)
    #expect(abs((item.impact ?? 0) - 100.0 / 6) < 1e-9)
    // Without --item, rows carry no item
    #expect(try f.db.evaluationPage(EvaluationFilter()).rows.allSatisfy { $0.item == nil })
  }

  @Test(arguments: EngineFixture.engines) func pagesNeverOverlapOrSkip(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    for filter in [EvaluationFilter(), EvaluationFilter(team: "T1"), EvaluationFilter(item: "greet")] {
      let all = try names(f, filter)
      for size in 1...3 {
        var seen: [String] = []
        var page = try f.db.evaluationPage(with(filter, limit: size, offset: 0))
        seen += f.names(page.rows)
        while let next = page.nextOffset {
          #expect(page.rows.count == size)
          page = try f.db.evaluationPage(with(filter, limit: size, offset: next))
          seen += f.names(page.rows)
        }
        #expect(seen == all, "\(filter.description), pages of \(size)")
        #expect(Set(seen).count == seen.count)
      }
    }
  }

  func with(_ filter: EvaluationFilter, limit: Int, offset: Int) -> EvaluationFilter {
    var copy = filter
    copy.limit = limit
    copy.offset = offset
    return copy
  }

  @Test(arguments: EngineFixture.engines) func unknownNamesAndBadValuesAreRefused(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    let refusals: [(EvaluationFilter, String)] = [
      (EvaluationFilter(agent: "NOPE"), "unknown agent 'NOPE'"),
      (EvaluationFilter(team: "nope"), "no team 'nope'"),
      (EvaluationFilter(inspector: "QA9"), "unknown inspector 'QA9'"),
      (EvaluationFilter(scorecard: "qmini@2"), "unknown scorecard 'qmini@2'"),
      (EvaluationFilter(band: "Great"), "unknown band 'Great' (bands: Excellent, Good, Below standard)"),
      (EvaluationFilter(item: "nope"), "unknown item 'nope'"),
      (EvaluationFilter(minScore: 120), "minimum score must be between 0 and 100, not 120"),
      (EvaluationFilter(maxScore: -1), "maximum score must be between 0 and 100, not -1"),
      (EvaluationFilter(minScore: 90, maxScore: 80), "minimum score 90 is above the maximum score 80"),
      (EvaluationFilter(lost: true), "lost points are looked up on one item: name the item"),
      (
        EvaluationFilter(status: .revised, item: "greet"),
        "revised evaluations never count in reports: only submitted and disputed ones are looked up here"
      ),
      (
        EvaluationFilter(kind: .calibration, counted: true),
        "calibration evaluations never count in reports: use monitoring or test-call"
      ),
      (EvaluationFilter(period: "2026-1"), "period must be a month YYYY-MM, not '2026-1'"),
      (EvaluationFilter(limit: 0), "a page holds at least 1 row: limit 0 is not allowed"),
      (EvaluationFilter(offset: -5), "offset must be 0 or more, not -5"),
    ]
    for (filter, message) in refusals {
      // The message, whatever the kind (unknown names are "not found", bad values "invalid input")
      let error = try #require(throws: CallQAError.self) { try f.db.evaluationPage(filter) }
      #expect(error.message == message)
      #expect(!message.contains("--"), "no library message names a flag")
    }
  }

  @Test func itemLostListsExactlyTheWeakAreasFailuresOfThePeriod() throws {
    // Given a generated centre (three scorecards, N/A answers, critical failures, every status)
    let db = try GeneratedCentreTests.centre()
    for filter in [ReportFilter(period: "2026-11"), ReportFilter(period: "2026-10", team: "Team 2")] {
      let report = try db.weakAreas(filter)
      #expect(!report.rows.isEmpty)
      for row in report.rows {
        // When the item's evaluations are listed for the same period, team and scorecard
        let query = EvaluationFilter(scorecard: row.scorecard, period: filter.period, team: filter.team, item: row.key)
        var lostQuery = query
        lostQuery.lost = true
        let applied = try db.evaluationPage(query).rows
        let lost = try db.evaluationPage(lostQuery).rows
        // Then --item lists the row's applied evaluations and --lost its failed ones, the
        // points they lost adding up to the row's mean lost × the evaluations in scope
        let context = "\(filter.description) \(row.scorecard) \(row.key)"
        #expect(applied.count == row.evaluations, "\(context)")
        let failed = Int(((row.failRate ?? 0) * Double(row.evaluations) / 100).rounded())
        #expect(lost.count == failed, "\(context)")
        let lostImpact = lost.reduce(0) { $0 + ($1.item?.impact ?? 0) }
        #expect(abs(lostImpact - row.meanImpact * Double(report.evaluations)) < 1e-6, "\(context)")
        #expect(lost.allSatisfy { ($0.item?.earned ?? 0) < ($0.item?.points ?? 0) && $0.item?.na == false })
        #expect(Set(lost.map(\.id)).isSubset(of: Set(applied.map(\.id))))
        // and they are exactly the ids a plain query of the item rows finds
        let plain = try db.read { db in
          try Int64.fetchAll(
            db,
            sql: """
              SELECT e.id FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN scorecards s ON s.id = e.scorecard_id
              JOIN agents a ON a.id = e.agent_id JOIN item_scores i ON i.evaluation_id = e.id
              WHERE e.status IN ('submitted', 'disputed') AND e.kind IN ('monitoring', 'test-call')
                AND substr(c.started_at, 1, 7) = ? AND (? IS NULL OR a.team = ?) AND s.key = ?
                AND i.item = ? AND i.na = 0 AND i.earned < i.points
              """, arguments: [filter.period, filter.team, filter.team, row.scorecard, row.key])
        }
        #expect(Set(lost.map(\.id)) == Set(plain), "\(context)")
      }
    }
    // Without a scorecard, an item key shared by scorecards lists the failures of all of them
    let report = try db.weakAreas(ReportFilter(period: "2026-11"))
    let shared = Dictionary(grouping: report.rows, by: \.key).first { $0.value.count > 1 }
    if let (key, rows) = shared {
      let lost = try db.evaluationPage(EvaluationFilter(period: "2026-11", item: key, lost: true)).rows
      let failed = rows.reduce(0) { $0 + Int((($1.failRate ?? 0) * Double($1.evaluations) / 100).rounded()) }
      #expect(lost.count == failed, "\(key) on \(rows.map(\.scorecard))")
    }
  }

  @Test(arguments: EngineFixture.engines) func theOldFilterStillReadsEveryRow(_ engine: StoreEngineKind) throws {
    // evaluations(_:) keeps its contract: every matching row, newest call first
    let f = try QueryFixture(engine)
    #expect(f.names(try f.db.evaluations(EvaluationFilter(agent: "A1"))) == ["E8", "E2", "E1"])
    #expect(f.names(try f.db.evaluations(EvaluationFilter(limit: 2))) == ["E8", "E7"])
  }
}
