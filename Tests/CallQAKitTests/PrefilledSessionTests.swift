import Testing

@testable import CallQAKit

@Suite("ScoringSession pre-filled with auto-QA proposals: shown with evidence, Enter accepts, an answer overrides")
struct PrefilledSessionTests {
  /// A session on the shipped inbound-service scorecard, pre-filled from a transcript fixture.
  static func session(_ transcript: String) throws -> (ScoringSession, PromptStep) {
    let card = try ScoringSessionTests.scorecard("inbound-service")
    let proposals = try AutoScorer.propose(try TranscriptFixtures.load(transcript), scorecard: card)
    var session = ScoringSession(scorecard: card, language: "en", proposals: proposals)
    let first = session.start()
    return (session, first)
  }

  @Test func proposalIsShownWithItsEvidenceAndEnterAcceptsIt() throws {
    // Given the transcript of a good call (8 of the 17 inbound items have auto rules)
    var (session, first) = try Self.session("zh-good.txt")
    #expect(
      first.lines.contains(
        "auto-QA pre-filled 8 of 17 items from the transcript: Enter accepts a proposal, any other answer overrides it"))
    // Then the first item shows the proposal, its evidence and the proposed answer in the prompt
    #expect(first.lines.contains("    auto-QA proposes: yes — answered in time: first words at 00:03.2 (limit 10 s)"))
    #expect(first.prompt == "[1/17] three-rings (y/n) [auto: yes] > ")
    // When the inspector presses Enter
    let accepted = session.handle("")
    // Then the proposal is recorded as the answer, with the proposal
    #expect(accepted.effects == [.recordAnswer(item: "three-rings", answer: .yes, proposed: .yes)])
    #expect(accepted.lines.first == "✓ three-rings = yes (proposed)")
    // And the next item shows the matched words with their time and line
    #expect(
      accepted.lines.contains(
        "    auto-QA proposes: 10 Complete standard greeting — said by the agent in the first 1 turn: [00:03.2] “很高兴为您服务” (line 1)"))
    #expect(accepted.prompt == "[2/17] greeting (level 1-3 or score 10/5/0) [auto: 10] > ")
  }

  @Test func anotherAnswerOverridesTheProposal() throws {
    var (session, _) = try Self.session("zh-good.txt")
    _ = session.handle("")
    // When the inspector disagrees on the greeting (the agent did not name the centre)
    let overridden = session.handle("5")
    // Then the answer is recorded with the proposal it overrides
    #expect(overridden.effects == [.recordAnswer(item: "greeting", answer: .level(5), proposed: .level(10))])
    #expect(overridden.lines.first == "✓ greeting = 5 Partial (missing name or number) (overrides the proposal 10)")
    // And an item without a rule shows no proposal: Enter re-asks, as without a transcript
    #expect(session.currentItem == "enunciation")
    #expect(!overridden.lines.contains { $0.contains("auto-QA") })
    let empty = session.handle("")
    #expect(empty.effects.isEmpty)
    #expect(empty.lines == ["an answer is needed (type ? for help)"])
    #expect(session.currentItem == "enunciation")
    // And going back to the greeting shows that the current answer overrides the proposal
    _ = session.handle("b")
    #expect(session.handle("?").lines.contains("    (the current answer overrides the proposal)"))
  }

  @Test func typingTheProposedAnswerIsNoOverride() throws {
    var (session, _) = try Self.session("zh-good.txt")
    let typed = session.handle("y")
    #expect(typed.effects == [.recordAnswer(item: "three-rings", answer: .yes, proposed: .yes)])
    #expect(typed.lines.first == "✓ three-rings = yes (as proposed)")
  }

  @Test func everyPieceOfEvidenceIsListedUnderTheItem() throws {
    // Given a bad call, resumed with every item answered and a comment (the session opens on the review)
    let card = try ScoringSessionTests.scorecard("inbound-service")
    let proposals = try AutoScorer.propose(try TranscriptFixtures.load("zh-bad.txt"), scorecard: card)
    var answers = StoreFixture.perfectAnswers(card)
    answers["forbidden-phrases"] = .count(4)
    var session = ScoringSession(scorecard: card, language: "en", answers: answers, comment: "禁语四次", proposals: proposals)
    #expect(session.start().prompt == ScoringSession.menuPrompt)
    // When the inspector edits the forbidden phrases
    let shown = session.handle("e forbidden-phrases").lines
    // Then the four phrases counted are listed with their time and line
    #expect(
      shown.contains(
        "    auto-QA proposes: 4 occurrences — 4 said by the agent: [00:22.0] “不知道” (line 3)"))
    #expect(shown.contains("      [00:22.0] “这不归我管” (line 3)"))
    #expect(shown.contains("      [00:29.0] “没办法” (line 5)"))
    #expect(shown.contains("      [00:47.5] “不知道” (line 7)"))
    #expect(shown.contains("    current answer: 4 occurrences (Enter keeps it)"))
    #expect(!shown.contains("    (the current answer overrides the proposal)"))
  }

  @Test func itemsThatCannotBeJudgedAreAskedAsBefore() throws {
    // Given a transcript without timestamps: the first-response rule cannot judge
    var (session, first) = try Self.session("no-times.txt")
    #expect(first.lines.contains("    auto-QA: cannot judge: the transcript has no timestamps"))
    #expect(first.prompt == "[1/17] three-rings (y/n) > ")
    // When the inspector presses Enter, the item is asked again and nothing is recorded
    let step = session.handle("")
    #expect(step.effects.isEmpty && session.currentItem == "three-rings")
    // And an answer records no proposal
    #expect(session.handle("n").effects == [.recordAnswer(item: "three-rings", answer: .no, proposed: nil)])
  }
}
