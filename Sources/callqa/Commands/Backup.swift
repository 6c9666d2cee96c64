import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa backup --to FILE`: a consistent copy, safe while others write.
  struct Backup: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy the database with SQLite's online backup API (safe while others write).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Backup file to write.") var to: String
    @Flag(help: "Replace an existing backup file.") var force = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      try SafeFile.checkTarget(to)
      if FileManager.default.fileExists(atPath: to) {
        guard force else { throw CallQAError("\(to) exists (use --force to replace it)") }
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
      abstract: "Replace the database's content with a backup, after checking the backup.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Backup file to restore.") var from: String
    @Flag(help: "Overwrite an existing database.") var force = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      if FileManager.default.fileExists(atPath: database.path) && !force {
        throw CallQAError("\(database.path) exists: restoring replaces all of it (use --force)")
      }
      _ = try QADatabase.checkBackup(from)
      let db = try database.openOrCreate()
      try db.restore(from: from, actor: db.terminalActor())
      Console.out("restored \(database.path) from \(from)")
    }
  }
}
