import ArgumentParser
import CallQAKit
import Foundation

/// `--db PATH`, shared by every command that touches data.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpDatabaseFileDefault)))
  var db: String?

  /// The path in effect.
  var path: String {
    db ?? ProcessInfo.processInfo.environment["CALLQA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "callqa.sqlite"
  }

  @Option(
    name: .customLong("audit-key"),
    help: ArgumentHelp(
      Terminal.help(.helpFileKeySeals), valueName: "file"))
  var auditKeyFile: String?

  /// The audit key in effect, nil when none is given.
  func auditKey() throws -> AuditKey? { try Self.auditKey(file: auditKeyFile) }

  /// The audit key of `--audit-key FILE`, else of `$CALLQA_AUDIT_KEY`, else none.
  static func auditKey(file: String?) throws -> AuditKey? {
    let file = file ?? ProcessInfo.processInfo.environment["CALLQA_AUDIT_KEY"].flatMap { $0.isEmpty ? nil : $0 }
    return try file.map { try AuditKey(path: $0) }
  }

  /// `text` as a database location, a PostgreSQL URL's password from `$PGPASSWORD` when it has none.
  static func location(_ text: String) throws -> DatabaseLocation {
    try DatabaseLocation(text, password: ProcessInfo.processInfo.environment["PGPASSWORD"])
  }

  /// Opens the database, which must already exist (created by `init` or `demo`).
  func open() throws -> QADatabase { try open(.readWrite) }

  /// Opens the existing database for a server: on PostgreSQL with at most `poolSize`
  /// connections.
  func openForServer(poolSize: Int) throws -> QADatabase { try open(.readWrite, poolSize: poolSize) }

  /// The folder a file database is in; the working directory for PostgreSQL.
  var folder: String {
    if case .sqlite(let file)? = try? location() { return URL(fileURLWithPath: file).deletingLastPathComponent().path }
    return FileManager.default.currentDirectoryPath
  }

  /// Opens the existing database for a command that only reads: no write lock, nothing
  /// written, and read-only files and folders work.
  func openReadOnly() throws -> QADatabase { try open(.readOnly) }

  /// Opens the database, creating it when missing (or an empty file).
  func openOrCreate() throws -> QADatabase { try open(.create) }

  /// The database as messages name it: the path, or the URL without its password.
  var displayName: String { (try? location().description) ?? path }

  /// Where the database is: `--db`/`$CALLQA_DB` as a file path, `sqlite:PATH` or
  /// `postgresql://user@host:port/database` (its password, when the URL has none, from
  /// `$PGPASSWORD`).
  func location() throws -> DatabaseLocation { try Self.location(path) }

  /// The SQLite file of a command that builds one from nothing (`demo`, `bench generate`):
  /// on a PostgreSQL URL, one line saying `command` does not run there yet.
  func sqliteFile(for command: String) throws -> String {
    switch try location() {
    case .sqlite(let file): return file
    case .postgresql: throw CallQAError(.errNotOnPostgresYet, command, kind: .invalidInput)
    }
  }

  private func open(_ mode: OpenMode, poolSize: Int = 4) throws -> QADatabase {
    let location = try location()
    if case .sqlite(let file) = location, mode != .create, !FileManager.default.fileExists(atPath: file) {
      throw CallQAError.notFound(.errNoDatabaseHere, file)
    }
    return try QADatabase(location: location, auditKey: try auditKey(), mode: mode, poolSize: poolSize)
  }
}

/// Output format of commands that print data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}

/// `--format table|json`.
struct FormatOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpOutputFormatTable)))
  var format: OutputFormat = .table
}

/// `--lang zh|en`, on every command: the language of everything the command prints and
/// writes for a person (tables, titles, prompts, report files). JSON never changes with it.
struct LanguageOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpLanguageZhEn)))
  var lang: String?

  /// The language in effect (``Language/resolve(flag:environment:)``).
  var resolved: Language { Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment) }

  /// Its code, for scorecard texts (`zh`, `en`).
  var language: String { resolved.rawValue }

  /// Its words.
  var words: Messages { Messages(resolved) }

  func validate() throws {
    if let lang, Language(code: lang) == nil {
      throw ValidationError(Terminal.words(.errLangMustZh, lang))
    }
  }
}
