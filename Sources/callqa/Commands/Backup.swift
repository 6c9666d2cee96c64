import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa backup --to FILE`: a consistent copy, safe while others write.
  struct Backup: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCopyDatabaseSqlite))

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpBackupFileWrite))) var to: String
    @Flag(help: ArgumentHelp(Terminal.help(.helpReplaceExistingBackup))) var force = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      if case .postgresql = try database.location() { throw CallQAError(.errBackupOnPostgres) }
      try SafeFile.checkTarget(to)
      if FileManager.default.fileExists(atPath: to) {
        guard force else { throw CallQAError(.errExistsUseForce, to) }
        // --force replaces only a callqa database, never another file of the same name
        try QADatabase.checkReplaceable(to)
      }
      try database.openReadOnly().backup(to: to)
      Console.out("backup written: \(to)")
    }
  }

  /// `callqa restore --from FILE`: replace the database with a checked backup.
  struct Restore: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractReplaceDatabaseS))

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpBackupFileRestore))) var from: String
    @Flag(help: ArgumentHelp(Terminal.help(.helpOverwriteExistingDatabase))) var force = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      if case .postgresql = try database.location() { throw CallQAError(.errBackupOnPostgres) }
      if FileManager.default.fileExists(atPath: database.path) && !force {
        throw CallQAError(.errExistsRestoringReplaces, database.path)
      }
      _ = try QADatabase.checkBackup(from)
      let db = try database.openOrCreate()
      try db.restore(from: from, actor: db.terminalActor())
      Console.out("restored \(database.path) from \(from)")
    }
  }
}
