import Foundation
import Testing

/// Issue #18 item 7: `dispute resolve ID --revise` without a file runs the scoring session
/// over the disputed answers; the revision in progress survives the end of input and is
/// continued, submitted through the same library call as a file, or discarded.
@Suite("dispute resolve --revise in the scoring session, pre-filled with the disputed answers")
struct DisputeReviseSessionTests {
  static func setUp(_ cli: CLIHarness) throws {
    try FairnessEndToEndTests.setUp(cli)
    // Evaluation 1 (greet no: 80, with a note and a comment) disputed by its agent.
    try cli.write(
      "noted.yaml",
      FairnessEndToEndTests.answers(greet: "no", tone: 10) + "notes:\n  tone: 语速偏快\ncomment: 开头缺问候\n")
    try cli.ok([
      "score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-2", "--inspector", "QA2",
      "--answers", "noted.yaml", "--call-started-at", "2026-11-04T10:00:00+08:00",
    ])
    try cli.ok(["dispute", "open", "2", "--by", "A1", "--reason", "我有问候"])
  }

  static func progressFile(_ cli: CLIHarness) -> String {
    (cli.database as NSString).deletingLastPathComponent + "/dispute-1-revision.json"
  }

  @Test func aRevisionChangesOneAnswerSurvivesTheEndOfInputAndIsSubmitted() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)
    // When the reviewer opens the session, changes greet to yes, and input ends
    let first = try cli.run(
      ["dispute", "resolve", "1", "--revise", "--by", "LEAD", "--note", "录音里有问候", "--db", cli.database], stdin: "e greet\ny\n")
    // Then the session opened on the disputed answers, and the change is kept, not submitted
    #expect(first.stdout.contains("revising evaluation #2 (dispute 1, call C-2, agent A1)"), "\(first.stdout)")
    #expect(first.stdout.contains("✓ greet = yes"))
    #expect(first.stdout.contains("s submit the revision · e edit an item · c comment · d keep for later · x discard > "))
    #expect(!first.stdout.contains("continuing the draft"))
    #expect(first.status != 0)
    #expect(first.stderr.contains("input ended before the revision was submitted: it is kept in"), "\(first.stderr)")
    let kept = try String(contentsOfFile: Self.progressFile(cli), encoding: .utf8)
    #expect(kept.contains("\"greet\" : \"yes\"") && kept.contains("\"tone\" : 10") && kept.contains("语速偏快"), "\(kept)")
    #expect(try cli.ok(["dispute", "list", "--status", "open"]).contains("1 dispute"))
    // When they run it again and submit
    let second = try cli.ok(["dispute", "resolve", "1", "--revise", "--by", "LEAD", "--note", "录音里有问候"], stdin: "s\nn\n")
    #expect(second.contains("continuing the revision kept in"))
    // Then the breakdown showed the revision before it was stored, and the dispute is resolved with it
    #expect(second.contains("final 80.0"), "\(second)")
    #expect(second.contains("revised as evaluation 3 (final 80.0)"), "\(second)")
    #expect(!FileManager.default.fileExists(atPath: Self.progressFile(cli)))
    // And the answers the review did not change, the note and the comment are the disputed ones
    let revision = try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", "3", "--format", "json"])) as? [String: Any])
    #expect(revision["comment"] as? String == "开头缺问候")
    let items = try #require(revision["items"] as? [[String: Any]])
    let tone = try #require(items.first { $0["key"] as? String == "tone" })
    #expect(tone["answer"] as? String == "10" && tone["note"] as? String == "语速偏快")
    #expect(items.first { $0["key"] as? String == "greet" }?["answer"] as? String == "yes")
    let audit = try #require(try CLIHarness.json(try cli.ok(["audit", "--evaluation", "3", "--format", "json"])) as? [[String: Any]])
    #expect(audit.compactMap { $0["action"] as? String }.suffix(3) == ["submit", "resolve", "revise"])
    // And a resolved dispute is refused before anything is asked
    let again = try cli.fails(["dispute", "resolve", "1", "--revise", "--by", "LEAD"], stdin: "s\n")
    #expect(again.contains("dispute 1 is revised: only an open dispute can be revised"), "\(again)")
  }

  @Test func discardingLeavesTheDisputeOpenAndNothingBehind() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)
    let out = try cli.ok(["dispute", "resolve", "1", "--revise", "--by", "LEAD"], stdin: "e greet\ny\nx\ny\n")
    #expect(out.contains("revision discarded: dispute 1 stays open"), "\(out)")
    #expect(!FileManager.default.fileExists(atPath: Self.progressFile(cli)))
    #expect(try cli.ok(["dispute", "list", "--status", "open"]).contains("1 dispute"))
    #expect(try cli.ok(["evaluation", "list"]).contains("2 evaluations"))
    // d keeps the revision without submitting it
    let kept = try cli.ok(["dispute", "resolve", "1", "--revise", "--by", "LEAD"], stdin: "e greet\ny\nd\n")
    #expect(kept.contains("revision kept in") && kept.contains("continue with callqa dispute resolve 1 --revise"), "\(kept)")
    #expect(FileManager.default.fileExists(atPath: Self.progressFile(cli)))
    // And the kept file is a complete answers file: --answers accepts it as is
    let resolved = try cli.ok(["dispute", "resolve", "1", "--revise", "--answers", Self.progressFile(cli), "--by", "LEAD"])
    #expect(resolved.contains("revised as evaluation 3 (final 80.0)"), "\(resolved)")
  }
}
