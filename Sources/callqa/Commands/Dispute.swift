import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa dispute …`: an agent appeals an evaluation; a reviewer upholds or revises it.
  struct DisputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dispute", abstract: Terminal.help(.abstractOpenListResolve),
      subcommands: [Open.self, List.self, Resolve.self])
  }
}

extension DisputeStatus: ExpressibleByArgument {}

extension CallQA.DisputeCommand {
  struct Open: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractDisputeSubmittedEvaluation))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpEvaluationId))) var evaluation: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpSingleDeskMode)))
    var by: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpWhyAgentDisputes))) var reason: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let dispute = try db.openDispute(evaluation: evaluation, by: by, reason: reason, actor: db.terminalActor())
      if output.format == .json { return try printJSON(dispute) }
      Console.out(
        language.words(
          .outDisputeOpened, dispute.id, dispute.evaluation, ScoreFormat.score(dispute.finalScore), dispute.openedBy, dispute.reason))
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListDisputesNewest))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOpenUpheldRevised))) var status: DisputeStatus?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyDisputesEvaluation))) var evaluation: Int64?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let disputes = try db.disputes(status: status, evaluation: evaluation, readableBy: db.terminalActor())
      if output.format == .json { return try printJSON(disputes) }
      let words = language.words
      var table = TextTable([
        .init(words[.outId], .right), .init(words[.outEvaluation], .right), .init(words[.outAgent]), .init(words[.outCall]),
        .init(words[.outScorecard]), .init(words[.outFinal], .right), .init(words[.outStatus]), .init(words[.outOpened]),
        .init(words[.outReason], maxWidth: 30), .init(words[.outResolution], maxWidth: 40),
      ])
      for dispute in disputes {
        var resolution = ""
        if let reviewer = dispute.resolvedBy {
          resolution = "\(reviewer)"
          if let revision = dispute.revision {
            resolution = words(.outDisputeRevisionCell, reviewer, revision, ScoreFormat.score(dispute.revisedFinalScore))
          }
          if let note = dispute.resolutionNote { resolution += " — \(note)" }
        }
        table.add([
          String(dispute.id), String(dispute.evaluation), dispute.agent, dispute.call, dispute.scorecard,
          ScoreFormat.score(dispute.finalScore), dispute.status.rawValue, String(dispute.openedAt.prefix(10)),
          dispute.reason, resolution,
        ])
      }
      Console.out(table.render())
      Console.out(words(.outDisputeCount, disputes.count))
    }
  }

  struct Resolve: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractResolveDisputeUphold),
      discussion: Terminal.help(.discussionDisputeResolve))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpDisputeId))) var id: Int64
    @Flag(help: ArgumentHelp(Terminal.help(.helpKeepOriginalScores))) var uphold = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpReScoreFrom))) var revise = false
    @Option(help: ArgumentHelp(Terminal.help(.helpAnswersFileRevision))) var answers: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpSingleDeskModeReviewer)))
    var by: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpReviewerSNote))) var note: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard uphold != revise else { throw ValidationError(Terminal.words(.errPassExactlyOneUphold)) }
      if uphold, answers != nil { throw ValidationError(Terminal.words(.errUpholdKeepsScores)) }
    }

    func execute() throws {
      let db = try database.open()
      let dispute: Dispute
      if revise, answers == nil {
        guard let revised = try reviseInteractively(db) else { return }
        dispute = revised
      } else if let answers {
        let open = try db.dispute(id: id)
        let stored = try db.scorecard(ofEvaluation: open.evaluation)
        let sheet = try AnswerSheet.load(path: answers, scorecard: stored.scorecard)
        dispute = try db.reviseDispute(id: id, sheet: sheet, reviewer: by, note: note, actor: db.terminalActor())
      } else {
        dispute = try db.upholdDispute(id: id, reviewer: by, note: note, actor: db.terminalActor())
      }
      if output.format == .json { return try printJSON(dispute) }
      if let revision = dispute.revision {
        Console.out(
          language.words(
            .outDisputeRevised, dispute.id, dispute.resolvedBy ?? "?", dispute.evaluation, ScoreFormat.score(dispute.finalScore), revision,
            ScoreFormat.score(dispute.revisedFinalScore)))
      } else {
        Console.out(
          language.words(.outDisputeUpheld, dispute.id, dispute.resolvedBy ?? "?", dispute.evaluation, ScoreFormat.score(dispute.finalScore)))
      }
    }
  }
}
