import Foundation
import Testing

/// Every command that narrows by a team, agent, inspector or scorecard refuses an unknown
/// one the same way: one line on stderr, exit 1, nothing on stdout, nothing written.
@Suite("unknown filters are refused by every command, through the built binary")
struct FilterNamesEndToEndTests {
  static let noTeam = "error: no team 'nope'\n"
  static let noAgent = "error: unknown agent 'NOPE'\n"
  static let noScorecard = "error: unknown scorecard 'nope'\n"

  /// (command, expected stderr)
  static let refusals: [([String], String)] = [
    (["coverage", "--period", "2026-11", "--team", "nope"], noTeam),
    (["coverage", "--week", "2026-W45", "--team", "nope", "--format", "json"], noTeam),
    (["sample", "--week", "2026-W45", "--team", "nope"], noTeam),
    (["coaching", "generate", "--period", "2026-11", "--team", "nope"], noTeam),
    (["performance", "--period", "2026-11", "--team", "nope"], noTeam),
    (["quality", "--period", "2026-11", "--team", "nope"], noTeam),
    (["report", "weak-areas", "--period", "2026-11", "--team", "nope"], noTeam),
    (["report", "agents", "--team", "nope"], noTeam),
    (["report", "trend", "--team", "nope"], noTeam),
    (["report", "leaderboard", "--period", "2026-11", "--team", "nope"], noTeam),
    (["agent", "list", "--team", "nope"], noTeam),
    (["autoscore", "--period", "2026-11", "--team", "nope"], noTeam),
    (["evaluation", "list", "--agent", "NOPE"], noAgent),
    (["evaluation", "list", "--agent", "NOPE", "--format", "json"], noAgent),
    (["report", "weak-areas", "--agent", "NOPE"], noAgent),
    (["evaluation", "list", "--scorecard", "nope"], noScorecard),
    (["evaluation", "list", "--scorecard", "mini@9"], "error: unknown scorecard 'mini@9'\n"),
    (["case", "list", "--scorecard", "nope"], noScorecard),
    (["case", "export", "--scorecard", "nope", "--out", "library"], noScorecard),
    (["report", "weak-areas", "--scorecard", "nope"], noScorecard),
    (["score", "--resume", "--inspector", "QA9"], "error: unknown inspector 'QA9'\n"),
  ]

  @Test func everyCommandRefusesAnUnknownNameInOneLine() throws {
    let cli = try ReportCommandsTests.centre()
    defer { cli.cleanUp() }
    let before = try InteractiveScoringTests.sqlite(cli.database, "SELECT COUNT(*) FROM audit_log;")
    for (arguments, error) in Self.refusals {
      let result = try cli.run(arguments + ["--db", cli.database])
      let command = arguments.joined(separator: " ")
      #expect(result.status == 1, "\(command)")
      #expect(result.stderr == error, "\(command)")
      #expect(result.stdout == "", "\(command)")
    }
    #expect(try InteractiveScoringTests.sqlite(cli.database, "SELECT COUNT(*) FROM audit_log;") == before)
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("library").path))
  }

  @Test func knownNamesStillNarrow() throws {
    let cli = try ReportCommandsTests.centre()
    defer { cli.cleanUp() }
    #expect(try cli.ok(["evaluation", "list", "--agent", "A1"]).contains("2 evaluations"))
    #expect(try cli.ok(["evaluation", "list", "--scorecard", "mini@1"]).contains("3 evaluations"))
    #expect(try cli.ok(["coverage", "--period", "2026-11", "--team", "二组"]).contains("A3"))
    #expect(try cli.ok(["report", "weak-areas", "--period", "2026-11", "--scorecard", "mini@1"]).contains("(3 evaluations)"))
    // a team without evaluations is known (its agents exist): an empty list, not an error
    #expect(try cli.ok(["evaluation", "list", "--agent", "A3"]).contains("0 evaluations"))
  }
}
