import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa complaint …`: customer complaints, which lower the service-quality index.
  struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "complaint", abstract: Terminal.help(.abstractCustomerComplaintsAdd),
      subcommands: [Add.self, Import.self])
  }
}

extension CallQA.ComplaintCommand {
  struct Add: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractRecordOneComplaint))
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpAgentCode))) var agent: String
    @Option(help: ArgumentHelp(Terminal.help(.helpDateComplaintYyyy))) var date: String
    @Option(help: ArgumentHelp(Terminal.help(.helpCallAboutCall))) var call: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpWhatCustomerComplained))) var note: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpRecordValidWill))) var invalid = false
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if Timestamp.parseDay(date) == nil { throw ValidationError(Terminal.words(.errDateMustYyyy, date)) }
    }

    func execute() throws {
      let db = try database.open()
      let id = try db.addComplaint(
        ComplaintInput(agent: agent, date: date, call: call, valid: !invalid, note: note), actor: db.terminalActor())
      Console.out("complaint #\(id) recorded for \(agent) on \(date)\(invalid ? " (not valid)" : "")")
    }
  }

  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractImportComplaintsFrom))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCsvFile))) var file: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let summary = try db.importComplaints(path: file, actor: db.terminalActor())
      let words = language.words
      guard summary.added + summary.unchanged > 0 else { return Console.out(noRecordsLine(file, words)) }
      Console.out(words(.outComplaintImportSummary, file, summary.added, summary.unchanged))
    }
  }
}
