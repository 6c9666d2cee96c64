import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa report …`: manager reports.
  struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract:
        "Manager reports: weak areas, trend, agents, leaderboard, inspectors (drift), auto-rules, acknowledgements, workload, root causes, accuracy.",
      discussion: """
        Only submitted (and disputed) monitoring and test-call evaluations count; drafts, \
        revised evaluations and calibration sessions never do. Dates are the call's local date.
        """,
      subcommands: [
        WeakAreas.self, Trend.self, Agents.self, Leaderboard.self, ReportInspectors.self, ReportAutoRules.self,
        Acknowledgements.self, Workload.self, ReportRootCauses.self, ReportAccuracy.self,
      ])
  }
}

/// `--from --to | --period`, `--team`, `--agent`, `--scorecard`, `--kind`.
struct ReportFilterOptions: ParsableArguments {
  @Option(help: "First call date, YYYY-MM-DD.") var from: String?
  @Option(help: "Last call date, YYYY-MM-DD.") var to: String?
  @Option(help: "A month, YYYY-MM (instead of --from/--to).") var period: String?
  @Option(help: "Only this team.") var team: String?
  @Option(help: "Only this agent (code).") var agent: String?
  @Option(help: "Only this scorecard (KEY or KEY@VERSION).") var scorecard: String?
  @Option(help: "Only monitoring or test-call evaluations (calibration never counts).") var kind: CountedKind?

  func validate() throws {
    if period != nil, from != nil || to != nil {
      throw ValidationError("give either --period or --from/--to, not both")
    }
    if team != nil, agent != nil { throw ValidationError("give either --team or --agent, not both") }
    if let period, ReportPeriod.monthBounds(period) == nil {
      throw ValidationError("--period must be a month YYYY-MM, not '\(period)'")
    }
    for (flag, value) in [("--from", from), ("--to", to)] {
      if let value, Timestamp.parseDay(value) == nil { throw ValidationError("\(flag) must be a date YYYY-MM-DD, not '\(value)'") }
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
      abstract: "Where points are lost: items ranked by mean impact, with a Pareto of shares.",
      usage: """
        callqa report weak-areas [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                                 [--scorecard KEY] [--kind monitoring|test-call] [--by item|section] [--top N]
                                 [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--lang zh|en] [--db PATH]
        """,
      discussion: """
        mean lost = Σ impact / evaluations in scope (SPEC §3.4), so the mean lost of all items \
        adds up to 100 − the mean raw score; the report prints that identity. Narrowed to a \
        team or agent, it shows the centre's figure and the gap beside each item.
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: "Rank items or sections.") var by: WeakAreaLevel = .item
    @Option(parsing: .unconditional, help: "Show only the first N rows (the chart: the first N, default 15).") var top: Int?
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let report = try db.weakAreas(
        db.readable(filter.filter, for: db.terminalActor(), what: "weak areas"), by: by, top: top, language: language.language,
        confidence: confidence.level)
      try output.emit(report.document(language.resolved, chartTop: top ?? 15), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Trend: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Mean final score, pass rate and top weak items per week or month.",
      usage: """
        callqa report trend [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                            [--scorecard KEY] [--kind monitoring|test-call] [--by week|month] [--item KEY]
                            [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--lang zh|en] [--db PATH]
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filter: ReportFilterOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var confidence: ConfidenceOptions
    @Option(help: "Bucket by week (ISO) or month.") var by: TrendBucket = .month
    @Option(help: "Also follow this item's points lost (item key).") var item: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let report = try db.trend(
        db.readable(filter.filter, for: db.terminalActor(), what: "the trend"), by: by, item: item, language: language.language,
        confidence: confidence.level)
      let pass = try db.passLine(scorecard: filter.scorecard)
      try output.emit(report.document(language.resolved, pass: pass), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Agents: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "One row per agent: evaluations, mean final, pass rate, critical failures, weakest section, quality index.",
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
        db.readable(filter.filter, for: db.terminalActor(), what: "the agents report"), language: language.language,
        confidence: confidence.level)
      let pass = try db.passLine(scorecard: filter.scorecard)
      try output.emit(report.document(language.resolved, pass: pass), json: report, head: try db.auditHead(), language: language)
    }
  }

  struct Leaderboard: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Points-based ranking for recognition, with optional mentoring pairs.",
      usage: """
        callqa report leaderboard [--period YYYY-MM | --day DATE] [--team T] [--top N] [--mentoring]
                                  [--pass-points P] [--exemplary-points P] [--clean-bonus P] [--min-evaluations N]
                                  [--confidence 0.95] [--format table|json|csv|xlsx|html] [--output FILE] [--db PATH]
        """,
      discussion: """
        Points: --pass-points for each evaluation at or above its scorecard's pass score, \
        --exemplary-points more for each at or above its exemplary score, and --clean-bonus once \
        for an agent with at least --min-evaluations evaluations and no critical failure. \
        Ties: higher mean final, then agent code. --mentoring pairs each team's top N with its \
        bottom N (N = --top) for one-to-one coaching.
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: "A month, YYYY-MM.") var period: String?
    @Option(help: "One day, YYYY-MM-DD.") var day: String?
    @Option(help: "Only this team.") var team: String?
    // Values are read even when they start with a dash, so a negative one meets the one
    // rule for counts and weights (FilterRule) instead of an "expected a value" usage error.
    @Option(parsing: .unconditional, help: "How many agents to show (and to pair with --mentoring).") var top: Int = 5
    @Flag(help: "Pair each team's top N with its bottom N.") var mentoring = false
    @Option(parsing: .unconditional, help: "Points per passed evaluation.") var passPoints: Double = 1
    @Option(parsing: .unconditional, help: "Extra points per exemplary evaluation.") var exemplaryPoints: Double = 2
    @Option(parsing: .unconditional, help: "Bonus for no critical failure.") var cleanBonus: Double = 3
    @Option(parsing: .unconditional, help: "Evaluations needed to be ranked.") var minEvaluations: Int = 1
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if period != nil, day != nil { throw ValidationError("give either --period or --day, not both") }
      if let day, Timestamp.parseDay(day) == nil { throw ValidationError("--day must be a date YYYY-MM-DD, not '\(day)'") }
      if let period, ReportPeriod.monthBounds(period) == nil {
        throw ValidationError("--period must be a month YYYY-MM, not '\(period)'")
      }
    }

    func execute() throws {
      let rule = LeaderboardRule(
        passPoints: passPoints, exemplaryPoints: exemplaryPoints, cleanBonus: cleanBonus, minEvaluations: minEvaluations)
      let db = try database.openReadOnly()
      let scoped = ReportFilter(from: day, to: day, period: period, team: try db.readableTeam(team, for: db.terminalActor(), what: "the leaderboard"))
      let board = try db.leaderboard(scoped, top: top, rule: rule, mentoring: mentoring, confidence: confidence.level)
      try output.emit(board.document(language.resolved), json: board, head: try db.auditHead(), language: language)
    }
  }
}
