import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("Auto-QA storage: proposed/overridden per item and the auto-rules report")
struct AutoRuleStatsTests {
  /// A database with the auto-mini card, one agent and one inspector.
  struct Fixture {
    let db: QADatabase
    let card: StoredScorecard

    init() throws {
      db = try QADatabase.inMemory()
      try db.importScorecard(try AutoScorerTests.card(), actor: "test")
      card = try db.scorecard(reference: "auto-mini")
      try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "test")
      try db.addInspector(code: "QA1", name: "李质检", actor: "test")
    }

    /// Submits full marks except `answers`, with `proposed` as the stored proposals.
    @discardableResult
    func submit(call: String, month: String, answers: [String: Answer], proposed: [String: String]) throws -> Int64 {
      var all = StoreFixture.perfectAnswers(card.scorecard)
      all.merge(answers) { $1 }
      return try db.submit(
        EvaluationSubmission(
          scorecard: card, agentCode: "A001", inspectorCode: "QA1",
          call: CallInput(externalId: call, startedAt: "\(month)-03T09:15:00+08:00"), kind: .monitoring,
          sheet: AnswerSheet(answers: all, proposals: proposed), actor: "QA1"))
    }
  }

  @Test func migrationAddsTheColumns() throws {
    let db = try QADatabase.inMemory()
    #expect(try db.appliedMigrations().contains("Add auto-QA proposals to item scores"))
    let columns = try db.read { db in try db.columns(in: "item_scores").map(\.name) }
    #expect(columns.contains("proposed") && columns.contains("overridden"))
  }

  @Test func proposalsAreStoredWithTheOverrideFlag() throws {
    let f = try Fixture()
    let id = try f.submit(
      call: "C1", month: "2026-11", answers: ["no-abuse": .no, "forbidden": .count(1)],
      proposed: ["no-abuse": "no", "forbidden": "2"])
    let items = try f.db.evaluation(id: id).items
    let abuse = try #require(items.first { $0.key == "no-abuse" })
    #expect(abuse.proposed == "no" && abuse.overridden == false)
    let forbidden = try #require(items.first { $0.key == "forbidden" })
    #expect(forbidden.proposed == "2" && forbidden.overridden == true)
    let empathy = try #require(items.first { $0.key == "empathy" })
    #expect(empathy.proposed == nil && empathy.overridden == nil)
    // NULL in the database where nothing was proposed; JSON leaves the keys out.
    let nulls = try f.db.read { db in
      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM item_scores WHERE proposed IS NULL AND overridden IS NULL")
    }
    #expect(nulls == 9)
    let json = try JSONText.pretty(try f.db.evaluation(id: id))
    #expect(json.contains("\"overridden\" : true"))
    #expect(json.components(separatedBy: "\"proposed\"").count - 1 == 2)
  }

  @Test("the flow an interactive session follows: propose, confirm all but one, submit")
  func proposeConfirmOverrideSubmit() throws {
    let f = try Fixture()
    // Given the proposals for a transcript
    let proposals = try AutoScorer.propose(try TranscriptFixtures.load("zh-bad.txt"), scorecard: f.card.scorecard)
    #expect(proposals.proposedAnswers.count == 10)
    // When the inspector keeps every proposal but one (the greeting was there, ASR missed it)
    var answers = StoreFixture.perfectAnswers(f.card.scorecard)
    for (key, proposal) in proposals { if let answer = proposal.answer { answers[key] = answer } }
    answers["greeting"] = .yes
    let id = try f.db.submit(
      EvaluationSubmission(
        scorecard: f.card, agentCode: "A001", inspectorCode: "QA1",
        call: CallInput(externalId: "C9", startedAt: "2026-11-05T09:00:00+08:00"), kind: .monitoring,
        sheet: AnswerSheet(answers: answers, proposals: proposals.proposedAnswers), actor: "QA1"))
    // Then only that item is stored as overridden, and unjudged items carry no proposal
    let items = try f.db.evaluation(id: id).items
    #expect(items.filter { $0.overridden == true }.map(\.key) == ["greeting"])
    #expect(items.filter { $0.overridden == false }.count == 9)
    #expect(items.first { $0.key == "empathy" }?.proposed == nil)
    #expect(items.first { $0.key == "forbidden" }?.proposed == "4")
  }

  @Test func answersFileCarriesProposals() throws {
    let card = try AutoScorerTests.card()
    var lines = ["answers:"]
    for (_, item) in card.allItems { lines.append("  \(item.key): \(item.type == .yesno ? "yes" : item.type == .scale ? "10" : "0")") }
    lines += ["proposed:", "  closing: 'no'", "  forbidden: 2", "  empathy:"]
    let sheet = try AnswerSheet.parse(text: lines.joined(separator: "\n"), file: "a.yaml", scorecard: card)
    #expect(sheet.proposals == ["closing": "no", "forbidden": "2"])
    let bad = lines.joined(separator: "\n").replacingOccurrences(of: "forbidden: 2", with: "forbidden: many")
    #expect(throws: LocatedError.self) { try AnswerSheet.parse(text: bad, file: "a.yaml", scorecard: card) }
    do {
      _ = try AnswerSheet.parse(text: bad, file: "a.yaml", scorecard: card)
    } catch let error as LocatedError {
      #expect(error.description == "a.yaml:15:14: proposed: item 'forbidden': answer an occurrence count, not 'many'")
    }
  }

  /// proposed, fired, overridden, false alarms, missed.
  static func counts(_ stat: AutoRuleStat) -> [Int] {
    [stat.proposed, stat.fired, stat.overridden, stat.falseAlarms, stat.missed]
  }

  @Test func reportCountsMatchHandComputedNumbers() throws {
    let f = try Fixture()
    // E1: abuse proposed no, kept; forbidden proposed 2, inspector 1 (overridden, still a fault);
    //     closing proposed yes, kept.
    try f.submit(
      call: "C1", month: "2026-11", answers: ["no-abuse": .no, "forbidden": .count(1)],
      proposed: ["no-abuse": "no", "forbidden": "2", "closing": "yes"])
    // E2: abuse proposed no, inspector yes (false alarm); forbidden proposed 0, inspector 1
    //     (missed); closing proposed no, kept.
    try f.submit(
      call: "C2", month: "2026-11", answers: ["forbidden": .count(1), "closing": .no],
      proposed: ["no-abuse": "no", "forbidden": "0", "closing": "no"])
    // E3: abuse proposed yes, kept; closing proposed no, inspector yes (false alarm).
    try f.submit(call: "C3", month: "2026-11", answers: [:], proposed: ["no-abuse": "yes", "closing": "no"])
    // E4, October: abuse proposed no, inspector yes (false alarm).
    try f.submit(call: "C4", month: "2026-10", answers: [:], proposed: ["no-abuse": "no"])

    let november = try f.db.autoRuleStats(period: "2026-11")
    #expect(november.map(\.item) == ["closing", "forbidden", "no-abuse"])
    let closing = november[0], forbidden = november[1], abuse = november[2]
    // closing: proposed 3, fired 2 (E2, E3), overridden 1 (E3), false alarm 1 → precision 1/2, agreement 2/3.
    #expect(Self.counts(closing) == [3, 2, 1, 1, 0])
    #expect(closing.precision == 0.5 && closing.agreement == 2.0 / 3)
    #expect(closing.rule == .require && closing.scorecard == "auto-mini@1")
    // forbidden: proposed 2, fired 1 (E1), overridden 2, no false alarm, 1 missed (E2).
    #expect(Self.counts(forbidden) == [2, 1, 2, 0, 1])
    #expect(forbidden.precision == 1 && forbidden.agreement == 0)
    // no-abuse: proposed 3, fired 2, overridden 1 (E2), false alarm 1.
    #expect(Self.counts(abuse) == [3, 2, 1, 1, 0])
    #expect(abuse.precision == 0.5)

    let all = try f.db.autoRuleStats()
    let abuseAll = try #require(all.first { $0.item == "no-abuse" })
    // Adding October's false alarm: fired 3, false alarms 2 → precision 1/3.
    #expect(Self.counts(abuseAll) == [4, 3, 2, 2, 0])
    #expect(abuseAll.precision == 1.0 / 3)
    #expect(try f.db.autoRuleStats(period: "2026-09").isEmpty)
  }
}
