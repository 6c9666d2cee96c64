import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa coaching …`: follow-up of agents below the pass line.
  struct CoachingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "coaching", abstract: Terminal.help(.abstractCoachingTasksAgents),
      subcommands: [Generate.self, List.self, Done.self])
  }
}

extension CallQA.CoachingCommand {
  struct Generate: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCreateTaskEvery),
      discussion: Terminal.help(.discussionReRunningSame))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: SheetFormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthIsoWeek))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPerformancePlanYaml))) var plan: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPassLineOverriding))) var passLine: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpHowManyCostliest))) var top: Int = 3
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let plan = try plan.map(PerformancePlanLoader.load(path:)) ?? .standard
      let db = try database.open()
      let result = try db.generateCoaching(
        period: try ReportPeriod.parse(period), plan: plan, passLine: passLine, team: team, topItems: top,
        confidence: confidence.level, actor: db.terminalActor())
      if output.format == .json { return try printJSON(result) }
      Console.out("coaching \(result.period): \(result.created.count) task(s) created (pass line \(ScoreFormat.plain(result.passLine)))")
      for task in result.created { Console.out(CoachingView.render(task)) }
      if !result.alreadyOpen.isEmpty { Console.out("already have a task: \(result.alreadyOpen.joined(separator: ", "))") }
      for doubt in result.uncertain {
        let more = doubt.moreEvaluations.map { "needs \($0) more evaluation\($0 == 1 ? "" : "s") to tell" } ?? "needs more evaluations"
        Console.out("uncertain: \(doubt.agent) — \(doubt.reasons.joined(separator: "; ")); \(more) (no task)")
      }
      if !result.created.isEmpty || !result.uncertain.isEmpty {
        Console.out("flagged only when the whole \(result.confidence) interval is below the pass line")
      }
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListCoachingTasks))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: SheetFormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyPeriod))) var period: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyOpenTasks))) var open = false
    @OptionGroup var confidence: ConfidenceOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let tasks = try database.openReadOnly().coachingTasks(period: period, status: open ? "open" : nil, confidence: confidence.level)
      switch output.format {
      case .json: try printJSON(tasks)
      case .csv:
        Console.write(
          CSVWriter.csv(
            header: [
              "id", "agent", "period", "status", "quality_index", "quality_ci_low", "quality_ci_high", "items", "before", "after",
              "change", "change_ci_low", "change_ci_high",
            ],
            rows: tasks.map {
              [
                String($0.id), $0.agent, $0.period, $0.status, csvNumber($0.qualityIndex), csvNumber($0.qualityIndexCI?.ciLow),
                csvNumber($0.qualityIndexCI?.ciHigh), $0.items.map(\.item).joined(separator: " "), csvNumber($0.progress?.before),
                csvNumber($0.progress?.after), csvNumber($0.progress?.change), csvNumber($0.progress?.changeCI?.ciLow),
                csvNumber($0.progress?.changeCI?.ciHigh),
              ]
            }))
      case .table:
        var table = TextTable([
          .init("id", .right), .init("agent"), .init("name"), .init("period"), .init("status"), .init("quality", .right),
          .init("items to work on", maxWidth: 40), .init("before", .right), .init("after", .right), .init("result"),
        ])
        for task in tasks {
          table.add([
            String(task.id), task.agent, task.name, task.period, task.status,
            ReportCell.withInterval(task.qualityIndex, task.qualityIndexCI).display, task.items.map(\.item).joined(separator: ", "),
            ReportCell.withInterval(task.progress?.before, task.progress?.beforeCI).display,
            ReportCell.withInterval(task.progress?.after, task.progress?.afterCI).display, CoachingView.result(task.progress),
          ])
        }
        Console.out(table.render())
        if !tasks.isEmpty {
          Console.out("±, [low, high]: \(try confidence.level) t-intervals; a change whose interval holds 0 is within noise")
        }
      }
    }
  }

  struct Done: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractMarkCoachingTask))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpTaskId))) var id: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpWhatWasCoached))) var note: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let task = try db.completeCoaching(id: id, note: note, actor: db.terminalActor())
      Console.out("coaching task \(task.id) (\(task.agent)) done")
    }
  }
}

/// Text rendering of a coaching task.
enum CoachingView {
  static func render(_ task: CoachingTask) -> String {
    var lines = ["#\(task.id) \(task.agent) \(task.name) — \(task.reasons.joined(separator: "; "))"]
    for item in task.items {
      lines.append(
        "  lost \(ScoreFormat.score(item.pointsLost)) pts on \(item.section)/\(item.item) (\(item.evaluations) evaluation\(item.evaluations == 1 ? "" : "s"))")
    }
    for trainingCase in task.cases {
      lines.append("  see \(trainingCase.kind) case #\(trainingCase.id) \(trainingCase.title) [\(trainingCase.skills.joined(separator: ", "))]")
    }
    return lines.joined(separator: "\n")
  }

  static func result(_ progress: CoachingProgress?) -> String {
    guard let progress, let change = progress.change, let improved = progress.improved else { return "not re-evaluated" }
    let text = (improved ? "improved +" : "not improved ") + ScoreFormat.score(change)
    guard let (low, high) = progress.changeCI?.bounds else { return text + " (too few to tell)" }
    return low <= 0 && high >= 0 ? text + " (within noise)" : text
  }
}
