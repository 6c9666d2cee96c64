import Foundation
import GRDB
import TestOracles
import Testing

@testable import CallQAKit

@Suite("opening with care: foreign, empty and newer files refused, read-only files read")
struct OpeningTests {
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opening-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as CallQAError {
      return error.message
    } catch {
      return "\(error)"
    }
  }

  @Test func anEmptyFileIsADatabaseOnlyWhenCreating() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("empty.sqlite").path
    FileManager.default.createFile(atPath: path, contents: Data())
    for mode in [OpenMode.readWrite, .readOnly] {
      #expect(Self.message { _ = try QADatabase(path: path, mode: mode) } == "\(path): an empty file, not a callqa database (only `callqa init` makes one)")
    }
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 0)
    #expect(try QADatabase(path: path, mode: .create).appliedMigrations().count == Migrations.migrator.migrations.count)
    #expect(try QADatabase(path: path, mode: .readWrite).appliedMigrations().count == Migrations.migrator.migrations.count)
    let missing = folder.appendingPathComponent("missing.sqlite").path
    #expect(Self.message { _ = try QADatabase(path: missing, mode: .readOnly) } == "\(missing): no database here")
    #expect(!FileManager.default.fileExists(atPath: missing))
  }

  @Test func anotherApplicationsFileIsRefusedInEveryModeAndLeftAsItWas() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("other.sqlite").path
    let other = try DatabaseQueue(path: path)
    try other.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)") }
    try other.close()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    for mode in [OpenMode.create, .readWrite, .readOnly] {
      #expect(Self.message { _ = try QADatabase(path: path, mode: mode) } == "\(path): not a callqa database (its tables: invoices)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let text = folder.appendingPathComponent("notes.sqlite").path
    try "not a database at all\n".write(toFile: text, atomically: true, encoding: .utf8)
    #expect(Self.message { _ = try QADatabase(path: text, mode: .readWrite) }?.contains("damaged or not a database (no SQLite header)") == true)
  }

  @Test func aDatabaseOfANewerCallqaIsRefusedNamingTheMigrationAndTheVersion() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("newer.sqlite").path
    _ = try QADatabase(path: path)
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('Add something from the future')")
      try db.execute(sql: "PRAGMA user_version = 20301")
    }
    try raw.close()
    for mode in [OpenMode.create, .readWrite, .readOnly] {
      #expect(
        Self.message { _ = try QADatabase(path: path, mode: mode) }
          == "\(path): made by a newer callqa: its migration 'Add something from the future' is unknown to callqa \(CallQAKitVersion.string); use callqa 2.3.1 or newer"
      )
    }
    // Nothing was written to it: no version stamp over the newer one
    #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == 20301)
  }

  @Test func aDatabaseIsStampedAsCallqasWithItsVersion() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("qa.sqlite").path
    _ = try QADatabase(path: path)
    let stamps = try DatabaseQueue(path: path).read { db in
      [try Int32.fetchOne(db, sql: "PRAGMA application_id"), try Int32.fetchOne(db, sql: "PRAGMA user_version")]
    }
    #expect(stamps == [0x4351_4131, QADatabase.versionNumber])
  }

  /// As root, permissions do not stop a write: callqa's read-only open goes by the
  /// permission bits, and the test proves nothing was written (same bytes, no new files)
  /// rather than relying on the kernel refusing.
  @Test func aReadOnlyDatabaseInAReadOnlyFolderIsReadByEveryReportLeavingNothingBehind() throws {
    let folder = try Self.folder()
    defer {
      chmod(folder.path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    let path = folder.appendingPathComponent("qa.sqlite").path
    let store = try TestStore(database: try QADatabase(path: path))
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    try store.score(call: "C-2", agent: "A2", inspector: "QA2", sheet: TestStore.sheet(greet: false))
    let submitted = try store.db.verifyAudit()
    // A backup beside it (rollback journal, no WAL) is read as immutable
    let backup = folder.appendingPathComponent("backup.sqlite").path
    try store.db.backup(to: backup)
    try store.db.close()
    let before = try FolderSnapshot(folder)
    for file in [path, backup, path + "-wal", path + "-shm"] { chmod(file, 0o444) }
    #expect(chmod(folder.path, 0o555) == 0)
    #expect(!QADatabase.isWritable(path))
    if getuid() != 0 {
      // An ordinary user cannot open it for writing at all
      #expect(throws: CallQAError.self) { _ = try QADatabase(path: path, mode: .readWrite) }
    }
    for file in [path, backup] {
      let db = try QADatabase(path: file, mode: .readOnly)
      let filter = ReportFilter(period: "2026-11")
      #expect(try db.trend(filter).rows.count == 1)
      _ = try db.weakAreas(filter, by: .item, top: nil, language: "en")
      _ = try db.agentsReport(filter)
      _ = try db.leaderboard(filter)
      _ = try db.coverage(period: try ReportPeriod.parse("2026-11"))
      _ = try db.auditLog()
      #expect(try db.verifyAudit() == submitted)
      #expect(try db.doctor().healthy)
      #expect(try db.evaluations(EvaluationFilter()).count == 2)
      // A write is refused, not attempted
      #expect(throws: CallQAError.self) { try db.addAgent(AgentInput(code: "A9", name: "Nine", team: nil), actor: "x") }
      try db.close()
    }
    // Nothing was created beside them, nothing in them changed
    #expect(try FolderSnapshot(folder) == before)
  }

  @Test func aReadOnlyOpenOfAWritableFileTakesNoWriteLockAndCleansUp() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("qa.sqlite").path
    let store = try TestStore(database: try QADatabase(path: path))
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    // Another connection holds the write lock for the whole read
    let writer = try DatabaseQueue(path: path)
    try writer.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      let reader = try QADatabase(path: path, mode: .readOnly)
      #expect(try reader.evaluations(EvaluationFilter()).count == 1)
      #expect(throws: CallQAError.self) { try reader.addAgent(AgentInput(code: "A9", name: "Nine", team: nil), actor: "x") }
      try reader.close()
      try db.execute(sql: "ROLLBACK")
    }
  }

  @Test(.enabled(if: Python.executable != nil, "python3 is not installed"))
  func aLockMessageNamesTheProcessesThatHaveTheFileOpen() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("qa.sqlite").path
    try QADatabase(path: path).close()
    // Another process holds the file open (as a writer in its transaction would)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: try #require(Python.executable))
    holder.arguments = ["-c", "import sys, time; f = open(sys.argv[1], 'rb'); print('ready', flush=True); time.sleep(60)", path]
    let out = Pipe()
    holder.standardOutput = out
    try holder.run()
    defer {
      holder.terminate()
      holder.waitUntilExit()
    }
    _ = out.fileHandleForReading.availableData  // "ready": the file is open
    let holders = FileHolders.processes(holding: path)
    #expect(holders.map(\.pid) == [holder.processIdentifier])
    #expect(holders.first?.command.contains("python") == true)
    #expect(FileHolders.clause(for: path).hasPrefix("pid \(holder.processIdentifier) ("))
    // A busy failure of this database says so
    let db = try QADatabase(path: path)
    let failure = db.failure(DatabaseError(resultCode: .SQLITE_BUSY))
    #expect(failure.kind == .storage(.busy))
    #expect(failure.message.contains("held it for more than 30 s") && failure.message.contains("open in pid \(holder.processIdentifier)"))
  }
}
