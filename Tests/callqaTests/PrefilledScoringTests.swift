import Foundation
import Testing

@Suite("callqa score pre-filled from the call's transcript: the built binary, stdin piped")
struct PrefilledScoringTests {
  /// init, an agent, an inspector and call C-1 with the good-call transcript.
  static func prepared() throws -> CLIHarness {
    let cli = try InteractiveScoringTests.prepared()
    let transcript = try cli.write("C-1.txt", try AutoscoreEndToEndTests.fixture("zh-good.txt"))
    try cli.ok([
      "autoscore", "attach", "--call", "C-1", "--agent", "A001", "--transcript", transcript,
      "--started-at", "2026-11-03T09:15:00+08:00", "--duration", "30",
    ])
    return cli
  }

  @Test func enterOnEveryProposalButOneStoresTheOverride() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    // Given a session that stops after three items: Enter on three-rings, greeting overridden (5, not 10)
    let stopped = try cli.fails(
      InteractiveScoringTests.scoreArguments("inbound-service"), stdin: InteractiveScoringTests.input(["", "5", "5"]))
    #expect(stopped.contains("input ended before the evaluation was finished: draft #1 kept"))
    // When the inspector resumes and presses Enter on every other proposal
    let rest = [
      "",  // closing: proposed yes
      "15", "y", "y",
      "",  // let-customer-finish: proposed 0
      "",  // acknowledge: proposed yes
      "na",
      "",  // forbidden-phrases: proposed 0
      "y", "na", "na", "y",
      "",  // data-confidential: proposed yes
      "",  // no-abuse: proposed yes
      "",  // no overall comment
      "s", "n",
    ]
    let out = try cli.ok(["score", "--resume", "1", "--inspector", "QA1", "--lang", "en"], stdin: InteractiveScoringTests.input(rest))
    // Then the proposals were computed again and shown with their evidence
    #expect(out.contains("continuing the draft: 3 of 17 items answered"))
    #expect(out.contains("auto-QA pre-filled 8 of 17 items from the transcript"))
    #expect(out.contains("    auto-QA proposes: yes — said by the agent in the last 3 turns: [00:23.5] “评价” (line 6)"))
    #expect(out.contains("✓ closing = yes (proposed)"))
    #expect(out.contains("auto-QA: 8 proposed, 1 overridden (greeting)"))
    #expect(out.contains("evaluation #1 submitted: final 95.0 PASS"))
    // And the evaluation stores, per item, the proposal and whether it was overridden
    let items = try #require(try InteractiveScoringTests.shown(cli, 1)["items"] as? [[String: Any]])
    func item(_ key: String) -> [String: Any] { items.first { $0["key"] as? String == key } ?? [:] }
    #expect(item("greeting")["proposed"] as? String == "10")
    #expect(item("greeting")["answer"] as? String == "5")
    #expect(item("greeting")["overridden"] as? Bool == true)
    #expect(item("three-rings")["proposed"] as? String == "yes")
    #expect(item("three-rings")["overridden"] as? Bool == false)
    #expect(items.filter { $0["overridden"] as? Bool == false }.count == 7)
    #expect(item("enunciation")["proposed"] == nil && item("enunciation")["overridden"] == nil)
    // And the auto-rules report counts the override
    let stats = try #require(try CLIHarness.json(try cli.ok(["report", "auto-rules", "--format", "json"])) as? [[String: Any]])
    #expect(stats.count == 8)
    #expect(stats.compactMap { $0["proposed"] as? Int }.reduce(0, +) == 8)
    #expect(stats.filter { $0["overridden"] as? Int == 1 }.compactMap { $0["item"] as? String } == ["greeting"])
    #expect(stats.first { $0["item"] as? String == "greeting" }?["agreement"] as? Double == 0)
    #expect(stats.first { $0["item"] as? String == "closing" }?["agreement"] as? Double == 1)
  }

  @Test func anUnreadableTranscriptIsReportedAndScoringGoesOn() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    // Given the transcript file has gone
    try FileManager.default.removeItem(atPath: cli.directory.appendingPathComponent("C-1.txt").path)
    // When the inspector scores the call, every item is asked as without a transcript
    let out = try cli.ok(
      InteractiveScoringTests.scoreArguments("inbound-service"), stdin: InteractiveScoringTests.input(ScoringScript.inbound.lines + ["", "s"]))
    #expect(out.contains("auto-QA: cannot read the transcript of call C-1:"))
    #expect(!out.contains("auto-QA proposes"))
    let items = try #require(try InteractiveScoringTests.shown(cli, 1)["items"] as? [[String: Any]])
    #expect(items.allSatisfy { $0["proposed"] == nil })
  }
}
