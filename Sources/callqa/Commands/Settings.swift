import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa settings …`: the team's rules (the dispute window).
  struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "settings", abstract: Terminal.help(.abstractTeamSRules),
      subcommands: [Show.self, Set.self])
  }
}

extension TeamRules.Key: ExpressibleByArgument {}

extension CallQA.SettingsCommand {
  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractShowTeamS))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let rules = try database.open().teamRules()
      if output.format == .json { return try printJSON(rules) }
      var table = TextTable([.init("setting"), .init("value", .right)])
      for key in TeamRules.Key.allCases { table.add([key.rawValue, rules.value(key)]) }
      Console.out(table.render())
    }
  }

  struct Set: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractChangeOneRule))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpSettingDisputeWindow))) var key: TeamRules.Key
    @Argument(help: ArgumentHelp(Terminal.help(.helpNewValue))) var value: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let rules = try db.setTeamRule(key, to: value, actor: db.terminalActor())
      Console.out("\(key.rawValue) = \(rules.value(key))")
    }
  }
}
