import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa score`: score a call against a scorecard.
  struct Score: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Score a call against a scorecard, interactively or from an answers file.",
      discussion: """
        Without --answers, asks for what the options do not give (agent, call, inspector, \
        scorecard), then walks the scorecard item by item. Every answer is saved in a draft \
        as it is given: Ctrl-C or a closed stdin keeps it, and `--resume [DRAFT_ID]` continues \
        it (the inspector's latest draft when no id is given). When the call has a transcript \
        and the scorecard has auto rules, auto-QA's proposals are shown under their items with \
        their evidence: Enter accepts a proposal, any other answer overrides it, and the \
        evaluation stores per item what was proposed and whether it was overridden.

        The answers file holds `answers:` (item key → yes/no, a level score, an occurrence \
        count or na), optional `notes:` (item key → text) and `comment:`. Every answer is \
        checked before anything is written. Unknown call ids are created for the agent.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var speakers: SpeakerLabelOptions
    @Option(help: "Scorecard KEY or KEY@VERSION (asked when scoring interactively).") var scorecard: String?
    @Option(help: "Agent code (asked when scoring interactively).") var agent: String?
    @Option(help: "Call id (from the telephony system; asked when scoring interactively).") var call: String?
    @Option(help: "Inspector code (default: $CALLQA_INSPECTOR).") var inspector: String?
    @Option(help: "monitoring, test-call or calibration.") var kind: EvaluationKind = .monitoring
    @Option(help: "When a new call started (ISO-8601 with offset); default now.") var callStartedAt: String?
    @Option(help: "Recording file of a new call.") var recording: String?
    @Option(help: "Answers file (YAML or JSON); without it the scoring is interactive.") var answers: String?
    @Flag(help: "Continue a draft: DRAFT_ID, or the inspector's latest draft.") var resume = false
    @Flag(help: "Score the oldest call of my queue (see `callqa queue --mine`).") var next = false
    @Flag(help: "Score a call that already has a counted evaluation of this kind as a second opinion (never counted; needs --answers).")
    var secondOpinion = false
    @Argument(help: "The draft to continue with --resume.") var draftId: Int64?

    @Option(help: "Calibration session id: scores its call and scorecard as kind calibration (needs --answers).")
    var calibration: Int64?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      try validateCalibration()
      if calibration != nil {
        guard answers != nil else { throw ValidationError("--calibration needs --answers FILE") }
        guard !resume else { throw ValidationError("--resume cannot be combined with --calibration") }
        return
      }
      if secondOpinion, answers == nil { throw ValidationError("--second-opinion needs --answers FILE") }
      if next, call != nil || agent != nil || resume {
        throw ValidationError("--next takes the call and agent from your queue: drop --call, --agent and --resume")
      }
      if next, answers != nil, scorecard == nil { throw ValidationError("--next with --answers needs --scorecard") }
      if answers != nil, !next {
        guard scorecard != nil, agent != nil, call != nil else {
          throw ValidationError("--answers needs --scorecard, --agent and --call")
        }
        guard !resume else { throw ValidationError("--resume continues an interactive draft: it cannot take --answers") }
      }
      if draftId != nil, !resume { throw ValidationError("a draft id is only taken with --resume") }
      if resume, scorecard != nil || agent != nil || call != nil || recording != nil || callStartedAt != nil {
        throw ValidationError("--resume continues a draft as it was opened: drop --scorecard, --agent, --call, --recording and --call-started-at")
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
      if actor.isSingleDesk, typed == nil { throw CallQAError("no inspector: pass --inspector CODE or set CALLQA_INSPECTOR") }
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
    guard let code else { throw CallQAError("no inspector: pass --inspector CODE or set CALLQA_INSPECTOR") }
    guard let assignment = try db.nextAssignment(inspector: code) else {
      throw CallQAError.notFound("\(code)'s queue is empty (see `callqa queue --inspector \(code) --all`)")
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
