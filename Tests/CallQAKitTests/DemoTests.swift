import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("demo centre: consistent and deterministic")
struct DemoTests {
  static let options = DemoOptions(agents: 32, months: 2, seed: 9, lastMonth: .init(year: 2026, month: 10), batchSize: 100)

  /// Everything scoring decided, in a stable order (no ids or wall-clock times).
  static func digest(_ db: QADatabase) throws -> String {
    try db.read { db in
      let evaluations = try String.fetchAll(
        db,
        sql: """
          SELECT c.external_id || '|' || a.code || '|' || i.code || '|' || e.kind || '|' || e.final_score || '|'
            || e.raw_score || '|' || e.submitted_at || '|' || COALESCE(e.comment, '') || '|'
            || (SELECT group_concat(item || '=' || answer || ':' || COALESCE(note, ''), ',') FROM item_scores s WHERE s.evaluation_id = e.id)
          FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN agents a ON a.id = e.agent_id
          JOIN inspectors i ON i.id = e.inspector_id ORDER BY c.external_id
          """)
      let complaints = try String.fetchAll(
        db,
        sql: """
          SELECT a.code || '|' || date || '|' || COALESCE(call_id, '') || '|' || valid || '|' || note
          FROM complaints JOIN agents a ON a.id = agent_id ORDER BY complaints.id
          """)
      let people = try String.fetchAll(db, sql: "SELECT code || name || COALESCE(team, '') FROM agents ORDER BY code")
      return (evaluations + complaints + people).joined(separator: "\n")
    }
  }

  @Test func theSameSeedBuildsTheSameCentreAndAnotherSeedDoesNot() throws {
    let a = try QADatabase.inMemory(), b = try QADatabase.inMemory(), c = try QADatabase.inMemory()
    _ = try a.buildDemo(Self.options)
    _ = try b.buildDemo(Self.options)
    var other = Self.options
    other.seed = 10
    _ = try c.buildDemo(other)
    #expect(try Self.digest(a) == Self.digest(b))
    #expect(try Self.digest(a) != Self.digest(c))
  }

  @Test(arguments: [(2026, 10), (2026, 11), (2026, 2)])
  func coverageOfTheLastMonthListsOnlyTheAgentsTheDemoScoredShort(year: Int, month: Int) throws {
    // The demo's own "Next:" suggestion is `callqa coverage --period LAST-MONTH`: it must show
    // the handful of agents the generator scored below the quota, not the whole centre, also
    // for months whose first and last days cut ISO weeks (November 2026: Sunday 1 to Monday 30).
    let db = try QADatabase.inMemory()
    var options = Self.options
    options.months = 1
    options.lastMonth = .init(year: year, month: month)
    _ = try db.buildDemo(options)
    let centre = DemoCentre.make(
      agents: 32, seed: options.seed, scorecards: Dictionary(uniqueKeysWithValues: try ShippedScorecards.all().map { ($0.key, $0) }))
    let short = centre.agents.filter(\.underCovered).map(\.code)
    let report = try db.coverage(period: try ReportPeriod.parse(options.lastMonth.text))
    #expect(report.agents.count == 32)
    #expect(!short.isEmpty && short.count < 8)
    #expect(Set(report.below.map(\.agent)) == Set(short))
    #expect(report.below.allSatisfy { $0.below == ["monitoring", "test-call"] })
  }

  @Test func theDemoCasesAgreeWithTheirScorecardsAndEvaluations() throws {
    let db = try QADatabase.inMemory()
    _ = try db.buildDemo(Self.options)
    let cases = try db.trainingCases(CaseFilter())
    #expect(cases.contains { $0.kind == .exemplary } && cases.contains { $0.kind == .cautionary })
    for found in cases {
      let detail = try db.evaluation(id: found.evaluationId)
      let scorecard = try db.scorecard(reference: found.scorecard).scorecard
      let items = Dictionary(uniqueKeysWithValues: detail.items.map { ($0.key, $0) })
      // Every skill is an item of the case's own scorecard (`case show` prints no "(?)")
      #expect(!found.skills.isEmpty)
      for skill in found.skills {
        #expect(scorecard.item(skill) != nil, "case \(found.id): '\(skill)' is not an item of \(found.scorecard)")
      }
      // The case fits its kind, and its title names what the evaluation shows
      #expect(CaseSkills.concern(for: detail, kind: found.kind, scorecard: scorecard) == nil, "case \(found.id)")
      switch found.kind {
      case .exemplary:
        let spec = try #require(QADatabase.demoExemplaryCases.first { $0.title == found.title })
        #expect("\(spec.scorecard)@1" == found.scorecard && spec.skills == found.skills)
        for skill in found.skills {
          let item = try #require(items[skill])
          #expect(!item.na && item.earned == item.points, "case \(found.id): \(skill) did not earn full marks")
        }
      case .cautionary:
        #expect(detail.criticalFailed == true)
        for skill in found.skills {
          #expect(CaseSkills.isCriticalMiss(try #require(items[skill]), scorecard), "case \(found.id): \(skill) was not missed")
        }
        let first = try #require(found.skills.first)
        #expect(found.title == QADatabase.demoCautionaryTitles[first], "case \(found.id): '\(found.title)' is not about \(first)")
      }
    }
    // One exemplary case per team scorecard: the outbound team has its own
    #expect(Set(cases.filter { $0.kind == .exemplary }.map(\.scorecard)) == ["inbound-service@1", "outbound-sales@1", "complaint-handling@1"])
    // Tagging an outbound-sales call with an inbound-service skill is refused, naming both
    let outbound = try #require(
      try db.read { db in
        try Int64.fetchOne(
          db,
          sql: """
            SELECT e.id FROM evaluations e JOIN scorecards s ON s.id = e.scorecard_id
            WHERE s.key = 'outbound-sales' AND e.critical_failed = 0
              AND NOT EXISTS (SELECT 1 FROM training_cases t WHERE t.evaluation_id = e.id)
            ORDER BY e.id LIMIT 1
            """)
      })
    #expect(throws: CallQAError("skill 'identity-verified' is not an item of scorecard outbound-sales@1")) {
      try db.tagCase(evaluationId: outbound, title: "x", kind: .cautionary, skills: ["identity-verified"], force: true, actor: "t")
    }
  }

  @Test func theDemoIsConsistentAndShowsWhatReportsNeed() throws {
    let db = try QADatabase.inMemory()
    let summary = try db.buildDemo(Self.options)
    // 32 agents in 4 teams (two inbound, outbound, complaints)
    #expect(summary.agents == 32 && summary.teams.count == 4)
    #expect(Set(summary.teams.map(\.scorecard)) == ["inbound-service", "outbound-sales", "complaint-handling"])
    // Per month 10 monitoring + 10 test calls, or 7 + 5 for the agents scored below the quota
    let centre = DemoCentre.make(
      agents: 32, seed: Self.options.seed, scorecards: Dictionary(uniqueKeysWithValues: try ShippedScorecards.all().map { ($0.key, $0) }))
    let gaps = centre.agents.filter(\.underCovered).count
    #expect(gaps > 0 && gaps < 8)
    #expect(summary.evaluations == 2 * (20 * (32 - gaps) + 12 * gaps) && summary.calls == summary.evaluations)
    #expect(summary.testCalls == 2 * (10 * (32 - gaps) + 5 * gaps))
    #expect(summary.criticalFailures > 0 && summary.criticalFailures < summary.evaluations / 20)
    #expect(summary.notApplicable > 0 && summary.complaints > 0 && summary.trainingCases >= 2)
    #expect(summary.firstMonth == "2026-09" && summary.lastMonth == "2026-10")
    // Every stored score is what the evaluator gives for the stored answers
    for row in try db.evaluations(EvaluationFilter()) {
      let detail = try db.evaluation(id: row.id)
      let scorecard = try db.scorecard(reference: "\(detail.scorecard.key)@\(detail.scorecard.version)").scorecard
      var answers: [String: Answer] = [:]
      for item in detail.items {
        let definition = try #require(scorecard.item(item.key))
        answers[item.key] = try definition.storedAnswer(try #require(item.answer))
      }
      let result = try Evaluator.evaluate(scorecard, answers: answers)
      #expect(result.finalScore == detail.finalScore && result.rawScore == detail.rawScore)
    }
    // Notes are in Chinese, and agents differ: the best and worst mean scores are far apart
    let (notes, spread) = try db.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_scores WHERE note LIKE '%：%'") ?? 0,
        try Double.fetchOne(
          db,
          sql: """
            SELECT MAX(m) - MIN(m) FROM (SELECT AVG(final_score) AS m FROM evaluations GROUP BY agent_id)
            """) ?? 0
      )
    }
    #expect(notes > 50)
    #expect(spread > 8)
  }
}
