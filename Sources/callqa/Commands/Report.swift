import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa report …`: manager reports.
  struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: Terminal.help(.abstractManagerReports),
      discussion: Terminal.help(.discussionReport),
      subcommands: [
        WeakAreas.self, Trend.self, Agents.self, Leaderboard.self, ReportInspectors.self, ReportAutoRules.self,
        Acknowledgements.self, Workload.self, ReportRootCauses.self, ReportAccuracy.self,
      ])
  }
}

/// `--from --to | --period`, `--team`, `--agent`, `--scorecard`, `--kind`.
struct ReportFilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Terminal.help(.helpFirstCallDate))) var from: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpLastCallDate))) var to: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpMonthYyyyMmInstead))) var period: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgentCode))) var agent: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyScorecardKey))) var scorecard: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyMonitoringTest))) var kind: CountedKind?

  func validate() throws {
    if period != nil, from != nil || to != nil {
      throw ValidationError(Terminal.words(.errGiveEitherPeriod))
    }
    if team != nil, agent != nil { throw ValidationError(Terminal.words(.errGiveEitherTeam)) }
    if let period, ReportPeriod.monthBounds(period) == nil {
      throw ValidationError(Terminal.words(.errPeriodMustMonth, period))
    }
    for (flag, value) in [("--from", from), ("--to", to)] {
      if let value, Timestamp.parseDay(value) == nil { throw ValidationError(Terminal.words(.errMustDateYyyy, flag, value)) }
    }
  }

  var filter: ReportFilter {
    ReportFilter(from: from, to: to, period: period, team: team, agent: agent, scorecard: scorecard, kind: kind?.evaluationKind)
  }
}

/// The kinds of evaluation that count in reports: `--kind` lists only what it accepts.
enum CountedKind: String, ExpressibleByArgument, CaseIterable {
  case monitoring
  case testCall = "test-call"

  var evaluationKind: EvaluationKind {
    switch self {
    case .monitoring: return .monitoring
    case .testCall: return .testCall
    }
  }
}

extension WeakAreaLevel: ExpressibleByArgument {}
extension TrendBucket: ExpressibleByArgument {}

extension CallQA.ReportCommand {
  struct WeakAreas: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "weak-areas",
      abstract: Terminal.help(.abstractWherePointsAre),
      usage: """
        callqa report weak-areas [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                                 [--scorecard KEY] [--kind monitoring|test-call] [--by item|section] [--top N]
                                 [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--lang zh|en] [--db PATH]
        """,
      discussion: Terminal.help(.discussionWeakAreas))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpRankItemsSections))) var by: WeakAreaLevel = .item
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpShowOnlyFirst))) var top: Int?
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let report = try db.weakAreas(
        db.readable(filter.filter, for: db.terminalActor(), what: .phrase(.whatWeakAreas)), by: by, top: top, language: language.language,
        confidence: confidence.level)
      try output.emit(report.document(language.resolved, chartTop: top ?? 15), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Trend: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractMeanFinalScore),
      usage: """
        callqa report trend [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                            [--scorecard KEY] [--kind monitoring|test-call] [--by week|month] [--item KEY]
                            [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--lang zh|en] [--db PATH]
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var confidence: ConfidenceOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpBucketWeekIso))) var by: TrendBucket = .month
    @Option(help: ArgumentHelp(Terminal.help(.helpAlsoFollowItem))) var item: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let report = try db.trend(
        db.readable(filter.filter, for: db.terminalActor(), what: .phrase(.whatTrend)), by: by, item: item, language: language.language,
        confidence: confidence.level)
      let pass = try db.passLine(scorecard: filter.scorecard)
      try output.emit(report.document(language.resolved, pass: pass), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Agents: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractOneRowPer),
      usage: """
        callqa report agents [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                             [--scorecard KEY] [--kind monitoring|test-call]
                             [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--lang zh|en] [--db PATH]
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let report = try db.agentsReport(
        db.readable(filter.filter, for: db.terminalActor(), what: .phrase(.whatAgentsReport)), language: language.language,
        confidence: confidence.level)
      let pass = try db.passLine(scorecard: filter.scorecard)
      try output.emit(report.document(language.resolved, pass: pass), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Leaderboard: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractPointsBasedRanking),
      usage: """
        callqa report leaderboard [--period YYYY-MM | --day DATE] [--team T] [--top N] [--mentoring]
                                  [--pass-points P] [--exemplary-points P] [--clean-bonus P] [--min-evaluations N]
                                  [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--db PATH]
        """,
      discussion: Terminal.help(.discussionLeaderboard))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthYyyyMm2))) var period: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOneDayYyyy))) var day: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
    // Values are read even when they start with a dash, so a negative one meets the one
    // rule for counts and weights (FilterRule) instead of an "expected a value" usage error.
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpHowManyAgents))) var top: Int = 5
    @Flag(help: ArgumentHelp(Terminal.help(.helpPairEachTeam))) var mentoring = false
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpPointsPerPassed))) var passPoints: Double = 1
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpExtraPointsPer))) var exemplaryPoints: Double = 2
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpBonusNoCritical))) var cleanBonus: Double = 3
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpEvaluationsNeededRanked))) var minEvaluations: Int = 1
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if period != nil, day != nil { throw ValidationError(Terminal.words(.errGiveEitherPeriodDay)) }
      if let day, Timestamp.parseDay(day) == nil { throw ValidationError(Terminal.words(.errDayMustDate, day)) }
      if let period, ReportPeriod.monthBounds(period) == nil {
        throw ValidationError(Terminal.words(.errPeriodMustMonth, period))
      }
    }

    func execute() throws {
      let rule = LeaderboardRule(
        passPoints: passPoints, exemplaryPoints: exemplaryPoints, cleanBonus: cleanBonus, minEvaluations: minEvaluations)
      let db = try database.openReadOnly()
      let scoped = ReportFilter(from: day, to: day, period: period, team: try db.readableTeam(team, for: db.terminalActor(), what: .phrase(.whatLeaderboard)))
      let board = try db.leaderboard(scoped, top: top, rule: rule, mentoring: mentoring, confidence: confidence.level)
      try output.emit(board.document(language.resolved), json: board, head: try db.auditHead(), language: language)
    }
  }
}
