import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa evaluation …`: read stored evaluations.
  struct EvaluationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evaluation", abstract: Terminal.help(.abstractEvaluationsShowList),
      subcommands: [Show.self, List.self, Import.self, Ack.self, Release.self])
  }
}

extension CallQA.EvaluationCommand {
  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractShowOneEvaluation))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpEvaluationId))) var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      try db.requireReadable(evaluation: id, by: db.terminalActor())
      let detail = try db.evaluation(id: id)
      if output.format == .json { return try printJSON(detail) }
      let scorecard = try db.scorecard(reference: "\(detail.scorecard.key)@\(detail.scorecard.version)").scorecard
      Console.out(EvaluationView.render(detail, scorecard: scorecard, language: language.language))
      for line in try HistoryView.lines(db.history(ofEvaluation: id)) + HistoryView.lines(detail) { Console.out(line) }
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractListEvaluationsScoring),
      usage: """
        callqa evaluation list [--period YYYY-MM | --from DATE --to DATE] [--team T] [--agent A] [--inspector I]
                               [--scorecard KEY[@V]] [--status S] [--kind K] [--counted]
                               [--min-score N] [--max-score N] [--band B] [--passed | --failed] [--critical]
                               [--item KEY [--lost]] [--limit N] [--offset M]
                               [--format table|json|csv|xlsx|html] [--output FILE] [--db PATH]
        """,
      discussion: Terminal.help(.discussionEvaluationList))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgent))) var agent: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgentsTeam2))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyEvaluationsInspector))) var inspector: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyScorecardKey))) var scorecard: String?
    @OptionGroup var dates: CallDateOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpDraftSubmittedDisputed))) var status: EvaluationStatus?
    @Option(help: ArgumentHelp(Terminal.help(.helpMonitoringTestCallCalibration))) var kind: EvaluationKind?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpFinalScoreLeast))) var minScore: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpFinalScoreMost))) var maxScore: Double?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyGradeBand))) var band: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyPassedEvaluations))) var passed = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyFailedEvaluations))) var failed = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyEvaluationsWhich))) var critical = false
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyCountedEvaluations))) var item: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpItemOnlyThose))) var lost = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyEvaluationsReports))) var counted = false
    @OptionGroup var paging: PagingOptions
    @OptionGroup var language: LanguageOptions

    /// The query, once every flag is checked (one line naming the flag otherwise).
    func filter() throws -> EvaluationFilter {
      try dates.check()
      try paging.check()
      try refuseBoth(passed, failed, ("--passed", "--failed"))
      if lost, item == nil { throw CallQAError(.errLostNeedsItem) }
      for (flag, value) in [("--min-score", minScore), ("--max-score", maxScore)] {
        if let value, !(value.isFinite && (0...100).contains(value)) {
          throw CallQAError(.errMustScoreBetween, flag, ScoreFormat.plain(value))
        }
      }
      if item != nil, let status, ![.submitted, .disputed].contains(status) {
        throw CallQAError(.errItemLooksCounted, status.rawValue)
      }
      if item != nil, kind == .calibration {
        throw CallQAError(.errItemLooksCountedEvaluations)
      }
      return EvaluationFilter(
        agent: agent, scorecard: scorecard, from: dates.from, to: dates.to, status: status, kind: kind,
        limit: paging.limit, period: dates.period, team: team, inspector: inspector, minScore: minScore,
        maxScore: maxScore, band: band, passed: either(passed, failed), critical: critical, item: item, lost: lost,
        counted: counted, offset: paging.offset)
    }

    func execute() throws {
      let db = try database.openReadOnly()
      let filter = try db.readable(filter(), for: db.terminalActor())
      let page = try db.evaluationPage(filter)
      guard output.format == .table, output.output == nil else {
        return try output.emit(page.document(filter, language: language.resolved), json: page.rows, head: try db.auditHead(), language: language)
      }
      let words = language.words
      var columns: [TextTable.Column] = [
        .init(words[.colId], .right), .init(words[.colCall]), .init(words[.colDate]), .init(words[.colAgent]), .init(words[.colTeam]),
        .init(words[.colInspector]), .init(words[.colScorecard]), .init(words[.colKind]), .init(words[.colStatus]),
        .init(words[.colFinal], .right), .init(words[.colResult]),
      ]
      if let item { columns.append(.init(words(.colItemLost, item), .right)) }
      var table = TextTable(columns)
      for row in page.rows {
        let result = row.passed.map { words[$0 ? .resultPass : .resultFail] } ?? ""
        var cells = [
          String(row.id), row.call, String((row.callStartedAt ?? "").prefix(10)), row.agent, row.team ?? "",
          row.inspector, row.scorecard, words.kind(row.kind), HistoryView.status(row.status, words),
          ScoreFormat.score(row.finalScore), result + (row.criticalFailed == true ? words[.criticalSuffix] : ""),
        ]
        if item != nil { cells.append(row.item?.impact.map { String(format: "%.2f", $0) } ?? "") }
        table.add(cells)
      }
      Console.out(table.render())
      Console.out(paging.footer(page, words(.listCountEvaluations, page.rows.count), words))
    }
  }
}
