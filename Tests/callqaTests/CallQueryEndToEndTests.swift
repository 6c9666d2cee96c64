import Foundation
import Testing

/// `call list`, `call show` (and `--play` through a fake player put first on PATH) and the new
/// `evaluation list` filters, through the built binary.
@Suite("call list, call show --play and evaluation list filters, through the built binary")
struct CallQueryEndToEndTests {
  /// The report centre (mini scorecard, A1–A3, C1–C3 scored in November) plus two calls of
  /// the call log: C4 with a 3-second WAV and a transcript, C5 (outbound) without
  /// evaluation but with a complaint.
  static func centre() throws -> CLIHarness {
    let cli = try ReportCommandsTests.centre()
    try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("rec"), withIntermediateDirectories: true)
    let frames = 3 * 8000
    var wav = Data()
    wav.append(contentsOf: Array("RIFF".utf8))
    wav.append(contentsOf: le32(36 + frames * 2))
    wav.append(contentsOf: Array("WAVEfmt ".utf8))
    wav.append(contentsOf: le32(16) + le16(1) + le16(1) + le32(8000) + le32(16000) + le16(2) + le16(16))
    wav.append(contentsOf: Array("data".utf8))
    wav.append(contentsOf: le32(frames * 2))
    wav.append(Data(count: frames * 2))
    try wav.write(to: cli.directory.appendingPathComponent("rec/C4.wav"))
    let utterances = (1...5).map { "[00:0\($0).0] \($0 % 2 == 1 ? "坐席" : "客户"): 第\($0)句" }
    try cli.write("C4.txt", utterances.joined(separator: "\n") + "\n")
    try cli.write(
      "calls.csv",
      """
      id,agent,started_at,duration_s,direction,recording,transcript
      C4,A1,2026-11-20T09:00:00+08:00,3,inbound,rec/C4.wav,C4.txt
      C5,A3,2026-11-21T10:00:00+08:00,75,outbound,,

      """)
    try cli.ok(["call", "import", "calls.csv"])
    try cli.ok(["complaint", "add", "--agent", "A3", "--date", "2026-11-22", "--call", "C5", "--note", "重复来电"])
    return cli
  }

  static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
  static func le16(_ value: Int) -> [UInt8] { (0..<2).map { UInt8((value >> (8 * $0)) & 0xFF) } }

  /// A folder holding executable scripts named `names` that write their arguments, one a
  /// line, to `args.txt` in the working folder.
  static func fakePlayers(_ cli: CLIHarness, _ names: [String]) throws -> String {
    let bin = cli.directory.appendingPathComponent("bin-\(names.joined(separator: "-"))")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    for name in names {
      let script = bin.appendingPathComponent(name)
      let record = cli.directory.appendingPathComponent("args.txt").path
      try Data("#!/bin/sh\necho \(name) > '\(record)'\nfor a in \"$@\"; do echo \"$a\" >> '\(record)'; done\n".utf8).write(to: script)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    }
    return bin.path
  }

  func recorded(_ cli: CLIHarness) throws -> [String] {
    let text = try String(contentsOf: cli.directory.appendingPathComponent("args.txt"), encoding: .utf8)
    return text.split(separator: "\n").map(String.init)
  }

  @Test func callListFiltersPagesAndWritesEveryFormat() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let table = try cli.ok(["call", "list"])
    #expect(table.contains("5 calls"))
    let lines = table.split(separator: "\n")
    #expect(lines.first?.hasPrefix("call") == true && lines[2].hasPrefix("C5") && lines[3].hasPrefix("C4"), "\(table)")
    func ids(_ arguments: [String]) throws -> [String] {
      let rows = try #require(try CLIHarness.json(cli.ok(["call", "list", "--format", "json"] + arguments)) as? [[String: Any]])
      return rows.compactMap { $0["call"] as? String }
    }
    #expect(try ids([]) == ["C5", "C4", "C3", "C2", "C1"])
    #expect(try ids(["--unevaluated"]) == ["C5", "C4"])
    #expect(try ids(["--evaluated", "--team", "一组"]) == ["C3", "C2", "C1"])
    #expect(try ids(["--has-recording"]) == ["C4"])
    #expect(try ids(["--has-transcript"]) == ["C4"])
    #expect(try ids(["--complaint"]) == ["C5"])
    #expect(try ids(["--direction", "outbound"]) == ["C5"])
    #expect(try ids(["--min-duration", "10", "--max-duration", "100"]) == ["C5"])
    #expect(try ids(["--agent", "A1", "--from", "2026-11-03", "--to", "2026-11-20"]) == ["C4", "C2"])
    // Pages of 2 put together are the whole list, without duplicates or gaps
    let pages = try (0..<3).flatMap { try ids(["--limit", "2", "--offset", String($0 * 2)]) }
    #expect(pages == ["C5", "C4", "C3", "C2", "C1"])
    #expect(try cli.ok(["call", "list", "--limit", "2"]).contains("2 calls (1–2); next page: --offset 2 --limit 2"))
    // The JSON contract: every key, nulls written out
    let first = try #require((try CLIHarness.json(cli.ok(["call", "list", "--format", "json", "--limit", "1"])) as? [[String: Any]])?.first)
    #expect(
      Set(first.keys) == [
        "call", "agent", "team", "started_at", "duration_s", "direction", "recording", "transcript", "evaluations",
        "final_score", "complaints",
      ])
    #expect(first["recording"] is NSNull && first["complaints"] as? Int == 1)
    // CSV through the one CSV writer (BOM, CRLF), XLSX through the one workbook writer
    let csv = try cli.run(["call", "list", "--format", "csv", "--db", cli.database])
    #expect(csv.stdout.hasPrefix("\u{FEFF}call,started_at,agent,team,duration_s"))
    #expect(csv.stdout.contains("\r\nC5,2026-11-21T10:00:00+08:00,A3,二组,75,outbound,,,0,,1\r\n"))
    try cli.ok(["call", "list", "--format", "xlsx", "--output", "calls.xlsx"])
    #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("calls.xlsx").path))
  }

  @Test func refusalsAreOneLineAndWriteNothing() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let refusals: [([String], String)] = [
      (["call", "list", "--limit", "0"], "error: --limit must be at least 1, not 0\n"),
      (["call", "list", "--limit", "-3"], "error: --limit must be at least 1, not -3\n"),
      (["call", "list", "--offset", "-1"], "error: --offset must be 0 or more, not -1\n"),
      (["call", "list", "--evaluated", "--unevaluated"], "error: give --evaluated or --unevaluated, not both\n"),
      (["call", "list", "--team", "nope"], "error: no team 'nope'\n"),
      (["call", "list", "--agent", "NOPE"], "error: unknown agent 'NOPE'\n"),
      (["call", "list", "--direction", "sideways"], "error: no calls with direction 'sideways'\n"),
      (["call", "list", "--from", "2026-02-30"], "error: --from must be a date YYYY-MM-DD, not '2026-02-30'\n"),
      (["call", "list", "--min-duration", "-5"], "error: --min-duration must be a number of seconds ≥ 0, not -5\n"),
      (["evaluation", "list", "--limit", "0"], "error: --limit must be at least 1, not 0\n"),
      (["evaluation", "list", "--passed", "--failed"], "error: give --passed or --failed, not both\n"),
      (["evaluation", "list", "--lost"], "error: --lost needs --item KEY (the item that lost points)\n"),
      (["evaluation", "list", "--item", "nope"], "error: unknown item 'nope'\n"),
      (
        ["evaluation", "list", "--band", "Great"],
        "error: unknown band 'Great' (bands: Excellent, Good, Below standard, Needs improvement)\n"
      ),
      (["evaluation", "list", "--band", "Good", "--scorecard", "mini"], "error: unknown band 'Good' (scorecard mini has no bands)\n"),
      (["evaluation", "list", "--inspector", "QA9"], "error: unknown inspector 'QA9'\n"),
      (["evaluation", "list", "--team", "nope", "--format", "csv"], "error: no team 'nope'\n"),
      (["evaluation", "list", "--min-score", "101"], "error: --min-score must be a score between 0 and 100, not 101\n"),
      (
        ["evaluation", "list", "--item", "greet", "--status", "draft"],
        "error: --item looks at counted evaluations only: --status draft never counts\n"
      ),
      (["evaluation", "list", "--period", "2026-13"], "error: --period must be a month YYYY-MM, not '2026-13'\n"),
      (["call", "show", "C404"], "error: no call 'C404'\n"),
      (["call", "show", "C1", "--play"], "error: call 'C1' has no recording\n"),
      (["call", "show", "C4", "--at", "00:01"], "error: --at needs --play\n"),
      (
        ["call", "show", "C4", "--play", "--at", "soon"],
        "error: --at must be a moment like 01:20 (mm:ss), 1:02:03 or 80, not 'soon'\n"
      ),
      (["call", "show", "C4", "--transcript-limit", "0"], "error: --transcript-limit must be at least 1, not 0\n"),
    ]
    let before = try InteractiveScoringTests.sqlite(cli.database, "SELECT COUNT(*) FROM audit_log;")
    for (arguments, error) in refusals {
      let result = try cli.run(arguments + ["--db", cli.database])
      let command = arguments.joined(separator: " ")
      #expect(result.status == 1, "\(command)")
      #expect(result.stderr == error, "\(command)")
      #expect(result.stdout == "", "\(command)")
    }
    #expect(try InteractiveScoringTests.sqlite(cli.database, "SELECT COUNT(*) FROM audit_log;") == before)
  }

  @Test func showPrintsTheCallAndPlaysItWithTheFirstPlayerFound() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let recording = cli.directory.appendingPathComponent("rec/C4.wav").standardizedFileURL.path
    let out = try cli.ok(["call", "show", "C4", "--transcript-limit", "2", "--transcript-offset", "1"])
    #expect(out.contains("Call C4  2026-11-20T09:00:00+08:00 · inbound · 0:03"), "\(out)")
    #expect(out.contains("agent       A1 王小明 · team 一组"))
    #expect(out.contains("recording   \(recording) (00:03.0 from the WAV header)"), "\(out)")
    #expect(out.contains("(5 utterances)") && out.contains("第2句") && out.contains("第3句") && !out.contains("第4句"))
    #expect(out.contains("utterances 2–3 of 5; more: --transcript-offset 3"), "\(out)")
    let scored = try cli.ok(["call", "show", "C1"])
    #expect(scored.contains("Evaluations (1)") && scored.contains("mini@1") && scored.contains("recording   (none)"))
    let complained = try cli.ok(["call", "show", "C5"])
    #expect(complained.contains("Complaints (1)") && complained.contains("valid  重复来电"))
    // JSON contract
    let json = try #require(try CLIHarness.json(cli.ok(["call", "show", "C4", "--format", "json"])) as? [String: Any])
    let file = try #require(json["recording"] as? [String: Any])
    #expect(file["exists"] as? Bool == true && file["duration_s"] as? Double == 3 && file["path"] as? String == recording)
    let transcript = try #require(json["transcript"] as? [String: Any])
    #expect(transcript["utterances"] as? Int == 5 && (transcript["segments"] as? [Any])?.count == 5)

    // --play runs the first of ffplay, mpv, play found on PATH with the start moment
    let all = try Self.fakePlayers(cli, ["ffplay", "mpv", "play"])
    let played = try cli.run(["call", "show", "C4", "--play", "--at", "00:01.5", "--db", cli.database], environment: ["PATH": all])
    #expect(played.status == 0, "\(played.stderr)")
    #expect(played.stderr.contains("playing \(recording) from 00:01.5 with ffplay"))
    #expect(try recorded(cli) == ["ffplay", "-nodisp", "-autoexit", "-ss", "1.5", recording])
    let mpv = try Self.fakePlayers(cli, ["mpv", "play"])
    #expect(try cli.run(["call", "show", "C4", "--play", "--at", "2", "--db", cli.database], environment: ["PATH": mpv]).status == 0)
    #expect(try recorded(cli) == ["mpv", "--start=2", recording])
    let sox = try Self.fakePlayers(cli, ["play"])
    #expect(try cli.run(["call", "show", "C4", "--play", "--db", cli.database], environment: ["PATH": sox]).status == 0)
    #expect(try recorded(cli) == ["play", recording])
    #expect(try cli.run(["call", "show", "C4", "--play", "--at", "0:02", "--db", cli.database], environment: ["PATH": sox]).status == 0)
    #expect(try recorded(cli) == ["play", recording, "trim", "2"])

    // No player: one line naming what to install, nothing printed
    let none = try cli.run(["call", "show", "C4", "--play", "--db", cli.database], environment: ["PATH": cli.directory.path])
    #expect(none.status == 1 && none.stdout.isEmpty)
    #expect(none.stderr == "error: no audio player found: install ffmpeg (ffplay), mpv or sox (play)\n")
    // A moment past the end of the recording is refused before playing
    let late = try cli.run(["call", "show", "C4", "--play", "--at", "01:00", "--db", cli.database], environment: ["PATH": all])
    #expect(late.status == 1 && late.stdout.isEmpty)
    #expect(late.stderr == "error: --at 01:00 is past the end of the recording (00:03.0)\n")
    // A missing recording file is named
    try FileManager.default.removeItem(atPath: recording)
    let missing = try cli.run(["call", "show", "C4", "--play", "--db", cli.database], environment: ["PATH": all])
    #expect(missing.status == 1 && missing.stderr == "error: recording not found: \(recording)\n")
    #expect(try cli.ok(["call", "show", "C4"]).contains("\(recording) (missing)"))
  }

  @Test func evaluationListGainsFiltersPagingAndFiles() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    // C1 greet no (80, pass), C2 all full (100), C3 tone 5 + forbidden 1 (80)
    func ids(_ arguments: [String]) throws -> [String] {
      let rows = try #require(try CLIHarness.json(cli.ok(["evaluation", "list", "--format", "json"] + arguments)) as? [[String: Any]])
      return rows.compactMap { $0["call"] as? String }
    }
    #expect(try ids([]) == ["C3", "C2", "C1"])
    #expect(try ids(["--team", "一组", "--inspector", "QA1"]) == ["C3", "C2", "C1"])
    #expect(try ids(["--min-score", "90"]) == ["C2"])
    #expect(try ids(["--max-score", "80"]) == ["C3", "C1"])
    #expect(try ids(["--passed"]) == ["C3", "C2", "C1"])
    #expect(try ids(["--failed"]).isEmpty)
    #expect(try ids(["--critical"]).isEmpty)
    #expect(try ids(["--item", "greet", "--lost", "--period", "2026-11"]) == ["C1"])
    #expect(try ids(["--item", "tone", "--lost"]) == ["C3"])
    #expect(try ids(["--item", "greet"]) == ["C3", "C2", "C1"])
    let pages = try (0..<2).flatMap { try ids(["--limit", "2", "--offset", String($0 * 2)]) }
    #expect(pages == ["C3", "C2", "C1"])
    // The JSON keys of a row (stable; `item` only with --item)
    let row = try #require((try CLIHarness.json(cli.ok(["evaluation", "list", "--format", "json", "--item", "greet"])) as? [[String: Any]])?.last)
    #expect(
      Set(row.keys) == [
        "id", "scorecard", "agent", "team", "inspector", "call", "call_started_at", "kind", "status", "raw_score",
        "final_score", "passed", "critical_failed", "band", "comment", "item",
      ])
    let item = try #require(row["item"] as? [String: Any])
    #expect(item["key"] as? String == "greet" && item["earned"] as? Double == 0 && item["impact"] as? Double == 20)
    // The drill-down table shows the points lost on the item
    let table = try cli.ok(["evaluation", "list", "--item", "greet", "--lost"])
    #expect(table.contains("greet lost") && table.contains("20.00") && table.contains("1 evaluation"))
    // CSV and XLSX through the shared writers
    let csv = try cli.run(["evaluation", "list", "--format", "csv", "--item", "greet", "--db", cli.database])
    #expect(
      csv.stdout.hasPrefix(
        "\u{FEFF}id,call,call_started_at,agent,team,inspector,scorecard,kind,status,raw,final,band,result,critical,greet earned,greet points,greet lost,comment\r\n"
      ))
    try cli.ok(["evaluation", "list", "--format", "xlsx", "--output", "evaluations.xlsx"])
    #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("evaluations.xlsx").path))
    // The overall comment (评语) is in the JSON row and the last column of the files (issue 18)
    let commented = try cli.write(
      "commented.yaml", "answers:\n  greet: yes\n  tone: 10\n  info: yes\n  forbidden: 0\ncomment: '开头规范, 结尾\"请评价\"'\n")
    try cli.ok([
      "score", "--scorecard", "mini", "--agent", "A3", "--call", "C6", "--inspector", "QA1", "--answers", commented,
      "--call-started-at", "2026-11-25T10:00:00+08:00",
    ])
    let rows = try #require(try CLIHarness.json(cli.ok(["evaluation", "list", "--format", "json"])) as? [[String: Any]])
    #expect(rows.first?["comment"] as? String == "开头规范, 结尾\"请评价\"")
    #expect(rows.last?["comment"] is NSNull)
    let withComment = try cli.run(["evaluation", "list", "--format", "csv", "--limit", "1", "--db", cli.database]).stdout
    #expect(withComment.contains(",\"开头规范, 结尾\"\"请评价\"\"\"\r\n"), "\(withComment)")
  }
}
