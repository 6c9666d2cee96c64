import CallQAKit
import Foundation
import Testing

/// Answers typed at the prompts for one shipped scorecard, with what each must store.
struct ScoringScript {
  var scorecard: String
  /// (line typed, item key, answer expected)
  var steps: [(line: String, item: String, answer: Answer)]

  var lines: [String] { steps.map(\.line) }
  var answers: [String: Answer] { Dictionary(uniqueKeysWithValues: steps.map { ($0.item, $0.answer) }) }

  static let inbound = ScoringScript(
    scorecard: "inbound-service",
    steps: [
      ("y", "three-rings", .yes), ("2", "greeting", .level(5)), ("3", "enunciation", .level(3)),
      ("yes", "closing", .yes), ("15", "accurate-info", .level(15)), ("n", "needs-identified", .no),
      ("是", "solved-within-policy", .yes), ("1", "let-customer-finish", .count(1)), ("y", "acknowledge", .yes),
      ("na", "hold-etiquette", .notApplicable), ("2", "forbidden-phrases", .count(2)),
      ("y", "first-contact-ownership", .yes), ("na", "correct-transfer", .notApplicable),
      ("y", "complaint-recorded", .yes), ("y", "identity-verified", .yes), ("y", "data-confidential", .yes),
      ("y", "no-abuse", .yes),
    ])

  static let outbound = ScoringScript(
    scorecard: "outbound-sales",
    steps: [
      ("10", "opening", .level(10)), ("y", "enunciation", .yes), ("y", "closing", .yes),
      ("2", "product-accuracy", .level(8)), ("y", "needs-discovery", .yes), ("na", "objection-handling", .notApplicable),
      ("0", "let-customer-finish", .count(0)), ("y", "confirm-order", .yes), ("na", "follow-up-promise", .notApplicable),
      ("na", "complaint-recorded", .notApplicable), ("n", "do-not-call", .no), ("y", "no-false-promises", .yes),
      ("y", "data-confidential", .yes), ("y", "no-abuse", .yes),
    ])

  static let complaint = ScoringScript(
    scorecard: "complaint-handling",
    steps: [
      ("y", "greeting", .yes), ("1", "let-customer-finish", .count(1)), ("5", "acknowledge", .level(5)),
      ("y", "apology", .yes), ("1", "policy-accuracy", .level(10)), ("y", "solution-within-policy", .yes),
      ("y", "calm-tone", .yes), ("na", "hold-etiquette", .notApplicable), ("y", "first-contact-ownership", .yes),
      ("y", "complaint-recorded", .yes), ("n", "reply-time", .no), ("na", "correct-escalation", .notApplicable),
      ("y", "never-ask-apology", .yes), ("y", "data-confidential", .yes), ("n", "no-abuse", .no),
    ])
}

@Suite("callqa score, interactive: answers piped to stdin of the built binary")
struct InteractiveScoringTests {
  static func prepared() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    return cli
  }

  static func scoreArguments(_ scorecard: String, call: String = "C-1") -> [String] {
    ["score", "--scorecard", scorecard, "--agent", "A001", "--call", call, "--inspector", "QA1", "--lang", "en"]
  }

  static func input(_ lines: [String]) -> String { lines.map { $0 + "\n" }.joined() }

  static func scorecard(_ key: String) throws -> Scorecard {
    try #require(try ShippedScorecards.all().first { $0.key == key })
  }

  /// The evaluation as `evaluation show --format json` prints it.
  static func shown(_ cli: CLIHarness, _ id: Int) throws -> [String: Any] {
    try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", String(id), "--format", "json"])) as? [String: Any])
  }

  static func submittedId(_ stdout: String) throws -> Int {
    let match = try #require(stdout.firstMatch(of: /(?:evaluation|评分) #(\d+) (?:submitted|已提交)/))
    return try #require(Int(match.1))
  }

  /// Compares a stored evaluation with the evaluator's result for the same answers.
  static func expectMatches(
    _ json: [String: Any], _ expected: EvaluationResult, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws {
    #expect(json["status"] as? String == "submitted", sourceLocation: sourceLocation)
    #expect(json["raw_score"] as? Double == expected.rawScore, sourceLocation: sourceLocation)
    #expect(json["final_score"] as? Double == expected.finalScore, sourceLocation: sourceLocation)
    #expect(json["passed"] as? Bool == expected.passed, sourceLocation: sourceLocation)
    #expect(json["critical_failed"] as? Bool == expected.criticalFailed, sourceLocation: sourceLocation)
    #expect(json["band"] as? String == expected.band, sourceLocation: sourceLocation)
    let sections = try #require(json["sections"] as? [[String: Any]])
    #expect(sections.map { $0["key"] as? String } == expected.sections.map(\.key), sourceLocation: sourceLocation)
    #expect(sections.map { $0["score"] as? Double } == expected.sections.map(\.score), sourceLocation: sourceLocation)
    let items = try #require(json["items"] as? [[String: Any]])
    #expect(items.map { $0["key"] as? String } == expected.items.map(\.key), sourceLocation: sourceLocation)
    #expect(items.map { $0["answer"] as? String } == expected.items.map(\.answer.text), sourceLocation: sourceLocation)
    #expect(items.map { $0["earned"] as? Double } == expected.items.map(\.earned), sourceLocation: sourceLocation)
    #expect(items.map { $0["impact"] as? Double } == expected.items.map(\.impact), sourceLocation: sourceLocation)
    #expect(items.map { $0["note"] as? String } == expected.items.map(\.note), sourceLocation: sourceLocation)
  }

  @Test(arguments: [ScoringScript.inbound, ScoringScript.outbound, ScoringScript.complaint])
  func eachShippedScorecardAgreesWithTheLibrary(_ script: ScoringScript) throws {
    // Expected values come from the library's evaluator: this checks that the binary agrees with
    // it (the hand-computed path is InteractiveHandComputedTests).
    // Given a database with an agent and an inspector
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    // When the inspector answers every item at the prompts and submits
    let out = try cli.ok(Self.scoreArguments(script.scorecard), stdin: Self.input(script.lines + ["", "s"]))
    // Then the stored evaluation is what the evaluator computes from those answers
    let card = try Self.scorecard(script.scorecard)
    let expected = try Evaluator.evaluate(card, answers: script.answers)
    try Self.expectMatches(try Self.shown(cli, try Self.submittedId(out)), expected)
    #expect(out.contains("[1/\(card.allItems.count)] \(card.allItems[0].item.key)"))
    #expect(out.contains("raw \(ScoreFormat.score(expected.rawScore))  final \(ScoreFormat.score(expected.finalScore))"))
    #expect(!out.contains("\u{1B}["), "no colours with NO_COLOR and no TTY")
  }

  @Test func criticalFailuresShowInTheBreakdown() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let out = try cli.ok(Self.scoreArguments("complaint-handling"), stdin: Self.input(ScoringScript.complaint.lines + ["", "s"]))
    // no-abuse answered "no" is critical for the whole evaluation
    #expect(out.contains("final 0.0  FAIL"))
    #expect(out.contains("CRITICAL FAILURE"))
    #expect(out.contains("no ✗critical"))
    #expect(out.contains("evaluation #1 submitted: final 0.0 FAIL"))
  }

  @Test func invalidAnswersBackNotApplicableAndNotes() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    var lines = [
      "na",  // three-rings: N/A is refused
      "y",
      "7",  // greeting: not a level
      "maybe",
      "5",
      "b",  // back to greeting…
      "10",  // …and change it
      "n 语速偏快，但吐字清楚",  // a note on enunciation
      "3",
    ]
    var script = ScoringScript.inbound
    script.steps[1] = ("10", "greeting", .level(10))
    lines += script.lines.dropFirst(3)
    let out = try cli.ok(Self.scoreArguments("inbound-service"), stdin: Self.input(lines + ["", "s"]))
    #expect(out.contains("✗ N/A is not allowed for this item; try again"))
    #expect(out.contains("✗ 7 is not a level score (allowed: 10, 5, 0); try again"))
    #expect(out.contains("✗ answer one of the level scores 10, 5, 0, not 'maybe'; try again"))
    #expect(out.contains("current answer: 5 Partial (missing name or number) (Enter keeps it)"))
    #expect(out.contains("note attached to enunciation"))
    let expected = try Evaluator.evaluate(
      try Self.scorecard("inbound-service"), answers: script.answers, notes: ["enunciation": "语速偏快，但吐字清楚"])
    try Self.expectMatches(try Self.shown(cli, try Self.submittedId(out)), expected)
  }

  @Test func closedStdinKeepsTheDraftAndResumeFinishesIt() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let script = ScoringScript.inbound
    // Given an uninterrupted run on one call…
    let whole = try cli.ok(Self.scoreArguments("inbound-service", call: "C-WHOLE"), stdin: Self.input(script.lines + ["", "s"]))
    let reference = try Self.shown(cli, try Self.submittedId(whole))
    // When another run's stdin closes after 8 answers (and a note)
    let first = Array(script.lines.prefix(8))
    let cut = try cli.run(
      Self.scoreArguments("inbound-service", call: "C-CUT") + ["--db", cli.database],
      stdin: Self.input(Array(first.prefix(4)) + ["n 资费说明准确"] + first.dropFirst(4)))
    // Then it fails with the draft's id, and the draft holds the 8 answers
    #expect(cut.status == 1)
    #expect(cut.stderr == "error: input ended before the evaluation was finished: draft #2 kept; continue with `callqa score --resume 2`\n")
    let drafts = try #require(try CLIHarness.json(try cli.ok(["evaluation", "list", "--status", "draft", "--format", "json"])) as? [[String: Any]])
    #expect(drafts.map { $0["id"] as? Int } == [2])
    let submitted = try #require(try CLIHarness.json(try cli.ok(["evaluation", "list", "--status", "submitted", "--format", "json"])) as? [[String: Any]])
    #expect(submitted.map { $0["id"] as? Int } == [1])
    let draft = try Self.shown(cli, 2)
    #expect(draft["status"] as? String == "draft")
    #expect(draft["final_score"] is NSNull)
    let items = try #require(draft["items"] as? [[String: Any]])
    #expect(items.filter { $0["answer"] is String }.count == 8)
    #expect(items.allSatisfy { $0["earned"] is NSNull })
    // When --resume (latest draft of $CALLQA_INSPECTOR) gets the remaining answers
    let resumed = try cli.run(
      ["score", "--resume", "--db", cli.database, "--lang", "en"],
      stdin: Self.input(Array(script.lines.dropFirst(8)) + ["", "s"]), environment: ["CALLQA_INSPECTOR": "QA1"])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("continuing the draft: 8 of 17 items answered"))
    #expect(resumed.stdout.contains("[9/17] acknowledge"))
    #expect(!resumed.stdout.contains("[8/17]"))
    // Then the result is the uninterrupted run's, plus the note
    let finished = try Self.shown(cli, try Self.submittedId(resumed.stdout))
    for key in ["raw_score", "final_score", "passed", "band", "critical_failed", "status"] {
      #expect((finished[key] as? NSObject) == (reference[key] as? NSObject), "\(key)")
    }
    #expect((finished["sections"] as? NSArray) == (reference["sections"] as? NSArray))
    let finishedItems = try #require(finished["items"] as? [[String: Any]])
    var referenceItems = try #require(reference["items"] as? [[String: Any]])
    referenceItems[4]["note"] = "资费说明准确"
    #expect(finishedItems.map { $0 as NSDictionary } == referenceItems.map { $0 as NSDictionary })
    #expect(try cli.ok(["evaluation", "list", "--status", "draft"]).contains("0 evaluations"))
  }

  /// Starts `callqa score` on outbound-sales with a stdin pipe kept open, writes the first
  /// five answers, waits for the sixth prompt, sends `signal` and returns the stopped process
  /// and its stderr.
  static func stopHalfway(_ cli: CLIHarness, signal: Int32) throws -> (Process, String) {
    let process = Process()
    process.executableURL = CLIHarness.executable
    process.arguments = Self.scoreArguments("outbound-sales") + ["--db", cli.database]
    process.currentDirectoryURL = cli.directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    process.environment = env
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    let collected = Collected()
    output.fileHandleForReading.readabilityHandler = { collected.append($0.availableData) }
    try process.run()
    input.fileHandleForWriting.write(Data(Self.input(Array(ScoringScript.outbound.lines.prefix(5))).utf8))
    #expect(collected.waitFor("[6/14] objection-handling"), "stdout so far: \(collected.text)")
    kill(process.processIdentifier, signal)
    let deadline = Date().addingTimeInterval(20)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(!process.isRunning, "callqa did not stop on signal \(signal)")
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    try? input.fileHandleForWriting.close()
    output.fileHandleForReading.readabilityHandler = nil
    return (process, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
  }

  /// The stopped draft holds the five answers, and `--resume 1` finishes it with the evaluator's result.
  static func expectDraftResumes(_ cli: CLIHarness, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let draft = try Self.shown(cli, 1)
    #expect(draft["status"] as? String == "draft", sourceLocation: sourceLocation)
    let answered = try #require(draft["items"] as? [[String: Any]]).compactMap { $0["answer"] as? String }
    #expect(answered == ["10", "yes", "yes", "8", "yes"], sourceLocation: sourceLocation)
    let resumed = try cli.ok(["score", "--resume", "1"], stdin: Self.input(Array(ScoringScript.outbound.lines.dropFirst(5)) + ["", "s"]))
    let expected = try Evaluator.evaluate(try Self.scorecard("outbound-sales"), answers: ScoringScript.outbound.answers)
    try Self.expectMatches(try Self.shown(cli, try Self.submittedId(resumed)), expected, sourceLocation: sourceLocation)
  }

  @Test func sigintHalfwayKeepsTheDraft() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    // Given five answers typed, when Ctrl-C arrives while the binary waits for the sixth
    let (process, stderr) = try Self.stopHalfway(cli, signal: SIGINT)
    // Then it exits with 130 and says where the draft is
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 130)
    #expect(stderr.contains("interrupted: draft #1 kept; continue with `callqa score --resume 1`"))
    // And the draft keeps the answers and resumes to the evaluator's result
    try Self.expectDraftResumes(cli)
  }

  @Test func aKilledProcessKeepsTheDraft() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    // A killed terminal: the process gets no chance to clean up
    let (process, _) = try Self.stopHalfway(cli, signal: SIGKILL)
    #expect(process.terminationReason == .uncaughtSignal)
    try Self.expectDraftResumes(cli)
  }

  @Test func setupQuestionsWhenNothingIsGiven() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    try cli.ok(["agent", "add", "A002", "--name", "李娜"])
    let setup = ["9", "A002", "C 9", "C-9", "/recordings/c-9.wav", "QA7", "QA1", "", "inbound-service"]
    let out = try cli.ok(["score", "--lang", "zh"], stdin: Self.input(setup + ScoringScript.inbound.lines + ["", "s"]))
    // In Chinese (--lang zh): the questions, the refusals and the titles.
    #expect(out.contains("✗ 没有坐席“9”"))
    #expect(out.contains("✗ call id 'C 9' must be at most 64 characters without spaces"))
    #expect(out.contains("✗ 没有质检员“QA7”（已有：QA1）"))
    #expect(out.contains("✗ 需要指定评分表"))
    #expect(out.contains("以质检员 QA1 的身份按 inbound-service@1 为坐席 A002 李娜 的通话 C-9（新通话） 评分"))
    #expect(out.contains("三声铃响内接听"), "Chinese titles with --lang zh")
    let json = try Self.shown(cli, try Self.submittedId(out))
    #expect(json["agent"] as? String == "A002")
    #expect(json["inspector"] as? String == "QA1")
    #expect(json["call"] as? String == "C-9")
  }

  /// Values given on the command line, each bad in its own way, with the one line refusing it.
  static let badGivenValues: [(arguments: [String], environment: [String: String], error: String)] = [
    (
      ["--agent", "A001", "--call", "C-OLD", "--inspector", "QA1", "--scorecard", "inbound-service"], [:],
      "error: call 'C-OLD' belongs to agent 'A002', not 'A001'"
    ),
    (["--agent", "A009", "--inspector", "QA1"], [:], "error: unknown agent 'A009'"),
    (["--agent", "A001", "--scorecard", "nope"], ["CALLQA_INSPECTOR": "QA1"], "error: unknown scorecard 'nope'"),
    (["--agent", "A001", "--call", "C-2"], ["CALLQA_INSPECTOR": "QA9"], "error: unknown inspector 'QA9' (known: QA1)"),
    (["--call", "C 2", "--inspector", "QA1"], [:], "error: call id 'C 2' must be at most 64 characters without spaces"),
    (
      ["--agent", "A001", "--call", "C-2", "--call-started-at", "2026-11-03 09:15"], [:],
      "error: call start '2026-11-03 09:15' is not ISO-8601 with an offset (e.g. 2026-11-03T09:15:00+08:00)"
    ),
  ]

  @Test(arguments: badGivenValues.indices)
  func aBadCommandLineValueIsRefusedNotAskedAgain(_ index: Int) throws {
    let (arguments, environment, error) = Self.badGivenValues[index]
    // Given a call C-OLD of agent A002
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    try cli.ok(["agent", "add", "A002", "--name", "李娜"])
    try cli.write("calls.csv", "id,agent,started_at\nC-OLD,A002,2026-11-03T09:15:00+08:00\n")
    try cli.ok(["call", "import", "calls.csv"])
    // When a piped session gives a bad value on the command line, followed by answer lines
    let result = try cli.run(
      ["score", "--lang", "en", "--db", cli.database] + arguments,
      stdin: Self.input(["C-3", "/recordings/c-3.wav", "QA1", "inbound-service"] + ScoringScript.inbound.lines + ["", "s"]),
      environment: environment)
    // Then it is refused in one line, nothing is asked and nothing is written
    #expect(result.status == 1)
    #expect(result.stderr == error + "\n")
    #expect(result.stdout == "")
    #expect(try Self.sqlite(cli.database, "SELECT COUNT(*) FROM evaluations; SELECT external_id FROM calls;") == "0\nC-OLD\n")
  }

  @Test func scoringTheSameCallAgainContinuesItsDraft() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let lines = ScoringScript.complaint.lines
    let cut = try cli.run(Self.scoreArguments("complaint-handling") + ["--db", cli.database], stdin: Self.input(Array(lines.prefix(6))))
    #expect(cut.status == 1)
    let again = try cli.ok(Self.scoreArguments("complaint-handling"), stdin: Self.input(Array(lines.dropFirst(6)) + ["", "s"]))
    #expect(again.contains("this call already has your draft #1: continuing it"))
    let expected = try Evaluator.evaluate(try Self.scorecard("complaint-handling"), answers: ScoringScript.complaint.answers)
    try Self.expectMatches(try Self.shown(cli, try Self.submittedId(again)), expected)
    #expect(try Self.submittedId(again) == 1)
  }

  @Test func discardDeletesTheDraft() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let out = try cli.ok(Self.scoreArguments("inbound-service"), stdin: Self.input(ScoringScript.inbound.lines + ["", "x", "y"]))
    #expect(out.contains("draft #1 discarded"))
    #expect(try cli.ok(["evaluation", "list"]).contains("0 evaluations"))
  }

  @Test func saveAsDraftThenEditAndSubmit() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let out = try cli.ok(Self.scoreArguments("inbound-service"), stdin: Self.input(ScoringScript.inbound.lines + ["", "d"]))
    #expect(out.contains("draft #1 kept; continue with `callqa score --resume 1`"))
    // resuming a complete draft goes straight to the review; edit item 6 and submit
    let resumed = try cli.ok(["score", "--resume", "1"], stdin: Self.input(["", "e", "6", "y", "s"]))
    var script = ScoringScript.inbound
    script.steps[5] = ("y", "needs-identified", .yes)
    let expected = try Evaluator.evaluate(try Self.scorecard("inbound-service"), answers: script.answers)
    try Self.expectMatches(try Self.shown(cli, try Self.submittedId(resumed)), expected)
    // a submitted evaluation cannot be resumed
    #expect(try cli.fails(["score", "--resume", "1"]).contains("evaluation 1 is submitted, not a draft"))
  }

  @Test func exemplaryCallTaggedAsTrainingCase() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let card = try Self.scorecard("complaint-handling")
    let best = card.allItems.map { entry -> String in
      switch entry.item.type {
      case .yesno: return "y"
      case .scale: return "1"
      case .deduction: return "0"
      }
    }
    let out = try cli.ok(
      Self.scoreArguments("complaint-handling"),
      stdin: Self.input(best + ["", "s", "y", "安抚愤怒客户的示范", "advanced", "00:15", "03:40"]))
    #expect(out.contains("final 100.0 ≥ exemplary 95: this call could be a training case"))
    #expect(out.contains("✓ tagged as a training case: 安抚愤怒客户的示范 (advanced, clip 00:15–03:40)"))
    let rows = try Self.sqlite(
      cli.database,
      """
      SELECT evaluation_id, title, kind, level, clip_start, clip_end, created_by FROM training_cases;
      SELECT action, entity FROM audit_log WHERE entity = 'training_case';
      """)
    #expect(rows == "1|安抚愤怒客户的示范|exemplary|advanced|15.0|220.0|\(CLIHarness.deskActor)\ntag|training_case\n")
  }

  /// Runs `sqlite3 path sql` (sqlite3 is installed by .ci/run) and returns its output.
  static func sqlite(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func inputEndingAtTheTrainingCaseQuestionsKeepsTheSubmission() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let card = try Self.scorecard("complaint-handling")
    let best = card.allItems.map { $0.item.type == .yesno ? "y" : $0.item.type == .scale ? "1" : "0" }
    let result = try cli.run(Self.scoreArguments("complaint-handling") + ["--db", cli.database], stdin: Self.input(best + ["", "s", "y"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("input ended: not tagged as a training case"))
    #expect(result.stdout.contains("evaluation #1 submitted: final 100.0 PASS"))
    #expect(try Self.shown(cli, 1)["status"] as? String == "submitted")
    #expect(try Self.sqlite(cli.database, "SELECT COUNT(*) FROM training_cases;") == "0\n")
  }

  @Test func answersFileStillRequiresItsOptions() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let result = try cli.run(["score", "--answers", "a.yaml", "--db", cli.database])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--answers needs --scorecard, --agent and --call"))
    let orphan = try cli.run(["score", "7", "--db", cli.database])
    #expect(orphan.stderr.contains("a draft id is only taken with --resume"))
    let mixed = try cli.run(["score", "--resume", "--call", "C-1", "--db", cli.database])
    #expect(mixed.status == 64)
    #expect(mixed.stderr.contains("--resume continues a draft as it was opened"))
  }
}

/// Bytes read from a child's stdout on another thread.
final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func append(_ chunk: Data) {
    lock.lock()
    data.append(chunk)
    lock.unlock()
  }

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: data, as: UTF8.self)
  }

  /// Waits up to 20 s for `needle` to appear.
  func waitFor(_ needle: String) -> Bool {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      if text.contains(needle) { return true }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return false
  }
}
