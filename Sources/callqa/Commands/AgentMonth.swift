import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa agent-month …`: the operational figures of the monthly performance sheet.
  struct AgentMonthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "agent-month", abstract: Terminal.help(.abstractImportMonthlyOperational),
      subcommands: [Import.self])
  }
}

extension CallQA.AgentMonthCommand {
  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractAddReplaceAgent),
      discussion: Terminal.help(.discussionAgentMonthImport))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCsvFileUtf))) var file: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let summary = try db.importAgentMonths(path: file, actor: db.terminalActor())
      let words = language.words
      guard summary.added + summary.updated + summary.unchanged > 0 else { return Console.out(noRecordsLine(file, words)) }
      Console.out(words(.outAgentMonthsSummary, summary.added, summary.updated, summary.unchanged))
    }
  }
}
