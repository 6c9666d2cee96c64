import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa inspector …`: the QA inspectors who score calls.
  struct InspectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "inspector", abstract: Terminal.help(.abstractAddListQa),
      subcommands: [Add.self, List.self])
  }
}

extension CallQA.InspectorCommand {
  struct Add: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractAddInspector))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpInspectorCode))) var code: String
    @Option(help: ArgumentHelp(Terminal.help(.helpFullName))) var name: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let inspector = try db.addInspector(code: code, name: name, actor: db.terminalActor())
      Console.out("added inspector \(inspector.code)  \(inspector.name)")
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListInspectors))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    struct Row: Encodable {
      let code: String
      let name: String
    }
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let inspectors = try database.openReadOnly().inspectors()
      if output.format == .json { return try printJSON(inspectors.map { Row(code: $0.code, name: $0.name) }) }
      var table = TextTable([.init(language.words[.colCode]), .init(language.words[.colName])])
      for inspector in inspectors { table.add([inspector.code, inspector.name]) }
      Console.out(table.render())
    }
  }
}
