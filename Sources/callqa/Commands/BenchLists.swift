import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.BenchCommand {
  struct Lists: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractTimeOnePage),
      discussion: Terminal.help(.discussionBenchLists))
    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthPeriodFilters))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpAgentAgentFilters))) var agent = "B00001"
    @Option(help: ArgumentHelp(Terminal.help(.helpTeamTeamFilters))) var team = "Team 1"
    @Option(help: ArgumentHelp(Terminal.help(.helpInspectorInspectorFilter))) var inspector = "BQA1"
    @Option(help: ArgumentHelp(Terminal.help(.helpScorecardScorecardFilter))) var scorecard = "inbound-service"
    @Option(help: ArgumentHelp(Terminal.help(.helpRowsPerPage))) var limit = 50
    @Option(help: ArgumentHelp(Terminal.help(.helpTimedRunsEachQuery))) var runs = 5
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      guard ReportPeriod.monthBounds(period) != nil else {
        throw CallQAError(.errPeriodMustMonth, period)
      }
      let db = try database.open()
      let weak = try db.weakAreas(ReportFilter(period: period)).rows
      let most = weak.first, least = weak.last
      let n = limit
      var cases: [(String, () throws -> Int)] = [
        ("call list", { try db.callPage(CallFilter(limit: n)).rows.count }),
        ("call list --period", { try db.callPage(CallFilter(period: period, limit: n)).rows.count }),
        ("call list --agent", { try db.callPage(CallFilter(agent: agent, limit: n)).rows.count }),
        ("call list --team --period", { try db.callPage(CallFilter(team: team, period: period, limit: n)).rows.count }),
        ("call list --direction inbound", { try db.callPage(CallFilter(direction: "inbound", limit: n)).rows.count }),
        (
          "call list --min-duration 600 --max-duration 660",
          {
            try db.callPage(CallFilter(minDuration: 600, maxDuration: 660, limit: n)).rows.count
          }
        ),
        ("call list --evaluated", { try db.callPage(CallFilter(evaluated: true, limit: n)).rows.count }),
        ("call list --unevaluated", { try db.callPage(CallFilter(evaluated: false, limit: n)).rows.count }),
        (
          "call list --unevaluated --period",
          {
            try db.callPage(CallFilter(period: period, evaluated: false, limit: n)).rows.count
          }
        ),
        ("call list --unevaluated --agent", { try db.callPage(CallFilter(agent: agent, evaluated: false, limit: n)).rows.count }),
        ("call list --has-recording", { try db.callPage(CallFilter(hasRecording: true, limit: n)).rows.count }),
        (
          "call list --has-transcript --period",
          {
            try db.callPage(CallFilter(period: period, hasTranscript: true, limit: n)).rows.count
          }
        ),
        ("call list --complaint", { try db.callPage(CallFilter(complaint: true, limit: n)).rows.count }),
        ("call list --complaint --period", { try db.callPage(CallFilter(period: period, complaint: true, limit: n)).rows.count }),
        ("call list --offset 10000", { try db.callPage(CallFilter(limit: n, offset: 10_000)).rows.count }),
        ("evaluation list", { try db.evaluationPage(EvaluationFilter(limit: n)).rows.count }),
        ("evaluation list --period", { try db.evaluationPage(EvaluationFilter(limit: n, period: period)).rows.count }),
        ("evaluation list --agent", { try db.evaluationPage(EvaluationFilter(agent: agent, limit: n)).rows.count }),
        (
          "evaluation list --team --period",
          {
            try db.evaluationPage(EvaluationFilter(limit: n, period: period, team: team)).rows.count
          }
        ),
        ("evaluation list --inspector", { try db.evaluationPage(EvaluationFilter(limit: n, inspector: inspector)).rows.count }),
        ("evaluation list --scorecard", { try db.evaluationPage(EvaluationFilter(scorecard: scorecard, limit: n)).rows.count }),
        (
          "evaluation list --status submitted --kind test-call",
          {
            try db.evaluationPage(EvaluationFilter(status: .submitted, kind: .testCall, limit: n)).rows.count
          }
        ),
        ("evaluation list --min-score 95", { try db.evaluationPage(EvaluationFilter(limit: n, minScore: 95)).rows.count }),
        ("evaluation list --max-score 60", { try db.evaluationPage(EvaluationFilter(limit: n, maxScore: 60)).rows.count }),
        ("evaluation list --band Good", { try db.evaluationPage(EvaluationFilter(limit: n, band: "Good")).rows.count }),
        ("evaluation list --failed", { try db.evaluationPage(EvaluationFilter(limit: n, passed: false)).rows.count }),
        ("evaluation list --critical", { try db.evaluationPage(EvaluationFilter(limit: n, critical: true)).rows.count }),
        ("evaluation list --offset 10000", { try db.evaluationPage(EvaluationFilter(limit: n, offset: 10_000)).rows.count }),
      ]
      for (label, row) in [("most", most), ("least", least)] {
        guard let row else { continue }
        cases.append(
          (
            "evaluation list --period --item \(row.key) --lost (\(label) lost)",
            {
              try db.evaluationPage(
                EvaluationFilter(
                  scorecard: row.scorecard, limit: n, period: period, item: row.key, lost: true)
              ).rows.count
            }
          ))
      }
      cases.append(
        (
          "evaluation list --agent --period --item --lost --critical",
          {
            try db.evaluationPage(
              EvaluationFilter(
                agent: agent, limit: n, period: period, critical: true, item: most?.key, lost: most != nil)
            ).rows.count
          }
        ))
      var table = TextTable([.init("query"), .init("rows", .right), .init("best ms", .right), .init("median ms", .right)])
      var slowest = 0.0
      for (name, body) in cases {
        let rows = try body()
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
          let start = Date()
          _ = try body()
          times.append(Date().timeIntervalSince(start) * 1000)
        }
        times.sort()
        slowest = max(slowest, times[0])
        table.add([name, String(rows), String(format: "%.1f", times[0]), String(format: "%.1f", times[times.count / 2])])
      }
      Console.out("database \(database.path), period \(period), --limit \(limit), best and median of \(runs) runs")
      Console.out(table.render())
      Console.out("slowest best: \(String(format: "%.1f", slowest)) ms")
    }
  }
}
