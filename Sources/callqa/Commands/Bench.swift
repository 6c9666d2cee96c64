import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa bench …`: benchmark data and report timings.
  struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench",
      abstract:
        "Benchmarks: generate a big database, time the reports against raw SQL, time the lists (one page of call and evaluation list), write import-data files, compare interval methods (intervals).",
      subcommands: [Generate.self, Reports.self, Lists.self, ImportData.self, Intervals.self])
  }
}

extension CallQA.BenchCommand {
  struct Generate: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Fill a new database with a big, deterministic centre (agents, calls, evaluations, complaints).")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Agents (12 per team).") var agents = 500
    @Option(help: "Months of calls.") var months = 12
    @Option(help: "Evaluations in total.") var evaluations = 1_000_000
    @Option(help: "First month, YYYY-MM.") var firstMonth = "2025-12"
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      guard !FileManager.default.fileExists(atPath: database.path) else {
        throw CallQAError("\(database.path) already exists: the generator only fills a new database")
      }
      let db = try database.openOrCreate()
      let start = Date()
      let data = BenchmarkData(agents: agents, months: months, evaluations: evaluations, firstMonth: firstMonth, seed: seed)
      let written = try data.generate(into: db) { done in
        Console.err("  \(done) evaluations…")
      }
      Console.out("generated \(written) evaluations for \(agents) agents over \(months) months in \(String(format: "%.0f", Date().timeIntervalSince(start))) s")
    }
  }

  struct Reports: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Time weak-areas, quality and agents against the same question in hand-written SQL (sqlite3 shell).",
      discussion: """
        Each report runs through the library (query + computation, no output) and its hand-written \
        SQL equivalent runs in the `sqlite3` shell on the same file (`.timer on`, real time); both \
        are run --runs times after a warm-up and the best time is kept.
        """)
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The month to report on, YYYY-MM.") var period: String
    @Option(help: "The team for the narrowed weak-areas run.") var team = "Team 1"
    @Option(help: "Timed runs of each side (best kept).") var runs = 3
    @Option(help: "The sqlite3 shell.") var sqlite3 = "/usr/bin/sqlite3"
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      guard let (lower, upper) = ReportPeriod.monthBounds(period) else {
        throw CallQAError("--period must be a month YYYY-MM, not '\(period)'")
      }
      let db = try database.open()
      let sql = BenchSQL(lower: lower, upper: upper, team: team)
      let cases: [(String, () throws -> Void, String)] = [
        ("weak-areas --period", { _ = try db.weakAreas(ReportFilter(period: period)) }, sql.weakAreas(team: false)),
        ("weak-areas --period --team", { _ = try db.weakAreas(ReportFilter(period: period, team: team)) }, sql.weakAreas(team: true)),
        ("quality --period", { _ = try db.quality(period: period) }, sql.quality),
        ("agents --period", { _ = try db.agentsReport(ReportFilter(period: period)) }, sql.agents),
        ("weak-areas (all dates)", { _ = try db.weakAreas(ReportFilter()) }, sql.weakAreasAllDates),
      ]
      var table = TextTable([
        .init("report"), .init("callqa wall s", .right), .init("sqlite3 wall s", .right), .init("ratio", .right),
        .init("callqa cpu s", .right), .init("sqlite3 cpu s", .right), .init("cpu ratio", .right),
      ])
      for (name, body, query) in cases {
        // Warm both sides, then alternate them so that load on the machine hits both alike.
        try body()
        _ = try shellTime(query)
        var best = Timing.worst, shellBest = Timing.worst
        for _ in 0..<max(1, runs) {
          best = best.min(try Timing.measure(body))
          shellBest = shellBest.min(try shellTime(query))
        }
        table.add([
          name, String(format: "%.3f", best.wall), String(format: "%.3f", shellBest.wall),
          String(format: "%.2f×", best.wall / max(shellBest.wall, 0.001)), String(format: "%.3f", best.cpu),
          String(format: "%.3f", shellBest.cpu), String(format: "%.2f×", best.cpu / max(shellBest.cpu, 0.001)),
        ])
      }
      Console.out("database \(database.path), period \(period), best of \(runs) (wall = elapsed, cpu = user + sys)")
      Console.out(table.render())
    }

    /// Runs the statements in the sqlite3 shell and returns the summed `.timer` times.
    func shellTime(_ statements: String) throws -> Timing {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: sqlite3)
      process.arguments = ["-batch", "-readonly", database.path]
      let input = Pipe(), output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      try process.run()
      // A shell that exits before reading its input must not kill callqa with SIGPIPE: the
      // failed write is ignored and the exit status below reports the failure.
      signal(SIGPIPE, SIG_IGN)
      try? input.fileHandleForWriting.write(contentsOf: Data(".timer on\n.output /dev/null\n\(statements)\n".utf8))
      try? input.fileHandleForWriting.close()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { throw CallQAError("sqlite3 failed on the benchmark SQL") }
      var total = Timing(wall: 0, cpu: 0)
      // "Run Time: real 0.612 user 0.156633 sys 0.148566"
      for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Run Time:") {
        let words = line.split(separator: " ")
        func value(_ name: String) -> Double {
          guard let index = words.firstIndex(where: { $0 == name }), index + 1 < words.count else { return 0 }
          return Double(words[index + 1]) ?? 0
        }
        total.wall += value("real")
        total.cpu += value("user") + value("sys")
      }
      return total
    }
  }
}

/// Elapsed and CPU (user + system) seconds of one run.
struct Timing {
  var wall: Double
  var cpu: Double

  static let worst = Timing(wall: .infinity, cpu: .infinity)

  /// The best of two timings, per measure.
  func min(_ other: Timing) -> Timing { Timing(wall: Swift.min(wall, other.wall), cpu: Swift.min(cpu, other.cpu)) }

  /// Times `body` in this process.
  static func measure(_ body: () throws -> Void) throws -> Timing {
    let cpuStart = cpuSeconds(), start = Date()
    try body()
    return Timing(wall: Date().timeIntervalSince(start), cpu: cpuSeconds() - cpuStart)
  }

  static func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
      getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}

/// The same questions as the reports, written by hand as an analyst would in the sqlite3 shell.
struct BenchSQL {
  var lower: String
  var upper: String
  var team: String

  /// `text` as an SQL string literal for the sqlite3 shell (which cannot bind parameters):
  /// quotes doubled, so a team named `x' OR 1=1 --` stays one string.
  static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  var scope: String {
    """
    c.started_at >= \(Self.literal(lower)) AND c.started_at < \(Self.literal(upper))
      AND \(CountedEvaluation.condition)
    """
  }

  func weakAreas(team narrowed: Bool) -> String {
    let teamClause = narrowed ? "AND e.agent_id IN (SELECT id FROM agents WHERE team = \(Self.literal(team)))" : ""
    let item = """
      SELECT count(*), avg(e.raw_score) FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE \(scope) \(teamClause);
      SELECT e.scorecard_id, i.item, count(*), total(i.impact), total(i.earned) / total(i.points),
             avg(i.earned < i.points), total(i.critical_failed)
      FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN item_scores i ON i.evaluation_id = e.id
      WHERE \(scope) \(teamClause) AND i.na = 0
      GROUP BY e.scorecard_id, i.item ORDER BY 4 DESC;
      """
    guard narrowed else { return item }
    return item + weakAreas(team: false)
  }

  var weakAreasAllDates: String {
    """
    SELECT count(*), avg(raw_score) FROM evaluations e
    WHERE \(CountedEvaluation.condition);
    SELECT e.scorecard_id, i.item, count(*), total(i.impact), total(i.earned) / total(i.points),
           avg(i.earned < i.points), total(i.critical_failed)
    FROM evaluations e JOIN item_scores i ON i.evaluation_id = e.id
    WHERE \(CountedEvaluation.condition) AND i.na = 0
    GROUP BY e.scorecard_id, i.item ORDER BY 4 DESC;
    """
  }

  var quality: String {
    """
    WITH m AS (
      SELECT e.agent_id,
             avg(CASE WHEN e.kind = 'monitoring' THEN e.final_score END) AS m,
             avg(CASE WHEN e.kind = 'test-call' THEN e.final_score END) AS t
      FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE \(scope) GROUP BY e.agent_id),
    k AS (SELECT agent_id, count(*) AS n FROM complaints
          WHERE valid = 1 AND date >= \(Self.literal(lower)) AND date < \(Self.literal(upper)) GROUP BY agent_id)
    SELECT a.code, a.team, m.m, m.t, max(0, coalesce(0.5 * m.m + 0.5 * m.t, m.m, m.t) - 2 * coalesce(k.n, 0))
    FROM agents a JOIN m ON m.agent_id = a.id LEFT JOIN k ON k.agent_id = a.id ORDER BY a.team, a.code;
    """
  }

  var agents: String {
    """
    SELECT a.code, a.name, a.team, count(*), avg(e.final_score), avg(e.passed), total(e.critical_failed)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN agents a ON a.id = e.agent_id
    WHERE \(scope) GROUP BY e.agent_id ORDER BY a.team, a.code;
    SELECT e.agent_id, e.scorecard_id, s.section, avg(s.score)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN section_scores s ON s.evaluation_id = e.id
    WHERE \(scope) AND s.applicable = 1 GROUP BY e.agent_id, e.scorecard_id, s.section;
    \(quality)
    """
  }
}
