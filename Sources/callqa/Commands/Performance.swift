import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa performance`: the monthly performance sheet.
  struct Performance: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractMonthlyPerformanceSheet),
      discussion: Terminal.help(.discussionPerformance))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var confidence: ConfidenceOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthEG))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPerformancePlanYamlDefault))) var plan: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard ReportPeriod.parseMonth(period) != nil else { throw ValidationError(Terminal.words(.errPeriodMustMonthLike)) }
    }

    func execute() throws {
      let plan = try plan.map(PerformancePlanLoader.load(path:)) ?? .standard
      let db = try database.openReadOnly()
      let sheet = try db.performance(
        period: try ReportPeriod.parse(period), plan: plan,
        team: db.readableTeam(team, for: db.terminalActor(), what: .phrase(.whatPerformanceSheet)), confidence: confidence.level)
      guard output.format == .table, output.output == nil else {
        return try output.emit(sheet.document(language.resolved), json: sheet, head: try db.auditHead(), language: language)
      }
      let w = plan.weights
      let words = language.words
      Console.out(
        words(
          .performanceHeader, plan.title, words.month(sheet.period), ScoreFormat.plain(w.traffic), ScoreFormat.plain(w.quality),
          ScoreFormat.plain(w.training), ScoreFormat.plain(w.attendance)))
      var table = TextTable([
        .init(words[.colRank], .right), .init(words[.colAgent]), .init(words[.colName]), .init(words[.colTeam]),
        .init(words[.colTraffic], .right), .init(words[.colQuality], .right), .init(words[.colTraining], .right),
        .init(words[.colAttendance], .right), .init(words[.colTotal], .right), .init(words[.colFlag]),
      ])
      for row in sheet.rows {
        let quality = ReportCell.withInterval(row.quality, row.qualityCI).display + (row.qualityPartial ? "*" : "")
        table.add([
          row.rank.map(String.init) ?? "—", row.agent, row.name, row.team ?? "", ScoreFormat.score(row.traffic), quality,
          ScoreFormat.score(row.training), ScoreFormat.score(row.attendance), ReportCell.withInterval(row.total, row.totalCI).display,
          row.missing.isEmpty ? "" : words(.performanceMissingCell, words.list(row.missing)),
        ])
      }
      Console.out(table.render())
      if sheet.rows.contains(where: \.qualityPartial) { Console.out(words[.performancePartialNote]) }
      Console.out(words(.performanceIntervals, sheet.confidence))
      if let head = try db.auditHead() { Console.out(words(.auditHead, head.summary)) }
    }
  }
}
