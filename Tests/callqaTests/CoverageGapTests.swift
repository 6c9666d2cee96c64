import Foundation
import TestOracles
import Testing

@testable import callqa

/// Small helpers shared by the coverage-gap suites.
enum Gap {
  /// stdout parsed as a JSON array of objects.
  static func rows(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
    try #require(try CLIHarness.json(text) as? [[String: Any]], sourceLocation: sourceLocation)
  }

  /// stdout parsed as a JSON object.
  static func object(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try CLIHarness.json(text) as? [String: Any], sourceLocation: sourceLocation)
  }

  static func exists(_ cli: CLIHarness, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(name).path)
  }
}

// MARK: - Scorecards

@Suite("scorecard validate and scorecard list, through the built binary")
struct ScorecardCommandCoverageTests {
  /// 3 items, 30 points, pass 80: block style so that positions are easy to count.
  static let tiny = """
    key: tiny
    version: 1
    title: {en: Tiny card, zh: 小评分表}
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: s
        title: Section
        items:
          - key: greet
            title: Greets
            type: yesno
            points: 10
          - key: tone
            title: Tone
            type: scale
            points: 10
            levels:
              - {score: 10, label: Full}
              - {score: 5, label: Partial}
          - key: slang
            title: Slang
            type: deduction
            points: 10
            deduct: 5
    """

  @Test func validateAcceptsAGoodFileAndNamesTheFirstBadOneByLineAndColumn() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.write("tiny.yaml", Self.tiny)
    // Line 20 is `          - {score: 15, …}`: 10 spaces, "- {score: " — the value starts in column 21
    try cli.write("level.yaml", Self.tiny.replacingOccurrences(of: "{score: 5, label: Partial}", with: "{score: 15, label: Partial}"))
    // Line 12 is `        type: yes-no`: the value starts in column 15
    try cli.write("type.yaml", Self.tiny.replacingOccurrences(of: "type: yesno", with: "type: yes-no"))

    // A good file: ok, its reference, item count and fingerprint
    let good = try cli.run(["scorecard", "validate", "tiny.yaml"])
    #expect(good.status == 0, "\(good.stderr)")
    #expect(good.stderr.isEmpty)
    let line = good.stdout.trimmingCharacters(in: .newlines)
    #expect(line.hasPrefix("ok: tiny.yaml  tiny@1  3 items  fingerprint "), "\(line)")
    let fingerprint = String(line.split(separator: " ").last ?? "")
    #expect(fingerprint.count == 12 && fingerprint.allSatisfy(\.isHexDigit), "\(fingerprint)")

    // Bad files: one line on stderr with file:line:column, non-zero
    for (file, message) in [
      ("level.yaml", "error: level.yaml:20:21: item 'tone': level score 15 exceeds points 10\n"),
      ("type.yaml", "error: type.yaml:12:15: item 'greet': type must be yesno, scale or deduction, not 'yes-no'\n"),
      ("absent.yaml", "error: absent.yaml: cannot read the file\n"),
    ] {
      let bad = try cli.run(["scorecard", "validate", file])
      #expect(bad.status == 1, "\(file)")
      #expect(bad.stderr == message)
      #expect(bad.stdout.isEmpty)
    }
    // Several files: the good one before the bad one is reported, then it stops
    let mixed = try cli.run(["scorecard", "validate", "tiny.yaml", "level.yaml", "type.yaml"])
    #expect(mixed.status == 1)
    #expect(mixed.stdout == good.stdout)
    #expect(mixed.stderr == "error: level.yaml:20:21: item 'tone': level score 15 exceeds points 10\n")
    // Validating needs no database and writes none
    #expect(!Gap.exists(cli, "callqa.sqlite"))

    // And list shows what import stored: the same fingerprint, the items, the pass score
    try cli.ok(["init"])
    try cli.ok(["scorecard", "import", "tiny.yaml"])
    let rows = try Gap.rows(try cli.ok(["scorecard", "list", "--format", "json"]))
    #expect(
      rows.map { "\($0["key"] ?? "")@\($0["version"] ?? "")" }
        == ["complaint-handling@1", "inbound-service@1", "outbound-sales@1", "tiny@1"])
    let tiny = try #require(rows.last)
    #expect(Set(tiny.keys) == ["key", "version", "title", "items", "pass_score", "fingerprint"])
    #expect(tiny["items"] as? Int == 3)
    #expect(tiny["pass_score"] as? Double == 80)
    #expect(tiny["title"] as? String == "Tiny card")
    let full = try #require(tiny["fingerprint"] as? String)
    #expect(full.count == 64 && full.hasPrefix(fingerprint))
    #expect(rows.first { $0["key"] as? String == "inbound-service" }?["items"] as? Int == 17)
    // The table, in Chinese (titles and headers) with --lang zh
    let table = try cli.ok(["scorecard", "list", "--lang", "zh"])
    let tinyLine = try #require(table.split(separator: "\n").first { $0.hasPrefix("tiny@1") })
    #expect(
      tinyLine.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        == ["tiny@1", "小评分表", "3", "80", fingerprint])
    #expect(
      table.split(separator: "\n").first?.split(separator: " ").map(String.init)
        == ["评分表", "名称", "项目数", "合格线", "指纹"])
  }
}

// MARK: - --db default

@Suite("the --db default: --db, then $CALLQA_DB, then ./callqa.sqlite")
struct DatabaseDefaultTests {
  static func codes(_ result: CLIHarness.Result, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    return try Gap.rows(result.stdout, sourceLocation: sourceLocation).compactMap { $0["code"] as? String }
  }

  @Test func theDefaultIsCallqaSqliteInTheWorkingFolderUnlessCALLQA_DBNamesAnother() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // No database yet: the default path is named in the error, and nothing is created
    let none = try cli.run(["agent", "list"])
    #expect(none.status == 1)
    #expect(none.stderr == "error: callqa.sqlite: no database here (create one with `callqa init --db callqa.sqlite`)\n")
    #expect(!Gap.exists(cli, "callqa.sqlite"))
    // init without --db or $CALLQA_DB creates ./callqa.sqlite in the working folder
    let made = try cli.run(["init"])
    #expect(made.stdout.hasSuffix("database ready: callqa.sqlite\n"), "\(made.stdout)")
    #expect(Gap.exists(cli, "callqa.sqlite"))
    #expect(try cli.run(["agent", "add", "D1", "--name", "默认"]).status == 0)

    // $CALLQA_DB names another file (here in a sub-folder), which init creates
    try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
    let env = ["CALLQA_DB": "sub/env.sqlite"]
    #expect(try cli.run(["init"], environment: env).stdout.hasSuffix("database ready: sub/env.sqlite\n"))
    #expect(Gap.exists(cli, "sub/env.sqlite"))
    #expect(try cli.run(["agent", "add", "E1", "--name", "环境"], environment: env).status == 0)

    // Each command reads the database the rules pick
    #expect(try Self.codes(try cli.run(["agent", "list", "--format", "json"])) == ["D1"])
    #expect(try Self.codes(try cli.run(["agent", "list", "--format", "json"], environment: env)) == ["E1"])
    // --db wins over $CALLQA_DB
    #expect(try Self.codes(try cli.run(["agent", "list", "--format", "json", "--db", "callqa.sqlite"], environment: env)) == ["D1"])
    // An empty $CALLQA_DB counts as unset
    #expect(try Self.codes(try cli.run(["agent", "list", "--format", "json"], environment: ["CALLQA_DB": ""])) == ["D1"])
    // $CALLQA_DB naming a missing file is an error naming it, not a silent fallback
    let missing = try cli.run(["agent", "list"], environment: ["CALLQA_DB": "gone.sqlite"])
    #expect(missing.status == 1)
    #expect(missing.stderr == "error: gone.sqlite: no database here (create one with `callqa init --db gone.sqlite`)\n")
    #expect(!Gap.exists(cli, "gone.sqlite"))
  }

  @Test func theParsedOptionKeepsAnExplicitDb() throws {
    let parsed = try #require(try CallQA.parseAsRoot(["agent", "list", "--db", "/x/y.sqlite"]) as? CallQA.AgentCommand.List)
    #expect(parsed.database.db == "/x/y.sqlite")
    #expect(parsed.database.path == "/x/y.sqlite")
    let bare = try #require(try CallQA.parseAsRoot(["agent", "list"]) as? CallQA.AgentCommand.List)
    #expect(bare.database.db == nil)
  }
}

// MARK: - Agents and inspectors

@Suite("agent import | list and inspector list, through the built binary")
struct PeopleCommandTests {
  @Test func agentImportAddsUpdatesAndIsSafeToReRun() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    // Given a CSV as Excel saves it: BOM, CRLF, a quoted name with a comma, an inactive agent
    try cli.write("agents.csv", "\u{FEFF}code,name,team,active\r\nA001,王小明,一组,\r\nA002,\"李, 娜\",一组,yes\r\nB001,张伟,二组,false\r\n")
    #expect(try cli.ok(["agent", "import", "agents.csv"]) == "agents: 3 added, 0 updated, 0 unchanged\n")
    // A re-run changes nothing and says so
    #expect(try cli.ok(["agent", "import", "agents.csv"]) == "agents: 0 added, 0 updated, 3 unchanged\n")
    let list = try Gap.rows(try cli.ok(["agent", "list", "--format", "json"]))
    #expect(list.count == 3)
    #expect(list.map { $0["code"] as? String } == ["A001", "A002", "B001"])
    #expect(list.map { $0["name"] as? String } == ["王小明", "李, 娜", "张伟"])
    #expect(list.map { $0["active"] as? Bool } == [true, true, false])
    #expect(Set(list[0].keys) == ["code", "name", "team", "active"])
    // A second file moves A001 to 二组 and adds A003 without a team (no active column: active)
    try cli.write("more.csv", "code,name,team\nA001,王小明,二组\nA003,赵六,\n")
    #expect(try cli.ok(["agent", "import", "more.csv"]) == "agents: 1 added, 1 updated, 0 unchanged\n")
    let second = try Gap.rows(try cli.ok(["agent", "list", "--team", "二组", "--format", "json"]))
    #expect(second.map { $0["code"] as? String } == ["A001", "B001"])
    let a003 = try #require(try Gap.rows(try cli.ok(["agent", "list", "--format", "json"])).first { $0["code"] as? String == "A003" })
    #expect(a003["team"] is NSNull)
    #expect(a003["active"] as? Bool == true)
    // The table: team-less agents first, then by team and code
    let table = try cli.ok(["agent", "list"]).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(
      table.dropFirst(2).map { $0 } == [
        ["A003", "赵六", "yes"], ["A002", "李,", "娜", "一组", "yes"],
        ["A001", "王小明", "二组", "yes"], ["B001", "张伟", "二组", "no"],
      ])
    // The update is audited with before and after
    let audit = try cli.ok(["audit", "--since", "2000-01-01"])
    #expect(audit.contains("update  agent #1"), "\(audit)")
    #expect(audit.contains("team=一组") && audit.contains("team=二组"))
  }

  @Test func agentImportRefusesABadFileWholeAndNamesTheLine() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    for (csv, message) in [
      ("code,name,team,active\nA009,新人,一组,\nA010,,一组,\n", "error: bad.csv:3: agent 'A010' has no name\n"),
      ("code,name,team,active\nA009,新人,一组,maybe\n", "error: bad.csv:2: active must be true or false, not 'maybe'\n"),
      ("name,team\n新人,一组\n", "error: bad.csv:1: missing column 'code' (expected: code,name,team,active)\n"),
      ("code,name,team,active\nA001,改名,三组,\nA009,新人,一组,nope\n", "error: bad.csv:3: active must be true or false, not 'nope'\n"),
    ] {
      try cli.write("bad.csv", csv)
      #expect(try cli.fails(["agent", "import", "bad.csv"]) == message)
      // Nothing of the file is written, not even its good rows
      let rows = try Gap.rows(try cli.ok(["agent", "list", "--format", "json"]))
      #expect(rows.map { $0["code"] as? String } == ["A001"])
      #expect(rows.first?["name"] as? String == "王小明")
    }
    #expect(try cli.fails(["agent", "import", "nothere.csv"]).split(separator: "\n").count == 1)
  }

  @Test func inspectorListShowsEveryInspector() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    #expect(try Gap.rows(try cli.ok(["inspector", "list", "--format", "json"])).isEmpty)
    #expect(try cli.ok(["inspector", "add", "QA2", "--name", "Zed"]) == "added inspector QA2  Zed\n")
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    // A duplicate code is refused and changes nothing
    #expect(try cli.fails(["inspector", "add", "QA1", "--name", "重复"]) == "error: inspector 'QA1' already exists\n")
    let rows = try Gap.rows(try cli.ok(["inspector", "list", "--format", "json"]))
    #expect(rows.map { $0["code"] as? String } == ["QA1", "QA2"])
    #expect(rows.map { $0["name"] as? String } == ["李质检", "Zed"])
    #expect(Set(rows[0].keys) == ["code", "name"])
    #expect(try cli.ok(["inspector", "list"]) == "code  name\n----  ------\nQA1   李质检\nQA2   Zed\n")
  }
}

// MARK: - Quality index with complaints

@Suite("quality --complaint-coefficient K: complaints lower the index, through the built binary")
struct QualityComplaintTests {
  static func agent(_ json: [String: Any], _ code: String) -> [String: Any] {
    (json["agents"] as? [[String: Any]])?.first { $0["agent"] as? String == code } ?? [:]
  }

  @Test func complaintsInTheMonthTakeKPointsEachAndTheIndexStopsAtZero() throws {
    // Given ReportCommandsTests' centre: A1 M = 80, T = 100 (base 90); A2 M = 80 only (partial); A3 none
    let cli = try ReportCommandsTests.centre()
    defer { cli.cleanUp() }
    // And complaints: A1 two valid in November (on its first and last day), one not valid,
    // one on 1 December and one on 31 October; A2 one; A3 one
    for (agent, date, extra) in [
      ("A1", "2026-11-01", [String]()), ("A1", "2026-11-30", ["--call", "C1", "--note", "态度冷淡"]),
      ("A1", "2026-11-15", ["--invalid"]), ("A1", "2026-12-01", []), ("A1", "2026-10-31", []),
      ("A2", "2026-11-20", []), ("A3", "2026-11-20", []),
    ] {
      try cli.ok(["complaint", "add", "--agent", agent, "--date", date] + extra)
    }
    // When K = 3
    let json = try Gap.object(try cli.ok(["quality", "--period", "2026-11", "--complaint-coefficient", "3", "--format", "json"]))
    #expect(json["complaint_coefficient"] as? Double == 3)
    // Then A1: 90 − 2 × 3 = 84; A2: 80 − 1 × 3 = 77
    let a1 = Self.agent(json, "A1"), a2 = Self.agent(json, "A2")
    #expect(a1["complaints"] as? Int == 2)
    #expect(a1["base"] as? Double == 90)
    #expect(a1["index"] as? Double == 84)
    #expect(a2["complaints"] as? Int == 1)
    #expect(a2["index"] as? Double == 77)
    #expect(a2["partial"] as? Bool == true)
    // Team 一组 and the centre: means of the indexes (84 + 77) / 2 = 80.5, complaints summed
    let team = try #require((json["teams"] as? [[String: Any]])?.first)
    #expect(team["team"] as? String == "一组")
    #expect(team["index"] as? Double == 80.5)
    #expect(team["complaints"] as? Int == 3)
    #expect((json["centre"] as? [String: Any])?["index"] as? Double == 80.5)
    // A3 has no index but its complaint is listed with the coverage gap
    let gap = try #require((json["coverage_gaps"] as? [[String: Any]])?.first)
    #expect(gap["agent"] as? String == "A3")
    #expect(gap["complaints"] as? Int == 1)
    // The default K = 2: 86 and 78
    let standard = try Gap.object(try cli.ok(["quality", "--period", "2026-11", "--format", "json"]))
    #expect(Self.agent(standard, "A1")["index"] as? Double == 86)
    #expect(Self.agent(standard, "A2")["index"] as? Double == 78)
    // K = 50: A1 90 − 100 → 0 (never negative), A2 80 − 50 = 30
    let harsh = try Gap.object(try cli.ok(["quality", "--period", "2026-11", "--complaint-coefficient", "50", "--format", "json"]))
    #expect(Self.agent(harsh, "A1")["index"] as? Double == 0)
    #expect(Self.agent(harsh, "A2")["index"] as? Double == 30)
    // K = 0: the base itself
    let none = try Gap.object(try cli.ok(["quality", "--period", "2026-11", "--complaint-coefficient", "0", "--format", "json"]))
    #expect(Self.agent(none, "A1")["index"] as? Double == 90)
    // The table states K in its formula and shows the row
    let table = try cli.ok(["quality", "--period", "2026-11", "--complaint-coefficient", "3"])
    #expect(table.contains("index = max(0, base − complaints × 3)"), "\(table)")
    let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("agent   A1") })
    // One evaluation of each kind: no interval for M or T; the index rests on two single values, so none either.
    #expect(
      row.split(separator: " ").map(String.init) == [
        "agent", "A1", "王小明", "一组", "80.0", "(n=1)", "1", "100.0", "(n=1)", "1", "2", "90.0", "84.0", "(n=2)",
      ])
    // A negative K is refused with usage
    let negative = try cli.run(["quality", "--period", "2026-11", "--complaint-coefficient=-1", "--db", cli.database])
    #expect(negative.status == 64)
    #expect(negative.stderr.contains("--complaint-coefficient must be ≥ 0"), "\(negative.stderr)")
  }
}

// MARK: - Calibration list and dispute uphold

@Suite("calibration list and dispute resolve --uphold, through the built binary")
struct CalibrationListAndUpholdTests {
  @Test func calibrationListShowsSessionsWithTheirRaters() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // Given FairnessEndToEndTests' centre (call C-1 of agent A1 on calib-test, inspectors EXP, QA1, QA2)
    try FairnessEndToEndTests.setUp(cli)
    #expect(try Gap.rows(try cli.ok(["calibration", "list", "--format", "json"])).isEmpty)
    // And two sessions: one with an expert and ±8, one against the mean with the default ±5
    let trainer = ["CALLQA_USER": "trainer"]
    #expect(
      try cli.run(
        [
          "calibration", "create", "--call", "C-1", "--scorecard", "calib-test", "--expert", "EXP",
          "--tolerance", "8", "--db", cli.database,
        ], environment: trainer
      ).status == 0)
    #expect(
      try cli.run(
        ["calibration", "create", "--call", "C-1", "--scorecard", "calib-test@1", "--db", cli.database],
        environment: trainer
      ).status == 0)
    // When EXP and QA2 score the first session
    try cli.ok(["score", "--calibration", "1", "--answers", "full.yaml", "--inspector", "EXP"])
    try cli.ok(["score", "--calibration", "1", "--answers", "nogreet.yaml", "--inspector", "QA2"])
    // Then list gives each session and who scored it
    let rows = try Gap.rows(try cli.ok(["calibration", "list", "--format", "json"]))
    #expect(rows.count == 2)
    #expect(rows.map { $0["raters"] as? [String] } == [["EXP", "QA2"], []])
    let sessions = rows.compactMap { $0["session"] as? [String: Any] }
    #expect(sessions.map { $0["id"] as? Int } == [1, 2])
    #expect(sessions.map { $0["call"] as? String } == ["C-1", "C-1"])
    #expect(sessions.map { $0["agent"] as? String } == ["A1", "A1"])
    #expect(sessions.map { $0["scorecard"] as? String } == ["calib-test@1", "calib-test@1"])
    #expect(sessions[0]["expert"] as? String == "EXP")
    #expect(sessions[1]["expert"] is NSNull)
    #expect(sessions.map { $0["tolerance"] as? Double } == [8, 5])
    // $CALLQA_USER is not who acts: the OS account running the binary is
    #expect(sessions.map { $0["created_by"] as? String } == [CLIHarness.deskActor, CLIHarness.deskActor])
    let created = try #require(sessions[0]["created_at"] as? String)
    #expect(created.count == 20 && created.hasSuffix("Z"), "\(created)")
    // The table: expert or "(mean)", tolerance with ±, raters joined
    let lines = try cli.ok(["calibration", "list"]).split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines.count == 4)
    #expect(lines[0] == ["id", "created", "call", "scorecard", "expert", "tolerance", "raters"])
    #expect(lines[2] == ["1", String(created.prefix(10)), "C-1", "calib-test@1", "EXP", "±8", "EXP,", "QA2"])
    #expect(lines[3] == ["2", String(created.prefix(10)), "C-1", "calib-test@1", "(mean)", "±5"])
  }

  @Test func upholdKeepsTheScoresClosesTheDisputeAndIsAudited() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // Given evaluation 1 (greet no: 40/50 = 80) disputed by its agent
    try FairnessEndToEndTests.setUp(cli)
    try cli.ok(["dispute", "open", "1", "--by", "A1", "--reason", "我有问候"])
    #expect(try Gap.object(try cli.ok(["evaluation", "show", "1", "--format", "json"]))["status"] as? String == "disputed")
    // --uphold takes no answers
    let withAnswers = try cli.run(["dispute", "resolve", "1", "--uphold", "--answers", "full.yaml", "--by", "LEAD", "--db", cli.database])
    #expect(withAnswers.status == 64)
    #expect(withAnswers.stderr.contains("--uphold keeps the scores: drop --answers"))
    // When the reviewer upholds it
    let out = try cli.ok(["dispute", "resolve", "1", "--uphold", "--by", "LEAD", "--note", "录音中没有问候语"])
    #expect(out == "dispute 1 resolved by LEAD: evaluation 1 upheld (final 80.0)\n")
    // Then the evaluation is submitted again with its scores, and no revision was made
    let shown = try Gap.object(try cli.ok(["evaluation", "show", "1", "--format", "json"]))
    #expect(shown["status"] as? String == "submitted")
    #expect(shown["final_score"] as? Double == 80)
    #expect(try Gap.rows(try cli.ok(["evaluation", "list", "--format", "json"])).count == 1)
    #expect(!(try cli.ok(["evaluation", "show", "1"])).contains("UNDER DISPUTE"))
    // And the dispute is closed as upheld, with the reviewer and the note
    let disputes = try Gap.rows(try cli.ok(["dispute", "list", "--status", "upheld", "--format", "json"]))
    #expect(disputes.count == 1)
    let dispute = try #require(disputes.first)
    #expect(dispute["status"] as? String == "upheld")
    #expect(dispute["resolved_by"] as? String == "LEAD")
    #expect(dispute["resolution_note"] as? String == "录音中没有问候语")
    #expect(dispute["revision"] is NSNull)
    #expect(dispute["revised_final_score"] is NSNull)
    #expect(dispute["final_score"] as? Double == 80)
    #expect(try cli.ok(["dispute", "list", "--status", "open"]).hasSuffix("0 disputes\n"))
    #expect(try cli.ok(["dispute", "list"]).contains("LEAD — 录音中没有问候语"))
    // And the trail records the decision
    let audit = try Gap.rows(try cli.ok(["audit", "--evaluation", "1", "--format", "json"]))
    #expect(audit.map { $0["action"] as? String } == ["submit", "dispute", "resolve", "uphold"])
    // A second decision is refused and writes nothing
    #expect(try cli.fails(["dispute", "resolve", "1", "--uphold", "--by", "LEAD"]) == "error: dispute 1 is already resolved (upheld)\n")
    #expect(
      try cli.fails(["dispute", "resolve", "1", "--revise", "--answers", "full.yaml", "--by", "LEAD"])
        == "error: dispute 1 is already resolved (upheld)\n")
    #expect(try Gap.rows(try cli.ok(["audit", "--evaluation", "1", "--format", "json"])).count == 4)
    #expect(try Gap.rows(try cli.ok(["evaluation", "list", "--format", "json"])).count == 1)
    #expect(try cli.fails(["dispute", "resolve", "9", "--uphold", "--by", "LEAD"]) == "error: no dispute with id 9\n")
    // The upheld evaluation still counts in the reports: the index is its final score
    let quality = try Gap.object(try cli.ok(["quality", "--period", "2026-11", "--format", "json"]))
    #expect((quality["agents"] as? [[String: Any]])?.first?["index"] as? Double == 80)
  }
}

// MARK: - Stratified sampling

@Suite("sample --stratify: the strata are respected, through the built binary")
struct SampleStratifyTests {
  /// Week 2026-W47 (Mon 16 – Sun 22 November), one call a day at 10:00, 120 s unless said:
  /// A001 inbound Mon–Fri and outbound Sat; A002 inbound Mon–Wed, outbound Thu–Sat;
  /// A003 inbound, 60 s Mon–Thu, 200 s Fri, 400 s Sat.
  static func centre() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    var csv = "id,agent,started_at,duration_s,direction\n"
    for day in 16...21 {
      csv += "A001-\(day),A001,2026-11-\(day)T10:00:00+08:00,120,\(day == 21 ? "outbound" : "inbound")\n"
      csv += "A002-\(day),A002,2026-11-\(day)T10:00:00+08:00,120,\(day >= 19 ? "outbound" : "inbound")\n"
      csv += "A003-\(day),A003,2026-11-\(day)T10:00:00+08:00,\(day == 21 ? 400 : day == 20 ? 200 : 60),inbound\n"
    }
    try cli.write("calls.csv", csv)
    #expect(try cli.ok(["call", "import", "calls.csv"]).contains("18 calls added, 0 already imported, 3 new agents"))
    return cli
  }

  /// The picks of one run, per agent.
  static func picks(_ cli: CLIHarness, _ arguments: [String]) throws -> (stratify: String?, byAgent: [String: [[String: Any]]]) {
    let json = try Gap.object(try cli.ok(["sample", "--week", "2026-W47", "--format", "json"] + arguments))
    let picks = try #require(json["picks"] as? [[String: Any]])
    return (json["stratify"] as? String, Dictionary(grouping: picks) { $0["agent"] as? String ?? "" })
  }

  @Test func directionStrataAreTakenInTurn() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    var unstratifiedMissedOutbound = false
    for seed in 1...12 {
      // With --stratify direction, two picks are always one inbound and one outbound call
      let (stratify, byAgent) = try Self.picks(cli, ["--seed", String(seed), "--stratify", "direction"])
      #expect(stratify == "direction")
      for agent in ["A001", "A002"] {
        let directions = (byAgent[agent] ?? []).compactMap { $0["direction"] as? String }.sorted()
        #expect(directions == ["inbound", "outbound"], "seed \(seed), \(agent): \(directions)")
      }
      // Without it A001's single outbound call (1 in 6) is often left out
      let (plain, unstratified) = try Self.picks(cli, ["--seed", String(seed)])
      #expect(plain == "none")
      #expect(unstratified["A001"]?.count == 2)
      if !(unstratified["A001"] ?? []).contains(where: { $0["direction"] as? String == "outbound" }) {
        unstratifiedMissedOutbound = true
      }
    }
    #expect(unstratifiedMissedOutbound, "the unstratified sample always held the outbound call: the test shows nothing")
    // Four picks: A002 two and two; A001 has one outbound call only, so three inbound
    let (_, four) = try Self.picks(cli, ["--seed", "7", "--stratify", "direction", "--per-agent", "4"])
    #expect((four["A002"] ?? []).compactMap { $0["direction"] as? String }.sorted() == ["inbound", "inbound", "outbound", "outbound"])
    #expect((four["A001"] ?? []).compactMap { $0["direction"] as? String }.sorted() == ["inbound", "inbound", "inbound", "outbound"])
    // Picks stay on distinct days
    for agent in ["A001", "A002"] {
      let days = (four[agent] ?? []).compactMap { ($0["started_at"] as? String)?.prefix(10) }
      #expect(Set(days).count == 4)
    }
  }

  @Test func durationStrataAreTakenInTurn() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    var unstratifiedMissedABand = false
    for seed in 1...12 {
      // A003's calls: four short (60 s), one medium (200 s), one long (400 s)
      let (stratify, byAgent) = try Self.picks(cli, ["--seed", String(seed), "--stratify", "duration", "--per-agent", "3"])
      #expect(stratify == "duration")
      let durations = (byAgent["A003"] ?? []).compactMap { $0["duration"] as? Double }.sorted()
      #expect(durations == [60, 200, 400], "seed \(seed): \(durations)")
      let (_, plain) = try Self.picks(cli, ["--seed", String(seed), "--per-agent", "3"])
      if Set((plain["A003"] ?? []).compactMap { $0["duration"] as? Double }) != [60, 200, 400] { unstratifiedMissedABand = true }
    }
    #expect(unstratifiedMissedABand, "the unstratified sample always held every band: the test shows nothing")
    // A bad stratum is refused with usage
    let bad = try cli.run(["sample", "--week", "2026-W47", "--stratify", "team", "--db", cli.database])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("The value 'team' is invalid for '--stratify"), "\(bad.stderr)")
  }
}
