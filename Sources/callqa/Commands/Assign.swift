import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa assign`: hand the week's sample to inspectors.
  struct Assign: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractSpreadWeekS),
      discussion: Terminal.help(.discussionAssign))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpIsoWeekE))) var week: String
    @Option(help: ArgumentHelp(Terminal.help(.helpInspectorCodesComma))) var inspectors: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpEvaluationsPerAgent))) var perAgent: Int = 2
    @Option(help: ArgumentHelp(Terminal.help(.helpMonitoringTestCall))) var kind: CountedKind = .monitoring
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgentsTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpDaysClaimLasts))) var claimDays: Int = 3
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard ReportPeriod.parseWeek(week) != nil else { throw ValidationError(Terminal.words(.errWeekMustIso)) }
      guard perAgent >= 1 else { throw ValidationError(Terminal.words(.errPerAgentMust)) }
    }

    func execute() throws {
      let db = try database.open()
      let codes = (inspectors ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      let summary = try db.assign(
        AssignRequest(
          sample: SampleRequest(week: try ReportPeriod.parse(week), perAgent: perAgent, kind: kind.evaluationKind, team: team),
          inspectors: codes, claimDays: claimDays), actor: db.terminalActor())
      if output.format == .json { return try printJSON(summary) }
      Console.out(QueueView.table(summary.assigned).render())
      var line = "\(summary.assigned.count) call\(summary.assigned.count == 1 ? "" : "s") assigned for \(summary.week)"
      if summary.alreadyClaimed > 0 { line += "; \(summary.alreadyClaimed) already claimed" }
      Console.out(line)
    }
  }

  /// `callqa queue`: the calls waiting for an inspector.
  struct Queue: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCallsAssignedWaiting))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyInspectorS))) var inspector: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyMyQueue))) var mine = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpIncludeDoneExpired))) var all = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let actor = try db.terminalActor()
      let code = try listedInspector(mine: mine, typed: inspector, actor: actor)
      let rows = try db.queue(inspector: code, all: all)
      if output.format == .json { return try printJSON(rows) }
      Console.out(QueueView.table(rows).render())
      Console.out("\(rows.count) call\(rows.count == 1 ? "" : "s")")
    }
  }
}

extension CallQA.ReportCommand {
  /// `callqa report workload`: per inspector, assigned / done / open / overdue.
  struct Workload: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractPerInspectorCalls))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAssignmentsMade))) var since: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      try db.requireReadsEverything(db.terminalActor(), what: .phrase(.whatWorkloadReport))
      let rows = try db.workload(since: since)
      if output.format == .json { return try printJSON(rows) }
      var table = TextTable([
        .init("inspector"), .init("assigned", .right), .init("done", .right), .init("open", .right), .init("overdue", .right),
      ])
      for row in rows { table.add([row.inspector, String(row.assigned), String(row.done), String(row.open), String(row.overdue)]) }
      Console.out(table.render())
    }
  }
}

/// The table of assignments shared by `assign` and `queue`.
enum QueueView {
  static func table(_ rows: [Assignment]) -> TextTable {
    var table = TextTable([
      .init("id", .right), .init("call"), .init("agent"), .init("team"), .init("started"), .init("inspector"), .init("kind"),
      .init("claim ends"), .init("status"),
    ])
    for row in rows {
      table.add([
        String(row.id), row.call, row.agent, row.team ?? "", String((row.callStartedAt ?? "").prefix(16)), row.inspector,
        row.kind.rawValue, String(row.expiresAt.prefix(10)),
        row.status == .done ? "done (#\(row.evaluation.map(String.init) ?? "?"))" : row.status.rawValue,
      ])
    }
    return table
  }
}
