import Foundation
import GRDB
import Testing

@testable import CallQAKit

/// Conditions, bonus items, root causes and COPC error groups (issue 19), pinned with
/// hand-computed numbers on the `rich` fixture:
///
/// opening (verified yesno 10, cause required · greeting scale 10/5/0) · account, asked when
/// verified = yes (balance-read yesno 10 · change-confirmed yesno 10 na, asked unless greeting = 0) ·
/// closing (summary yesno 10, asked when greeting in [10, 5] or balance-read = na · save yesno 10 bonus).
/// No weights: w_s = the section's applicable ordinary points. max_score 105.
@Suite("Scorecard rules: conditions, bonus, root causes, error groups")
struct ScorecardRulesTests {
  static func rich() throws -> Scorecard {
    try ScorecardLoader.load(path: TestStore.fixture("scorecards/rich.yaml"))
  }

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) < 1e-9
  }

  @Test("a bonus lifts raw above the ordinary score; impact stays the ordinary points lost")
  func bonusWithinTheCap() throws {
    let card = try Self.rich()
    let result = try Evaluator.evaluate(
      card,
      answers: [
        "verified": .yes, "greeting": .level(10), "balance-read": .yes, "change-confirmed": .no, "summary": .yes, "save": .yes,
      ])
    // opening 20/20 = 100 (w 20) · account 10/20 = 50 (w 20) · closing (10 + bonus 10)/10 = 200 (w 10)
    #expect(result.sections.map(\.rawScore) == [100, 50, 200])
    // raw = (2000 + 1000 + 2000)/50 = 100; without the bonus (2000 + 1000 + 1000)/50 = 80.
    #expect(Self.close(result.rawScore, 100))
    #expect(Self.close(result.bonus, 20))
    #expect(Self.close(result.finalScore, 100))
    // change-confirmed: (20/50)·100·10/20 = 20 = 100 − 80; the bonus item costs nothing.
    #expect(Self.close(result.items.first { $0.key == "change-confirmed" }?.impact, 20))
    #expect(result.items.first { $0.key == "save" }?.impact == 0)
    #expect(Self.close(result.baseScore, 80))
    #expect(Self.close(result.items.reduce(0) { $0 + $1.impact }, 100 - result.baseScore))
  }

  @Test("max_score caps raw and final")
  func bonusCapped() throws {
    let card = try Self.rich()
    let result = try Evaluator.evaluate(
      card,
      answers: [
        "verified": .yes, "greeting": .level(10), "balance-read": .yes, "change-confirmed": .yes, "summary": .yes, "save": .yes,
      ])
    // (2000 + 2000 + 2000)/50 = 120 → 105; the bonus was 20 before the cap.
    #expect(result.rawScore == 105 && result.finalScore == 105)
    #expect(Self.close(result.bonus, 20))
    #expect(result.passed && result.band == nil)
  }

  @Test("a skipped section is not applicable; a skipped item counts as na for later conditions")
  func conditionsSkip() throws {
    let card = try Self.rich()
    // verified = no skips the account section; greeting 5 keeps summary asked.
    let answers: [String: Answer] = ["verified": .no, "greeting": .level(5), "summary": .no, "save": .yes]
    let states = card.itemStates(answers)
    #expect(states["balance-read"] == .skipped(.equals(item: "verified", value: "yes")))
    #expect(states["change-confirmed"]?.isSkipped == true)
    #expect(states["summary"] == .asked)
    let result = try Evaluator.evaluate(card, answers: answers)
    // opening 5/20 = 25 (w 20) · account n/a · closing (0 + 10)/10 = 100 (w 10)
    #expect(result.sections[1].applicable == false)
    #expect(Self.close(result.rawScore, 50))  // (500 + 1000)/30
    #expect(Self.close(result.bonus, 1000.0 / 30))
    let impact = Dictionary(uniqueKeysWithValues: result.items.map { ($0.key, $0.impact) })
    #expect(Self.close(impact["verified"], 100.0 / 3))  // (20/30)·100·10/20
    #expect(Self.close(impact["greeting"], 50.0 / 3))  // (20/30)·100·5/20
    #expect(Self.close(impact["summary"], 100.0 / 3))  // (10/30)·100·10/10
    #expect(result.items.filter(\.skipped).map(\.key) == ["balance-read", "change-confirmed"])
    #expect(result.items.first { $0.key == "balance-read" }?.answer == .notApplicable)

    // greeting 0 with verified = no: summary's `balance-read is na` holds through the skipped item.
    let states0 = card.itemStates(["verified": .no, "greeting": .level(0)])
    #expect(states0["summary"] == .asked)
    // greeting 0 with verified = yes: change-confirmed and summary are skipped, the closing
    // section has no ordinary item left and is not applicable, its bonus with it.
    let result0 = try Evaluator.evaluate(card, answers: ["verified": .yes, "greeting": .level(0), "balance-read": .yes, "save": .yes])
    #expect(result0.sections[2].applicable == false)
    #expect(result0.items.first { $0.key == "save" }?.earned == nil)
    #expect(Self.close(result0.rawScore, 2000.0 / 30))  // (20·50 + 10·100)/30
    #expect(result0.bonus == 0)
  }

  @Test("an undecided condition waits for its item")
  func undecided() throws {
    let card = try Self.rich()
    #expect(card.itemStates([:])["balance-read"] == .undecided)
    #expect(card.itemStates([:])["verified"] == .asked)
  }

  @Test("answers files refuse an answer for an item that is not asked, naming the condition and the line")
  func answersFileRefusesSkipped() throws {
    let card = try Self.rich()
    let text = """
      answers:
        verified: no
        greeting: 5
        balance-read: yes
        summary: yes
        save: no
      causes:
        verified: process
      """
    #expect {
      _ = try AnswerSheet.parse(text: text, file: "a.yaml", scorecard: card)
    } throws: { error in
      (error as? LocatedError)?.description
        == "a.yaml:4:17: item 'balance-read' is not asked (its condition 'verified = yes' does not hold): leave it unanswered"
    }
    // Left out, or na (how a skipped item is stored), it is accepted.
    let sheet = try AnswerSheet.parse(text: text.replacingOccurrences(of: "  balance-read: yes\n", with: ""), file: "a.yaml", scorecard: card)
    #expect(sheet.causes == ["verified": ["process"]])
    _ = try AnswerSheet.parse(text: text.replacingOccurrences(of: "balance-read: yes", with: "balance-read: na"), file: "a.yaml", scorecard: card)
  }

  @Test("root causes: required where the item says so, only for lost points, only offered ones")
  func causeChecks() throws {
    let card = try Self.rich()
    let base = "answers: {verified: no, greeting: 5, summary: yes, save: no}\n"
    func refusal(_ text: String) -> String? {
      do {
        _ = try AnswerSheet.parse(text: text, file: "c.yaml", scorecard: card)
        return nil
      } catch { return (error as? LocatedError)?.message ?? "\(error)" }
    }
    #expect(refusal(base) == "item 'verified' lost points and needs a root cause (one of process, knowledge)")
    #expect(refusal(base + "causes: {verified: attitude}") == "item 'verified': unknown root cause 'attitude' (allowed: process, knowledge)")
    #expect(refusal(base + "causes: {verified: [process], summary: [knowledge]}") == "item 'summary' lost no points: it takes no root cause")
    #expect(refusal(base + "causes: {verified: [process, process]}") == "item 'verified': root cause 'process' is given twice")
    let sheet = try AnswerSheet.parse(text: base + "causes: {verified: [process, knowledge], greeting: attitude}", file: "c.yaml", scorecard: card)
    #expect(sheet.causes == ["verified": ["process", "knowledge"], "greeting": ["attitude"]])
  }

  @Test("stored causes, the root-causes Pareto and error-group accuracy")
  func storeAndReports() throws {
    let db = try QADatabase.inMemory()
    try db.importScorecard(try Self.rich(), actor: "test")
    try db.addAgent(AgentInput(code: "A1", name: "Agent One", team: "T1"), actor: "test")
    try db.addAgent(AgentInput(code: "A2", name: "Agent Two", team: "T2"), actor: "test")
    try db.addInspector(code: "QA1", name: "QA1", actor: "test")
    let card = try db.scorecard(reference: "rich@1")
    func submit(_ call: String, _ agent: String, _ sheet: AnswerSheet) throws -> Int64 {
      try db.submit(
        EvaluationSubmission(
          scorecard: card, agentCode: agent, inspectorCode: "QA1", call: CallInput(externalId: call, startedAt: "2026-11-03T09:00:00+08:00"),
          kind: .monitoring, sheet: sheet, actor: Actor.singleDesk(osUser: "QA1")))
    }
    // 1: verified no (compliance error, cause process+knowledge), greeting 5 (customer error, cause attitude).
    let first = try submit(
      "C1", "A1",
      AnswerSheet(
        answers: ["verified": .no, "greeting": .level(5), "summary": .yes, "save": .no],
        causes: ["verified": ["process", "knowledge"], "greeting": ["attitude"]]))
    // 2: everything right but change-confirmed (business error, cause process).
    _ = try submit(
      "C2", "A2",
      AnswerSheet(
        answers: ["verified": .yes, "greeting": .level(10), "balance-read": .yes, "change-confirmed": .no, "summary": .yes, "save": .yes],
        causes: ["change-confirmed": ["process"]]))
    // A skipped item with an answer is refused on the one write path too.
    #expect(throws: CallQAError.self) {
      try submit(
        "C3", "A1",
        AnswerSheet(answers: ["verified": .no, "greeting": .level(10), "balance-read": .yes, "summary": .yes, "save": .no], causes: ["verified": ["process"]]))
    }
    let rows = try db.read { db in
      try ItemScoreRecord.filter(ItemScoreRecord.Columns.evaluationId == first).fetchAll(db)
    }
    #expect(rows.first { $0.item == "verified" }?.causes == #"["process","knowledge"]"#)
    let skipped = try #require(rows.first { $0.item == "balance-read" })
    #expect(skipped.answer == "na" && skipped.na && skipped.impact == 0 && skipped.earned == nil)
    #expect(try db.doctor().findings.isEmpty)

    let report = try db.rootCauses(ReportFilter())
    #expect(report.evaluations == 2)
    #expect(report.lostItems == 3 && report.withCause == 3)
    #expect(report.causes.map(\.cause) == ["process", "attitude", "knowledge"])
    #expect(report.causes.map(\.mentions) == [2, 1, 1])
    #expect(Self.close(report.causes[0].share, 50) && Self.close(report.causes[0].cumulativeShare, 50))
    // Evaluation 1 (w 20 opening, 10 closing, Σw 30): verified 100/3 split over two causes,
    // greeting 50/3; evaluation 2: change-confirmed (20/50)·100·10/20 = 20. Per evaluation: ÷ 2.
    #expect(Self.close(report.causes[0].meanLost, (50.0 / 3 + 20) / 2))
    #expect(Self.close(report.causes[1].meanLost, 25.0 / 3))
    #expect(report.teams.map { "\($0.team ?? "-"):\($0.cause):\($0.mentions)" } == ["T1:attitude:1", "T1:knowledge:1", "T1:process:1", "T2:process:1"])
    #expect(report.items.contains { $0.item == "verified" && $0.cause == "knowledge" && $0.share == 50 })

    let accuracy = try db.accuracy(ReportFilter())
    #expect(accuracy.centre.evaluations == 2)
    #expect(accuracy.centre.customer.rate == 50)  // greeting lost points in 1
    #expect(accuracy.centre.business.rate == 50)  // change-confirmed lost points in 2
    #expect(accuracy.centre.compliance.rate == 50)  // verified failed in 1
    #expect(accuracy.agents.map { $0.compliance.rate } == [0, 100])
    #expect(accuracy.teams.map(\.key) == ["T1", "T2"])
    // Narrowed to a team, the centre row stays the whole centre's.
    let team = try db.accuracy(ReportFilter(team: "T1"))
    #expect(team.centre.evaluations == 2 && team.teams.map(\.key) == ["T1"] && team.agents.map(\.key) == ["A1"])
    #expect(team.teams.first?.compliance.rate == 0)
    // Weak areas say that the raw scores of bonus scorecards include points no impact accounts for.
    let weak = try db.weakAreas(ReportFilter())
    #expect(weak.bonusInScope && weak.identityLine(.en).contains("before bonus points"))
    let lost: Double = (100.0 / 3 + 50.0 / 3 + 20) / 2
    #expect(Self.close(weak.totalMeanImpact, lost))
  }

  @Test("the interactive session skips items whose condition does not hold and asks root causes")
  func sessionSkipsAndAsksCauses() throws {
    var session = ScoringSession(scorecard: try Self.rich(), language: "en")
    _ = session.start()
    #expect(session.currentItem == "verified")
    // "no" loses points: the causes are asked, and required here.
    var step = session.handle("n")
    #expect(step.prompt?.hasPrefix("root cause of the lost points (1 Process unfamiliar · 2 Knowledge gap") == true)
    step = session.handle("")
    #expect(step.lines == ["this item needs a root cause"])
    step = session.handle("3")
    #expect(step.lines.first?.hasPrefix("✗ '3' is not a root cause here") == true)
    step = session.handle("1, knowledge")
    #expect(step.effects.first == .recordCauses(item: "verified", causes: ["process", "knowledge"]))
    #expect(session.currentItem == "greeting")
    // Greeting 5 loses points; its cause is optional (Enter skips). Then the account section is
    // skipped (verified = no) and summary asked.
    _ = session.handle("2")
    _ = session.handle("")
    #expect(session.currentItem == "summary")
    _ = session.handle("y")
    #expect(session.currentItem == "save")
    #expect(session.handle("y").prompt == session.commentPrompt)
    let review = session.handle("")
    #expect(review.output.contains(.breakdown))
    #expect(session.causes == ["verified": ["process", "knowledge"]])
    // opening 5/20 = 25 (w 20) · account n/a · closing (10 + bonus 10)/10 = 200 (w 10): (500 + 2000)/30
    #expect(Self.close(try session.result().rawScore, 2500.0 / 30))
    // Editing a skipped item is refused with its condition.
    _ = session.handle("e")
    let edit = session.handle("balance-read")
    #expect(edit.lines == ["item 'balance-read' is not asked: its condition 'verified = yes' does not hold"])
  }

  @Test("drafts: the library decides what is asked, refuses unasked answers and drops stale ones at submit")
  func draftRules() throws {
    let db = try QADatabase.inMemory()
    try db.importScorecard(try Self.rich(), actor: "test")
    try db.addAgent(AgentInput(code: "A1", name: "Agent One", team: "T1"), actor: "test")
    try db.addInspector(code: "QA1", name: "QA1", actor: "test")
    let id = try db.createDraft(
      DraftInput(
        scorecard: try db.scorecard(reference: "rich@1"), agentCode: "A1", inspectorCode: "QA1",
        call: CallInput(externalId: "C1", startedAt: "2026-11-03T09:00:00+08:00"), actor: "QA1"))
    func record(_ item: String, _ answer: Answer) throws { try db.recordDraftAnswer(draft: id, item: item, answer: answer, actor: "QA1") }
    try record("verified", .yes)
    try record("greeting", .level(10))
    try record("balance-read", .yes)
    try record("change-confirmed", .no)
    try db.recordDraftCauses(draft: id, item: "change-confirmed", causes: ["process"], actor: "QA1")
    // A cause for an item that lost nothing is refused.
    #expect(throws: CallQAError.self) { try db.recordDraftCauses(draft: id, item: "balance-read", causes: ["process"], actor: "QA1") }
    // verified turns to no: the account section is no longer asked; its answers stay stored but
    // are not part of the sheet, and answering it now is refused with its condition.
    try record("verified", .no)
    try db.recordDraftCauses(draft: id, item: "verified", causes: ["knowledge"], actor: "QA1")
    let draft = try db.draft(id: id)
    #expect(draft.askedItems.map(\.item.key) == ["verified", "greeting", "summary", "save"])
    #expect(draft.unanswered == ["summary", "save"])
    #expect(draft.sheet.answers["balance-read"] == nil && draft.sheet.causes == ["verified": ["knowledge"]])
    #expect {
      try record("balance-read", .no)
    } throws: { error in
      (error as? CallQAError)?.message == "item 'balance-read' is not asked (its condition 'verified = yes' does not hold): leave it unanswered"
    }
    try record("summary", .yes)
    try record("save", .yes)
    let result = try db.submitDraft(id, actor: "QA1")
    // opening (0 + 10)/20 = 50 (w 20) · account n/a · closing (10 + bonus 10)/10 = 200 (w 10): (1000 + 2000)/30 = 100
    #expect(Self.close(result.rawScore, 100))
    let detail = try db.evaluation(id: id)
    #expect(detail.items.first { $0.key == "balance-read" }?.answer == "na")
    #expect(detail.items.first { $0.key == "verified" }?.causes == ["knowledge"])
    #expect(detail.items.first { $0.key == "change-confirmed" }?.causes == nil)
    #expect(try db.doctor().findings.isEmpty)
  }

  @Test("the shipped version 1 scorecards keep their fingerprints")
  func shippedFingerprintsUnchanged() throws {
    let prefixes = try ShippedScorecards.all().filter { $0.version == 1 }.map { "\($0.reference) \(try $0.fingerprint.prefix(12))" }
    #expect(
      prefixes == [
        "complaint-handling@1 aac67b551e41", "inbound-service@1 845957cb9554", "outbound-sales@1 bc41293e6ddf",
      ])
  }
}
