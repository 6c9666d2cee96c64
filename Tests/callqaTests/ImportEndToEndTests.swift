import Foundation
import Testing

@Suite("evaluation/complaint/call import and demo, through the built binary")
struct ImportEndToEndTests {
  /// The repository's import fixtures.
  static func fixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("CallQAKitTests/Fixtures/import/\(name)").path
  }

  /// `evaluation show --format json` without the fields that differ between runs.
  static func shown(_ cli: CLIHarness, _ id: Int) throws -> NSDictionary {
    let json = try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", String(id), "--format", "json"])) as? [String: Any])
    var copy = json
    copy["id"] = nil
    copy["submitted_at"] = nil
    copy["receipt"] = nil  // released at its submission, which differs
    return copy as NSDictionary
  }

  @Test func importProducesExactlyWhatScoreProduces() throws {
    // Given the fixture's three evaluations scored with `score --answers`
    let scored = try CLIHarness()
    defer { scored.cleanUp() }
    try scored.ok(["init"])
    for agent in ["A001", "B007"] { try scored.ok(["agent", "add", agent, "--name", agent]) }
    for inspector in ["QA1", "QA2"] { try scored.ok(["inspector", "add", inspector, "--name", inspector]) }
    for (id, card, agent, kind, inspector, call, started) in [
      ("IMP-1", "inbound-service", "A001", "monitoring", "QA1", "C-1", "2026-11-03T09:15:00+08:00"),
      ("IMP-2", "outbound-sales@1", "B007", "test-call", "QA2", "C-2", "2026-11-04T14:02:10+08:00"),
      ("IMP-3", "complaint-handling", "A001", "monitoring", "QA1", "C-3", "2026-11-05T10:00:00+08:00"),
    ] {
      try scored.ok([
        "score", "--scorecard", card, "--agent", agent, "--call", call, "--inspector", inspector, "--kind", kind,
        "--call-started-at", started, "--answers", Self.fixture("\(id).answers.json"),
      ])
    }
    let expected = try (1...3).map { try Self.shown(scored, $0) }

    for file in ["evaluations.jsonl", "evaluations.csv"] {
      // When the same records are imported
      let imported = try CLIHarness()
      defer { imported.cleanUp() }
      try imported.ok(["init"])
      let out = try imported.ok(["evaluation", "import", Self.fixture(file)])
      #expect(out.contains("3 records: 3 added, 0 already imported"), "\(out)")
      // Then `evaluation show` gives the same documents, in the same order
      #expect(try (1...3).map { try Self.shown(imported, $0) } == expected, "\(file)")
    }
  }

  /// Runs the sqlite3 shell on the test database.
  static func sqlite(_ cli: CLIHarness, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", cli.database, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func aBadRecordOnLine57NamesTheLineAndLeavesTheDatabaseUnchanged() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    #expect(try cli.run(["bench", "import-data", "--evaluations", "100", "--out", "data.jsonl"]).status == 0)
    let path = cli.directory.appendingPathComponent("data.jsonl").path
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    lines[56] = lines[56].replacingOccurrences(of: #""greeting":"#, with: #""greeting":7,"x":"#)
      .replacingOccurrences(of: #","x":10"#, with: "").replacingOccurrences(of: #","x":5"#, with: "")
      .replacingOccurrences(of: #","x":0"#, with: "")
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let before = try Self.sqlite(cli, "SELECT (SELECT COUNT(*) FROM evaluations) || '/' || (SELECT COUNT(*) FROM agents)")
    let stderr = try cli.fails(["evaluation", "import", "data.jsonl"])
    #expect(stderr.hasPrefix("error: data.jsonl:57: item 'greeting': 7 is not a level score (allowed: 10, 5, 0)"), "\(stderr)")
    #expect(try Self.sqlite(cli, "SELECT (SELECT COUNT(*) FROM evaluations) || '/' || (SELECT COUNT(*) FROM agents)") == before)
    #expect(before == "0/0")
    // With --skip-invalid the other 99 are imported and the rejects file holds line 57
    let out = try cli.ok(["evaluation", "import", "data.jsonl", "--skip-invalid", "--rejects", "bad.jsonl"])
    #expect(out.contains("100 records: 99 added, 0 already imported, 1 rejected"), "\(out)")
    let rejects = try String(contentsOf: cli.directory.appendingPathComponent("bad.jsonl"), encoding: .utf8)
    #expect(rejects.hasPrefix(#"{"_rejected":"line 57: item 'greeting': 7 is not a level score"#))
    // And re-running adds nothing
    let again = try cli.ok(["evaluation", "import", "data.jsonl", "--skip-invalid", "--rejects", "bad.jsonl"])
    #expect(again.contains("99 already imported, 1 rejected"), "\(again)")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) FROM evaluations") == "99")
  }

  @Test func killingAnImportMidwayLosesNothingAndARerunCompletesIt() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    let total = 20_000
    #expect(try cli.run(["bench", "import-data", "--evaluations", String(total), "--out", "big.jsonl"]).status == 0)
    // Given an import running in its own process
    let process = Process()
    process.executableURL = CLIHarness.executable
    process.arguments = ["evaluation", "import", "big.jsonl", "--progress", "--db", cli.database]
    process.currentDirectoryURL = cli.directory
    process.standardOutput = FileHandle.nullDevice
    let progress = Pipe()
    process.standardError = progress
    try process.run()
    // When it is killed with SIGKILL as soon as it reports a quarter of the records stored in
    // its transaction (a progress signal, not a file size or a delay: independent of speed)
    // (progress counts bytes of the file consumed: "progress: big.jsonl DONE/TOTAL").
    var seen = ""
    var share = 0.0
    while share < 0.25 {
      let chunk = progress.fileHandleForReading.availableData
      if chunk.isEmpty { break }  // the import ended without reporting: it failed
      seen += String(decoding: chunk, as: UTF8.self)
      share =
        seen.split(separator: "\n").compactMap { line -> Double? in
          let fraction = line.split(separator: " ").last?.split(separator: "/").compactMap { Double($0) } ?? []
          return line.hasPrefix("progress: ") && fraction.count == 2 && fraction[1] > 0 ? fraction[0] / fraction[1] : nil
        }.max() ?? 0
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(share >= 0.25 && share < 1, "progress seen: \(seen.suffix(200))")
    #expect(process.terminationReason == .uncaughtSignal)
    // Then the database is intact and holds none of the interrupted import
    #expect(try Self.sqlite(cli, "PRAGMA integrity_check") == "ok")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) FROM evaluations") == "0")
    // And a re-run yields exactly the full set
    let out = try cli.ok(["evaluation", "import", "big.jsonl"])
    #expect(out.contains("\(total) records: \(total) added"), "\(out)")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) || '/' || COUNT(DISTINCT external_id) FROM evaluations") == "\(total)/\(total)")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) FROM item_scores") == String(total * 17))
    #expect(try cli.ok(["doctor"]).contains("ok: integrity, foreign keys, \(total) evaluations recomputed"))
  }

  @Test func demoBuildsAndRefusesToOverwriteWithoutForce() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let out = try cli.ok(["demo", "--last-month", "2026-10"])
    #expect(out.contains("32 agents in 4 teams"), "\(out)")
    #expect(out.contains("1824 evaluations (900 test calls)"), "\(out)")
    #expect(out.contains("投诉1组"))
    let refused = try cli.fails(["demo"])
    #expect(refused.contains("already exists: pass --force"), "\(refused)")
    let forced = try cli.ok(["demo", "--force", "--agents", "8", "--months", "1", "--last-month", "2026-10"])
    #expect(forced.contains("8 agents in 1 team,") && forced.contains("160 evaluations"), "\(forced)")
    let list = try cli.ok(["evaluation", "list", "--limit", "3"])
    #expect(list.contains("3 evaluations"))
    // And `doctor` finds every stored score recomputable and every submission audited
    #expect(try cli.ok(["doctor"]).contains("ok: integrity, foreign keys, 160 evaluations recomputed, audit trail complete"))
  }

  @Test func complaintsAndCallLogsImportAtomicallyAndReRunnably() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.write(
      "calls.csv",
      """
      id,agent,started_at,duration_s,direction,recording,transcript
      C-100,A001,2026-11-03T09:15:00+08:00,312,inbound,rec/C-100.wav,
      C-101,A002,2026-11-03 10:00+0800,45,outbound,,
      """)
    #expect(try cli.ok(["call", "import", "calls.csv"]).contains("2 calls added, 0 already imported, 2 new agents"))
    #expect(try cli.ok(["call", "import", "calls.csv"]).contains("0 calls added, 2 already imported"))
    #expect(try Self.sqlite(cli, "SELECT started_at FROM calls WHERE external_id = 'C-101'") == "2026-11-03T10:00:00+08:00")
    try cli.write("calls-bad.csv", "id,agent,started_at\nC-200,A001,2026-11-03T09:15:00+08:00\nC-201,A001,yesterday\n")
    let bad = try cli.fails(["call", "import", "calls-bad.csv"])
    #expect(bad.hasPrefix("error: calls-bad.csv:3: started_at must be ISO-8601"), "\(bad)")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) FROM calls") == "2")

    try cli.write(
      "complaints.csv",
      """
      agent,date,call_id,valid,note
      A001,2026-11-03,C-100,true,客户投诉态度冷淡
      A002,2026-11-04,,false,"经核实不成立, 撤销"
      """)
    #expect(try cli.ok(["complaint", "import", "complaints.csv"]).contains("2 added, 0 already recorded"))
    #expect(try cli.ok(["complaint", "import", "complaints.csv"]).contains("0 added, 2 already recorded"))
    try cli.write("complaints-bad.csv", "agent,date\nA001,2026-11-05\nA001,2026-02-30\n")
    let badDate = try cli.fails(["complaint", "import", "complaints-bad.csv"])
    #expect(badDate.hasPrefix("error: complaints-bad.csv:3: date must be YYYY-MM-DD"), "\(badDate)")
    try cli.ok(["complaint", "add", "--agent", "A001", "--date", "2026-11-06", "--call", "C-100", "--note", "重复来电"])
    let wrongCall = try cli.fails(["complaint", "add", "--agent", "A002", "--date", "2026-11-06", "--call", "C-100"])
    #expect(wrongCall.contains("call 'C-100' was taken by another agent"), "\(wrongCall)")
    #expect(try Self.sqlite(cli, "SELECT COUNT(*) || '/' || SUM(valid) FROM complaints") == "3/2")
  }
}
