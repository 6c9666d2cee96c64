import ArgumentParser
import CallQAKit

extension CallQA.Score {
  /// `--calibration SESSION` fixes the call, the scorecard version and the kind.
  func validateCalibration() throws {
    guard calibration != nil else {
      if kind == .calibration {
        throw ValidationError(Terminal.words(.errCalibrationScoringsBelong))
      }
      return
    }
    let given = [
      ("--scorecard", scorecard), ("--agent", agent), ("--call", call), ("--call-started-at", callStartedAt),
      ("--recording", recording),
    ].filter { $0.1 != nil }.map(\.0)
    if !given.isEmpty || kind != .monitoring {
      let flags = given + (kind != .monitoring ? ["--kind"] : [])
      throw ValidationError(Terminal.words(.errCalibrationFixesCall, MessageArgument.list(flags)))
    }
  }

  /// Scores a calibration session's call as kind `calibration`.
  func scoreCalibration(session: Int64, inspector: String?, answers: String) throws {
    let db = try database.open()
    let calibrationSession = try db.calibrationSession(id: session)
    let stored = try db.scorecard(id: calibrationSession.scorecardId)
    let sheet = try AnswerSheet.load(path: answers, scorecard: stored.scorecard)
    let id = try db.scoreCalibration(session: session, inspector: inspector, sheet: sheet, actor: db.terminalActor())
    let detail = try db.evaluation(id: id)
    if output.format == .json { return try printJSON(detail) }
    Console.out(EvaluationView.render(detail, scorecard: stored.scorecard, language: language.language))
    Console.out("calibration session \(session): see `callqa calibration show \(session)`")
  }
}
