import Foundation
import Testing

@testable import CallQAKit

/// One rule for every read that narrows by a team, agent, inspector or scorecard: a name
/// that does not exist is refused with the same one-line error, never an empty result.
@Suite("Filters: an unknown team, agent, inspector or scorecard is refused everywhere")
struct FilterNamesTests {
  static let noTeam = CallQAError.notFound("no team 'nope'")

  @Test func everyReadNarrowedToATeamRefusesAnUnknownOne() throws {
    let store = try TestStore()
    let db = store.db
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    let month = try ReportPeriod.parse("2026-11")
    let week = try ReportPeriod.parse("2026-W45")
    let reads: [(String, () throws -> Void)] = [
      ("agents", { _ = try db.agents(team: "nope") }),
      ("coverage", { _ = try db.coverage(period: month, team: "nope") }),
      ("sample", { _ = try db.sample(SampleRequest(week: week, team: "nope")) }),
      ("coaching", { _ = try db.generateCoaching(period: month, plan: .standard, team: "nope", actor: "t") }),
      ("performance", { _ = try db.performance(period: month, plan: .standard, team: "nope") }),
      ("quality", { _ = try db.quality(period: "2026-11", team: "nope") }),
      ("weak areas", { _ = try db.weakAreas(ReportFilter(period: "2026-11", team: "nope")) }),
      ("transcribed calls", { _ = try db.transcribedCalls(period: "2026-11", team: "nope") }),
    ]
    for (name, read) in reads {
      #expect(throws: Self.noTeam, "\(name)") { try read() }
    }
    // and the same reads of a known team answer
    #expect(try db.agents(team: "T1").map(\.code) == ["A1"])
    #expect(try db.coverage(period: month, team: "T1").agents.map(\.agent) == ["A1"])
    // coaching wrote nothing for the refused team
    #expect(try db.coachingTasks(period: nil, status: nil).isEmpty)
  }

  @Test func agentsInspectorsAndScorecardsAreCheckedByCodeAndReference() throws {
    let store = try TestStore()
    let db = store.db
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    #expect(throws: CallQAError.notFound("unknown agent 'NOPE'")) { try db.evaluations(EvaluationFilter(agent: "NOPE")) }
    #expect(throws: CallQAError.notFound("unknown agent 'NOPE'")) { try db.agentsReport(ReportFilter(agent: "NOPE")) }
    #expect(throws: CallQAError.notFound("unknown inspector 'QA9'")) { try db.latestDraftId(inspector: "QA9") }
    #expect(throws: CallQAError.notFound("unknown inspector 'QA9'")) { try db.check(FilterNames(inspector: "QA9")) }
    for reference in ["nope", "calib-test@2"] {
      let refused = CallQAError.notFound("unknown scorecard '\(reference)'")
      #expect(throws: refused) { try db.evaluations(EvaluationFilter(scorecard: reference)) }
      #expect(throws: refused) { try db.trainingCases(CaseFilter(scorecard: reference)) }
      #expect(throws: refused) { try db.trend(ReportFilter(scorecard: reference)) }
    }
    // KEY and KEY@VERSION both name the stored scorecard, in lists and reports alike
    #expect(try db.evaluations(EvaluationFilter(scorecard: "calib-test@1")).count == 1)
    #expect(try db.weakAreas(ReportFilter(scorecard: "calib-test@1")).evaluations == 1)
    #expect(try db.weakAreas(ReportFilter(scorecard: "calib-test")).evaluations == 1)
    #expect(throws: CallQAError("'calib-test@x': the version after @ must be a whole number ≥ 1")) {
      try db.check(FilterNames(scorecard: "calib-test@x"))
    }
  }
}
