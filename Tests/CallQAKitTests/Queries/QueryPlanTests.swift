import Foundation
import GRDB
import Testing
@testable import CallQAKit

/// The list queries stay fast at a million evaluations because every page is read in order
/// from an index and the read stops after it: no plan scans a whole table of calls,
/// evaluations or item scores, and none sorts every match (a temporary B-tree for the ORDER
/// BY). The filters that have an index of their own search it.
@Suite("call and evaluation list queries use an index for every main filter (EXPLAIN QUERY PLAN)")
struct QueryPlanTests {
  static func plan(_ db: QADatabase, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
    try db.read { db in
      try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
    }
  }

  static func callPlan(_ db: QADatabase, _ filter: CallFilter) throws -> [String] {
    let (sql, arguments) = QADatabase.callListQuery(filter, on: .sqlite)
    return try plan(db, sql, StatementArguments(arguments))
  }

  static func evaluationPlan(_ db: QADatabase, _ filter: EvaluationFilter) throws -> [String] {
    let (sql, arguments) = try db.read { db in try QADatabase.evaluationListQuery(db, filter) }
    return try plan(db, sql, StatementArguments(arguments))
  }

  /// A line that reads a whole table without an index, or sorts every row of the result.
  ///
  /// Two sorts are by design. "RIGHT PART OF ORDER BY" orders the evaluations of one call by
  /// id as the walk reaches it (a call has one to three), so the walk still stops after the
  /// page. And calls with a complaint may be read by id from the complaints and sorted (only
  /// they are), as they are few in any centre.
  static func problems(_ plan: [String], sortsComplaints: Bool = false) -> [String] {
    plan.filter { line in
      if line.hasPrefix("SCAN ") && !line.contains(" USING ") { return true }
      if line == "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY" { return false }
      if sortsComplaints && line == "USE TEMP B-TREE FOR ORDER BY" { return false }
      return line.contains("TEMP B-TREE")
    }
  }

  static func sortsComplaints(_ filter: CallFilter) -> Bool { filter.complaint }

  /// (filter, a line the plan must contain)
  static let callFilters: [(CallFilter, String)] = [
    (CallFilter(limit: 50), "SCAN c USING INDEX calls_started"),
    (CallFilter(agent: "A1", limit: 50), "calls_agent (agent_id=?)"),
    (CallFilter(team: "T1", limit: 50), "SEARCH agents USING COVERING INDEX agents_team (team=?)"),
    (CallFilter(period: "2026-11", limit: 50), "calls_started (started_at>? AND started_at<?)"),
    (CallFilter(from: "2026-11-01", limit: 50), "calls_started (started_at>?)"),
    (CallFilter(agent: "A1", period: "2026-11", limit: 50), "calls_agent (agent_id=? AND started_at>? AND started_at<?)"),
    (CallFilter(direction: "outbound", limit: 50), "calls_direction (direction=?)"),
    (CallFilter(minDuration: 60, maxDuration: 300, limit: 50), "SCAN c USING INDEX calls_started"),
    (CallFilter(evaluated: true, limit: 50), "SCAN c USING INDEX calls_started"),
    // the calls still waiting for an evaluation: a partial index kept by the calls_evaluated triggers
    (CallFilter(evaluated: false, limit: 50), "SCAN c USING INDEX calls_unevaluated"),
    (CallFilter(hasRecording: true, limit: 50), "USING INDEX calls_recorded"),
    (CallFilter(hasTranscript: true, limit: 50), "USING INDEX calls_transcribed"),
    (CallFilter(complaint: true, limit: 50), "SCAN complaints USING COVERING INDEX complaints_call"),
    (CallFilter(agent: "A1", complaint: true, limit: 50), "USING INDEX complaints_call FOR IN-OPERATOR"),
    (
      CallFilter(team: "T1", period: "2026-11", evaluated: false, complaint: true, limit: 50, offset: 50),
      "SEARCH agents USING COVERING INDEX agents_team (team=?)"
    ),
    (
      CallFilter(team: "T1", period: "2026-11", evaluated: false, limit: 50, offset: 50),
      "calls_unevaluated (started_at>? AND started_at<?)"
    ),
  ]

  static let evaluationFilters: [(EvaluationFilter, String)] = [
    (EvaluationFilter(limit: 50), "SCAN c USING COVERING INDEX calls_started"),
    (EvaluationFilter(agent: "A1", limit: 50), "calls_agent (agent_id=?)"),
    (EvaluationFilter(limit: 50, team: "T1"), "SEARCH agents USING COVERING INDEX agents_team (team=?)"),
    (EvaluationFilter(limit: 50, inspector: "QA1"), "evaluations_report (call_id=?"),
    (EvaluationFilter(scorecard: "qmini", limit: 50), "evaluations_report (call_id=?"),
    (EvaluationFilter(limit: 50, period: "2026-11"), "calls_started (started_at>? AND started_at<?)"),
    (EvaluationFilter(from: "2026-11-01", to: "2026-11-15", limit: 50), "calls_started (started_at>? AND started_at<?)"),
    (EvaluationFilter(status: .submitted, kind: .monitoring, limit: 50), "evaluations_report (call_id=?"),
    (EvaluationFilter(limit: 50, minScore: 60, maxScore: 90), "evaluations_report (call_id=?"),
    (EvaluationFilter(limit: 50, band: "Good"), "evaluations_report (call_id=?"),
    (EvaluationFilter(limit: 50, passed: false), "evaluations_report (call_id=?"),
    (EvaluationFilter(limit: 50, critical: true), "SEARCH ss USING PRIMARY KEY (evaluation_id=?)"),
    (EvaluationFilter(limit: 50, item: "greet"), "SEARCH it USING PRIMARY KEY (evaluation_id=? AND item=?)"),
    (
      EvaluationFilter(limit: 50, period: "2026-11", item: "greet", lost: true),
      "(evaluation_id=? AND item=?)"
    ),
    (
      EvaluationFilter(agent: "A1", limit: 50, period: "2026-11", item: "greet", lost: true, offset: 50),
      "calls_agent (agent_id=? AND started_at>? AND started_at<?)"
    ),
    (
      EvaluationFilter(limit: 50, period: "2026-11", team: "T1", inspector: "QA1", band: "Good", passed: true, critical: true),
      "calls_started (started_at>? AND started_at<?)"
    ),
  ]

  @Test func everyMainFilterReadsAPageInIndexOrder() throws {
    let f = try QueryFixture()
    for (filter, expected) in Self.callFilters {
      let plan = try Self.callPlan(f.db, filter)
      #expect(Self.problems(plan, sortsComplaints: Self.sortsComplaints(filter)).isEmpty, "call list \(filter.description): \(plan)")
      #expect(plan.contains { $0.contains(expected) }, "call list \(filter.description): \(plan)")
    }
    for (filter, expected) in Self.evaluationFilters {
      let plan = try Self.evaluationPlan(f.db, filter)
      #expect(Self.problems(plan).isEmpty, "evaluation list \(filter.description): \(plan)")
      #expect(plan.contains { $0.contains(expected) }, "evaluation list \(filter.description): \(plan)")
    }
  }

  @Test func plansHoldOnAnAnalysedCentre() throws {
    // The generated centre has planner statistics (ANALYZE): the join order is pinned, so the
    // plans keep reading in index order whatever the statistics say.
    let db = try GeneratedCentreTests.centre()
    for (filter, _) in Self.callFilters {
      var filter = filter
      if filter.agent != nil { filter.agent = "B00001" }
      if filter.team != nil { filter.team = "Team 1" }
      let plan = try Self.callPlan(db, filter)
      #expect(Self.problems(plan, sortsComplaints: Self.sortsComplaints(filter)).isEmpty, "call list \(filter.description): \(plan)")
    }
    for (filter, _) in Self.evaluationFilters {
      var filter = filter
      if filter.agent != nil { filter.agent = "B00001" }
      if filter.team != nil { filter.team = "Team 1" }
      if filter.inspector != nil { filter.inspector = "BQA1" }
      if filter.scorecard != nil { filter.scorecard = "inbound-service" }
      if filter.item != nil { filter.item = "greeting" }
      let plan = try Self.evaluationPlan(db, filter)
      #expect(Self.problems(plan).isEmpty, "evaluation list \(filter.description): \(plan)")
    }
  }
}
