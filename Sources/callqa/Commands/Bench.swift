import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa bench …`: benchmark data and report timings.
  struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "bench",
      abstract: Terminal.help(.abstractBenchmarks),
      subcommands: [Generate.self, Reports.self, Engines.self, Lists.self, ImportData.self, Intervals.self])
  }
}

extension CallQA.BenchCommand {
  struct Generate: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractFillNewDatabase))
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpAgentsPerTeam))) var agents = 500
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthsCalls))) var months = 12
    @Option(help: ArgumentHelp(Terminal.help(.helpEvaluationsTotal))) var evaluations = 1_000_000
    @Option(help: ArgumentHelp(Terminal.help(.helpFirstMonthYyyy))) var firstMonth = "2025-12"
    @Option(help: ArgumentHelp(Terminal.help(.helpRandomSeed))) var seed: UInt64 = 42
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let file = try database.sqliteFile(for: "bench generate")
      guard !FileManager.default.fileExists(atPath: file) else {
        throw CallQAError(.errAlreadyExistsGenerator, file)
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
      abstract: Terminal.help(.abstractTimeEveryManager),
      discussion: Terminal.help(.discussionBenchReports))
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthReportYyyy))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpTeamNarrowedRuns))) var team = "Team 1"
    @Option(help: ArgumentHelp(Terminal.help(.helpTimedRunsEach))) var runs = 3
    @Option(help: ArgumentHelp(Terminal.help(.helpSqlite3Shell))) var sqlite3 = "/usr/bin/sqlite3"
    @Flag(help: ArgumentHelp(Terminal.help(.helpAlsoTimeLibrary))) var detail = false
    @OptionGroup var language: LanguageOptions

    struct Case {
      var name: String
      var report: ManagerReport
      var filter: ReportFilter
      var body: (QADatabase) throws -> Void
      var sql: String
    }

    func cases() throws -> [Case] { try Self.cases(period: period, team: team) }

    /// Every manager report the benchmarks time, for month `period` and team `team`.
    static func cases(period: String, team: String) throws -> [Case] {
      guard let (lower, upper) = ReportPeriod.monthBounds(period) else {
        throw CallQAError(.errPeriodMustMonth, period)
      }
      let month = BenchSQL(lower: lower, upper: upper, team: team)
      let all = BenchSQL(lower: nil, upper: nil, team: team)
      let (sixFrom, sixTo) = Self.sixMonths(endingIn: period)
      let six = BenchSQL(lower: sixFrom, upper: sixTo + "~", team: team)
      let monthly = ReportFilter(period: period), narrowed = ReportFilter(period: period, team: team)
      let plan = PerformancePlan.standard
      return [
        Case(name: "weak-areas --period", report: .weakAreas, filter: monthly, body: { _ = try $0.weakAreas(monthly) }, sql: month.weakAreas(team: false)),
        Case(
          name: "weak-areas --period --team", report: .weakAreas, filter: narrowed, body: { _ = try $0.weakAreas(narrowed) },
          sql: month.weakAreas(team: true)),
        Case(
          name: "weak-areas (all dates)", report: .weakAreas, filter: ReportFilter(), body: { _ = try $0.weakAreas(ReportFilter()) }, sql: all.weakAreasAllDates
        ),
        Case(name: "quality --period", report: .perAgent, filter: monthly, body: { _ = try $0.quality(period: period) }, sql: month.quality),
        Case(
          name: "quality --period --team", report: .perAgent, filter: monthly, body: { _ = try $0.quality(period: period, team: team) },
          sql: month.quality),
        Case(name: "agents --period", report: .perAgent, filter: monthly, body: { _ = try $0.agentsReport(monthly) }, sql: month.agents(team: false)),
        Case(
          name: "agents --period --team", report: .perAgent, filter: narrowed, body: { _ = try $0.agentsReport(narrowed) },
          sql: month.agents(team: true)),
        Case(
          name: "agents (all dates)", report: .perAgent, filter: ReportFilter(), body: { _ = try $0.agentsReport(ReportFilter()) }, sql: all.agents(team: false)
        ),
        Case(name: "leaderboard --period", report: .perAgent, filter: monthly, body: { _ = try $0.leaderboard(monthly) }, sql: month.leaderboard(team: false)),
        Case(
          name: "leaderboard --period --team", report: .perAgent, filter: narrowed, body: { _ = try $0.leaderboard(narrowed) },
          sql: month.leaderboard(team: true)),
        Case(
          name: "trend --by week --period", report: .trend(.week), filter: monthly, body: { _ = try $0.trend(monthly, by: .week) },
          sql: month.trend(team: false, length: 10)),
        Case(
          name: "trend --by month (all dates)", report: .trend(.month), filter: ReportFilter(),
          body: { _ = try $0.trend(ReportFilter(), by: .month) }, sql: all.trend(team: false, length: 7)),
        Case(
          name: "trend --by month (6 months) --team", report: .trend(.month), filter: ReportFilter(from: sixFrom, to: sixTo, team: team),
          body: { _ = try $0.trend(ReportFilter(from: sixFrom, to: sixTo, team: team), by: .month) }, sql: six.trend(team: true, length: 7)),
        Case(
          name: "coverage --period", report: .perAgent, filter: monthly,
          body: { _ = try $0.coverage(period: try ReportPeriod.parse(period)) }, sql: month.coverage),
        Case(
          name: "performance --period", report: .perAgent, filter: monthly,
          body: { _ = try $0.performance(period: try ReportPeriod.parse(period), plan: plan) }, sql: month.performance(month: period)),
      ]
    }

    func execute() throws {
      let cases = try cases()
      let db = try database.open()
      let detailOnly = db.readingDetailOnly()
      var columns: [TextTable.Column] = [
        .init("report"), .init("path"), .init("callqa wall s", .right), .init("sqlite3 wall s", .right), .init("ratio", .right),
        .init("callqa cpu s", .right), .init("sqlite3 cpu s", .right), .init("cpu ratio", .right),
      ]
      if detail { columns += [.init("detail path s", .right), .init("speed-up", .right)] }
      var table = TextTable(columns)
      for c in cases {
        // Warm both sides, then alternate them so that load on the machine hits both alike.
        try c.body(db)
        _ = try shellTime(c.sql)
        var best = Timing.worst, shellBest = Timing.worst, detailBest = Timing.worst
        for _ in 0..<max(1, runs) {
          best = best.min(try Timing.measure { try c.body(db) })
          shellBest = shellBest.min(try shellTime(c.sql))
          if detail { detailBest = detailBest.min(try Timing.measure { try c.body(detailOnly) }) }
        }
        var cells = [
          c.name, db.reportSource(c.report, c.filter).rawValue, String(format: "%.3f", best.wall), String(format: "%.3f", shellBest.wall),
          String(format: "%.3f×", best.wall / max(shellBest.wall, 0.001)), String(format: "%.3f", best.cpu),
          String(format: "%.3f", shellBest.cpu), String(format: "%.3f×", best.cpu / max(shellBest.cpu, 0.001)),
        ]
        if detail {
          cells += [String(format: "%.3f", detailBest.wall), String(format: "%.0f×", detailBest.wall / max(best.wall, 0.0001))]
        }
        table.add(cells)
      }
      Console.out("database \(database.path), period \(period), team \(team), best of \(runs) (wall = elapsed, cpu = user + sys)")
      Console.out(table.render())
    }

    /// The first and last day of the six months that end with `period` (the dashboard's trend).
    static func sixMonths(endingIn period: String) -> (String, String) {
      guard case .month(let year, let month) = ReportPeriod.parseMonth(period) else { return (period + "-01", period + "-28") }
      let start = (year * 12 + month - 1) - 5
      let first = String(format: "%04d-%02d-01", start / 12, start % 12 + 1)
      return (first, ReportPeriod.month(year: year, month: month).days.last)
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
      guard process.terminationStatus == 0 else { throw CallQAError(.errSqlite3FailedBenchmark) }
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
  /// The first local day (or month) and the exclusive upper bound on `started_at`; nil for all dates.
  var lower: String?
  var upper: String?
  var team: String

  /// `text` as an SQL string literal for the sqlite3 shell (which cannot bind parameters):
  /// quotes doubled, so a team named `x' OR 1=1 --` stays one string.
  static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  var scope: String {
    var parts: [String] = []
    if let lower { parts.append("c.started_at >= \(Self.literal(lower))") }
    if let upper { parts.append("c.started_at < \(Self.literal(upper))") }
    return (parts + [CountedEvaluation.condition]).joined(separator: " AND ")
  }

  func teamClause(_ narrowed: Bool) -> String {
    narrowed ? "AND e.agent_id IN (SELECT id FROM agents WHERE team = \(Self.literal(team)))" : ""
  }

  func weakAreas(team narrowed: Bool) -> String {
    let item = """
      SELECT count(*), avg(e.raw_score) FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE \(scope) \(teamClause(narrowed));
      SELECT e.scorecard_id, i.item, count(*), total(i.impact), total(i.earned) / total(i.points),
             avg(i.earned < i.points), total(i.critical_failed)
      FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN item_scores i ON i.evaluation_id = e.id
      WHERE \(scope) \(teamClause(narrowed)) AND i.na = 0
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

  var complaintScope: String {
    var parts = ["valid = 1"]
    if let lower { parts.append("date >= \(Self.literal(lower))") }
    if let upper { parts.append("date < \(Self.literal(upper))") }
    return parts.joined(separator: " AND ")
  }

  var quality: String {
    """
    WITH m AS (
      SELECT e.agent_id,
             avg(CASE WHEN e.kind = 'monitoring' THEN e.final_score END) AS m,
             avg(CASE WHEN e.kind = 'test-call' THEN e.final_score END) AS t
      FROM calls c JOIN evaluations e ON e.call_id = c.id WHERE \(scope) GROUP BY e.agent_id),
    k AS (SELECT agent_id, count(*) AS n FROM complaints WHERE \(complaintScope) GROUP BY agent_id)
    SELECT a.code, a.team, m.m, m.t, max(0, coalesce(0.5 * m.m + 0.5 * m.t, m.m, m.t) - 2 * coalesce(k.n, 0))
    FROM agents a JOIN m ON m.agent_id = a.id LEFT JOIN k ON k.agent_id = a.id ORDER BY a.team, a.code;
    """
  }

  func agents(team narrowed: Bool) -> String {
    """
    SELECT a.code, a.name, a.team, count(*), avg(e.final_score), avg(e.passed), total(e.critical_failed)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN agents a ON a.id = e.agent_id
    WHERE \(scope) \(teamClause(narrowed)) GROUP BY e.agent_id ORDER BY a.team, a.code;
    SELECT e.agent_id, e.scorecard_id, s.section, avg(s.score)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN section_scores s ON s.evaluation_id = e.id
    WHERE \(scope) \(teamClause(narrowed)) AND s.applicable = 1 GROUP BY e.agent_id, e.scorecard_id, s.section;
    \(quality)
    """
  }

  func leaderboard(team narrowed: Bool) -> String {
    """
    SELECT a.code, a.name, a.team, count(*), total(e.passed), total(e.final_score >= 95), total(e.critical_failed),
           avg(e.final_score)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN agents a ON a.id = e.agent_id
    WHERE \(scope) \(teamClause(narrowed)) GROUP BY e.agent_id ORDER BY 5 DESC;
    """
  }

  /// Per local day (`length` 10) or month (7): count, mean final, pass rate; impact per item.
  func trend(team narrowed: Bool, length: Int) -> String {
    """
    SELECT substr(c.started_at, 1, \(length)) AS p, count(*), avg(e.final_score), avg(e.passed)
    FROM calls c JOIN evaluations e ON e.call_id = c.id
    WHERE \(scope) \(teamClause(narrowed)) GROUP BY p ORDER BY p;
    SELECT substr(c.started_at, 1, \(length)) AS p, e.scorecard_id, i.item, total(i.impact)
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN item_scores i ON i.evaluation_id = e.id
    WHERE \(scope) \(teamClause(narrowed)) AND i.impact > 0 GROUP BY p, e.scorecard_id, i.item;
    """
  }

  var coverage: String {
    """
    SELECT a.code, a.name, a.team, total(e.kind = 'monitoring'), total(e.kind = 'test-call')
    FROM calls c JOIN evaluations e ON e.call_id = c.id JOIN agents a ON a.id = e.agent_id
    WHERE \(scope) AND a.active = 1 GROUP BY a.id ORDER BY a.team, a.code;
    """
  }

  func performance(month: String) -> String {
    quality + "SELECT * FROM agent_months WHERE month = \(Self.literal(month));\n"
  }
}
