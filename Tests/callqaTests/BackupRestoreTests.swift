import Foundation
import TestOracles
import Testing

@Suite("backup and restore, and what they refuse, through the built binary")
struct BackupRestoreTests {
  /// The agent codes stored in `database` (default: the harness database), in list order.
  static func agents(_ cli: CLIHarness, database: String? = nil) throws -> [String] {
    let result = try cli.run(["agent", "list", "--format", "json", "--db", database ?? cli.database])
    #expect(result.status == 0, "agent list failed: \(result.stderr)")
    let rows = try #require(try CLIHarness.json(result.stdout) as? [[String: Any]])
    return rows.compactMap { $0["code"] as? String }
  }

  /// The bytes of a file in the harness folder, or nil when it is not there.
  static func bytes(_ cli: CLIHarness, _ name: String) -> Data? {
    FileManager.default.contents(atPath: cli.directory.appendingPathComponent(name).path)
  }

  static func exists(_ cli: CLIHarness, _ name: String) -> Bool {
    FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent(name).path)
  }

  /// A database with agents A1 and A2 and one inspector.
  static func centre() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A1", "--name", "王小明", "--team", "一组"])
    try cli.ok(["agent", "add", "A2", "--name", "李娜", "--team", "一组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    return cli
  }

  @Test func backupThenRestoreBringsBackTheBackedUpState() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    // Given a backup of the centre with A1 and A2
    #expect(try cli.ok(["backup", "--to", "copy.sqlite"]) == "backup written: copy.sqlite\n")
    // Then the backup is a complete callqa database on its own, in rollback-journal mode (no WAL beside it)
    #expect(try Self.agents(cli, database: "copy.sqlite") == ["A1", "A2"])
    #expect(!Self.exists(cli, "copy.sqlite-wal"))
    #expect(try Self.bytes(cli, "copy.sqlite").map { Array($0.prefix(16)) } == Array("SQLite format 3\0".utf8))
    // When the live database changes afterwards
    try cli.ok(["agent", "add", "B1", "--name", "张伟", "--team", "二组"])
    #expect(try Self.agents(cli) == ["A1", "A2", "B1"])
    // And the backup is restored over it
    let restored = try cli.ok(["restore", "--from", "copy.sqlite", "--force"])
    #expect(restored == "restored \(cli.database) from copy.sqlite\n")
    // Then the database holds exactly what was backed up: B1 is gone, the inspector is back
    #expect(try Self.agents(cli) == ["A1", "A2"])
    #expect(try cli.ok(["inspector", "list"]).contains("QA1   李质检"))
    // And it is still writable and fully working
    try cli.ok(["agent", "add", "B2", "--name", "赵六"])
    #expect(try Self.agents(cli) == ["B2", "A1", "A2"])
  }

  @Test func restoreIntoAFreshPathCreatesTheDatabase() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    try cli.ok(["backup", "--to", "copy.sqlite"])
    // Restoring where no database is yet needs no --force
    let result = try cli.run(["restore", "--from", "copy.sqlite", "--db", "fresh.sqlite"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "restored fresh.sqlite from copy.sqlite\n")
    #expect(try Self.agents(cli, database: "fresh.sqlite") == ["A1", "A2"])
  }

  @Test func backupRefusesToOverwriteWithoutForceAndReplacesWithIt() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    try cli.ok(["backup", "--to", "copy.sqlite"])
    let before = try #require(Self.bytes(cli, "copy.sqlite"))
    try cli.ok(["agent", "add", "B1", "--name", "张伟"])
    // An existing target without --force: one line, non-zero, the file untouched
    #expect(try cli.fails(["backup", "--to", "copy.sqlite"]) == "error: copy.sqlite exists (use --force to replace it)\n")
    #expect(Self.bytes(cli, "copy.sqlite") == before)
    #expect(try Self.agents(cli, database: "copy.sqlite") == ["A1", "A2"])
    // With --force the backup is replaced by the current state
    #expect(try cli.ok(["backup", "--to", "copy.sqlite", "--force"]) == "backup written: copy.sqlite\n")
    #expect(try Self.agents(cli, database: "copy.sqlite") == ["B1", "A1", "A2"])
    // No partial file is left beside it
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.contains(".partial-") }
    #expect(leftovers.isEmpty)
  }

  @Test func backupOfAMissingDatabaseIsRefusedAndWritesNothing() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let result = try cli.run(["backup", "--to", "copy.sqlite", "--db", "nowhere.sqlite"])
    #expect(result.status == 1)
    #expect(result.stderr == "error: nowhere.sqlite: no database here (create one with `callqa init --db nowhere.sqlite`)\n")
    #expect(result.stdout.isEmpty)
    #expect(!Self.exists(cli, "copy.sqlite"))
    #expect(!Self.exists(cli, "nowhere.sqlite"))
  }

  @Test func restoreRefusals() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    try cli.ok(["backup", "--to", "copy.sqlite"])
    try cli.write("notes.txt", "not a database at all\n")
    let live = try #require(Self.bytes(cli, "qa.sqlite"))
    // Over an existing database without --force
    #expect(
      try cli.fails(["restore", "--from", "copy.sqlite"])
        == "error: \(cli.database) exists: restoring replaces all of it (use --force)\n")
    // A backup that is not there, a file that is not SQLite: refused even with --force
    #expect(try cli.fails(["restore", "--from", "missing.sqlite", "--force"]) == "error: missing.sqlite: no such backup\n")
    #expect(
      try cli.fails(["restore", "--from", "notes.txt", "--force"])
        == "error: notes.txt: not a readable SQLite database (file is not a database)\n")
    // Then the live database is untouched: same bytes, same agents
    #expect(Self.bytes(cli, "qa.sqlite") == live)
    #expect(try Self.agents(cli) == ["A1", "A2"])
    // And a refused restore into a fresh path creates no database there
    for from in ["missing.sqlite", "notes.txt"] {
      let result = try cli.run(["restore", "--from", from, "--db", "fresh.sqlite"])
      #expect(result.status == 1)
      #expect(result.stderr.split(separator: "\n").count == 1, "one-line error: \(result.stderr)")
      #expect(!Self.exists(cli, "fresh.sqlite"), "restore --from \(from) created the database")
    }
  }

  @Test(.enabled(if: Tools.which("sqlite3") != nil, "sqlite3 is not installed (apt-get install sqlite3)"))
  func restoreRefusesSQLiteFilesCallqaDidNotMakeOrCannotRead() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let sqlite3 = try #require(Tools.which("sqlite3"))
    // Given another program's SQLite file, and a backup made by a newer callqa (an unknown migration)
    let other = cli.directory.appendingPathComponent("other.sqlite").path
    #expect(try Tools.run(sqlite3, [other, "CREATE TABLE t(x); INSERT INTO t VALUES (1);"]).status == 0)
    try cli.ok(["backup", "--to", "newer.sqlite"])
    let newer = cli.directory.appendingPathComponent("newer.sqlite").path
    #expect(try Tools.run(sqlite3, [newer, "INSERT INTO grdb_migrations VALUES ('Add something from the future');"]).status == 0)
    let live = try #require(Self.bytes(cli, "qa.sqlite"))
    // When either is restored, with --force: one line each, non-zero
    #expect(try cli.fails(["restore", "--from", "other.sqlite", "--force"]) == "error: other.sqlite: not a callqa database\n")
    #expect(
      try cli.fails(["restore", "--from", "newer.sqlite", "--force"])
        == "error: newer.sqlite: made by a newer callqa (migration 'Add something from the future')\n")
    // Then nothing changed
    #expect(Self.bytes(cli, "qa.sqlite") == live)
    #expect(try Self.agents(cli) == ["A1", "A2"])
    let result = try cli.run(["restore", "--from", "other.sqlite", "--db", "fresh.sqlite"])
    #expect(result.status == 1)
    #expect(!Self.exists(cli, "fresh.sqlite"))
  }
}
