import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa assign`: hand the week's sample to inspectors.
  struct Assign: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Spread the week's sampled calls evenly over inspectors, each with a claim that expires.",
      discussion: """
        Draws the week's sample exactly as `callqa sample` does (same quota, seed and filters), \
        then gives each call to the inspector with the least open work, so open queues differ by \
        at most one. A call already claimed by someone (claim not expired, call not yet scored) \
        is never handed out again; an expired claim returns the call to the pool.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "ISO week, e.g. 2026-W47.") var week: String
    @Option(help: "Inspector codes, comma-separated (default: every inspector).") var inspectors: String?
    @Option(help: "Evaluations per agent per week.") var perAgent: Int = 2
    @Option(help: "monitoring or test-call.") var kind: CountedKind = .monitoring
    @Option(help: "Only agents of this team.") var team: String?
    @Option(help: "Days a claim lasts before the call returns to the pool.") var claimDays: Int = 3
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard ReportPeriod.parseWeek(week) != nil else { throw ValidationError("--week must be an ISO week like 2026-W47") }
      guard perAgent >= 1 else { throw ValidationError("--per-agent must be 1 or more") }
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
      abstract: "The calls assigned and waiting: mine (the default for an inspector), one inspector's, or everyone's.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this inspector's queue.") var inspector: String?
    @Flag(help: "Only my queue (the inspector I am).") var mine = false
    @Flag(help: "Include done and expired assignments.") var all = false
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
    static let configuration = CommandConfiguration(abstract: "Per inspector: calls assigned, done, open and overdue.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only assignments made on or after this day (YYYY-MM-DD).") var since: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      try db.requireReadsEverything(db.terminalActor(), what: "the workload report")
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
