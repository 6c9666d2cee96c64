import GRDB
import Testing

@testable import CallQAKit

@Suite("Pre-filled drafts in the store: proposals kept per item, overrides stored on submission")
struct PrefillStoreTests {
  /// The inbound draft of call C-1, whose transcript is the good-call fixture.
  static func draft() throws -> (DraftStoreTests.Fixture, Int64) {
    let f = try DraftStoreTests.fixture()
    try f.db.attachTranscript(
      CallInput(externalId: "C-1", startedAt: "2026-11-03T09:15:00+08:00", transcript: TranscriptFixtures.path("zh-good.txt")),
      agentCode: "A001", actor: "QA1")
    return (f, try DraftStoreTests.open(f))
  }

  @Test func proposalsComeFromTheCallsTranscript() throws {
    let (f, id) = try Self.draft()
    let proposals = try f.db.proposals(for: try f.db.draft(id: id), baseDirectory: nil)
    #expect(
      proposals.proposedAnswers == [
        "three-rings": "yes", "greeting": "10", "closing": "yes", "let-customer-finish": "0", "acknowledge": "yes",
        "forbidden-phrases": "0", "data-confidential": "yes", "no-abuse": "yes",
      ])
    // A call without a transcript gets none
    let other = try DraftStoreTests.open(f, call: "C-2")
    #expect(try f.db.proposals(for: try f.db.draft(id: other), baseDirectory: nil).isEmpty)
  }

  @Test func proposalsSurviveResumeAndOverridesAreStoredOnSubmission() throws {
    // Given a draft where the inspector accepted every proposal but the greeting
    let (f, id) = try Self.draft()
    let proposals = try f.db.proposals(for: try f.db.draft(id: id), baseDirectory: nil)
    var answers = StoreFixture.perfectAnswers(f.card)
    answers["greeting"] = .level(5)
    for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
      try f.db.recordDraftAnswer(draft: id, item: key, answer: answer, proposed: proposals[key]?.answer, actor: "QA1")
    }
    // When the draft is read again (as --resume does)
    let resumed = try f.db.draft(id: id)
    // Then it still knows what was proposed for each answered item
    #expect(resumed.proposals == proposals.proposedAnswers)
    #expect(resumed.sheet.proposals["greeting"] == "10")
    #expect(try f.db.draftPreview(id: id).items.filter { $0.overridden == true }.map(\.key) == ["greeting"])
    // When it is submitted
    try f.db.submitDraft(id, actor: "QA1")
    // Then every proposed item stores its proposal and only the greeting is overridden
    let items = try f.db.evaluation(id: id).items
    #expect(items.filter { $0.overridden == true }.map(\.key) == ["greeting"])
    #expect(items.filter { $0.overridden == false }.count == 7)
    #expect(items.first { $0.key == "greeting" }?.proposed == "10")
    #expect(items.first { $0.key == "greeting" }?.answer == "5")
    let enunciation = try #require(items.first { $0.key == "enunciation" })
    #expect(enunciation.proposed == nil && enunciation.overridden == nil)
    // And the auto-rules report counts the override
    let stats = try f.db.autoRuleStats(period: "2026-11")
    #expect(stats.count == 8)
    #expect(stats.map(\.proposed) == Array(repeating: 1, count: 8))
    #expect(stats.filter { $0.overridden == 1 }.map(\.item) == ["greeting"])
    // And the submitted rows are frozen
    #expect(throws: CallQAError.self) {
      try f.db.write { db in try db.execute(sql: "UPDATE item_scores SET overridden = 0 WHERE evaluation_id = ?", arguments: [id]) }
    }
  }

  @Test func answeringAgainReplacesTheProposalKept() throws {
    let (f, id) = try Self.draft()
    try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(5), proposed: .level(10), actor: "QA1")
    #expect(try f.db.draft(id: id).proposals == ["greeting": "10"])
    // Answered again in a session without proposals (say the transcript was removed)
    try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(10), actor: "QA1")
    #expect(try f.db.draft(id: id).proposals.isEmpty)
    // A proposal that is not a valid answer to the item is refused
    #expect(throws: (any Error).self) {
      try f.db.recordDraftAnswer(draft: id, item: "greeting", answer: .level(10), proposed: .yes, actor: "QA1")
    }
  }
}
