import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa settings …`: the team's rules (the dispute window).
  struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "settings", abstract: "The team's rules: show them, set one (admins).",
      subcommands: [Show.self, Set.self])
  }
}

extension TeamRules.Key: ExpressibleByArgument {}

extension CallQA.SettingsCommand {
  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Show the team's rules.")
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
    static let configuration = CommandConfiguration(abstract: "Change one rule.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The setting: dispute_window_days or time_zone.") var key: TeamRules.Key
    @Argument(help: "Its new value.") var value: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let rules = try db.setTeamRule(key, to: value, actor: db.terminalActor())
      Console.out("\(key.rawValue) = \(rules.value(key))")
    }
  }
}
