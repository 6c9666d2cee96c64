import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.BenchCommand {
  /// `callqa bench engines --sqlite FILE --postgres URL`: every manager report of `bench
  /// reports` on the same centre in both engines (a PostgreSQL database made from the file
  /// with `callqa copy`), alternating, best of N.
  struct Engines: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractBenchEngines),
      discussion: Terminal.help(.discussionBenchEngines))
    @Option(help: ArgumentHelp(Terminal.help(.helpBenchSqliteFile), valueName: "file")) var sqlite: String
    @Option(help: ArgumentHelp(Terminal.help(.helpBenchPostgresURL), valueName: "url")) var postgres: String
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthReportYyyy))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpTeamNarrowedRuns))) var team = "Team 1"
    @Option(help: ArgumentHelp(Terminal.help(.helpTimedRunsEach))) var runs = 3
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let cases = try Reports.cases(period: period, team: team)
      guard case .sqlite(let file) = try DatabaseLocation(sqlite), FileManager.default.fileExists(atPath: file) else {
        throw CallQAError.notFound(.errNoDatabaseHere, sqlite)
      }
      let onFile = try QADatabase(location: .sqlite(path: file), mode: .readOnly)
      let server = try DatabaseOptions.location(postgres)
      guard server.engine == .postgresql else { throw CallQAError(.errBenchEnginesNeedsURL, postgres) }
      let onServer = try QADatabase(location: server, mode: .readWrite)
      var table = TextTable([
        .init("report"), .init("path"), .init("sqlite wall s", .right), .init("postgresql wall s", .right), .init("ratio", .right),
      ])
      for c in cases {
        // Warm both, then alternate them so that load on the machine hits both alike.
        try c.body(onFile)
        try c.body(onServer)
        var fileBest = Timing.worst, serverBest = Timing.worst
        for _ in 0..<max(1, runs) {
          fileBest = fileBest.min(try Timing.measure { try c.body(onFile) })
          serverBest = serverBest.min(try Timing.measure { try c.body(onServer) })
        }
        table.add([
          c.name, onFile.reportSource(c.report, c.filter).rawValue, String(format: "%.3f", fileBest.wall),
          String(format: "%.3f", serverBest.wall), String(format: "%.2f×", serverBest.wall / max(fileBest.wall, 0.0005)),
        ])
      }
      Console.out("sqlite \(file), postgresql \(server), period \(period), team \(team), best of \(runs) (wall = elapsed)")
      Console.out(table.render())
    }
  }
}
