import CallQAKit
import Foundation
import TestOracles
import Testing

@Suite("case tag | list | show | untag | suggest | export, through the built binary")
struct CaseCommandTests {
  static let perfect = """
    answers:
      three-rings: yes
      greeting: 10
      enunciation: 5
      closing: yes
      accurate-info: 15
      needs-identified: yes
      solved-within-policy: yes
      let-customer-finish: 0
      acknowledge: yes
      hold-etiquette: na
      forbidden-phrases: 0
      first-contact-ownership: yes
      correct-transfer: na
      complaint-recorded: na
      identity-verified: yes
      data-confidential: yes
      no-abuse: yes
    notes:
      acknowledge: 客户电话13812345678，坐席及时安抚
    """

  /// init, an agent, an inspector and two scored calls: a perfect one (evaluation 1) and one
  /// with data-confidential answered "no" (evaluation 2, critical failure) whose recording is missing.
  func prepared() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let good = try cli.write("good.yaml", Self.perfect)
    let bad = try cli.write("bad.yaml", Self.perfect.replacingOccurrences(of: "data-confidential: yes", with: "data-confidential: no"))
    for (call, file, recording) in [("C-1", good, [String]()), ("C-2", bad, ["--recording", "gone.wav"])] {
      try cli.ok(
        [
          "score", "--scorecard", "inbound-service", "--agent", "A001", "--call", call, "--inspector", "QA1",
          "--answers", file, "--call-started-at", "2026-11-03T09:15:00+08:00",
        ] + recording)
    }
    return cli
  }

  @Test func tagListShowUntagAndSuggest() throws {
    let cli = try prepared()
    defer { cli.cleanUp() }
    // suggest: the perfect call as exemplary, the critical failure as cautionary
    let suggested = try #require(try CLIHarness.json(cli.ok(["case", "suggest", "--period", "2026-11", "--format", "json"])) as? [[String: Any]])
    #expect(suggested.map { $0["evaluation_id"] as? Int } == [1, 2])
    #expect(suggested.map { $0["kind"] as? String } == ["exemplary", "cautionary"])
    #expect(suggested[1]["critical_items"] as? [String] == ["data-confidential"])
    // tag with defaults, then a cautionary case with explicit skills and a clip
    let tagged = try cli.ok(["case", "tag", "1", "--title", "标准服务全流程", "--level", "beginner"])
    #expect(tagged.hasPrefix("tagged case 1: 标准服务全流程 [exemplary] skills: three-rings, greeting, enunciation"))
    let json = try #require(
      try CLIHarness.json(
        cli.ok([
          "case", "tag", "2", "--title", "泄露客户信息", "--kind", "cautionary", "--skills", "data-confidential",
          "--clip", "00:45-03:10", "--note", "未核实身份即报出账户信息", "--format", "json",
        ])) as? [String: Any])
    #expect(json["id"] as? Int == 2)
    #expect(json["skills"] as? [String] == ["data-confidential"])
    #expect((json["clip"] as? [String: Any])?["start"] as? Double == 45)
    #expect((json["clip"] as? [String: Any])?["end"] as? Double == 190)
    // Bad input: one line, non-zero, nothing written
    for (arguments, message) in [
      (["case", "tag", "1", "--title", "x", "--clip", "03:10-00:45"], "error: clip start 03:10 must be before its end 00:45"),
      (["case", "tag", "1", "--title", "x", "--skills", "nope"], "error: skill 'nope' is not an item of scorecard inbound-service@1"),
      (["case", "tag", "9", "--title", "x"], "error: no evaluation with id 9"),
      (["case", "show", "9"], "error: no training case with id 9"),
    ] {
      let stderr = try cli.fails(arguments)
      #expect(stderr == message + "\n")
    }
    let level = try cli.run(["case", "tag", "1", "--title", "x", "--level", "expert", "--db", cli.database])
    #expect(level.status == 64)
    #expect(level.stderr.contains("The value 'expert' is invalid for '--level <level>'"))
    // list with filters
    let table = try cli.ok(["case", "list"])
    #expect(table.contains("泄露客户信息"))
    #expect(table.contains("00:45-03:10"))
    #expect(table.hasSuffix("2 cases\n"))
    let cautionary = try #require(try CLIHarness.json(cli.ok(["case", "list", "--kind", "cautionary", "--format", "json"])) as? [[String: Any]])
    #expect(cautionary.map { $0["id"] as? Int } == [2])
    let bySkill = try #require(
      try CLIHarness.json(cli.ok(["case", "list", "--skill", "greeting", "--level", "beginner", "--format", "json"])) as? [[String: Any]])
    #expect(bySkill.map { $0["id"] as? Int } == [1])
    // show prints the case and the evaluation's breakdown
    let shown = try cli.ok(["case", "show", "2", "--lang", "zh"])
    #expect(shown.contains("案例 #2  泄露客户信息  [反面案例]"))
    #expect(shown.contains("技能：data-confidential (为客户信息保密)"))
    #expect(shown.contains("致命项失误"))
    #expect(try cli.ok(["case", "show", "2", "--lang", "en"]).contains("Case #2  泄露客户信息  [cautionary]"))
    // suggest no longer lists tagged evaluations; untag is audited and brings it back
    #expect(try cli.ok(["case", "suggest"]).contains("0 suggestions"))
    #expect(try cli.ok(["case", "untag", "2"]) == "untagged case 2: 泄露客户信息 (evaluation 2)\n")
    let again = try #require(try CLIHarness.json(cli.ok(["case", "suggest", "--format", "json"])) as? [[String: Any]])
    #expect(again.map { $0["evaluation_id"] as? Int } == [2])
    let audit = try shell("sqlite3", [cli.database, "SELECT action || ':' || entity_id FROM audit_log WHERE entity = 'training_case' ORDER BY id"])
    #expect(audit == "tag:1\ntag:2\nuntag:2\n")
  }

  @Test func tagRefusesASecondCaseAndCasesThatContradictTheirKind() throws {
    let cli = try prepared()
    defer { cli.cleanUp() }
    func cases() throws -> Int { try #require(try CLIHarness.json(cli.ok(["case", "list", "--format", "json"])) as? [[String: Any]]).count }
    // A critical failure (final 0) as exemplary, a perfect call as cautionary: one line, non-zero, nothing written
    for (arguments, message) in [
      (
        ["case", "tag", "2", "--title", "范例"],
        "error: evaluation 2 scores 0.0, below the exemplary score 95 of inbound-service@1: pass --force to tag it as exemplary anyway"
      ),
      (
        ["case", "tag", "1", "--title", "反例", "--kind", "cautionary", "--skills", "greeting"],
        "error: evaluation 1 lost no points (final 100.0), so it shows nothing to avoid: pass --force to tag it as cautionary anyway"
      ),
      (
        ["case", "tag", "1", "--title", "x", "--skills", "greeting,opening"],
        "error: skill 'opening' is not an item of scorecard inbound-service@1"
      ),
    ] {
      #expect(try cli.fails(arguments) == message + "\n")
    }
    #expect(try cases() == 0)
    // --force tags it, with a warning on stderr
    let forced = try cli.run(["case", "tag", "1", "--title", "反例", "--kind", "cautionary", "--skills", "greeting", "--force", "--db", cli.database])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(forced.stderr == "warning: evaluation 1 lost no points (final 100.0), so it shows nothing to avoid; tagged as cautionary anyway (--force)\n")
    #expect(forced.stdout == "tagged case 1: 反例 [cautionary] skills: greeting\n")
    // A second case for the same evaluation is refused, --force or not, naming the existing case
    for extra in [[String](), ["--force"]] {
      let stderr = try cli.fails(["case", "tag", "1", "--title", "标准服务", "--kind", "exemplary"] + extra)
      #expect(stderr == "error: evaluation 1 is already case 1 ('反例'): one case per evaluation (untag case 1 first)\n")
    }
    #expect(try cases() == 1)
    // A fitting case needs no --force and prints no warning
    let fitting = try cli.run(["case", "tag", "2", "--title", "泄露客户信息", "--kind", "cautionary", "--db", cli.database])
    #expect(fitting.status == 0 && fitting.stderr.isEmpty, "\(fitting.stderr)")
    #expect(try cases() == 2)
    let audit = try shell("sqlite3", [cli.database, "SELECT action || ':' || entity_id FROM audit_log WHERE entity = 'training_case' ORDER BY id"])
    #expect(audit == "tag:1\ntag:2\n")
  }

  @Test func exportWritesTheLibraryAndReportsMissingRecordings() throws {
    let cli = try prepared()
    defer { cli.cleanUp() }
    try cli.ok(["case", "tag", "1", "--title", "../../etc/x"])
    try cli.ok(["case", "tag", "2", "--title", "泄露", "--kind", "cautionary", "--skills", "data-confidential"])
    let result = try cli.run(["case", "export", "--out", "lib", "--format", "html", "--lang", "zh", "--db", cli.database])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("exported 2 cases (html) to "))
    #expect(result.stdout.contains("clips: 1 missing, 1 none"))
    #expect(result.stderr == "warning: case 2: recording not found: gone.wav\n")
    let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("lib/cases").path).sorted()
    #expect(names == ["case-0001-etc-x.html", "case-0002-泄露.html"])
    let page = try String(contentsOf: cli.directory.appendingPathComponent("lib/cases/case-0001-etc-x.html"), encoding: .utf8)
    #expect(page.contains("客户电话[mobile redacted]，坐席及时安抚"))
    #expect(!page.contains("13812345678"))
    #expect(!FileManager.default.fileExists(atPath: cli.directory.deletingLastPathComponent().appendingPathComponent("etc").path))
    // An existing library is not overwritten without --force
    let stderr = try cli.fails(["case", "export", "--out", "lib"])
    #expect(stderr.contains("already exists (pass --force to replace it)"))
    try cli.ok(["case", "export", "--out", "lib", "--format", "md", "--force"])
    #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("lib/index.md").path))
  }

  @Test func zipExportNamesTheArchiveDotZipAndHelpSaysWhatOutIs() throws {
    let cli = try prepared()
    defer { cli.cleanUp() }
    try cli.ok(["case", "tag", "1", "--title", "标准服务"])
    // --out without an extension: the archive is lib.zip, and the summary says so
    let out = try cli.ok(["case", "export", "--format", "zip", "--out", "lib"])
    let zip = cli.directory.appendingPathComponent("lib.zip")
    #expect(out.hasPrefix("exported 1 case (zip) to "), "\(out)")
    #expect(out.contains("lib.zip\n"), "\(out)")
    #expect(FileManager.default.fileExists(atPath: zip.path))
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("lib").path))
    #expect(Array(try Data(contentsOf: zip).prefix(2)) == [0x50, 0x4B])
    // The same --out again is refused without --force, naming the .zip
    #expect(try cli.fails(["case", "export", "--format", "zip", "--out", "lib"]).contains("lib.zip already exists (pass --force to replace it)"))
    // A folder format with the same --out writes the folder `lib`
    try cli.ok(["case", "export", "--format", "md", "--out", "lib"])
    #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("lib/index.md").path))
    // --help says what --out is for each format
    let help = try cli.run(["case", "export", "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
      .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    #expect(help.contains("--out <out> md, html, json: the library folder to create. zip: the archive file (.zip added when missing)."), "\(help)")
    #expect(help.contains("--out is a folder for md, html and json"), "\(help)")
  }

  @Test func aKilledExportLeavesNoPartialLibrary() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // Given 400 cases with long Chinese titles, a WAV recording and a transcript each: with
    // --verbose the export prints more than a pipe buffer (64 KiB) of progress before it can
    // move the library into place, so a child whose stderr is never read blocks midway.
    try Self.bigFixture(cli, cases: 400)
    let process = Process()
    process.executableURL = CLIHarness.executable
    process.arguments = ["case", "export", "--out", "lib", "--format", "html", "--verbose", "--db", cli.database]
    process.currentDirectoryURL = cli.directory
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    // When the staging folder has appeared and files are being written, SIGKILL the process
    var staging: String?
    for _ in 0..<2400 where staging == nil && process.isRunning {
      staging = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).first { $0.hasPrefix(".lib.partial-") }
      if staging == nil { Thread.sleep(forTimeInterval: 0.05) }
    }
    if staging == nil, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    let partial = try #require(staging, "the export never started")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(process.isRunning, "the export finished before it could be killed")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    // Then nothing is at --out; only the hidden staging folder remains, with some files in it
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("lib").path))
    let written = FileManager.default.subpaths(atPath: cli.directory.appendingPathComponent(partial).path) ?? []
    #expect(!written.isEmpty)
    // And the next export succeeds and sweeps the leftover away
    let rerun = try cli.run(["case", "export", "--out", "lib", "--format", "html", "--db", cli.database])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(rerun.stdout.contains("exported 400 cases"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".lib.") }.isEmpty)
  }

  /// Builds `cases` tagged evaluations in the harness database through the library.
  static func bigFixture(_ cli: CLIHarness, cases: Int) throws {
    let db = try QADatabase(path: cli.database)
    for scorecard in try ShippedScorecards.all() { try db.importScorecard(scorecard, actor: "test") }
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "test")
    try db.addInspector(code: "QA1", name: "李质检", actor: "test")
    let stored = try db.scorecard(reference: "inbound-service@1")
    let sheet = try AnswerSheet.parse(text: perfect, file: "answers.yaml", scorecard: stored.scorecard)
    let wav = cli.directory.appendingPathComponent("call.wav")
    try writeTone(to: wav, seconds: 4)
    let transcript = (0..<8).map { "[00:0\($0).0] 坐席: 第\($0)句，您好" }.joined(separator: "\n")
    let title = String(repeating: "耐心安抚投诉客户的标准话术", count: 4)
    for index in 1...cases {
      let id = try db.submit(
        EvaluationSubmission(
          scorecard: stored, agentCode: "A001", inspectorCode: "QA1",
          call: CallInput(
            externalId: "C-\(index)", startedAt: "2026-11-03T09:15:00+08:00", duration: 4,
            recording: wav.path, transcript: transcript),
          kind: .monitoring, sheet: sheet, actor: "test"))
      try db.tagCase(evaluationId: id, title: "\(title)\(index)", skills: ["greeting"], clip: try ClipRange(start: 0.5, end: 3), actor: "test")
    }
  }

  /// A 8 kHz mono 16-bit PCM sine tone.
  static func writeTone(to url: URL, seconds: Double) throws {
    let frames = Int(seconds * 8000)
    func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var samples: [UInt8] = []
    for frame in 0..<frames { samples += le(Int(sin(Double(frame) * 2 * .pi * 440 / 8000) * 32000), 2) }
    let fmt = le(1, 2) + le(1, 2) + le(8000, 4) + le(16000, 4) + le(2, 2) + le(16, 2)
    let body = Array("WAVEfmt ".utf8) + le(16, 4) + fmt + Array("data".utf8) + le(samples.count, 4) + samples
    try Data(Array("RIFF".utf8) + le(body.count, 4) + body).write(to: url)
  }

  /// Runs a tool from $PATH and returns its stdout, or nil when the tool is not installed.
  /// Runs `tool` (which CI installs); a missing tool fails the test instead of skipping the check.
  func shell(_ tool: String, _ arguments: [String]) throws -> String {
    let path = try #require(Tools.which(tool), "\(tool) is not installed")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
