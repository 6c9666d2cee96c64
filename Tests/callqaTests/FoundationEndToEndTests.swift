import Foundation
import Testing

@Suite("init → score --answers → evaluation show, through the built binary")
struct FoundationEndToEndTests {
  static let answers = """
    answers:
      three-rings: yes
      greeting: 5
      enunciation: 5
      closing: yes
      accurate-info: 15
      needs-identified: yes
      solved-within-policy: yes
      let-customer-finish: 1
      acknowledge: no
      hold-etiquette: na
      forbidden-phrases: 0
      first-contact-ownership: yes
      correct-transfer: na
      complaint-recorded: na
      identity-verified: yes
      data-confidential: yes
      no-abuse: yes
    notes:
      acknowledge: 客户抱怨时说了“好好好”
    comment: 整体不错
    """

  @Test func initWithTheLatestScorecardsStartsANewCentreOnVersionTwo() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let first = try cli.ok(["init", "--latest-scorecards"])
    for key in ["complaint-handling", "inbound-service", "outbound-sales"] {
      #expect(first.contains("loaded: \(key)@2  "), "\(first)")
      #expect(!first.contains("\(key)@1"))
    }
    let list = try #require(try CLIHarness.json(try cli.ok(["scorecard", "list", "--format", "json"])) as? [[String: Any]])
    #expect(list.map { "\($0["key"] ?? "")@\($0["version"] ?? "")" }.sorted() == ["complaint-handling@2", "inbound-service@2", "outbound-sales@2"])
    // Again: nothing new
    #expect(try cli.ok(["init", "--latest-scorecards"]).contains("already loaded: inbound-service@2"))
    // The account section is asked only once the caller's identity is verified
    #expect(try cli.ok(["scorecard", "show", "inbound-service"]).contains("asked when identity-verified = yes"))
  }

  @Test func scoreAndShowAsJSON() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // Given a fresh database with the shipped scorecards, an agent and an inspector
    let initOut = try cli.ok(["init"])
    #expect(initOut.contains("inbound-service@1"))
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let answers = try cli.write("answers.yaml", Self.answers)
    // When the call is scored from the answers file
    let scored = try cli.ok([
      "score", "--scorecard", "inbound-service", "--agent", "A001", "--call", "C-1", "--inspector", "QA1",
      "--answers", answers, "--call-started-at", "2026-11-03T09:15:00+08:00", "--format", "json",
    ])
    let json = try #require(try CLIHarness.json(scored) as? [String: Any])
    // Then the JSON contract holds the hand-computed scores:
    // courtesy 20/25 = 80, knowledge 100, call-control 8/15, escalation 100, compliance 100,
    // raw = (25·80 + 30·100 + 20·53.33 + 15·100 + 10·100) / 100 = 85.666…
    let raw = try #require(json["raw_score"] as? Double)
    #expect(abs(raw - (2000 + 3000 + 20 * 800.0 / 15 + 1500 + 1000) / 100) < 1e-9)
    #expect(json["final_score"] as? Double == raw)
    #expect(json["passed"] as? Bool == true)
    #expect(json["band"] as? String == "Good")
    #expect(json["critical_failed"] as? Bool == false)
    #expect((json["scorecard"] as? [String: Any])?["key"] as? String == "inbound-service")
    #expect((json["scorecard"] as? [String: Any])?["version"] as? Int == 1)
    #expect(json["agent"] as? String == "A001")
    #expect(json["inspector"] as? String == "QA1")
    #expect(json["call"] as? String == "C-1")
    #expect(json["kind"] as? String == "monitoring")
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.count == 17)
    let acknowledge = try #require(items.first { $0["key"] as? String == "acknowledge" })
    #expect(acknowledge["note"] as? String == "客户抱怨时说了“好好好”")
    #expect(acknowledge["earned"] as? Double == 0)
    #expect(abs((acknowledge["impact"] as? Double ?? 0) - 20.0 / 100 * 100 * 5 / 15) < 1e-9)
    let hold = try #require(items.first { $0["key"] as? String == "hold-etiquette" })
    #expect(hold["na"] as? Bool == true)
    #expect(hold["earned"] is NSNull)
    let impactSum = items.compactMap { $0["impact"] as? Double }.reduce(0, +)
    #expect(abs(impactSum - (100 - raw)) < 1e-9)
    let sections = try #require(json["sections"] as? [[String: Any]])
    #expect(sections.map { $0["key"] as? String } == ["courtesy", "knowledge", "call-control", "escalation", "compliance"])
    for key in ["key", "score", "weight", "applicable"] { #expect(sections[0][key] != nil) }

    // And `evaluation show --format json` returns the same document
    let id = try #require(json["id"] as? Int)
    let shown = try cli.ok(["evaluation", "show", String(id), "--format", "json"])
    let again = try #require(try CLIHarness.json(shown) as? NSDictionary)
    #expect(again == (json as NSDictionary))
    // And the table view shows the breakdown
    let table = try cli.ok(["evaluation", "show", String(id)])
    #expect(table.contains("raw 85.7  final 85.7  PASS  band: Good"))
  }

  @Test func badAnswersAreRefusedAndNothingIsWritten() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let cases: [(String, String, String)] = [
      ("greeting: 5", "greeting: 7", "answers.yaml:3:13: item 'greeting': 7 is not a level score (allowed: 10, 5, 0)"),
      ("three-rings: yes", "three-rings: na", "answers.yaml:2:16: item 'three-rings': N/A is not allowed for this item"),
      ("forbidden-phrases: 0", "forbidden-phrases: -1", "item 'forbidden-phrases': the occurrence count cannot be negative (-1)"),
      ("closing: yes", "closing: maybe", "item 'closing': answer yes or no, not 'maybe'"),
      ("closing: yes", "closing: yes\n  unknown-item: yes", "unknown item 'unknown-item' (not on scorecard inbound-service@1)"),
      ("  no-abuse: yes\n", "", "no answer for item 'no-abuse'"),
    ]
    for (from, to, message) in cases {
      let path = try cli.write("answers.yaml", Self.answers.replacingOccurrences(of: from, with: to))
      let stderr = try cli.fails([
        "score", "--scorecard", "inbound-service", "--agent", "A001", "--call", "C-1", "--inspector", "QA1", "--answers", path,
      ])
      #expect(stderr.contains(message), "expected \(message) in \(stderr)")
      #expect(stderr.split(separator: "\n").count == 1, "one-line error: \(stderr)")
    }
    let list = try cli.ok(["evaluation", "list", "--format", "json"])
    #expect(list.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.contains("[]"))
  }
}
