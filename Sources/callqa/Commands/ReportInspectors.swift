import ArgumentParser
import CallQAKit

/// `callqa report inspectors`: inspector drift on monitoring evaluations.
struct ReportInspectors: CallQACommand {
  static let configuration = CommandConfiguration(
    commandName: "inspectors",
    abstract: Terminal.help(.abstractInspectorDriftEach))
  @OptionGroup var options: ReportInspectorsOptions
  var language: LanguageOptions { options.language }

  func execute() throws { try options.run() }
}

/// The options and the work of the inspector drift report.
struct ReportInspectorsOptions: ParsableArguments {
  @OptionGroup var database: DatabaseOptions
  @OptionGroup var output: ReportOutputOptions
  @Option(help: ArgumentHelp(Terminal.help(.helpMonthCallsYyyy))) var period: String?
  @OptionGroup var confidence: ConfidenceOptions
  @Option(help: ArgumentHelp(Terminal.help(.helpFlagInspectorsWhoseAlignment))) var alignmentThreshold: Double =
    CalibrationComparison.defaultAlignmentThreshold
  @OptionGroup var language: LanguageOptions

  func run() throws {
    let db = try database.openReadOnly()
    try db.requireReadsEverything(db.terminalActor(), what: .phrase(.whatInspectorDrift))
    let drift = try db.inspectorDrift(period: period, confidence: confidence.level, alignmentThreshold: alignmentThreshold)
    guard output.format == .table, output.output == nil else {
      return try output.emit(drift.document(period: period, language: language.resolved), json: drift.rows, head: try db.auditHead(), language: language)
    }
    let words = language.words
    var table = TextTable([
      .init(words[.colPeriod]), .init(words[.colInspector]), .init(words[.colTeams], maxWidth: 24), .init(words[.colEvals], .right),
      .init(words[.colDisputed], .right), .init(words[.colMean], .right), .init(words[.colFail], .right), .init(words[.colPeers], .right),
      .init(words[.colPeerEvals], .right), .init(words[.colPeerMean], .right), .init(words[.colPeerFail], .right),
      .init(words[.colDeltaMean], .right), .init(words[.colDeltaFailShort], .right), .init(words[.colEffect], .right), .init(words[.colDrift]),
      .init(words[.colExpertAlign], .right),
    ])
    for row in drift.rows {
      table.add([
        words.month(row.period), row.inspector, words.list(row.teams), String(row.evaluations),
        row.disputed > 0 ? Console.red("⚑ \(row.disputed)") : "",
        ScoreFormat.score(row.meanFinal), ScoreFormat.percent(row.failRate), String(row.peerInspectors),
        String(row.peerEvaluations), ScoreFormat.score(row.peerMeanFinal), ScoreFormat.percent(row.peerFailRate),
        CalibrationView.signed(row.finalDelta),
        row.failRateDelta.map { words(.percentagePoints, CalibrationView.signed($0 * 100)) } ?? "—",
        ReportCell.withInterval(row.effect, row.effectCI).display, row.drift.map(words.drift) ?? "",
        row.expertAlignment.map { String(format: "%.1f%% (%d)", $0, row.expertSessions) + (row.belowAlignment ? " " + Console.red(words[.flagBelow]) : "") }
          ?? "",
      ])
    }
    Console.out(table.render())
    if !drift.rows.isEmpty { Console.out(words(.driftEffectLine, drift.confidence)) }
    if drift.rows.isEmpty { Console.out(period.map { words(.driftNoneIn, words.month($0)) } ?? words[.driftNone]) }
    if let head = try db.auditHead() { Console.out(words(.auditHead, head.summary)) }
  }
}
