import ArgumentParser
import CallQAKit

extension CallQA.BenchCommand {
  struct Intervals: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCompareTInterval),
      discussion: Terminal.help(.discussionBenchIntervals))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var confidence: ConfidenceOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpBootstrapResamplesPer))) var resamples = 2000
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard resamples >= 100 else { throw ValidationError(Terminal.words(.errResamplesMustMore)) }
    }

    func execute() throws {
      let db = try database.open()
      let scope = filter.filter
      let comparison = IntervalComparison.compare(try db.finalScores(scope), scope: scope.description, try confidence.level, resamples: resamples)
      var table = TextTable([
        .init("agent"), .init("n", .right), .init("mean", .right), .init("t-interval", .right), .init("bootstrap", .right),
        .init("Δ low", .right), .init("Δ high", .right),
      ])
      func bracket(_ i: IntervalEstimate) -> String {
        guard let b = i.bounds else { return "(n=\(i.n))" }
        return "[\(ScoreFormat.score(b.low)), \(ScoreFormat.score(b.high))]"
      }
      for row in comparison.rows {
        let t = row.t.bounds, b = row.bootstrap.bounds
        table.add([
          row.agent, String(row.n), ScoreFormat.score(row.mean), bracket(row.t), bracket(row.bootstrap),
          t.flatMap { t in b.map { CalibrationView.signed($0.low - t.low) } } ?? "—",
          t.flatMap { t in b.map { CalibrationView.signed($0.high - t.high) } } ?? "—",
        ])
      }
      Console.out("t-interval against percentile bootstrap (\(comparison.resamples) resamples), \(comparison.confidence), \(comparison.scope)")
      Console.out(table.render())
      let s = comparison.summary
      Console.out(
        "\(s.agents) agents: mean width t \(ScoreFormat.score(s.tWidth)), bootstrap \(ScoreFormat.score(s.bootstrapWidth)); "
          + "bootstrap narrower for \(s.agents == 0 ? 0 : s.bootstrapNarrower) of \(s.agents); largest gap between bounds \(ScoreFormat.score(s.largestGap))")
    }
  }
}
