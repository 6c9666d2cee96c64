import ArgumentParser
import CallQAKit

extension CallQA.EvaluationCommand {
  /// `callqa evaluation ack ID`: the agent acknowledges an evaluation released to them.
  struct Ack: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Acknowledge an evaluation of yours (agents), once it is released to you.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Evaluation id.") var id: Int64

    func execute() throws {
      let db = try database.open()
      let receipt = try db.acknowledgeEvaluation(id, actor: db.terminalActor())
      if output.format == .json { return try printJSON(receipt) }
      Console.out("evaluation \(id) acknowledged by \(receipt.acknowledgedBy ?? "?")")
    }
  }

  /// `callqa evaluation release ID --on DAY`: hold an evaluation back from its agent until a day.
  struct Release: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Set the day an evaluation is released to its agent (managers, the agent's supervisor).",
      discussion: "An evaluation is released when it is submitted unless a release day is set; the dispute window counts from it.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Evaluation id.") var id: Int64
    @Option(help: "The release day, YYYY-MM-DD (from 00:00 UTC).") var on: String

    func execute() throws {
      let db = try database.open()
      let receipt = try db.releaseEvaluation(id, on: on, actor: db.terminalActor())
      if output.format == .json { return try printJSON(receipt) }
      Console.out("evaluation \(id) is released to its agent on \(receipt.releasedAt.map { String($0.prefix(10)) } ?? on)")
    }
  }

  /// `callqa evaluation discard DRAFT`: throw a draft away (its inspector, or an admin).
  struct Discard: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Discard a draft (its own inspector, or an admin); the audit trail keeps its answers.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Draft id.") var id: Int64

    func execute() throws {
      let db = try database.open()
      try db.discardDraft(id, actor: db.terminalActor())
      Console.out("draft \(id) discarded")
    }
  }

  /// `callqa evaluation reassign DRAFT --to CODE`: hand a draft to another inspector (admins).
  struct Reassign: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Reassign a draft to another inspector (admins).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Draft id.") var id: Int64
    @Option(help: "The inspector code who continues it.") var to: String

    func execute() throws {
      let db = try database.open()
      let draft = try db.reassignDraft(id, to: to, actor: db.terminalActor())
      Console.out("draft \(draft.id) now belongs to inspector \(draft.inspectorCode)")
    }
  }
}

extension CallQA.ReportCommand {
  /// `callqa report acknowledgements`: evaluations released to agents and not yet acknowledged, per team.
  struct Acknowledgements: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Per team: evaluations released to agents, acknowledged, and still unacknowledged.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this team.") var team: String?

    func execute() throws {
      let db = try database.open()
      let rows = try db.acknowledgements(team: db.readableTeam(team, for: db.terminalActor(), what: "acknowledgements"))
      if output.format == .json { return try printJSON(rows) }
      var table = TextTable([
        .init("team"), .init("released", .right), .init("acknowledged", .right), .init("unacknowledged", .right),
        .init("oldest unacknowledged"),
      ])
      for row in rows {
        table.add([
          row.team ?? "(no team)", String(row.released), String(row.acknowledged), String(row.unacknowledged),
          row.oldestUnacknowledged.map { String($0.prefix(10)) } ?? "",
        ])
      }
      Console.out(table.render())
    }
  }
}
