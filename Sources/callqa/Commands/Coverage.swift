import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa coverage`: evaluations done versus the weekly quota.
  struct Coverage: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractEvaluationsDonePer),
      discussion: Terminal.help(.discussionCoverage))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpIsoWeekE))) var week: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthEG))) var period: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpWeeklyQuotaPer))) var quota: Int = 2
    @Option(help: ArgumentHelp(Terminal.help(.helpAlsoSayWhether))) var margin: Double?
    @Option(help: ArgumentHelp(Terminal.help(.helpMarginAgentsFewer))) var minOwn: Int = 5
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (week == nil) != (period == nil) else { throw ValidationError(Terminal.words(.errGiveEitherWeek)) }
      if let week, ReportPeriod.parseWeek(week) == nil { throw ValidationError(Terminal.words(.errWeekMustIso)) }
      if let period, ReportPeriod.parseMonth(period) == nil { throw ValidationError(Terminal.words(.errPeriodMustMonthLike)) }
      guard quota >= 1 else { throw ValidationError(Terminal.words(.errQuotaMustMore)) }
      if let margin, !(margin > 0 && margin.isFinite) { throw ValidationError(Terminal.words(.errMarginMustNumber)) }
      guard minOwn >= 2 else { throw ValidationError(Terminal.words(.errMinOwnMust)) }
    }

    func execute() throws {
      let period = try ReportPeriod.parse(week ?? self.period ?? "")
      let target = try margin.map { try MarginTarget(margin: $0, confidence: confidence.level, minimumOwn: minOwn) }
      let db = try database.openReadOnly()
      let report = try db.coverage(
        period: period, weeklyQuota: quota, team: db.readableTeam(team, for: db.terminalActor(), what: .phrase(.whatCoverage)), margin: target)
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
