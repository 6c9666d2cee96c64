import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa init`: create the database (idempotent) and load the shipped scorecards.
  struct Init: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Create the database (if needed) and load the shipped scorecards.",
      discussion: """
        Loads version 1 of each shipped scorecard; with --latest-scorecards, the newest shipped \
        version instead: a new centre starts on version 2 (root causes, error groups, \
        conditions, a bonus). Running it again adds only what is not loaded yet. On a centre \
        that scores with version 1, `init --latest-scorecards` (or `scorecard import \
        scorecards/v2/KEY.yaml`) adopts version 2: unversioned references then mean it, and \
        stored evaluations keep the version they were scored with.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var language: LanguageOptions
    @Flag(
      help:
        "Load the newest shipped version of each scorecard (version 2: root causes, error groups, conditions, a bonus) instead of version 1."
    )
    var latestScorecards = false

    func execute() throws {
      let db = try database.openOrCreate()
      for scorecard in try latestScorecards ? ShippedScorecards.newest() : ShippedScorecards.all() {
        let outcome = try db.importScorecard(scorecard, actor: db.terminalActor())
        let verb = outcome == .added ? "loaded" : "already loaded"
        Console.out("\(verb): \(scorecard.reference)  \(scorecard.title.resolve("en"))")
      }
      Console.out("database ready: \(database.path)")
    }
  }
}
