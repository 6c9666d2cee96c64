import Foundation
import GRDB

/// How a database file is opened.
public enum OpenMode: Sendable {
  /// Creates the file when it is missing or empty, then migrates (`init`, `demo`).
  case create
  /// An existing callqa database, migrated to this version.
  case readWrite
  /// An existing callqa database, read through a read-only connection: no write lock is
  /// taken, nothing is written, and a file or folder that cannot be written is read as
  /// immutable, leaving no `-wal` or `-shm` beside it.
  case readOnly
}

extension QADatabase {
  /// Closes the connections now (they also close when the last copy of this value goes). A
  /// writable file is checkpointed first (a long-running process shutting down, such as
  /// `callqa serve`), so no `-wal` is left to replay; any use after it fails.
  public func close() throws {
    do {
      if case .postgresql(let store) = engine {
        store.close()
        return
      }
      let writer = try sqliteWriter()
      if let pool = writer as? DatabasePool, !pool.configuration.readonly {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
      }
      try writer.close()
    } catch let error as DatabaseError {
      throw CallQAError.storage(error)
    }
  }

  /// `application_id` of every callqa database ("CQA1").
  static let applicationID: Int32 = 0x4351_4131

  /// This version as `user_version` stores it: major·10000 + minor·100 + patch.
  static var versionNumber: Int32 {
    let parts = CallQAKitVersion.string.split(separator: ".").map { Int32($0) ?? 0 } + [0, 0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]
  }

  static func versionString(_ number: Int32) -> String { "\(number / 10000).\(number / 100 % 100).\(number % 100)" }

  /// Refuses what cannot be a callqa database before SQLite sees it: a missing file (unless
  /// creating), an empty file (unless creating), a folder, a file that is not SQLite.
  static func checkFile(_ path: String, mode: OpenMode) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      if mode == .create { return }
      throw CallQAError.notFound(.errNoDatabaseHere2, path)
    }
    if isDirectory.boolValue { throw CallQAError(.errFolderCallqaDatabase, path) }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CallQAError(.errCannotReadPermission, path, kind: .storage(.readOnly))
    }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    if header.isEmpty {
      if mode == .create { return }
      throw CallQAError(.errEmptyFileCallqa, path)
    }
    guard header == Data("SQLite format 3\u{0}".utf8) else {
      // Another application's file, or a callqa database whose first page was destroyed.
      throw CallQAError(.errCannotOpenDatabaseDatabase, path, kind: .storage(.corrupt))
    }
  }

  /// What a file's schema says before anything is migrated.
  enum SchemaState { case fresh, outdated, current }

  /// Refuses a database of another application and one made by a newer callqa (naming its
  /// unknown migration and the version that made it); an empty one only when `create`.
  static func checkSchema(_ db: Database, name: String, create: Bool) throws -> SchemaState {
    let tables = try String.fetchAll(
      db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
    if applicationID != 0 && applicationID != QADatabase.applicationID {
      throw CallQAError(.errCallqaDatabaseBelongs, name)
    }
    guard tables.contains("grdb_migrations") else {
      if tables.isEmpty {
        if create { return .fresh }
        throw CallQAError(.errEmptyDatabaseCallqa, name)
      }
      throw CallQAError(.errCallqaDatabaseTables, name, MessageArgument.list(Array(tables.prefix(3))))
    }
    let known = Migrations.migrator.migrations
    let applied = try Migrations.migrator.appliedIdentifiers(db)
    guard let first = known.first, applied.contains(first) else {
      if applied.isEmpty, tables == ["grdb_migrations"], create { return .fresh }
      throw CallQAError(.errCallqaDatabaseNo, name)
    }
    if let unknown = applied.sorted().first(where: { !known.contains($0) }) {
      let made = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      let needed = made > versionNumber ? "callqa \(versionString(made)) or newer" : "a newer callqa"
      throw CallQAError(.errMadeNewerCallqa, name, unknown, CallQAKitVersion.string, needed, kind: .conflict)
    }
    return Set(applied).isSuperset(of: known) ? .current : .outdated
  }

  /// Refuses to replace `path` unless it is a callqa database (an earlier backup).
  public static func checkReplaceable(_ path: String) throws {
    do {
      try checkFile(path, mode: .readOnly)
      let probe = try readOnlyQueue(path, auditKey: nil)
      defer { try? probe.close() }
      _ = try probe.read { db in try checkSchema(db, name: path, create: false) }
    } catch let error as CallQAError where error.message.contains("made by a newer callqa") {
      return  // still callqa's
    } catch {
      throw CallQAError(.errRefusingReplaceCallqa, path)
    }
  }

  /// Marks a migrated database as callqa's and records the newest version that wrote it.
  static func stamp(_ writer: any DatabaseWriter) throws {
    try writer.writeWithoutTransaction { db in
      if try Int32.fetchOne(db, sql: "PRAGMA application_id") != applicationID {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
      }
      if try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0 < versionNumber {
        try db.execute(sql: "PRAGMA user_version = \(versionNumber)")
      }
    }
  }

  /// True when `path` and its folder can be written, by permission bits as well as for this
  /// process (root may write anything, yet a 0444 file stays read-only for callqa).
  static func isWritable(_ path: String) -> Bool {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    func writable(_ path: String) -> Bool {
      var info = stat()
      guard stat(path, &info) == 0 else { return false }
      return access(path, W_OK) == 0 && info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) != 0
    }
    return writable(path) && writable(folder)
  }

  /// A connection that takes no write lock and writes nothing: `query_only` where the file
  /// and its folder can be written (its WAL files are cleaned up on close as usual); where
  /// they cannot, a read-only connection through the existing -wal and -shm when the WAL
  /// holds changes, else SQLite's `immutable` (nothing can be created beside the file).
  static func readOnlyQueue(_ path: String, auditKey: AuditKey?) throws -> DatabaseQueue {
    var config = configuration(auditKey: auditKey)
    if isWritable(path) {
      config.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
      return try DatabaseQueue(path: path, configuration: config)
    }
    config.readonly = true
    let wal = path + "-wal"
    if let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int, size > 0 {
      // Its latest changes are in the WAL: SQLite reads them read-only through the existing
      // -shm (3.22+); without one there is no way to read them without writing.
      guard FileManager.default.fileExists(atPath: path + "-shm") else {
        throw CallQAError(.errReadOnlyLatest, path, wal, kind: .storage(.readOnly))
      }
      return try DatabaseQueue(path: path, configuration: config)
    }
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    var escaped = ""
    for character in absolute.unicodeScalars {
      switch character {
      case "%": escaped += "%25"
      case "?": escaped += "%3f"
      case "#": escaped += "%23"
      default: escaped.unicodeScalars.append(character)
      }
    }
    return try DatabaseQueue(path: "file:\(escaped)?immutable=1", configuration: config)
  }
}

extension QADatabase {
  /// Opens the database at `location`: a SQLite file (``init(path:auditKey:mode:)``) or a
  /// PostgreSQL database, migrated like a file (created when `mode` is `.create` and the
  /// database is empty; refused when it belongs to another application or a newer callqa).
  ///
  /// - Parameter poolSize: PostgreSQL connections kept open at most (a server's concurrency).
  public init(location: DatabaseLocation, auditKey: AuditKey? = nil, mode: OpenMode = .create, poolSize: Int = 4) throws {
    switch location {
    case .sqlite(let path):
      try self.init(path: path, auditKey: auditKey, mode: mode)
    case .postgresql(let postgres):
      let store = try PostgresStore(location: postgres, poolSize: poolSize, auditKey: auditKey)
      // Checked like a file in every mode: an empty or foreign database is refused, and one an
      // older callqa left behind is brought up to date, even when opened for reading.
      try PostgresMigrator.migrate(store, create: mode == .create)
      self.init(postgres: store, readOnly: mode == .readOnly)
    }
  }
}
