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

  /// `score --answers` and `evaluation show` print the same evaluation on both engines, `audit
  /// verify` finds the same chain, and a second counted evaluation of the call is refused the
  /// same way.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func scoringFromAnAnswersFileGivesTheSameEvaluationAsOnAFile() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    let times = #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/#
    var outputs: [[String]] = []
    for db in [url, cli.database] {
      _ = try ok(cli, ["init", "--db", db])
      _ = try ok(cli, ["agent", "add", "A001", "--name", "王小明", "--team", "呼入1组", "--db", db])
      _ = try ok(cli, ["inspector", "add", "QA1", "--name", "李质检", "--db", db])
      let score = ["score", "--scorecard", "inbound-service", "--agent", "A001", "--inspector", "QA1", "--answers", answers, "--db", db]
      var output = [
        try ok(cli, score + ["--call", "C-1", "--call-started-at", "2026-11-03T09:00:00+08:00"]),
        try ok(cli, score + ["--call", "C-2", "--call-started-at", "2026-11-04T09:00:00+08:00", "--format", "json"]),
        try ok(cli, ["evaluation", "show", "1", "--db", db]),
        // The chain's head hash covers the times, so it differs between the two runs.
        try ok(cli, ["audit", "verify", "--db", db]).replacing(#/sha256:[0-9a-f]{64}/#, with: "H"),
      ]
      let again = try cli.run(score + ["--call", "C-1"])
      #expect(again.status != 0)
      output.append(again.stderr)
      outputs.append(output.map { $0.replacing(times, with: "T") })
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0][0].contains("raw 85.7  final 85.7  PASS  band: Good"), "\(outputs[0][0])")
    #expect(outputs[0][3].hasPrefix("ok: 7 audit rows chained, 2 evaluations match their digests"), "\(outputs[0][3])")
    #expect(outputs[0][4].contains("C-1") && outputs[0][4].split(separator: "\n").count == 1, "\(outputs[0][4])")
  }

  /// `complaint add/import`, `quality` (table, JSON, a team, an unknown team) and the manager
  /// reports print the same on both engines: the index, its complaint deduction, the coverage
  /// gaps, the trend, weak areas, agents and leaderboard.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func complaintsAndTheQualityIndexGiveWhatTheyGiveOnAFile() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    let complaints = try cli.write("complaints.csv", "agent,date,call_id,valid,note\nA001,2026-11-06,,1,\nA001,2026-11-07,,0,重复\n")
    let times = #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)|sha256:[0-9a-f]+/#
    var outputs: [[String]] = []
    for db in [url, cli.database] {
      _ = try ok(cli, ["init", "--db", db])
      _ = try ok(cli, ["agent", "add", "A001", "--name", "王小明", "--team", "呼入1组", "--db", db])
      _ = try ok(cli, ["agent", "add", "A002", "--name", "李娜", "--db", db])
      _ = try ok(cli, ["inspector", "add", "QA1", "--name", "李质检", "--db", db])
      let score = ["score", "--scorecard", "inbound-service", "--agent", "A001", "--inspector", "QA1", "--answers", answers, "--db", db]
      _ = try ok(cli, score + ["--call", "C-1", "--call-started-at", "2026-11-03T09:00:00+08:00"])
      _ = try ok(cli, score + ["--call", "T-1", "--kind", "test-call", "--call-started-at", "2026-11-04T09:00:00+08:00"])
      var output = [
        try ok(cli, ["complaint", "add", "--agent", "A001", "--date", "2026-11-05", "--call", "C-1", "--note", "态度差", "--db", db]),
        try ok(cli, ["complaint", "import", complaints, "--db", db]),
        try ok(cli, ["complaint", "import", complaints, "--db", db]),
        try ok(cli, ["quality", "--period", "2026-11", "--db", db]),
        try ok(cli, ["quality", "--period", "2026-11", "--format", "json", "--db", db]),
        try ok(cli, ["quality", "--period", "2026-11", "--team", "呼入1组", "--db", db]),
        try ok(cli, ["report", "trend", "--by", "week", "--db", db]),
        try ok(cli, ["report", "weak-areas", "--period", "2026-11", "--by", "section", "--db", db]),
        try ok(cli, ["report", "agents", "--period", "2026-11", "--format", "json", "--db", db]),
        try ok(cli, ["report", "leaderboard", "--day", "2026-11-03", "--db", db]),
      ]
      let unknown = try cli.run(["quality", "--period", "2026-11", "--team", "T9", "--db", db])
      #expect(unknown.status != 0)
      output.append(unknown.stderr)
      outputs.append(output.map { $0.replacing(times, with: "T") })
    }
    for (server, file) in zip(outputs[0], outputs[1]) where server != file {
      Issue.record("PostgreSQL:\n\(server)\nSQLite:\n\(file)")
    }
    #expect(outputs[0].count == outputs[1].count)
    #expect(outputs[0][3].contains("81.7"), "\(outputs[0][3])")
    #expect(outputs[0][3].contains("A002"), "the agent without evaluations is a coverage gap: \(outputs[0][3])")
  }

  /// An evaluation import (run twice), the evaluation and call lists, a call's page, a
  /// dispute opened and upheld, a training case tagged and listed, the audit trail of one
  /// evaluation and `doctor` print the same on both engines.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func listsImportsDisputesAndCasesGiveWhatTheyGiveOnAFile() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    let times = #/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)|sha256:[0-9a-f]+/#
    var outputs: [[String]] = []
    for db in [url, cli.database] {
      _ = try ok(cli, ["init", "--db", db])
      let imported = ImportEndToEndTests.fixture("evaluations.jsonl")
      var output = [
        try ok(cli, ["evaluation", "import", imported, "--db", db]),
        try ok(cli, ["evaluation", "import", imported, "--db", db]),
        try ok(cli, ["evaluation", "list", "--db", db]),
        try ok(cli, ["evaluation", "list", "--agent", "A001", "--limit", "1", "--offset", "1", "--format", "json", "--db", db]),
        try ok(cli, ["call", "list", "--db", db]),
        try ok(cli, ["call", "show", "C-1", "--db", db]),
        try ok(cli, ["dispute", "open", "1", "--by", "A001", "--reason", "我有问候", "--db", db]),
        try ok(cli, ["dispute", "resolve", "1", "--uphold", "--by", "QA2", "--note", "录音中没有问候语", "--db", db]),
        try ok(cli, ["dispute", "list", "--db", db]),
        try ok(cli, ["case", "tag", "2", "--title", "外呼示范", "--force", "--db", db]),
        try ok(cli, ["case", "list", "--db", db]),
        try ok(cli, ["audit", "list", "--evaluation", "1", "--db", db]),
        // What SQLite alone checks aside, the same verdict.
        try ok(cli, ["doctor", "--db", db]).replacingOccurrences(of: "integrity, foreign keys, ", with: ""),
      ]
      let twice = try cli.run(["dispute", "resolve", "1", "--uphold", "--by", "QA2", "--db", db])
      #expect(twice.status != 0)
      output.append(twice.stderr)
      outputs.append(output.map { $0.replacing(times, with: "T").replacingOccurrences(of: db, with: "DB") })
    }
    for (server, file) in zip(outputs[0], outputs[1]) where server != file {
      Issue.record("PostgreSQL:\n\(server)\nSQLite:\n\(file)")
    }
    #expect(outputs[0][0].contains("3 records: 3 added, 0 already imported"), "\(outputs[0][0])")
    #expect(outputs[0][1].contains("3 already imported"), "\(outputs[0][1])")
    #expect(outputs[1].last?.contains("already resolved") == true, "\(outputs[1].last ?? "")")
  }

  /// `callqa copy`: the demo centre to PostgreSQL and back to a second file; every report
  /// and list prints the same on all three, and a target with rows is refused in one line.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func theDemoCentreCopiedToPostgreSQLAndBackPrintsTheSameReports() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    _ = try ok(cli, ["demo", "--db", cli.database])
    let url = try PostgresServer.freshDatabase()
    let there = try ok(cli, ["copy", "--from", cli.database, "--to", url])
    #expect(there.contains("copied ") && there.contains("to \(url)"), "\(there)")
    #expect(there.contains("verified: every row read back from \(url) equals the source's"), "\(there)")
    #expect(there.contains("doctor on \(url):"), "\(there)")
    let back = cli.directory.appendingPathComponent("back.sqlite").path
    let json = try ok(cli, ["copy", "--from", url, "--to", back, "--format", "json"])
    #expect(json.contains("\"from\" : \"\(url)\""), "\(json)")
    // As printed, every report and list is the same; as JSON, a mean summed from many rows
    // may differ in its last bit (SQLite's sum is compensated, PostgreSQL's is not).
    let commands = [
      ["report", "trend", "--format", "json"], ["report", "weak-areas", "--format", "json"], ["report", "weak-areas"],
      ["report", "agents", "--format", "json"], ["report", "agents"], ["report", "leaderboard"], ["report", "root-causes"],
      ["evaluation", "list", "--format", "json"], ["dispute", "list"], ["case", "list"], ["coaching", "list"],
      ["calibration", "list"], ["audit", "verify"], ["audit", "list"],
    ]
    for command in commands {
      let file = try ok(cli, command + ["--db", cli.database])
      #expect(!file.isEmpty, "\(command)")
      for (name, copy) in [("PostgreSQL", url), ("the file copied back", back)] {
        let printed = try ok(cli, command + ["--db", copy])
        if command.contains("json") {
          #expect(try Self.sameJSON(printed, file), "\(command) on \(name)")
        } else {
          #expect(printed == file, "\(command) on \(name)")
        }
      }
    }
    // A target with rows: one line, exit 1, nothing written.
    let refused = try cli.run(["copy", "--from", cli.database, "--to", url])
    #expect(refused.status != 0 && refused.stderr.contains("already holds callqa data"), "\(refused.stderr)")
    #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
  }

  /// True when two JSON texts hold the same values, numbers equal to 1e-12 of their size.
  static func sameJSON(_ a: String, _ b: String) throws -> Bool {
    func same(_ x: Any, _ y: Any) -> Bool {
      switch (x, y) {
      case (let x as [String: Any], let y as [String: Any]):
        return x.keys.sorted() == y.keys.sorted() && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
      case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
      case (let x as NSNumber, let y as NSNumber):
        return abs(x.doubleValue - y.doubleValue) <= 1e-12 * max(1, abs(x.doubleValue))
      case (let x as String, let y as String): return x == y
      case (is NSNull, is NSNull): return true
      default: return false
      }
    }
    return same(try JSONSerialization.jsonObject(with: Data(a.utf8)), try JSONSerialization.jsonObject(with: Data(b.utf8)))
  }

  /// `bench engines`: a generated centre copied to PostgreSQL, every manager report timed on both.
  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func benchEnginesTimesEveryReportOnBothEngines() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    _ = try ok(cli, ["bench", "generate", "--db", cli.database, "--agents", "12", "--months", "1", "--evaluations", "200", "--first-month", "2026-03"])
    let url = try PostgresServer.freshDatabase()
    _ = try ok(cli, ["copy", "--from", cli.database, "--to", url])
    let timed = try ok(cli, ["bench", "engines", "--sqlite", cli.database, "--postgres", url, "--period", "2026-03", "--runs", "1"])
    #expect(timed.contains("sqlite \(cli.database), postgresql \(url), period 2026-03"), "\(timed)")
    for report in ["weak-areas --period", "quality --period --team", "trend --by month (all dates)", "performance --period"] {
      #expect(timed.contains(report), "\(report): \(timed)")
    }
    let wrong = try cli.run(["bench", "engines", "--sqlite", cli.database, "--postgres", cli.database, "--period", "2026-03"])
    #expect(wrong.status != 0 && wrong.stderr.contains("--postgres takes a postgresql:// URL"), "\(wrong.stderr)")
  }

  @Test(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
  func whatDoesNotRunThereYetAndABadURLAreOneLineAndExitNonZero() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let url = try PostgresServer.freshDatabase()
    _ = try ok(cli, ["init", "--db", url])
    // doctor checks a PostgreSQL database (what SQLite alone needs checked left out)
    let doctor = try ok(cli, ["doctor", "--db", url])
    #expect(doctor.hasPrefix("ok: 0 evaluations recomputed, audit trail complete"), "\(doctor)")
    let report = try cli.run(["demo", "--db", url])
    #expect(report.status != 0)
    #expect(report.stderr.contains("demo does not run on PostgreSQL yet"), "\(report.stderr)")
    #expect(report.stderr.split(separator: "\n").count == 1, "\(report.stderr)")
    for command in [["backup", "--to", cli.directory.appendingPathComponent("b.sqlite").path], ["restore", "--from", cli.database]] {
      let refused = try cli.run(command + ["--db", url])
      #expect(refused.status != 0 && refused.stderr.contains("a PostgreSQL database is backed up with pg_dump"), "\(refused.stderr)")
    }
    let bad = try cli.run(["scorecard", "list", "--db", "postgresql://qa@localhost"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("not a PostgreSQL URL"), "\(bad.stderr)")
    let secret = try cli.run(["scorecard", "list", "--db", "postgresql://qa:hunter2@127.0.0.1:9/callqa"])
    #expect(secret.status != 0)
    #expect(secret.stderr.contains("cannot reach PostgreSQL at postgresql://qa@127.0.0.1:9/callqa"), "\(secret.stderr)")
    #expect(!secret.stderr.contains("hunter2"))
  }
}
