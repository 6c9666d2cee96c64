import ArgumentParser
import CallQAKit

/// `--confidence 0.95`: the level of every interval a report prints, shared by the reports,
/// the coaching commands, sampling and coverage.
struct ConfidenceOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Terminal.help(.helpConfidenceLevelIntervals))) var confidence: Double = 0.95

  func validate() throws {
    guard confidence.isFinite, confidence > 0.5, confidence < 1 else {
      throw ValidationError(Terminal.words(.errConfidenceMustBetween, ScoreFormat.plain(confidence)))
    }
  }

  var level: ConfidenceLevel {
    get throws { try ConfidenceLevel(confidence) }
  }
}
