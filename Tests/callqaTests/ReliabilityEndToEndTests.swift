import Foundation
import TestOracles
import Testing

/// Issue 24's probes of opening, through the built binary.
@Suite("opening with care through the built binary: read-only, foreign and newer databases")
struct ReliabilityEndToEndTests {
  /// Every command that only reads.
  static let readers: [[String]] = [
    ["report", "weak-areas", "--period", "2026-10"], ["report", "trend"], ["report", "agents", "--period", "2026-10"],
    ["report", "leaderboard", "--period", "2026-10"], ["report", "inspectors"], ["report", "auto-rules"],
    ["quality", "--period", "2026-10"], ["performance", "--period", "2026-10"], ["coverage", "--period", "2026-10"],
    ["sample", "--week", "2026-W44"], ["agent", "list"], ["inspector", "list"], ["scorecard", "list"],
    ["evaluation", "list"], ["evaluation", "show", "1"], ["call", "list"], ["case", "list"], ["coaching", "list"],
    ["dispute", "list"], ["calibration", "list"], ["calibration", "report"], ["audit"], ["audit", "verify"], ["doctor"],
  ]

  /// A demo centre in the folder `data` of `cli`, the folder then made read-only (0555, its
  /// files 0444); `cleanUp` makes it writable again and removes everything.
  static func readOnlyCentre() throws -> (cli: CLIHarness, folder: URL, path: String, cleanUp: () -> Void) {
    let cli = try CLIHarness()
    let folder = cli.directory.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("qa.sqlite").path
    #expect(try cli.run(["demo", "--agents", "3", "--months", "1", "--last-month", "2026-10", "--db", path]).status == 0)
    // The folder holds the database alone: the demo's recordings are not what this is about.
    try FileManager.default.removeItem(at: folder.appendingPathComponent("demo-media"))
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      chmod(folder.appendingPathComponent(name).path, 0o444)
    }
    #expect(chmod(folder.path, 0o555) == 0)
    return (
      cli, folder, path,
      {
        chmod(folder.path, 0o755); cli.cleanUp()
      }
    )
  }

  @Test func aReadOnlyDatabaseInAReadOnlyFolderIsReadByEveryReportLeavingNothingBehind() throws {
    let (cli, folder, path, cleanUp) = try Self.readOnlyCentre()
    defer { cleanUp() }
    let before = try FolderSnapshot(folder)
    var failed: [String] = []
    for command in Self.readers {
      let result = try cli.run(command + ["--db", path])
      if result.status != 0 { failed.append("\(command.joined(separator: " ")): \(result.stderr)") }
    }
    #expect(failed == [])
    // A write says why it cannot, in one line (root may write anything, so only as a user)
    if getuid() != 0 {
      let refused = try cli.run(["agent", "add", "A9", "--name", "Nine", "--db", path])
      #expect(refused.status == 74 && refused.stderr.contains("cannot be written"), "\(refused.stderr)")
    }
    #expect(try FolderSnapshot(folder) == before)
  }

  @Test func foreignEmptyAndNewerDatabasesAreRefusedByEveryCommandButInit() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let empty = try cli.write("empty.sqlite", "")
    let report = try cli.run(["report", "trend", "--db", empty])
    #expect(report.status == 1 && report.stderr == "error: \(empty): an empty file, not a callqa database (only `callqa init` makes one)\n")
    #expect(try cli.run(["agent", "add", "A1", "--name", "One", "--db", empty]).status == 1)
    #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
    #expect(try cli.run(["init", "--db", empty]).status == 0)
    #expect(try cli.run(["report", "trend", "--db", empty]).status == 0)

    let other = cli.directory.appendingPathComponent("other.sqlite").path
    #expect(try AuditChainEndToEndTests.sqlite(other, "CREATE TABLE invoices (id INTEGER PRIMARY KEY);").status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
    for command in [["report", "trend"], ["init"], ["agent", "add", "A1", "--name", "One"]] {
      let result = try cli.run(command + ["--db", other])
      #expect(result.stderr == "error: \(other): not a callqa database (its tables: invoices)\n")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes)

    #expect(try AuditChainEndToEndTests.sqlite(empty, "INSERT INTO grdb_migrations VALUES ('Add teleportation'); PRAGMA user_version = 10000;").status == 0)
    let newer = try cli.run(["report", "trend", "--db", empty])
    #expect(
      newer.stderr
        == "error: \(empty): made by a newer callqa: its migration 'Add teleportation' is unknown to callqa 0.1.0; use callqa 1.0.0 or newer\n")
    #expect(try cli.run(["agent", "add", "A1", "--name", "One", "--db", empty]).status == 1)
  }

  /// Runs callqa with the file size limited to `kilobytes` (SIGXFSZ ignored): every write past
  /// it fails with EFBIG, a real write failure in the real binary, as a full disk would be.
  static func runLimited(_ cli: CLIHarness, kilobytes: Int, _ arguments: [String]) throws -> CLIHarness.Result {
    let tool = try #require(Tools.which("bash"), "bash is not installed")
    let script = "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\""
    let result = try Tools.run(tool, ["-c", script, CLIHarness.executable.path] + arguments)
    return CLIHarness.Result(status: result.status, stdout: result.output, stderr: result.output)
  }

  @Test func aFailedWriteLeavesTheExistingFileOfEveryFormatIntactAndLinksAreNotFollowed() throws {
    // The database is read as immutable (a read-only folder): the limit hits the output only
    let (cli, _, path, cleanUp) = try Self.readOnlyCentre()
    defer { cleanUp() }
    var outcomes: [String] = []
    for format in ["table", "json", "csv", "xlsx", "html"] {
      let output = try cli.write("weak.\(format)", "the previous report\n")
      let result = try Self.runLimited(
        cli, kilobytes: 1, ["report", "weak-areas", "--period", "2026-10", "--format", format, "--output", output, "--db", path])
      let intact = try String(contentsOfFile: output, encoding: .utf8) == "the previous report\n"
      outcomes.append("\(format): status \(result.status), intact \(intact), \(result.stderr.trimmingCharacters(in: .newlines))")
    }
    let expected = ["table", "json", "csv", "xlsx", "html"].map { format in
      let output = cli.directory.appendingPathComponent("weak.\(format)").path
      return
        "\(format): status 74, intact true, error: \(output): the file is larger than this system allows: nothing was written (an existing file is unchanged)"
    }
    #expect(outcomes == expected)
    // A backup over an earlier one: the earlier one stays whole
    let backup = cli.directory.appendingPathComponent("backup.sqlite").path
    #expect(try cli.run(["backup", "--to", backup, "--db", path]).status == 0)
    let previous = try Data(contentsOf: URL(fileURLWithPath: backup))
    let failed = try Self.runLimited(cli, kilobytes: 4, ["backup", "--to", backup, "--force", "--db", path])
    #expect(failed.status == 74 && failed.stderr.contains("the previous backup, if any, is unchanged"), "\(failed.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == previous)
    // --force replaces only a callqa database
    let notes = try cli.write("notes.sqlite", "my notes\n")
    #expect(try cli.run(["backup", "--to", notes, "--force", "--db", path]).stderr == "error: refusing to replace \(notes): it is not a callqa database\n")
    // Nothing half-written is left beside them
    let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix(".") }
    #expect(left == [])

    // A link at --output is refused, and the file it points to untouched
    let victim = try cli.write("victim.txt", "someone else's file\n")
    let link = cli.directory.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
    for format in ["csv", "xlsx", "json"] {
      let result = try cli.run(["report", "weak-areas", "--format", format, "--output", link, "--db", path])
      #expect(result.status == 1 && result.stderr == "error: \(link): a symbolic link; callqa does not write through links (give the real path)\n")
    }
    #expect(try cli.run(["backup", "--to", link, "--force", "--db", path]).status == 1)
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "someone else's file\n")
  }

  @Test func oneRuleForCountsRangesItemsAndWeightsAndACorruptScorecardIsNamed() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["demo", "--agents", "2", "--months", "1", "--last-month", "2026-10"])
    let refused: [([String], String)] = [
      (["report", "weak-areas", "--top", "-1"], "error: top must be at least 1, not -1"),
      (["report", "weak-areas", "--top", "0"], "error: top must be at least 1, not 0"),
      (["evaluation", "list", "--limit", "-5"], "error: --limit must be at least 1, not -5"),
      (["call", "list", "--limit", "0"], "error: --limit must be at least 1, not 0"),
      (["report", "trend", "--from", "2026-10-30", "--to", "2026-10-01"], "error: from 2026-10-30 is after to 2026-10-01: nothing could match"),
      (["evaluation", "list", "--from", "2026-10-30", "--to", "2026-10-01"], "error: from 2026-10-30 is after to 2026-10-01: nothing could match"),
      (["report", "trend", "--item", "no-such-item"], "error: unknown item 'no-such-item'"),
      (["report", "leaderboard", "--pass-points", "9.2e18"], "error: pass points must be a number between −1000000 and 1000000, not 9.2e+18"),
      (["report", "leaderboard", "--clean-bonus", "-9.2e18"], "error: clean bonus must be a number between −1000000 and 1000000, not -9.2e+18"),
    ]
    var outcomes: [String] = []
    for (command, message) in refused {
      let result = try cli.run(command + ["--db", cli.database])
      if result.status != 1 || !result.stderr.hasPrefix(message) {
        outcomes.append("\(command.joined(separator: " ")): \(result.status) \(result.stderr)\(result.stdout.prefix(80))")
      }
    }
    #expect(outcomes == [])
    // A damaged stored scorecard: reports name it and say what to do, doctor lists it
    #expect(try AuditChainEndToEndTests.sqlite(cli.database, "UPDATE scorecards SET definition = '{\"broken' WHERE key = 'inbound-service';").status == 0)
    let report = try cli.run(["report", "weak-areas", "--db", cli.database])
    #expect(report.status == 74)
    #expect(
      report.stderr.hasPrefix("error: scorecard inbound-service@1: its stored definition is damaged and cannot be read; restore the last backup"),
      "\(report.stderr)")
    #expect(report.stderr.split(separator: "\n").count == 1)
    let doctor = try cli.run(["doctor", "--db", cli.database])
    #expect(doctor.status == 1 && doctor.stdout.contains("scorecard inbound-service@1: its stored definition is damaged"), "\(doctor.stdout)\(doctor.stderr)")
  }
}
