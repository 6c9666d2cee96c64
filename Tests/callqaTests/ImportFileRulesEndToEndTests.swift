import Foundation
import Testing

/// What every import does with an empty file, a file saved in the wrong encoding and unknown
/// people, through the built binary.
@Suite("imports: empty files, GBK files and new people, through the built binary")
struct ImportFileRulesEndToEndTests {
  /// `'王小明'.encode('gbk')` and `'一组'.encode('gbk')` in Python: what Excel on a Chinese
  /// Windows writes for "CSV (逗号分隔)".
  static let wangXiaoming: [UInt8] = [0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7]
  static let yiZu: [UInt8] = [0xD2, 0xBB, 0xD7, 0xE9]

  static func writeBytes(_ cli: CLIHarness, _ name: String, _ parts: [[UInt8]]) throws {
    try Data(parts.flatMap { $0 }).write(to: cli.directory.appendingPathComponent(name))
  }

  @Test func aGBKFileIsRefusedWithWhatToDoAndNothingIsWritten() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try Self.writeBytes(
      cli, "agents.csv",
      [
        Array("code,name,team\r\nA001,".utf8), Self.wangXiaoming, Array(",".utf8), Self.yiZu, Array("\r\n".utf8),
      ])
    try Self.writeBytes(
      cli, "evaluations.csv",
      [
        Array("external_id,scorecard,kind,agent,inspector,call.id,item.greeting,comment\r\nX1,inbound-service,monitoring,A001,QA1,C-1,10,".utf8),
        Self.wangXiaoming, Array("\r\n".utf8),
      ])
    try Self.writeBytes(cli, "evaluations.jsonl", [Array(#"{"external_id": "X1", "agent": ""#.utf8), Self.wangXiaoming, Array("\"}\n".utf8)])
    let advice = "not UTF-8 — this looks like GBK/GB18030 (Chinese Windows); save it as UTF-8"
    let refusals: [([String], String)] = [
      (["agent", "import", "agents.csv"], "error: agents.csv:2:6: \(advice) (in Excel: Save As → CSV UTF-8) and import again\n"),
      (["evaluation", "import", "evaluations.csv"], "error: evaluations.csv:2:47: \(advice) (in Excel: Save As → CSV UTF-8) and import again\n"),
      (
        ["evaluation", "import", "evaluations.csv", "--skip-invalid"],
        "error: evaluations.csv:2:47: \(advice) (in Excel: Save As → CSV UTF-8) and import again\n"
      ),
      (["evaluation", "import", "evaluations.jsonl"], "error: evaluations.jsonl:1:33: \(advice) and import again\n"),
    ]
    let before = try ImportEndToEndTests.sqlite(cli, "SELECT COUNT(*) FROM audit_log")
    for (arguments, error) in refusals {
      let result = try cli.run(arguments + ["--db", cli.database])
      #expect(result.status == 1, "\(arguments)")
      #expect(result.stderr == error, "\(arguments)")
    }
    #expect(try ImportEndToEndTests.sqlite(cli, "SELECT COUNT(*) FROM audit_log") == before)
    #expect(try ImportEndToEndTests.sqlite(cli, "SELECT COUNT(*) FROM agents") == "0")
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("evaluations.rejects.csv").path))
  }

  @Test func anEmptyFileImportsNothingAndSaysSo() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    let before = try ImportEndToEndTests.sqlite(cli, "SELECT COUNT(*) FROM audit_log")
    let imports: [(command: [String], file: String)] = [
      (["evaluation", "import"], "evaluations.jsonl"), (["evaluation", "import"], "evaluations.csv"),
      (["call", "import"], "calls.csv"), (["complaint", "import"], "complaints.csv"),
      (["agent", "import"], "agents.csv"), (["agent-month", "import"], "months.csv"),
    ]
    for content in ["", "\u{FEFF}\r\n"] {
      for (command, file) in imports {
        try cli.write(file, content)
        let result = try cli.run(command + [file, "--db", cli.database])
        #expect(result.status == 0, "\(command) \(file): \(result.stderr)")
        #expect(result.stdout == "\(file): no records in the file: nothing imported\n", "\(command) \(file)")
        #expect(result.stderr == "")
      }
    }
    // a CSV with only its header says the same
    try cli.write("calls.csv", "id,agent,started_at\n")
    #expect(try cli.ok(["call", "import", "calls.csv"]) == "calls.csv: no records in the file: nothing imported\n")
    #expect(try ImportEndToEndTests.sqlite(cli, "SELECT COUNT(*) FROM audit_log") == before)
    let json = try #require(try CLIHarness.json(try cli.ok(["evaluation", "import", "evaluations.jsonl", "--format", "json"])) as? [String: Any])
    #expect(json["records"] as? Int == 0)
  }

  @Test func anEvaluationImportSaysWhichPeopleItCreated() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明"])
    let out = try cli.ok(["evaluation", "import", ImportEndToEndTests.fixture("evaluations.jsonl")])
    #expect(out == "evaluations.jsonl: 3 records: 3 added, 0 already imported, 1 new agent, 2 new inspectors\n")
    let again = try cli.ok(["evaluation", "import", ImportEndToEndTests.fixture("evaluations.csv")])
    #expect(again == "evaluations.csv: 3 records: 0 added, 3 already imported\n")
  }
}
