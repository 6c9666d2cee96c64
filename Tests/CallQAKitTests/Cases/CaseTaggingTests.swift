import Foundation
import Testing

@testable import CallQAKit

@Suite("Training cases: tagging rules, defaults, untag, suggestions")
struct CaseTaggingTests {
  @Test(arguments: EngineFixture.engines) func exemplaryDefaultsToTheItemsWithFullMarks(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    // Given an evaluation that lost only the greeting (final 95)
    let id = try fixture.score(CaseFixture.ninetyFive, call: "C-1")
    // When it is tagged with no skills
    let tagged = try fixture.db.tagCase(evaluationId: id, title: "标准开场", actor: "trainer")
    // Then the skills are every applicable full-mark item, in scorecard order (not greeting, not N/A items)
    #expect(
      tagged.skills == [
        "three-rings", "enunciation", "closing", "accurate-info", "needs-identified", "solved-within-policy",
        "let-customer-finish", "acknowledge", "forbidden-phrases", "first-contact-ownership", "identity-verified",
        "data-confidential", "no-abuse",
      ])
    #expect(tagged.kind == .exemplary)
    #expect(tagged.level == nil)
    #expect(tagged.clip == nil)
    #expect(tagged.createdBy == "local-admin (trainer)")
    #expect(abs((tagged.finalScore ?? 0) - 95) < 1e-9)
  }

  @Test(arguments: EngineFixture.engines) func cautionaryDefaultsToCriticalMissThenLargestLosses(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let id = try fixture.score(CaseFixture.weak, call: "C-2")
    let detail = try fixture.db.evaluation(id: id)
    #expect(abs((detail.rawScore ?? 0) - (100 - (7 + 20.0 * 5 / 15 + 5 + 10.0 * 5 / 15 + 20.0 * 2 / 15 + 2))) < 1e-9)
    let tagged = try fixture.db.tagCase(evaluationId: id, title: "Wrong info", kind: .cautionary, level: .beginner, actor: "t")
    // identity-verified is a critical miss (first), then accurate-info 7 and acknowledge 6.67
    #expect(tagged.skills == ["identity-verified", "accurate-info", "acknowledge"])
    #expect(tagged.level == .beginner)
  }

  @Test(arguments: EngineFixture.engines) func explicitSkillsClipAndNoteAreStoredAndAudited(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let id = try fixture.score(CaseFixture.perfect, call: "C-1", duration: 200)
    let tagged = try fixture.db.tagCase(
      evaluationId: id, title: "  Calm greeting  ", level: .intermediate, skills: ["greeting", " closing", "greeting"],
      clip: try ClipRange.parse("00:45-03:10"), note: "good tone", actor: "trainer")
    #expect(tagged.title == "Calm greeting")
    #expect(tagged.skills == ["greeting", "closing"])
    #expect(tagged.clip == (try ClipRange(start: 45, end: 190)))
    #expect(tagged.notes == "good tone")
    let audit = try fixture.caseAudit()
    #expect(audit.count == 1)
    #expect(audit[0].action == "tag")
    #expect(audit[0].actor == "local-admin (trainer)")
    #expect(audit[0].entityId == tagged.id)
    #expect(audit[0].after?.contains(#""clip_start":"45.0""#) == true)
    // Untag removes the case, keeps the evaluation and audits what was removed
    try fixture.db.untagCase(id: tagged.id, actor: "lead")
    #expect(try fixture.db.trainingCases(CaseFilter()).isEmpty)
    #expect(try fixture.db.evaluation(id: id).status == .submitted)
    let after = try fixture.caseAudit()
    #expect(after.map(\.action) == ["tag", "untag"])
    #expect(after[1].before?.contains("Calm greeting") == true)
    #expect(throws: CallQAError.notFound("no training case with id \(tagged.id)")) { try fixture.db.untagCase(id: tagged.id, actor: "lead") }
  }

  @Test(arguments: EngineFixture.engines) func invalidTagsAreRefusedAndNothingIsWritten(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let id = try fixture.score(CaseFixture.perfect, call: "C-1", duration: 120)
    let cases: [(String, () throws -> Void)] = [
      ("a case needs a title (--title)", { try fixture.db.tagCase(evaluationId: id, title: "  ", actor: "t") }),
      ("no evaluation with id 99", { try fixture.db.tagCase(evaluationId: 99, title: "x", actor: "t") }),
      (
        "skill 'greting' is not an item of scorecard inbound-service@1",
        { try fixture.db.tagCase(evaluationId: id, title: "x", skills: ["greting"], actor: "t") }
      ),
      (
        "clip 01:00-02:00.5 ends after the call (02:00 long)",
        { try fixture.db.tagCase(evaluationId: id, title: "x", clip: try ClipRange(start: 60, end: 120.5), actor: "t") }
      ),
      (
        "evaluation \(id) lost no points (final 100.0), so it shows nothing to avoid: pass --force to tag it as cautionary anyway",
        { try fixture.db.tagCase(evaluationId: id, title: "x", kind: .cautionary, actor: "t") }
      ),
      (
        "no item lost points, so there is no default skill for a cautionary case",
        { try fixture.db.tagCase(evaluationId: id, title: "x", kind: .cautionary, force: true, actor: "t") }
      ),
    ]
    for (message, attempt) in cases {
      let error = #expect(throws: CallQAError.self) { try attempt() }
      #expect(error?.message.contains(message) == true, "\(error?.message ?? "") should say \(message)")
    }
    #expect(try fixture.db.trainingCases(CaseFilter()).isEmpty)
    #expect(try fixture.caseAudit().isEmpty)
    // A clip ending exactly at the end of the call is fine; the same title twice is not
    try fixture.db.tagCase(evaluationId: id, title: "x", clip: try ClipRange(start: 60, end: 120), actor: "t")
    #expect(throws: CallQAError.conflict("evaluation \(id) is already case 1 ('x'): one case per evaluation (untag case 1 first)")) {
      try fixture.db.tagCase(evaluationId: id, title: "x", actor: "t")
    }
  }

  @Test(arguments: EngineFixture.engines) func anEvaluationIsAtMostOneCase(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let id = try fixture.score(CaseFixture.weak, call: "C-1")
    let first = try fixture.db.tagCase(evaluationId: id, title: "信息错误", kind: .cautionary, actor: "t")
    // A second case for the same evaluation is refused whatever its title, kind or --force,
    // naming the existing case; nothing is written
    let refusal = "evaluation \(id) is already case \(first.id) ('信息错误'): one case per evaluation (untag case \(first.id) first)"
    #expect(throws: CallQAError.conflict(refusal)) {
      try fixture.db.tagCase(evaluationId: id, title: "另一个标题", kind: .cautionary, skills: ["greeting"], actor: "t")
    }
    #expect(throws: CallQAError.conflict(refusal)) {
      try fixture.db.tagCase(evaluationId: id, title: "信息错误", kind: .exemplary, force: true, actor: "t")
    }
    #expect(try fixture.db.trainingCases(CaseFilter()).map(\.id) == [first.id])
    #expect(try fixture.caseAudit().map(\.action) == ["tag"])
    // Once untagged, the evaluation can be a case again
    try fixture.db.untagCase(id: first.id, actor: "t")
    let again = try fixture.db.tagCase(evaluationId: id, title: "另一个标题", kind: .cautionary, actor: "t")
    #expect(try fixture.db.trainingCases(CaseFilter()).map(\.id) == [again.id])
  }

  @Test(arguments: EngineFixture.engines) func anExemplaryCaseBelowTheExemplaryScoreNeedsForce(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    // Given a failing call (66.7, a section-critical miss) and one with an evaluation-critical miss (0)
    let weak = try fixture.score(CaseFixture.weak, call: "C-1")
    let critical = try fixture.score(CaseFixture.critical, call: "C-2")
    let atTheLine = try fixture.score(CaseFixture.ninetyFive, call: "C-3")
    // When they are tagged as exemplary, they are refused, naming the score and the line; nothing is written
    for (id, score) in [(weak, "66.7"), (critical, "0.0")] {
      let concern = "evaluation \(id) scores \(score), below the exemplary score 95 of inbound-service@1"
      #expect(try fixture.db.caseConcern(evaluationId: id, kind: .exemplary) == concern)
      #expect(throws: CallQAError("\(concern): pass --force to tag it as exemplary anyway")) {
        try fixture.db.tagCase(evaluationId: id, title: "范例", skills: ["three-rings"], actor: "t")
      }
    }
    #expect(try fixture.db.trainingCases(CaseFilter()).isEmpty)
    #expect(try fixture.caseAudit().isEmpty)
    // A call exactly at the exemplary score fits; with force the failing call is tagged too
    #expect(try fixture.db.caseConcern(evaluationId: atTheLine, kind: .exemplary) == nil)
    try fixture.db.tagCase(evaluationId: atTheLine, title: "标准", actor: "t")
    let forced = try fixture.db.tagCase(evaluationId: weak, title: "范例", skills: ["three-rings"], force: true, actor: "t")
    #expect(forced.kind == .exemplary && forced.skills == ["three-rings"])
    // As cautionary cases, both failing calls fit
    #expect(try fixture.db.caseConcern(evaluationId: critical, kind: .cautionary) == nil)
  }

  @Test(arguments: EngineFixture.engines) func aCautionaryCaseWithoutLostPointsNeedsForce(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let perfect = try fixture.score(CaseFixture.perfect, call: "C-1")
    let concern = "evaluation \(perfect) lost no points (final 100.0), so it shows nothing to avoid"
    #expect(try fixture.db.caseConcern(evaluationId: perfect, kind: .cautionary) == concern)
    #expect(throws: CallQAError("\(concern): pass --force to tag it as cautionary anyway")) {
      try fixture.db.tagCase(evaluationId: perfect, title: "反例", kind: .cautionary, skills: ["greeting"], actor: "t")
    }
    #expect(try fixture.db.trainingCases(CaseFilter()).isEmpty)
    #expect(try fixture.caseAudit().isEmpty)
    // Losing a single point is enough (95: greeting 5 of 10); so is forcing it
    let ninetyFive = try fixture.score(CaseFixture.ninetyFive, call: "C-2")
    #expect(try fixture.db.caseConcern(evaluationId: ninetyFive, kind: .cautionary) == nil)
    let forced = try fixture.db.tagCase(
      evaluationId: perfect, title: "反例", kind: .cautionary, skills: ["greeting"], force: true, actor: "t")
    #expect(forced.kind == .cautionary)
  }

  @Test(arguments: EngineFixture.engines) func onlySubmittedEvaluationsCanBeTagged(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let id = try fixture.score(CaseFixture.perfect, call: "C-1")
    try fixture.db.writeSQL { db in try db.execute("UPDATE evaluations SET status = 'revised' WHERE id = ?", id) }
    #expect(throws: CallQAError("evaluation \(id) is revised: only submitted evaluations can be tagged")) {
      try fixture.db.tagCase(evaluationId: id, title: "x", actor: "t")
    }
  }

  @Test func clipsAndLevelsParse() throws {
    #expect(try ClipRange.parse("00:45-03:10") == ClipRange(start: 45, end: 190))
    #expect(try ClipRange.parse("45-190.5") == ClipRange(start: 45, end: 190.5))
    #expect(try ClipRange.parse("1:00:00-1:00:30.25") == ClipRange(start: 3600, end: 3630.25))
    for bad in ["03:10-00:45", "00:45", "00:75-01:00", "a-b", "-1-5", "00:45-03:10-04:00", "1:2:3:4-5"] {
      #expect(throws: CallQAError.self, "\(bad)") { try ClipRange.parse(bad) }
    }
    #expect(ClipRange.format(190) == "03:10")
    #expect(ClipRange.format(45.5) == "00:45.5")
    #expect(ClipRange.format(3725) == "1:02:05")
    #expect(ClipRange.format(4.25) == "00:04.25")
    #expect(try CaseLevel.parse(" Advanced") == .advanced)
    #expect(throws: CallQAError("case level must be beginner, intermediate or advanced, not 'expert'")) { try CaseLevel.parse("expert") }
    #expect(throws: CallQAError("case kind must be exemplary or cautionary, not 'good'")) { try CaseKind.parse("good") }
  }

  @Test(arguments: EngineFixture.engines) func listFiltersBySkillLevelKindScorecardAndDates(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    let a = try fixture.score(CaseFixture.perfect, call: "C-1", startedAt: "2026-10-30T23:30:00+08:00")
    let b = try fixture.score(CaseFixture.weak, call: "C-2", agent: "A002", startedAt: "2026-11-05T10:00:00+08:00")
    let first = try fixture.db.tagCase(evaluationId: a, title: "Greeting", level: .beginner, skills: ["greeting"], actor: "t")
    let second = try fixture.db.tagCase(evaluationId: b, title: "Wrong info", kind: .cautionary, level: .advanced, actor: "t")
    let ids: (CaseFilter) throws -> [Int64] = { try fixture.db.trainingCases($0).map(\.id) }
    #expect(try ids(CaseFilter()) == [second.id, first.id])
    #expect(try ids(CaseFilter(skill: "greeting")) == [first.id])
    #expect(try ids(CaseFilter(skill: "accurate-info")) == [second.id])
    #expect(try ids(CaseFilter(skill: "closing")).isEmpty)
    #expect(try ids(CaseFilter(level: .advanced)) == [second.id])
    #expect(try ids(CaseFilter(kind: .exemplary)) == [first.id])
    #expect(try ids(CaseFilter(scorecard: "inbound-service@1")).count == 2)
    #expect(try ids(CaseFilter(scorecard: "outbound-sales")).isEmpty)
    // The call's local date counts: 2026-10-30 23:30 +08:00 is October although it is UTC 15:30
    #expect(try ids(CaseFilter(from: "2026-10-31")) == [second.id])
    #expect(try ids(CaseFilter(to: "2026-10-30")) == [first.id])
    #expect(try fixture.db.trainingCase(id: second.id).agent == "A002")
  }

  @Test(arguments: EngineFixture.engines) func suggestListsExemplaryBestFirstThenCriticalFailures(_ engine: StoreEngineKind) throws {
    let fixture = try CaseFixture(engine: engine)
    defer { fixture.cleanUp() }
    // Given: 95 and 100 (exemplary ≥ 95), 66.7 with a section-critical miss, 0 with an
    // evaluation-critical miss, an ordinary 90, a perfect calibration, a tagged perfect call, and
    // a perfect call in December
    let ninetyFive = try fixture.score(CaseFixture.ninetyFive, call: "C-95")
    let hundred = try fixture.score(CaseFixture.perfect, call: "C-100")
    let weak = try fixture.score(CaseFixture.weak, call: "C-weak")
    let critical = try fixture.score(CaseFixture.critical, call: "C-crit")
    try fixture.score(CaseFixture.perfect.merging(["accurate-info": "8"]) { $1 }, call: "C-90")
    try fixture.score(CaseFixture.perfect, call: "C-cal", kind: .calibration)
    let tagged = try fixture.score(CaseFixture.perfect, call: "C-tagged")
    try fixture.db.tagCase(evaluationId: tagged, title: "done", actor: "t")
    let december = try fixture.score(CaseFixture.perfect, call: "C-dec", startedAt: "2026-12-01T08:00:00+08:00")
    // When suggestions are asked for November
    let november = try fixture.db.caseSuggestions(period: "2026-11")
    // Then
    #expect(november.map(\.evaluationId) == [hundred, ninetyFive, weak, critical])
    #expect(november.map(\.kind) == [.exemplary, .exemplary, .cautionary, .cautionary])
    #expect(november[2].criticalItems == ["identity-verified"])
    #expect(november[3].criticalItems == ["data-confidential"])
    #expect(november[3].finalScore == 0)
    #expect(november[0].exemplaryScore == 95)
    #expect(try fixture.db.caseSuggestions().map(\.evaluationId) == [december, hundred, ninetyFive, weak, critical])
    #expect(throws: CallQAError("period must be YYYY-MM, not '2026-13'")) { try fixture.db.caseSuggestions(period: "2026-13") }
  }
}
