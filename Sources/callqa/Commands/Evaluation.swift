import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa evaluation …`: read stored evaluations.
  struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evaluation", abstract: "Evaluations: show one, list them, import submitted ones from a file.",
      subcommands: [Show.self, List.self, Import.self])
  }
}

extension CallQA.EvaluationCommand {
  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Show one evaluation with its breakdown.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions
    @Argument(help: "Evaluation id.") var id: Int64

    func execute() throws {
      let db = try database.open()
      let detail = try db.evaluation(id: id)
      if output.format == .json { return try printJSON(detail) }
      let scorecard = try db.scorecard(reference: "\(detail.scorecard.key)@\(detail.scorecard.version)").scorecard
      Console.out(EvaluationView.render(detail, scorecard: scorecard, language: language.language))
      for line in try HistoryView.lines(db.history(ofEvaluation: id)) { Console.out(line) }
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "List evaluations, newest call first.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this agent.") var agent: String?
    @Option(help: "Only this scorecard (KEY or KEY@VERSION).") var scorecard: String?
    @Option(help: "Calls on or after this date (YYYY-MM-DD).") var from: String?
    @Option(help: "Calls on or before this date (YYYY-MM-DD).") var to: String?
    @Option(help: "draft, submitted, disputed or revised.") var status: EvaluationStatus?
    @Option(help: "monitoring, test-call or calibration.") var kind: EvaluationKind?
    @Option(help: "At most this many rows.") var limit: Int?

    func validate() throws {
      for (flag, value) in [("--from", from), ("--to", to)] {
        if let value, Timestamp.parseDay(value) == nil {
          throw ValidationError("\(flag) must be a date YYYY-MM-DD, not '\(value)'")
        }
      }
    }

    func execute() throws {
      let rows = try database.open().evaluations(EvaluationFilter(
        agent: agent, scorecard: scorecard, from: from, to: to, status: status, kind: kind, limit: limit))
      if output.format == .json { return try printJSON(rows) }
      var table = TextTable([
        .init("id", .right), .init("call"), .init("date"), .init("agent"), .init("scorecard"),
        .init("kind"), .init("status"), .init("final", .right), .init("result"),
      ])
      for row in rows {
        let result = row.passed.map { $0 ? "pass" : "fail" } ?? ""
        table.add([
          String(row.id), row.call, String((row.callStartedAt ?? "").prefix(10)), row.agent, row.scorecard,
          row.kind.rawValue, HistoryView.status(row.status), ScoreFormat.score(row.finalScore),
          result + (row.criticalFailed == true ? " (critical)" : ""),
        ])
      }
      Console.out(table.render())
      Console.out("\(rows.count) evaluation\(rows.count == 1 ? "" : "s")")
    }
  }
}
