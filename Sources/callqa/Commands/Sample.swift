import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa sample`: the week's inspection queue.
  struct Sample: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractPickUnevaluatedCalls),
      discussion: Terminal.help(.discussionSample))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: SheetFormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpIsoWeekE))) var week: String
    @Option(help: ArgumentHelp(Terminal.help(.helpEvaluationsPerAgent))) var perAgent: Int = 2
    @Option(help: ArgumentHelp(Terminal.help(.helpMonitoringTestCallWhich))) var kind: EvaluationKind = .monitoring
    @Option(help: ArgumentHelp(Terminal.help(.helpRandomSeedNumber))) var seed: UInt64?
    @Option(help: ArgumentHelp(Terminal.help(.helpAlsoSpreadOver)))
    var stratify: SampleStratification = .none
    @Option(help: ArgumentHelp(Terminal.help(.helpSkipCallsShorter))) var minDuration: Double = 30
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgentsTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPriorityList)))
    var priority: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpAimMargin)))
    var margin: Double?
    @Option(help: ArgumentHelp(Terminal.help(.helpMarginAgentsFewer))) var minOwn: Int = 5
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard ReportPeriod.parseWeek(week) != nil else { throw ValidationError(Terminal.words(.errWeekMustIso)) }
      guard perAgent >= 1 else { throw ValidationError(Terminal.words(.errPerAgentMust)) }
      if let margin, !(margin > 0 && margin.isFinite) { throw ValidationError(Terminal.words(.errMarginMustNumber)) }
      guard minOwn >= 2 else { throw ValidationError(Terminal.words(.errMinOwnMust)) }
    }

    func execute() throws {
      let week = try ReportPeriod.parse(self.week)
      let calls = try priority.map(PriorityList.load) ?? []
      let queue = try database.openReadOnly().sample(
        SampleRequest(
          week: week, perAgent: perAgent, kind: kind, seed: seed, stratify: stratify, minDuration: minDuration, team: team,
          priority: calls, margin: try margin.map { try MarginTarget(margin: $0, confidence: confidence.level, minimumOwn: minOwn) }))
      switch output.format {
      case .json: try printJSON(queue)
      case .csv:
        Console.write(
          CSVWriter.csv(
            header: ["call", "agent", "team", "started_at", "duration", "direction"],
            rows: queue.picks.map { [$0.call, $0.agent, $0.team ?? "", $0.startedAt, csvNumber($0.duration), $0.direction ?? ""] }))
        reportShortfalls(queue)
      case .table:
        var table = TextTable([
          .init("call"), .init("agent"), .init("team"), .init("started_at"), .init("duration", .right), .init("direction"),
        ])
        for pick in queue.picks {
          table.add([pick.call, pick.agent, pick.team ?? "", pick.startedAt, ScoreFormat.plain(pick.duration) + "s", pick.direction ?? ""])
        }
        Console.out("\(queue.week) \(queue.kind) queue: \(queue.picks.count) calls (quota \(queue.perAgent) per agent, seed \(queue.seed))")
        Console.out(table.render())
        if let plan = queue.margin { Console.out("\n" + MarginView.render(plan)) }
        reportShortfalls(queue)
      }
    }

    private func reportShortfalls(_ queue: SampleQueue) {
      for short in queue.shortfalls {
        Console.err(
          "short: \(short.agent) has \(short.done) done and \(short.available) eligible calls; \(short.missing) missing for the quota of \(short.quota)")
      }
    }
  }
}

extension SampleStratification: ExpressibleByArgument {}
