import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa call …`: call logs from the telephony system.
  struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "call", abstract: "Import call logs.", subcommands: [Import.self])
  }
}

extension CallQA.CallCommand {
  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Import call logs from CSV: id,agent,started_at[,duration_s,direction,recording,transcript].")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "CSV file.") var file: String

    func execute() throws {
      let summary = try database.open().importCalls(path: file, actor: currentActor())
      for conflict in summary.changed {
        Console.err("warning: \(file):\(conflict.line): call '\(conflict.externalId)' is already stored with other details; kept as it was")
      }
      guard summary.added + summary.unchanged + summary.changed.count > 0 else { return Console.out(noRecordsLine(file)) }
      var line = "\(file): \(summary.added) calls added, \(summary.unchanged) already imported"
      if !summary.changed.isEmpty { line += ", \(summary.changed.count) changed (not overwritten)" }
      if summary.agentsCreated > 0 { line += ", " + newCount(summary.agentsCreated, "agent") }
      Console.out(line)
    }
  }
}
