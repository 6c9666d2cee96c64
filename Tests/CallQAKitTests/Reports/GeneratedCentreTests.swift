import Foundation
import GRDB
import Testing
@testable import CallQAKit

@Suite("reports on a generated centre (three scorecards, N/A, critical failures, every status)")
struct GeneratedCentreTests {
  static func centre() throws -> QADatabase {
    let db = try QADatabase.inMemory()
    try BenchmarkData(agents: 36, months: 2, evaluations: 900, firstMonth: "2026-10", seed: 7).generate(into: db)
    return db
  }

  @Test func identityHoldsForEveryScope() throws {
    let db = try Self.centre()
    let filters = [
      ReportFilter(), ReportFilter(period: "2026-10"), ReportFilter(period: "2026-11", team: "Team 2"),
      ReportFilter(agent: "B00007"), ReportFilter(kind: .testCall), ReportFilter(scorecard: "outbound-sales"),
      ReportFilter(from: "2026-10-05", to: "2026-11-20", team: "Team 3"),
    ]
    for filter in filters {
      for level in WeakAreaLevel.allCases {
        let report = try db.weakAreas(filter, by: level)
        #expect(report.evaluations > 0, "\(filter.description)")
        #expect(abs(report.totalMeanImpact - (100 - (report.meanRaw ?? 0))) < 1e-9, "\(filter.description) by \(level)")
      }
    }
  }

  @Test func weakAreasMatchTheStraightforwardGroupBy() throws {
    // The report derives applicable counts and sums from the rows that lost points; the
    // plain aggregate over every applicable item row must give the same figures.
    let db = try Self.centre()
    let report = try db.weakAreas(ReportFilter(period: "2026-11"))
    let plain = try db.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT s.key AS scorecard, i.item AS item, count(*) AS n, total(i.impact) AS impact,
                 total(i.earned) AS earned, total(i.points) AS points, total(i.earned < i.points) AS failed,
                 total(i.critical_failed) AS critical
          FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN scorecards s ON s.id = e.scorecard_id
          JOIN item_scores i ON i.evaluation_id = e.id
          WHERE e.status IN ('submitted', 'disputed') AND e.kind IN ('monitoring', 'test-call')
            AND substr(c.started_at, 1, 7) = '2026-11' AND i.na = 0
          GROUP BY s.key, i.item
          """)
    }
    #expect(report.rows.count == plain.count)
    for row in plain {
      let key: String = row["item"], scorecard: String = row["scorecard"]
      let found = try #require(report.rows.first { $0.key == key && $0.scorecard == scorecard })
      #expect(found.evaluations == row["n"] as Int)
      #expect(abs(found.meanImpact * Double(report.evaluations) - (row["impact"] as Double)) < 1e-6)
      #expect(abs((found.scoreRate ?? 0) - 100 * (row["earned"] as Double) / (row["points"] as Double)) < 1e-9)
      #expect(abs((found.failRate ?? 0) - 100 * (row["failed"] as Double) / Double(row["n"] as Int)) < 1e-9)
      #expect(found.criticalFailures == Int(row["critical"] as Double))
    }
    #expect(report.rows.contains { $0.criticalFailures > 0 })
  }

  @Test func qualityMatchesAHandWrittenQuery() throws {
    let db = try Self.centre()
    let report = try db.quality(period: "2026-10")
    let expected = try db.read { db in
      try Row.fetchAll(
        db,
        sql: """
          WITH m AS (
            SELECT e.agent_id,
                   avg(CASE WHEN e.kind = 'monitoring' THEN e.final_score END) AS m,
                   avg(CASE WHEN e.kind = 'test-call' THEN e.final_score END) AS t
            FROM evaluations e JOIN calls c ON c.id = e.call_id
            WHERE e.status IN ('submitted', 'disputed') AND substr(c.started_at, 1, 7) = '2026-10'
              AND e.kind <> 'calibration'
            GROUP BY e.agent_id),
          k AS (SELECT agent_id, count(*) AS n FROM complaints WHERE valid = 1 AND substr(date, 1, 7) = '2026-10' GROUP BY agent_id)
          SELECT a.code, max(0, coalesce(0.5 * m.m + 0.5 * m.t, m.m, m.t) - 2 * coalesce(k.n, 0)) AS idx
          FROM agents a JOIN m ON m.agent_id = a.id LEFT JOIN k ON k.agent_id = a.id ORDER BY a.team, a.code
          """)
    }
    #expect(report.agents.count == expected.count)
    for (row, want) in zip(report.agents, expected) {
      #expect(row.agent == want["code"] as String)
      #expect(abs((row.index ?? -1) - (want["idx"] as Double)) < 1e-9)
    }
  }
}
