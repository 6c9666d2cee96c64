import Foundation
import TestOracles
import Testing

/// The built binary on a PostgreSQL database (`--db postgresql://…`, `$CALLQA_DB`): what runs
/// there gives the same output as on a SQLite file, and what does not yet says so in one line.
@Suite("callqa on PostgreSQL, through the built binary")
struct PostgresEndToEndTests {
  /// Runs `callqa arguments…` as given (no `--db` appended) and expects success.
  func ok(_ cli: CLIHarness, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let result = try cli.run(arguments, environment: environment)
    #expect(result.status == 0, "callqa \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    return result.stdout
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func initAndScorecardListGiveWhatTheyGiveOnAFile() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    let onServer = try ok(cli, ["init", "--db", url])
    let onFile = try ok(cli, ["init", "--db", cli.database])
    #expect(onServer.replacingOccurrences(of: url, with: "DB") == onFile.replacingOccurrences(of: cli.database, with: "DB"))
    #expect(onServer.contains("loaded: inbound-service@1"), "\(onServer)")
    // Idempotent, through the environment this time.
    let again = try ok(cli, ["init"], environment: ["CALLQA_DB": url])
    #expect(again.contains("already loaded: inbound-service@1"), "\(again)")
    for format in ["table", "json"] {
      let server = try ok(cli, ["scorecard", "list", "--db", url, "--format", format])
      let file = try ok(cli, ["scorecard", "list", "--db", cli.database, "--format", format])
      // The import times differ by the seconds between the two inits.
      let times = #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/#
      #expect(server.replacing(times, with: "T") == file.replacing(times, with: "T"))
    }
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func whatDoesNotRunThereYetAndABadURLAreOneLineAndExitNonZero() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    _ = try ok(cli, ["init", "--db", url])
    let report = try cli.run(["report", "trend", "--db", url])
    #expect(report.status != 0)
    #expect(report.stderr.contains("does not run on PostgreSQL yet"), "\(report.stderr)")
    #expect(report.stderr.split(separator: "\n").count == 1, "\(report.stderr)")
    let bad = try cli.run(["scorecard", "list", "--db", "postgresql://qa@localhost"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("not a PostgreSQL URL"), "\(bad.stderr)")
    let secret = try cli.run(["scorecard", "list", "--db", "postgresql://qa:hunter2@127.0.0.1:9/callqa"])
    #expect(secret.status != 0)
    #expect(secret.stderr.contains("cannot reach PostgreSQL at postgresql://qa@127.0.0.1:9/callqa"), "\(secret.stderr)")
    #expect(!secret.stderr.contains("hunter2"))
  }
}
