import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa score`: score a call against a scorecard.
  struct Score: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Score a call against a scorecard from an answers file (YAML or JSON).",
      discussion: """
        The answers file holds `answers:` (item key → yes/no, a level score, an occurrence \
        count or na), optional `notes:` (item key → text) and `comment:`. Every answer is \
        checked before anything is written. Unknown call ids are created for the agent.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions
    @Option(help: "Scorecard KEY or KEY@VERSION.") var scorecard: String?
    @Option(help: "Agent code.") var agent: String?
    @Option(help: "Call id (from the telephony system).") var call: String?
    @Option(help: "Inspector code (default: $CALLQA_INSPECTOR).") var inspector: String?
    @Option(help: "monitoring, test-call or calibration.") var kind: EvaluationKind = .monitoring
    @Option(help: "When a new call started (ISO-8601 with offset); default now.") var callStartedAt: String?
    @Option(help: "Recording file of a new call.") var recording: String?
    @Option(help: "Answers file (YAML or JSON).") var answers: String
    @Option(help: "Calibration session id: scores its call and scorecard as kind calibration.")
    var calibration: Int64?

    func validate() throws { try validateCalibration() }

    func execute() throws {
      guard let inspectorCode = inspector ?? environmentInspector() else {
        throw CallQAError("no inspector: pass --inspector CODE or set CALLQA_INSPECTOR")
      }
      if let calibration { return try scoreCalibration(session: calibration, inspector: inspectorCode) }
      guard let scorecard, let agent, let call else {
        throw CallQAError("pass --scorecard, --agent and --call (or --calibration SESSION)")
      }
      let db = try database.open()
      let stored = try db.scorecard(reference: scorecard)
      let sheet = try AnswerSheet.load(path: answers, scorecard: stored.scorecard)
      let submission = EvaluationSubmission(
        scorecard: stored, agentCode: agent, inspectorCode: inspectorCode,
        call: CallInput(externalId: call, startedAt: callStartedAt, recording: recording),
        kind: kind, sheet: sheet, actor: inspectorCode)
      let id = try db.submit(submission)
      let detail = try db.evaluation(id: id)
      if output.format == .json { return try printJSON(detail) }
      Console.out(EvaluationView.render(detail, scorecard: stored.scorecard, language: language.language))
    }
  }
}

extension EvaluationKind: ExpressibleByArgument {}
extension EvaluationStatus: ExpressibleByArgument {}

/// `$CALLQA_INSPECTOR`, when set and not empty.
func environmentInspector() -> String? {
  guard let value = ProcessInfo.processInfo.environment["CALLQA_INSPECTOR"], !value.isEmpty else { return nil }
  return value
}
