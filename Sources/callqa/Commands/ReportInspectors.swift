import ArgumentParser
import CallQAKit

/// `callqa report inspectors`: inspector drift on monitoring evaluations.
struct ReportInspectors: CallQACommand {
  static let configuration = CommandConfiguration(
    commandName: "inspectors",
    abstract: "Inspector drift: each inspector's mean final and fail rate against the other inspectors of the same teams and month.")
  @OptionGroup var options: ReportInspectorsOptions

  func execute() throws { try options.run() }
}

/// The options and the work of the inspector drift report.
struct ReportInspectorsOptions: ParsableArguments {
  @OptionGroup var database: DatabaseOptions
  @OptionGroup var language: LanguageOptions
  @OptionGroup var output: ReportOutputOptions
  @Option(help: "Month of the calls (YYYY-MM); default every month, each compared within itself.") var period: String?
  @OptionGroup var confidence: ConfidenceOptions

  func run() throws {
    let db = try database.openReadOnly()
    try db.requireReadsEverything(db.terminalActor(), what: "inspector drift")
    let drift = try db.inspectorDrift(period: period, confidence: confidence.level)
    guard output.format == .table, output.output == nil else {
      return try output.emit(drift.document(period: period, language: language.resolved), json: drift.rows, head: try db.auditHead(), language: language)
    }
    var table = TextTable([
      .init("period"), .init("inspector"), .init("teams", maxWidth: 24), .init("evals", .right), .init("disputed", .right),
      .init("mean", .right), .init("fail", .right), .init("peers", .right), .init("peer evals", .right),
      .init("peer mean", .right), .init("peer fail", .right), .init("Δ mean", .right), .init("Δ fail", .right),
      .init("effect", .right), .init("drift"),
    ])
    for row in drift.rows {
      table.add([
        row.period, row.inspector, row.teams.joined(separator: ", "), String(row.evaluations),
        row.disputed > 0 ? Console.red("⚑ \(row.disputed)") : "",
        ScoreFormat.score(row.meanFinal), ScoreFormat.percent(row.failRate), String(row.peerInspectors),
        String(row.peerEvaluations), ScoreFormat.score(row.peerMeanFinal), ScoreFormat.percent(row.peerFailRate),
        CalibrationView.signed(row.finalDelta),
        row.failRateDelta.map { CalibrationView.signed($0 * 100) + " pt" } ?? "—",
        ReportCell.withInterval(row.effect, row.effectCI).display, row.drift ?? "",
      ])
    }
    Console.out(table.render())
    if !drift.rows.isEmpty {
      Console.out(
        "effect: mean deviation from the other inspectors on the same scorecard, \(drift.confidence) Welch t-interval; drift called only when the interval excludes 0"
      )
    }
    if drift.rows.isEmpty { Console.out("no submitted monitoring evaluations\(period.map { " in \($0)" } ?? "")") }
    if let head = try db.auditHead() { Console.out("audit head \(head.summary)") }
  }
}
