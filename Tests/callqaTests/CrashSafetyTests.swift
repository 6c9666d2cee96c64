import Foundation
import Testing

/// Starts real `callqa` processes and SIGKILLs them at seeded random moments, then checks
/// that the database is intact and that re-running the interrupted work reaches exactly the
/// state of an uninterrupted run. `CALLQA_KILLS` sets the number of kills (default 30).
@Suite("Crash safety: SIGKILL at random points")
struct CrashSafetyTests {
  static var kills: Int { Int(ProcessInfo.processInfo.environment["CALLQA_KILLS"] ?? "") ?? 30 }

  /// Starts `callqa arguments` and kills it after `delay` seconds (if still running).
  /// Returns true when the kill interrupted it. The process is stopped (SIGSTOP) before it is
  /// looked at, so "interrupted" is decided at one instant; with `delay` 0 it is stopped right
  /// after it was launched, long before a Swift program's start-up is over — every test's
  /// first round interrupts whatever the machine's speed.
  static func runAndKill(_ cli: CLIHarness, _ arguments: [String], after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = CLIHarness.executable
    process.arguments = arguments
    process.currentDirectoryURL = cli.directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    try process.run()
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    kill(process.processIdentifier, SIGSTOP)
    let interrupted = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return interrupted
  }

  /// The database passes `doctor`: integrity, foreign keys, no half-written evaluation
  /// (every submitted evaluation has all its item rows and scores equal to a recomputation),
  /// and the report summaries equal to the ones recomputed from the evaluations.
  static func expectHealthy(_ cli: CLIHarness, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let doctor = try cli.run(["doctor", "--format", "json", "--db", cli.database])
    #expect(doctor.status == 0, "doctor after a kill: \(doctor.stdout)\(doctor.stderr)", sourceLocation: sourceLocation)
    let report = try CLIHarness.json(doctor.stdout) as? [String: Any]
    let findings = report?["findings"] as? [[String: Any]]
    #expect(findings?.isEmpty == true, "doctor after a kill: \(doctor.stdout)", sourceLocation: sourceLocation)
    #expect(
      findings?.contains { $0["check"] as? String == "summaries" } == false, "summaries after a kill: \(doctor.stdout)",
      sourceLocation: sourceLocation)
  }

  /// (call, final score) of every evaluation, sorted: the observable final state.
  static func state(_ cli: CLIHarness) throws -> [String] {
    let list = try cli.ok(["evaluation", "list", "--format", "json"])
    let rows = try #require(try CLIHarness.json(list) as? [[String: Any]])
    return rows.map { "\($0["call"] ?? "")=\($0["final_score"] ?? "")/\($0["status"] ?? "")" }.sorted()
  }

  @Test func killedScoringNeverLeavesAHalfWrittenEvaluation() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    func score(_ call: String) -> [String] {
      [
        "score", "--scorecard", "inbound-service", "--agent", "A001", "--inspector", "QA1", "--call", call,
        "--call-started-at", "2026-11-03T09:15:00+08:00", "--answers", answers, "--db", cli.database,
      ]
    }
    var rng = SeededDelay(seed: 2026)
    var interrupted = 0
    for index in 0..<Self.kills {
      let call = "K-\(index)"
      let delay = rng.next(upTo: 0.12)
      if try Self.runAndKill(cli, score(call), after: index == 0 ? 0 : delay) { interrupted += 1 }
      try Self.expectHealthy(cli)
      // Re-run the interrupted work: score the call if (and only if) it is not stored.
      let stored = try Self.state(cli).contains { $0.hasPrefix("\(call)=") }
      if !stored { try cli.ok(Array(score(call).dropLast(2))) }
    }
    // The same work without kills, in a second database, gives exactly the same state.
    let reference = try CLIHarness()
    defer { reference.cleanUp() }
    try reference.ok(["init"])
    try reference.ok(["agent", "add", "A001", "--name", "王小明"])
    try reference.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let referenceAnswers = try reference.write("answers.yaml", FoundationEndToEndTests.answers)
    for index in 0..<Self.kills {
      try reference.ok([
        "score", "--scorecard", "inbound-service", "--agent", "A001", "--inspector", "QA1", "--call", "K-\(index)",
        "--call-started-at", "2026-11-03T09:15:00+08:00", "--answers", referenceAnswers,
      ])
    }
    #expect(try Self.state(cli) == Self.state(reference))
    #expect(interrupted > 0, "the first kill, at launch, interrupts")
    print("crash safety (score): \(Self.kills) kills, \(interrupted) interrupted a running process")
  }
}

extension CrashSafetyTests {
  @Test func killedImportsAreAllOrNothingAndRerunsReachTheFullSet() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    let file = cli.directory.appendingPathComponent("evaluations.jsonl").path
    let generated = try cli.run(["bench", "import-data", "--evaluations", "1500", "--months", "2", "--out", file])
    #expect(generated.status == 0, "\(generated.stderr)")
    var rng = SeededDelay(seed: 47)
    var interrupted = 0
    var counts: Set<Int> = []
    // Each round: start the import, kill it at a random moment, check the database, re-run.
    for round in 0..<Self.kills {
      let delay = rng.next(upTo: 1.2)
      if try Self.runAndKill(cli, ["evaluation", "import", file, "--db", cli.database], after: round == 0 ? 0 : delay) {
        interrupted += 1
      }
      try Self.expectHealthy(cli)
      let count = try Self.submittedCount(cli)
      counts.insert(count)
      #expect(count == 0 || count == 1500, "an import is one transaction: all or nothing, not \(count)")
      if count == 1500 {
        // Start the next round from an empty database again.
        try FileManager.default.removeItem(atPath: cli.database)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.database + suffix) }
        try cli.ok(["init"])
      }
    }
    // Re-running the interrupted work reaches the state of an uninterrupted import.
    try cli.ok(["evaluation", "import", file])
    try cli.ok(["evaluation", "import", file])  // and re-running adds nothing
    let reference = try CLIHarness()
    defer { reference.cleanUp() }
    try reference.ok(["init"])
    try reference.ok(["evaluation", "import", file])
    #expect(try Self.submittedCount(cli) == 1500)
    #expect(try Self.state(cli) == Self.state(reference))
    #expect(interrupted > 0, "the first kill, at launch, interrupts")
    print("crash safety (import): \(Self.kills) kills, \(interrupted) interrupted a running import; counts seen \(counts.sorted())")
  }

  static func submittedCount(_ cli: CLIHarness) throws -> Int {
    let out = try cli.ok(["evaluation", "list", "--status", "submitted", "--format", "json"])
    return (try CLIHarness.json(out) as? [Any])?.count ?? -1
  }
}

/// Seeded delays for the kill schedule, so a failing run reproduces.
struct SeededDelay {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(upTo limit: Double) -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53) * limit
  }
}
