import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa score`: score a call against a scorecard.
  struct Score: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractScoreCallAgainst),
      discussion: Terminal.help(.discussionScore))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var speakers: SpeakerLabelOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpScorecardKeyKeyVersionAsked))) var scorecard: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpAgentCodeAsked))) var agent: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpCallIdFromTelephony))) var call: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpInspectorCodeDefault))) var inspector: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpMonitoringTestCallCalibration))) var kind: EvaluationKind = .monitoring
    @Option(help: ArgumentHelp(Terminal.help(.helpWhenNewCallStarted))) var callStartedAt: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpRecordingFileNew))) var recording: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpAnswersFileYaml))) var answers: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpContinueDraftDraft))) var resume = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpScoreOldestCall))) var next = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpScoreCallAlready)))
    var secondOpinion = false
    @Argument(help: ArgumentHelp(Terminal.help(.helpDraftContinueResume))) var draftId: Int64?

    @Option(help: ArgumentHelp(Terminal.help(.helpCalibrationSessionId)))
    var calibration: Int64?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      try validateCalibration()
      if calibration != nil {
        guard answers != nil else { throw ValidationError(Terminal.words(.errCalibrationNeedsAnswers)) }
        guard !resume else { throw ValidationError(Terminal.words(.errResumeCannotCombined)) }
        return
      }
      if secondOpinion, answers == nil { throw ValidationError(Terminal.words(.errSecondOpinionNeeds)) }
      if next, call != nil || agent != nil || resume {
        throw ValidationError(Terminal.words(.errNextTakesCall))
      }
      if next, answers != nil, scorecard == nil { throw ValidationError(Terminal.words(.errNextAnswersNeeds)) }
      if answers != nil, !next {
        guard scorecard != nil, agent != nil, call != nil else {
          throw ValidationError(Terminal.words(.errAnswersNeedsScorecard))
        }
        guard !resume else { throw ValidationError(Terminal.words(.errResumeContinuesInteractive)) }
      }
      if draftId != nil, !resume { throw ValidationError(Terminal.words(.errDraftIdOnly)) }
      if resume, scorecard != nil || agent != nil || call != nil || recording != nil || callStartedAt != nil {
        throw ValidationError(Terminal.words(.errResumeContinuesDraft))
      }
    }

    func execute() throws {
      if next { return try nextInQueue().execute() }
      if let calibration, let answers {
        return try scoreCalibration(session: calibration, inspector: inspector ?? environmentInspector(), answers: answers)
      }
      guard let answers, let scorecard, let agent, let call else { return try runInteractive() }
      let db = try database.open()
      let actor = try db.terminalActor()
      let typed = inspector ?? environmentInspector()
      if actor.isSingleDesk, typed == nil { throw CallQAError(.errNoInspectorPass) }
      // A user scores as their own inspector code: the library refuses another (and anyone not an inspector).
      let inspectorCode = actor.isSingleDesk ? typed ?? "" : inspector ?? actor.user?.inspectorCode ?? ""
      // A role that may not score is told so before anything of the file is judged.
      try db.authorize(actor, secondOpinion ? .secondOpinion : .scoreCall)
      let stored = try db.scorecard(reference: scorecard)
      let sheet = try AnswerSheet.load(path: answers, scorecard: stored.scorecard)
      var submission = EvaluationSubmission(
        scorecard: stored, agentCode: agent, inspectorCode: inspectorCode,
        call: CallInput(externalId: call, startedAt: callStartedAt, recording: recording),
        kind: kind, sheet: sheet, actor: actor)
      submission.secondOpinion = secondOpinion
      let id = try db.submit(submission)
      let detail = try db.evaluation(id: id)
      if output.format == .json { return try printJSON(detail) }
      Console.out(EvaluationView.render(detail, scorecard: stored.scorecard, language: language.language))
    }
  }
}

extension EvaluationKind: ExpressibleByArgument {}
extension EvaluationStatus: ExpressibleByArgument {}

extension CallQA.Score {
  /// This command with the call and agent of the oldest open call in the inspector's queue.
  func nextInQueue() throws -> CallQA.Score {
    let db = try database.open()
    let actor = try db.terminalActor()
    let code = actor.isSingleDesk ? inspector ?? environmentInspector() : try Policy.inspectorCode(for: actor, typed: inspector)
    guard let code else { throw CallQAError(.errNoInspectorPass) }
    guard let assignment = try db.nextAssignment(inspector: code) else {
      throw CallQAError.notFound(.errSQueueEmpty, code)
    }
    var command = self
    command.next = false
    command.call = assignment.call
    command.agent = assignment.agent
    command.kind = assignment.kind
    command.inspector = code
    Console.out(Console.dim("next in \(code)'s queue: call \(assignment.call) of agent \(assignment.agent), claim ends \(assignment.expiresAt.prefix(10))"))
    return command
  }
}

/// `$CALLQA_INSPECTOR`, when set and not empty.
func environmentInspector() -> String? {
  guard let value = ProcessInfo.processInfo.environment["CALLQA_INSPECTOR"], !value.isEmpty else { return nil }
  return value
}
