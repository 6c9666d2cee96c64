import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa agent …`: the agents whose calls are scored.
  struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "agent", abstract: Terminal.help(.abstractAddImportList),
      subcommands: [Add.self, Import.self, List.self])
  }
}

extension CallQA.AgentCommand {
  struct Add: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractAddAgent))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpAgentCodeE))) var code: String
    @Option(help: ArgumentHelp(Terminal.help(.helpFullName))) var name: String
    @Option(help: ArgumentHelp(Terminal.help(.helpTeam))) var team: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let agent = try db.addAgent(AgentInput(code: code, name: name, team: team), actor: db.terminalActor())
      Console.out(language.words(.outAgentAdded, agent.code, agent.name, agent.team ?? ""))
    }
  }

  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractAddUpdateAgents))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCsvFileUtf))) var file: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let summary = try db.importAgents(path: file, actor: db.terminalActor())
      let words = language.words
      guard summary.added + summary.updated + summary.unchanged > 0 else { return Console.out(noRecordsLine(file, words)) }
      Console.out(words(.outAgentsSummary, summary.added, summary.updated, summary.unchanged))
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListAgents))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?

    struct Row: Encodable {
      let code: String
      let name: String
      @NullEncoded var team: String?
      let active: Bool

      enum CodingKeys: String, CodingKey { case code, name, team, active }

      /// Every key always present (`team` is null for an agent without a team), like the other JSON outputs.
    }
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let agents = try database.openReadOnly().agents(team: team)
      if output.format == .json {
        return try printJSON(agents.map { Row(code: $0.code, name: $0.name, team: $0.team, active: $0.active) })
      }
      let words = language.words
      var table = TextTable([.init(words[.colCode]), .init(words[.colName]), .init(words[.colTeam]), .init(words[.colActive])])
      for agent in agents { table.add([agent.code, agent.name, agent.team ?? "", words[agent.active ? .marginYes : .marginNo]]) }
      Console.out(table.render())
    }
  }
}
