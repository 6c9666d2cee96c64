import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa init`: create the database (idempotent) and load the shipped scorecards.
  struct Init: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCreateDatabaseIf),
      discussion: Terminal.help(.discussionInitLatestScorecards))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var language: LanguageOptions
    @Flag(help: ArgumentHelp(Terminal.help(.helpLatestScorecards))) var latestScorecards = false
    @Option(name: .customLong("grant"), help: ArgumentHelp(Terminal.help(.helpGrantRole), valueName: "ROLE"))
    var grantRole: String?

    func validate() throws {
      if grantRole != nil, case .sqlite = try database.location() {
        throw ValidationError(language.words(.errGrantNeedsPostgres))
      }
    }

    func execute() throws {
      let db = try database.openOrCreate()
      // Granted first: a refused role leaves the database as it was (beyond its migrations).
      if let grantRole {
        try db.grantServerRole(grantRole)
        Console.out(language.words(.initGrantedRole, grantRole, database.displayName))
      }
      for scorecard in try latestScorecards ? ShippedScorecards.newest() : ShippedScorecards.all() {
        let outcome = try db.importScorecard(scorecard, actor: db.terminalActor())
        let line: MessageKey = outcome == .added ? .initLoaded : .initAlreadyLoaded
        Console.out(language.words(line, scorecard.reference, scorecard.title.resolve(language.language)))
      }
      Console.out(language.words(.initDatabaseReady, database.displayName))
    }
  }
}
