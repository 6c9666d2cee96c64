import ArgumentParser
import CallQAKit

extension CallQA.EvaluationCommand {
  /// `callqa evaluation ack ID`: the agent acknowledges an evaluation released to them.
  struct Ack: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractAcknowledgeEvaluationYours))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpEvaluationId))) var id: Int64
    @OptionGroup var language: LanguageOptions

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
      abstract: Terminal.help(.abstractSetDayEvaluation),
      discussion: Terminal.help(.discussionEvaluationReleasedWhen))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpEvaluationId))) var id: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpReleaseDayYyyy))) var on: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let receipt = try db.releaseEvaluation(id, on: on, actor: db.terminalActor())
      if output.format == .json { return try printJSON(receipt) }
      Console.out("evaluation \(id) is released to its agent on \(receipt.releasedAt.map { String($0.prefix(10)) } ?? on)")
    }
  }
}

extension CallQA.ReportCommand {
  /// `callqa report acknowledgements`: evaluations released to agents and not yet acknowledged, per team.
  struct Acknowledgements: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractPerTeamEvaluations))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeam))) var team: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let rows = try db.acknowledgements(team: db.readableTeam(team, for: db.terminalActor(), what: .phrase(.whatAcknowledgements)))
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
