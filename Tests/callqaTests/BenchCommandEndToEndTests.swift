import CallQAKit
import Foundation
import TestOracles
import Testing

@testable import callqa

@Suite("bench generate | reports and autoscore bench, small, through the built binary")
struct BenchCommandEndToEndTests {
  static let generate = ["bench", "generate", "--agents", "12", "--months", "1", "--evaluations", "200", "--first-month", "2026-03"]

  /// Generates the small centre into `name` in the harness folder; returns stdout.
  @discardableResult
  static func generated(_ cli: CLIHarness, _ name: String, seed: String = "42") throws -> String {
    let result = try cli.run(generate + ["--seed", seed, "--db", name])
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout
  }

  static func json(_ cli: CLIHarness, _ arguments: [String], _ database: String) throws -> Any {
    let result = try cli.run(arguments + ["--format", "json", "--db", database])
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return try CLIHarness.json(result.stdout)
  }

  @Test func generateFillsANewDatabaseDeterministicallyAndRefusesAnExistingOne() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // When 200 evaluations of 12 agents over one month are generated
    let out = try Self.generated(cli, "bench.sqlite")
    #expect(out.range(of: #"^generated 200 evaluations for 12 agents over 1 months in [0-9]+ s\n$"#, options: .regularExpression) != nil, "\(out)")
    // Then there are 12 agents, one team of 12
    let agents = try #require(try Self.json(cli, ["agent", "list"], "bench.sqlite") as? [[String: Any]])
    #expect(agents.count == 12)
    #expect(Set(agents.compactMap { $0["team"] as? String }) == ["Team 1"])
    #expect(Set(agents.compactMap { $0["code"] as? String }).count == 12)
    // And 200 evaluations, every call in March 2026, of the three kinds
    let evaluations = try #require(try Self.json(cli, ["evaluation", "list"], "bench.sqlite") as? [[String: Any]])
    #expect(evaluations.count == 200)
    #expect(evaluations.allSatisfy { ($0["call_started_at"] as? String)?.hasPrefix("2026-03-") == true })
    #expect(Set(evaluations.compactMap { $0["kind"] as? String }).isSubset(of: ["monitoring", "test-call", "calibration"]))
    #expect(evaluations.contains { $0["kind"] as? String == "monitoring" })
    // And doctor is clean: every stored score is what the evaluator computes from its answers
    // (all 200 recomputed) and every evaluation, revisions included, has its submission audit row
    let checked = try cli.run(["doctor", "--format", "json", "--db", "bench.sqlite"])
    let doctor = try #require(try CLIHarness.json(checked.stdout) as? [String: Any])
    #expect(doctor["evaluations_checked"] as? Int == 200)
    #expect((doctor["findings"] as? [Any])?.isEmpty == true, "\(String(checked.stdout.prefix(600)))")
    #expect(doctor["healthy"] as? Bool == true)
    #expect(checked.status == 0)
    let doctorLines = try cli.run(["doctor", "--db", "bench.sqlite"]).stdout.split(separator: "\n")
    #expect(doctorLines.first == "ok: integrity, foreign keys, 200 evaluations recomputed, audit trail complete")
    #expect(doctorLines.count == 3 && doctorLines[1].hasPrefix("audit chain: ") && doctorLines[1].contains(" rows intact, head #"))
    #expect(doctorLines.last == "mode: single-desk (no users): whoever opens this file acts as the local admin")
    // And the disputed evaluations are real disputes: open ones, and ones resolved by a revision
    // that points at what it revises
    let statuses = Set(evaluations.compactMap { $0["status"] as? String })
    #expect(statuses == ["submitted", "disputed", "revised"], "\(statuses)")
    let disputes = try #require(try Self.json(cli, ["dispute", "list"], "bench.sqlite") as? [[String: Any]])
    #expect(disputes.count == evaluations.filter { ["disputed", "revised"].contains($0["status"] as? String) }.count)
    for dispute in disputes where dispute["status"] as? String == "revised" {
      let revision = try #require(dispute["revision"] as? Int)
      let history = try cli.run(["evaluation", "show", String(revision), "--db", "bench.sqlite"]).stdout
      #expect(history.contains("revision of evaluation #\(dispute["evaluation"] as? Int ?? -1)"), "\(history)")
    }
    // And the reports run on it
    let quality = try #require(try Self.json(cli, ["quality", "--period", "2026-03"], "bench.sqlite") as? [String: Any])
    #expect(((quality["agents"] as? [[String: Any]])?.count ?? 0) + ((quality["coverage_gaps"] as? [[String: Any]])?.count ?? 0) == 12)

    // The same options build the same centre; another seed another one
    try Self.generated(cli, "again.sqlite")
    try Self.generated(cli, "other.sqlite", seed: "7")
    let list = { (db: String) in try Self.json(cli, ["evaluation", "list"], db) as? NSArray }
    #expect(try list("again.sqlite") == evaluations as NSArray)
    #expect(try list("other.sqlite") != evaluations as NSArray)
    let qualityAgain = try Self.json(cli, ["quality", "--period", "2026-03"], "again.sqlite") as? NSDictionary
    #expect(qualityAgain == quality as NSDictionary)

    // An existing database is refused and left as it was
    let before = try Data(contentsOf: cli.directory.appendingPathComponent("bench.sqlite"))
    let refused = try cli.run(Self.generate + ["--db", "bench.sqlite"])
    #expect(refused.status == 1)
    #expect(refused.stderr == "error: bench.sqlite already exists: the generator only fills a new database\n")
    #expect(try Data(contentsOf: cli.directory.appendingPathComponent("bench.sqlite")) == before)
  }

  @Test(.enabled(if: Tools.which("sqlite3") != nil, "sqlite3 is not installed (apt-get install sqlite3)"))
  func reportsTimesEachReportAgainstItsHandWrittenSQL() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let sqlite3 = try #require(Tools.which("sqlite3"))
    try Self.generated(cli, "bench.sqlite")
    // When the reports are timed once each
    let result = try cli.run(["bench", "reports", "--period", "2026-03", "--runs", "1", "--sqlite3", sqlite3, "--db", "bench.sqlite"])
    #expect(result.status == 0, "\(result.stderr)")
    // Then the table has one row per report with its path, times ≥ 0 and ratios
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "database bench.sqlite, period 2026-03, team Team 1, best of 1 (wall = elapsed, cpu = user + sys)")
    #expect(lines.count == 18, "\(result.stdout)")
    #expect(
      lines.dropFirst().first?.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        == ["report", "path", "callqa wall s", "sqlite3 wall s", "ratio", "callqa cpu s", "sqlite3 cpu s", "cpu ratio"])
    let names = [
      "weak-areas --period", "weak-areas --period --team", "weak-areas (all dates)", "quality --period", "quality --period --team",
      "agents --period", "agents --period --team", "agents (all dates)", "leaderboard --period", "leaderboard --period --team",
      "trend --by week --period", "trend --by month (all dates)", "trend --by month (6 months) --team", "coverage --period",
      "performance --period",
    ]
    for (line, name) in zip(lines.dropFirst(3), names) {
      #expect(line.hasPrefix(name + " "), "\(line)")
      let cells = line.dropFirst(name.count).split(separator: " ").map(String.init)
      #expect(cells.count == 7, "\(line)")
      // Every one of these filters is answered by the summaries.
      #expect(cells.first == "summaries", "\(line)")
      for (index, cell) in cells.dropFirst().enumerated() {
        let number = index == 2 || index == 5 ? String(cell.dropLast()) : cell
        #expect((index == 2 || index == 5) == cell.hasSuffix("×"), "\(line)")
        #expect((Double(number) ?? -1) >= 0, "\(name): \(cell)")
      }
    }
    // --detail adds the library over the detail rows, and the speed-up
    let detail = try cli.run(["bench", "reports", "--period", "2026-03", "--runs", "1", "--detail", "--sqlite3", sqlite3, "--db", "bench.sqlite"])
    #expect(detail.status == 0, "\(detail.stderr)")
    #expect(detail.stdout.split(separator: "\n").dropFirst().first?.hasSuffix("detail path s  speed-up") == true, "\(detail.stdout)")
    // Refusals: one line, non-zero
    let period = try cli.run(["bench", "reports", "--period", "2026-13", "--db", "bench.sqlite"])
    #expect(period.status == 1)
    #expect(period.stderr == "error: --period must be a month YYYY-MM, not '2026-13'\n")
    let broken = try cli.run(["bench", "reports", "--period", "2026-03", "--runs", "1", "--sqlite3", "/bin/false", "--db", "bench.sqlite"])
    #expect(broken.status == 1)
    #expect(broken.stderr == "error: sqlite3 failed on the benchmark SQL\n")
  }

  @Test func aShellThatExitsWithoutReadingItsInputIsAFailureNotASIGPIPE() throws {
    // Given a "sqlite3" that exits at once, and more SQL than a pipe holds (64 KiB), so the
    // write is certain to meet a closed pipe
    let reports = try CallQA.BenchCommand.Reports.parse(["--period", "2026-03", "--sqlite3", Tools.which("false") ?? "/bin/false"])
    let statements = String(repeating: "SELECT 1;\n", count: 20_000)
    // Then the run is reported as failed (before the fix, SIGPIPE killed the process)
    #expect(throws: CallQAError.self) { try reports.shellTime(statements) }
  }

  @Test(.enabled(if: Tools.which("sqlite3") != nil, "sqlite3 is not installed (apt-get install sqlite3)"))
  func theHandWrittenSQLAnswersWhatTheReportsAnswer() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let sqlite3 = try #require(Tools.which("sqlite3"))
    try Self.generated(cli, "bench.sqlite")
    let db = cli.directory.appendingPathComponent("bench.sqlite").path
    let (lower, upper) = try #require(ReportPeriod.monthBounds("2026-03"))
    let sql = BenchSQL(lower: lower, upper: upper, team: "Team 1")
    func shell(_ statements: String) throws -> [[String]] {
      let result = try Tools.run(sqlite3, ["-batch", "-readonly", "-separator", "|", db, statements])
      #expect(result.status == 0, "\(result.output)")
      return result.output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }
    // The quality query: the same agents in the same order, M, T and the index (K = 2, W = 0.5)
    let quality = try #require(try Self.json(cli, ["quality", "--period", "2026-03"], "bench.sqlite") as? [String: Any])
    let agents = try #require(quality["agents"] as? [[String: Any]])
    let rows = try shell(sql.quality)
    #expect(rows.map { $0[0] } == agents.compactMap { $0["agent"] as? String })
    #expect(!rows.isEmpty)
    func close(_ text: String, _ value: Any?) -> Bool {
      guard let number = value as? Double else { return text.isEmpty }
      return abs((Double(text) ?? .nan) - number) < 1e-9
    }
    for (row, agent) in zip(rows, agents) {
      #expect(row[1] == agent["team"] as? String)
      #expect(close(row[2], agent["monitoring"]), "\(row) vs \(agent)")
      #expect(close(row[3], agent["test_call"]), "\(row) vs \(agent)")
      #expect(close(row[4], agent["index"]), "\(row) vs \(agent)")
    }
    // The weak-areas query: the same evaluations, mean raw score, items and total lost points
    let weak = try #require(try Self.json(cli, ["report", "weak-areas", "--period", "2026-03"], "bench.sqlite") as? [String: Any])
    let answer = try shell(sql.weakAreas(team: false))
    let head = try #require(answer.first)
    #expect(Int(head[0]) == weak["evaluations"] as? Int)
    #expect(close(head[1], weak["mean_raw"]))
    let items = answer.dropFirst()
    #expect(items.count == weak["total_rows"] as? Int)
    let lost = items.compactMap { Double($0[3]) }.reduce(0, +) / Double(Int(head[0]) ?? 1)
    #expect(close(String(lost), weak["total_mean_impact"]), "\(lost)")
  }

  @Test func autoscoreBenchScreensTheSameQueueInMemoryFromDiskAndThroughTheDatabase() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // In memory
    let memory = try cli.run(["autoscore", "bench", "--calls", "40"])
    #expect(memory.status == 0, "\(memory.stderr)")
    let lines = memory.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(memory.stdout)")
    #expect(lines[0].range(of: #"^screened 40 transcripts \(inbound-service@1, in memory, [0-9.]+ MB\)$"#, options: .regularExpression) != nil, "\(lines[0])")
    #expect(
      lines[1].range(of: #"^wall [0-9.]+ s \([0-9]+ calls/s\), CPU [0-9.]+ s \([0-9]+ calls per CPU-second\), one thread$"#, options: .regularExpression)
        != nil, "\(lines[1])")
    let queue = lines[2]
    // The queue's counts add up to the 40 calls
    let counts = queue.dropFirst("queue: ".count).split(separator: ",").compactMap { Int($0.split(separator: " ").first ?? "") }
    #expect(queue.hasPrefix("queue: "))
    #expect(counts.reduce(0, +) == 40, "\(queue)")
    // The same seed gives the same queue; another seed another corpus
    #expect(try cli.run(["autoscore", "bench", "--calls", "40"]).stdout.split(separator: "\n").last.map(String.init) == queue)
    #expect(try cli.run(["autoscore", "bench", "--calls", "40", "--seed", "2"]).stdout.split(separator: "\n").last.map(String.init) != queue)

    // From disk, with a database: the same queue, 7 in 10 plain text then WebVTT, SRT and JSON
    let disk = try cli.run(["autoscore", "bench", "--calls", "40", "--dir", "corpus", "--db", "screen.sqlite"])
    #expect(disk.status == 0, "\(disk.stderr)")
    #expect(disk.stdout.hasPrefix("screened 40 transcripts (inbound-service@1, from corpus)\n"), "\(disk.stdout)")
    #expect(disk.stdout.contains("\n\(queue)\n"), "\(disk.stdout)")
    #expect(disk.stdout.hasSuffix("database: screen.sqlite (try: time callqa autoscore --period 2026-11 --db screen.sqlite --format csv > queue.csv)\n"))
    let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("corpus").path)
    #expect(files.count == 40)
    let byExtension = Dictionary(grouping: files) { URL(fileURLWithPath: $0).pathExtension }.mapValues(\.count)
    #expect(byExtension == ["txt": 28, "vtt": 4, "srt": 4, "json": 4])
    // And the database holds one November call per transcript, which autoscore screens alike
    let period = try cli.run(["autoscore", "--period", "2026-11", "--db", "screen.sqlite"])
    #expect(period.status == 0, "\(period.stderr)")
    let summary = "40 calls with transcripts in 2026-11: " + queue.dropFirst("queue: ".count)
    #expect(period.stdout.contains(summary), "\(period.stdout)")

    // Refusals with usage, nothing written
    let none = try cli.run(["autoscore", "bench", "--calls", "0"])
    #expect(none.status == 64)
    #expect(none.stderr.contains("--calls must be 1 or more"))
    let dbOnly = try cli.run(["autoscore", "bench", "--calls", "3", "--db", "alone.sqlite"])
    #expect(dbOnly.status == 64)
    #expect(dbOnly.stderr.contains("--db needs --dir (the calls point at the transcript files)"))
    #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("alone.sqlite").path))
  }
}
