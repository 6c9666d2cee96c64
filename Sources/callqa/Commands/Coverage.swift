import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa coverage`: evaluations done versus the weekly quota.
  struct Coverage: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluations done per agent and team versus the quota, and who is below it.",
      discussion: """
        Counts submitted (and disputed) monitoring and test-call evaluations whose call falls in \
        the period. The quota is per week and per kind; for a month it is the quota times the \
        number of ISO weeks the month owns, a week belonging to the month that holds its \
        Thursday (November 2026: W45–W48, 4 weeks). --format csv|xlsx|html writes the agents \
        (and, in xlsx and html, the teams) through the same writers as the other reports.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: "ISO week, e.g. 2026-W47.") var week: String?
    @Option(help: "Month, e.g. 2026-11.") var period: String?
    @Option(help: "Only this team.") var team: String?
    @Option(help: "Weekly quota per agent and kind.") var quota: Int = 2
    @Option(help: "Also say whether each agent's monitoring and test-call means are known to ±this many points.") var margin: Double?
    @Option(help: "With --margin: agents with fewer evaluations than this are judged by their team's spread.") var minOwn: Int = 5
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (week == nil) != (period == nil) else { throw ValidationError("give either --week or --period") }
      if let week, ReportPeriod.parseWeek(week) == nil { throw ValidationError("--week must be an ISO week like 2026-W47") }
      if let period, ReportPeriod.parseMonth(period) == nil { throw ValidationError("--period must be a month like 2026-11") }
      guard quota >= 1 else { throw ValidationError("--quota must be 1 or more") }
      if let margin, !(margin > 0 && margin.isFinite) { throw ValidationError("--margin must be a number of points > 0") }
      guard minOwn >= 2 else { throw ValidationError("--min-own must be 2 or more") }
    }

    func execute() throws {
      let period = try ReportPeriod.parse(week ?? self.period ?? "")
      let target = try margin.map { try MarginTarget(margin: $0, confidence: confidence.level, minimumOwn: minOwn) }
      let db = try database.openReadOnly()
      let report = try db.coverage(
        period: period, weeklyQuota: quota, team: db.readableTeam(team, for: db.terminalActor(), what: "coverage"), margin: target)
      guard output.format == .table, output.output == nil else {
        return try output.emit(report.document(language.resolved), json: report, head: try db.auditHead(), language: language)
      }
      let words = language.words
      Console.out(words(.coverageHeader, words.month(report.period), report.quotaLine(language.resolved)))
      var agents = TextTable([
        .init(words[.colAgent]), .init(words[.colName]), .init(words[.colTeam]), .init(words[.colMonitoring], .right),
        .init(words[.kindTestCall], .right), .init(words[.colQuota], .right), .init(words[.colBelow]),
      ])
      if let target {
        let text = "±" + ScoreFormat.plain(target.margin)
        agents = TextTable(
          agents.columns + [.init(words(.colMarginTarget, words[.colMonitoring], text)), .init(words(.colMarginTarget, words[.kindTestCall], text))])
      }
      for a in report.agents {
        var cells = [a.agent, a.name, a.team ?? "", String(a.monitoring), String(a.testCall), String(a.quota), words.kinds(a.below)]
        if let m = a.margin { cells += [m.monitoring.verdict(language.resolved), m.testCall.verdict(language.resolved)] }
        agents.add(cells)
      }
      Console.out(agents.render())
      Console.out("")
      var teams = TextTable([
        .init(words[.colTeam]), .init(words[.colAgents], .right), .init(words[.colMonitoring], .right), .init(words[.kindTestCall], .right),
        .init(words[.colQuota], .right), .init(words[.colBelow], .right),
      ])
      for t in report.teams {
        teams.add([t.team ?? words[.noTeam], String(t.agents), String(t.monitoring), String(t.testCall), String(t.quota), String(t.agentsBelow)])
      }
      Console.out(teams.render())
      let below = report.below.map(\.agent)
      Console.out("\n" + (below.isEmpty ? words[.coverageAllMeet] : words(.coverageBelow, words.list(below))))
      if let margin = report.margin {
        Console.out(words(.coverageMargin, ScoreFormat.plain(margin.margin), margin.confidence, margin.minimumOwn))
      }
      if let head = try db.auditHead() { Console.out(words(.auditHead, head.summary)) }
    }
  }
}
