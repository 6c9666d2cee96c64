import Foundation
import GRDB

/// The one type that owns the callqa database: opening, migrations and every read and write.
///
/// Each write method is one transaction that keeps the data consistent; a failure leaves
/// the database as it was. Several `callqa` processes may use one file at once: the pool
/// runs in WAL mode and waits (busy timeout) instead of failing with "database is locked".
public struct QADatabase: Sendable {
  /// The engine behind this database.
  let engine: Engine
  /// Opened by ``OpenMode/readOnly``: every write is refused at once, without waiting for a lock.
  let readOnly: Bool
  /// The file, for messages (nil in memory).
  let path: String?
  /// Reports read the report summaries where their filter allows (``readingDetailOnly()``).
  var readsSummaries = true

  /// How long a writer waits for another process's transaction before giving up.
  public static let busyTimeout: TimeInterval = 30

  /// Opens the database file at `path` and migrates it (``OpenMode``: created only when
  /// `mode` is `.create`; read through a read-only connection when `.readOnly`).
  ///
  /// A file that is not a callqa database (empty, of another application, not SQLite) and
  /// one made by a newer callqa are refused, naming why.
  ///
  /// - Parameter auditKey: seals every audit row written (HMAC) and lets ``verifyAudit()``
  ///   check the sealed rows; a log sealed once refuses rows without it.
  public init(path: String, auditKey: AuditKey? = nil, mode: OpenMode = .create) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CallQAError(.errFolderDoesExist, path, directory)
    }
    try QADatabase.checkFile(path, mode: mode)
    do {
      // An existing file is examined through a connection that changes nothing (a pool
      // would turn on WAL first, rewriting another application's file).
      var state = SchemaState.fresh
      if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 {
        let probe = try QADatabase.readOnlyQueue(path, auditKey: auditKey)
        state = try probe.read { db in try QADatabase.checkSchema(db, name: path, create: mode == .create) }
        if mode == .readOnly, state == .current {
          try self.init(readOnly: probe, path: path)
          return
        }
        try probe.close()
      }
      if mode == .readOnly {
        // Made by an older callqa: upgrade it first, which needs the file writable.
        guard QADatabase.isWritable(path) else {
          throw CallQAError(.errMadeOlderCallqa, path, kind: .storage(.readOnly))
        }
        try QADatabase(path: path, auditKey: auditKey, mode: .readWrite).close()
        try self.init(readOnly: try QADatabase.readOnlyQueue(path, auditKey: auditKey), path: path)
        return
      }
      let pool = try DatabasePool(path: path, configuration: QADatabase.configuration(auditKey: auditKey))
      try self.init(writer: pool, name: path, create: mode == .create, path: path)
    } catch let error as DatabaseError {
      let failure = CallQAError.storage(error)
      let holders = failure.kind == .storage(.busy) ? FileHolders.clause(for: path) : ""
      let reason = holders.isEmpty ? failure : CallQAError(.errOpenIn, failure, holders, kind: failure.kind)
      throw CallQAError(.errCannotOpenDatabase, path, reason, kind: failure.kind)
    }
  }

  /// A private in-memory database, for tests.
  public static func inMemory() throws -> QADatabase {
    try QADatabase(writer: DatabaseQueue(configuration: configuration()))
  }

  init(postgres store: PostgresStore, readOnly: Bool) {
    engine = .postgresql(store)
    self.readOnly = readOnly
    path = nil
  }

  private init(readOnly queue: DatabaseQueue, path: String) throws {
    engine = .sqlite(queue)
    readOnly = true
    self.path = path
  }

  init(writer: any DatabaseWriter, name: String = "the database", create: Bool = true, path: String? = nil) throws {
    engine = .sqlite(writer)
    readOnly = false
    self.path = path
    _ = try writer.read { db in try QADatabase.checkSchema(db, name: name, create: create) }
    try Migrations.migrator.migrate(writer)
    try QADatabase.stamp(writer)
  }

  static func configuration(auditKey: AuditKey? = nil) -> Configuration {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.busyMode = .timeout(busyTimeout)
    config.prepareDatabase { db in
      // A careful default: survive power loss in WAL mode without slowing bulk imports much.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // REPLACE's implicit delete runs the delete triggers that protect history.
      try db.execute(sql: "PRAGMA recursive_triggers = ON")
      // Every insert that fires a trigger inside a longer transaction keeps a statement journal
      // (to undo that one statement); on disk it was a write system call per page — 57 pages per
      // imported evaluation, most of an import's time. In memory it costs a few pages at a time
      // (it is emptied after each statement).
      try db.execute(sql: "PRAGMA temp_store = MEMORY")
      db.add(function: QADatabase.sealFunction(auditKey))
    }
    return config
  }

  /// Names of the migrations applied, oldest first.
  public func appliedMigrations() throws -> [String] {
    switch engine {
    case .sqlite(let writer): return try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
    case .postgresql(let store): return try PostgresMigrator.applied(store)
    }
  }

  /// The SQLite connections, for the use cases written against GRDB; on PostgreSQL one line
  /// saying that `useCase` does not run there yet.
  func sqliteWriter(_ useCase: String = #function) throws -> any DatabaseWriter {
    switch engine {
    case .sqlite(let writer): return writer
    case .postgresql: throw CallQAError(.errNotOnPostgresYet, QADatabase.useCaseName(useCase), kind: .invalidInput)
    }
  }

  /// `trend(_:by:item:)` → `trend`.
  static func useCaseName(_ function: String) -> String {
    String(function.prefix { $0 != "(" })
  }

  /// Runs `body` in one write transaction (for library code composing several steps).
  /// SQLite failures come out as ``CallQAError`` values matched by result code.
  func write<T>(_ useCase: String = #function, _ body: (Database) throws -> T) throws -> T {
    guard !readOnly else {
      throw CallQAError(.errDatabaseWasOpened, kind: .storage(.readOnly))
    }
    let writer = try sqliteWriter(useCase)
    do {
      return try writer.write(body)
    } catch let error as DatabaseError {
      throw failure(error)
    }
  }

  /// Runs `body` in one read transaction; SQLite failures as in ``write(_:)``.
  func read<T>(_ useCase: String = #function, _ body: (Database) throws -> T) throws -> T {
    let writer = try sqliteWriter(useCase)
    do {
      return try writer.read(body)
    } catch let error as DatabaseError {
      throw failure(error)
    }
  }

  /// Runs `body` in one write transaction on either engine (the use cases written against
  /// ``SQLSession``). PostgreSQL runs it again after a serialization failure unless
  /// `retrying` is false (``PostgresStore/write(retrying:_:)``); SQLite's one writer never
  /// needs to.
  func writeSQL<T>(retrying: Bool = true, _ body: (any SQLSession) throws -> T) throws -> T {
    guard !readOnly else {
      throw CallQAError(.errDatabaseWasOpened, kind: .storage(.readOnly))
    }
    switch engine {
    case .sqlite: return try write { db in try body(db) }
    case .postgresql(let store): return try store.write(retrying: retrying, body)
    }
  }

  /// Runs `body` in one read transaction on either engine.
  func readSQL<T>(_ body: (any SQLSession) throws -> T) throws -> T {
    switch engine {
    case .sqlite: return try read { db in try body(db) }
    case .postgresql(let store): return try store.read(body)
    }
  }

  /// The engine this database runs on.
  public var engineKind: StoreEngineKind {
    switch engine {
    case .sqlite: return .sqlite
    case .postgresql: return .postgresql
    }
  }

  /// ``CallQAError/storage(_:)``, and for a lock held too long who may hold it.
  func failure(_ error: DatabaseError) -> CallQAError {
    let failure = CallQAError.storage(error)
    guard failure.kind == .storage(.busy), let path else { return failure }
    let holders = FileHolders.clause(for: path)
    return holders.isEmpty ? failure : CallQAError(.errOpenIn, failure, holders, kind: failure.kind)
  }

  /// Appends an audit row inside the current transaction, chained to the one before
  /// (``appendAudit(_:actor:action:entity:entityId:before:after:evaluationDigest:context:)``).
  static func audit(
    _ db: any SQLSession, actor: String, action: String, entity: String, entityId: Int64?,
    before: String? = nil, after: String? = nil, evaluationDigest: String? = nil, context: SubmissionContext? = nil
  ) throws {
    try appendAudit(
      db, actor: actor, action: action, entity: entity, entityId: entityId, before: before, after: after,
      evaluationDigest: evaluationDigest, context: context)
  }
}

extension QADatabase {
  /// The two engines a ``QADatabase`` runs on.
  enum Engine: Sendable {
    case sqlite(any DatabaseWriter)
    case postgresql(PostgresStore)
  }
}
