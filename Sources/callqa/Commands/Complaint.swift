import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa complaint …`: customer complaints, which lower the service-quality index.
  struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "complaint", abstract: "Customer complaints: add one, or import a CSV.",
      subcommands: [Add.self, Import.self])
  }
}

extension CallQA.ComplaintCommand {
  struct Add: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Record one complaint against an agent.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Agent code.") var agent: String
    @Option(help: "Date of the complaint, YYYY-MM-DD.") var date: String
    @Option(help: "The call it is about (call id).") var call: String?
    @Option(help: "What the customer complained about.") var note: String?
    @Flag(help: "Record it as not valid (it will not count in the quality index).") var invalid = false
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if Timestamp.parseDay(date) == nil { throw ValidationError("--date must be YYYY-MM-DD, not '\(date)'") }
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
      abstract: "Import complaints from CSV: agent,date[,call_id,valid,note] (re-runnable).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "CSV file.") var file: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let summary = try db.importComplaints(path: file, actor: db.terminalActor())
      guard summary.added + summary.unchanged > 0 else { return Console.out(noRecordsLine(file)) }
      Console.out("\(file): \(summary.added) added, \(summary.unchanged) already recorded")
    }
  }
}
