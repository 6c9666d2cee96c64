import Testing

@testable import CallQAKit

@Suite("ScoringSetup: agent, call, inspector and scorecard before scoring")
struct ScoringSetupTests {
  static let agents = [
    AgentRecord(code: "A001", name: "王小明", team: "一组", createdAt: "2026-11-01T00:00:00Z"),
    AgentRecord(code: "A002", name: "李娜", team: "二组", createdAt: "2026-11-01T00:00:00Z"),
    AgentRecord(code: "A003", name: "张伟", team: "二组", active: false, createdAt: "2026-11-01T00:00:00Z"),
  ]
  static let inspectors = [InspectorRecord(code: "QA1", name: "李质检", createdAt: "2026-11-01T00:00:00Z")]

  static func scorecards() throws -> [StoredScorecard] {
    try ShippedScorecards.all().enumerated().map {
      StoredScorecard(id: Int64($0.offset + 1), scorecard: $0.element, fingerprint: try $0.element.fingerprint, importedAt: "")
    }
  }

  static func setup(_ given: ScoringSetup.Given, language: String = "en") throws -> ScoringSetup {
    try ScoringSetup(
      given: given, agents: agents, inspectors: inspectors, scorecards: try scorecards(), language: language,
      callOwner: { $0 == "C-OLD" ? "A002" : nil })
  }

  @Test func everythingGivenAsksNothing() throws {
    var setup = try Self.setup(.init(agent: "A001", call: "C-1", inspector: "QA1", scorecard: "inbound-service"))
    let step = setup.start()
    #expect(step.isFinished)
    let choice = try #require(setup.choice)
    #expect(choice.agent == "A001")
    #expect(choice.call == "C-1")
    #expect(choice.inspector == "QA1")
    #expect(choice.recording == nil)
    #expect(choice.scorecard.scorecard.reference == "inbound-service@1")
  }

  @Test func asksWhatIsMissingAndReasksBadTypedValues() throws {
    var setup = try Self.setup(.init())
    let first = setup.start()
    #expect(first.prompt == "agent (# or code) > ")
    #expect(try setup.handle("NOBODY").lines == ["✗ unknown agent 'NOBODY'"])
    #expect(try setup.handle("2").prompt == "call id > ")
    // C-OLD belongs to A002: accepted, and an existing call asks no recording
    #expect(try setup.handle("C OLD").lines == ["✗ call id 'C OLD' must be at most 64 characters without spaces"])
    #expect(try setup.handle("C-OLD").prompt == "inspector code > ")
    #expect(try setup.handle("QA9").lines == ["✗ unknown inspector 'QA9' (known: QA1)"])
    let cards = try setup.handle("QA1")
    #expect(cards.prompt == "scorecard (# or key) > ")
    #expect(cards.tables.first?.rows.contains { $0.contains("Complaint handling") } == true)
    #expect(try setup.handle("outbound-sales@2").lines == ["✗ unknown scorecard 'outbound-sales@2'"])
    #expect(try setup.handle("3").isFinished)
    #expect(setup.choice?.agent == "A002")
    #expect(setup.choice?.call == "C-OLD")
    #expect(setup.choice?.scorecard.scorecard.key == "outbound-sales")
  }

  @Test func inChineseTheQuestionsAndTitlesAreChinese() throws {
    var setup = try Self.setup(.init(agent: "A001", call: "C-1", inspector: "QA1"), language: "zh")
    let cards = setup.start()
    #expect(cards.prompt == "评分表（序号或键名）> ")
    #expect(cards.tables.first?.rows.contains { $0.contains("投诉处理质检") } == true)
    #expect(try setup.handle("nope").lines == ["✗ 没有评分表“nope”"])
  }

  /// A given value is scripted: a bad one is refused when the setup is made, never asked
  /// again (a piped session would take its next lines as the answer).
  @Test(arguments: [
    (ScoringSetup.Given(agent: "NOBODY"), "unknown agent 'NOBODY'"),
    (ScoringSetup.Given(agent: "A003"), "agent 'A003' is not active"),
    (ScoringSetup.Given(agent: "1"), "unknown agent '1'"),
    (ScoringSetup.Given(agent: "A001", call: "C-OLD"), "call 'C-OLD' belongs to agent 'A002', not 'A001'"),
    (ScoringSetup.Given(call: "C 1"), "call id 'C 1' must be at most 64 characters without spaces"),
    (ScoringSetup.Given(inspector: "QA9"), "unknown inspector 'QA9' (known: QA1)"),
    (ScoringSetup.Given(scorecard: "outbound-sales@2"), "unknown scorecard 'outbound-sales@2'"),
    (ScoringSetup.Given(scorecard: "2"), "unknown scorecard '2'"),
    (
      ScoringSetup.Given(call: "C-NEW", callStartedAt: "yesterday"),
      "call start 'yesterday' is not ISO-8601 with an offset (e.g. 2026-11-03T09:15:00+08:00)"
    ),
  ])
  func givenValuesAreRefusedNotAsked(_ given: ScoringSetup.Given, _ message: String) throws {
    #expect(throws: CallQAError(message)) { try Self.setup(given) }
  }

  @Test func aFailingCallLookupIsThrownNotTakenForANewCall() throws {
    struct Broken: Error {}
    #expect(throws: Broken.self) {
      try ScoringSetup(
        given: .init(agent: "A001", call: "C-1"), agents: Self.agents, inspectors: Self.inspectors,
        scorecards: try Self.scorecards(), language: "en", callOwner: { _ in throw Broken() })
    }
  }

  @Test func aCallOfAnotherAgentIsRefusedAndANewCallAsksForItsRecording() throws {
    var setup = try Self.setup(.init(agent: "A001", inspector: "QA1", scorecard: "complaint-handling"))
    #expect(setup.start().prompt == "call id > ")
    #expect(try setup.handle("C-OLD").lines == ["✗ call 'C-OLD' belongs to agent 'A002', not 'A001'"])
    #expect(try setup.handle("C-NEW").prompt == "recording file of the new call (Enter: none) > ")
    #expect(try setup.handle("/rec/c-new.wav").isFinished)
    #expect(setup.choice?.recording == "/rec/c-new.wav")
  }

  @Test func theAgentOfAKnownCallIsTaken() throws {
    var setup = try Self.setup(.init(call: "C-OLD", inspector: "QA1", scorecard: "inbound-service@1"))
    #expect(setup.start().isFinished)
    #expect(setup.choice?.agent == "A002")
  }
}
