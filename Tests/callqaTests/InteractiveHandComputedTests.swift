import Foundation
import Testing

/// The interactive path against numbers computed by hand (the other interactive tests check
/// that the binary agrees with the library's evaluator; this one does not use it).
@Suite("interactive scoring, hand-computed")
struct InteractiveHandComputedTests {
  /// The mini scorecard of the report tests: section a (greet yes/no 10, tone scale 10/5/0),
  /// section b (info yes/no 20, critical; forbidden: 10 points, 5 off per occurrence).
  ///
  /// Typed: greet n → 0, tone 2 → level 2 = 5, info y → 20, forbidden 1 → 10 − 5 = 5.
  /// a = 5 / 20 = 25 %, b = 25 / 30 = 83.33 %; weights = points (20, 30):
  /// raw = (20 × 25 + 30 × 83.33) / 50 = (500 + 2500) / 50 = 60; no critical miss: final 60.
  @Test func typedAnswersGiveTheHandComputedScores() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    try cli.ok(["scorecard", "import", try cli.write("mini.yaml", ReportCommandsTests.scorecard)])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let out = try cli.ok(
      [
        "score", "--scorecard", "mini", "--agent", "A001", "--call", "C-1", "--inspector", "QA1", "--lang", "en",
        "--call-started-at", "2026-11-03T09:15:00+08:00",
      ],
      stdin: "n\n2\ny\n1\n\ns\n")
    #expect(out.contains("raw 60.0  final 60.0"), "\(out)")
    let shown = try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", "1", "--format", "json"])) as? [String: Any])
    #expect(shown["raw_score"] as? Double == 60)
    #expect(shown["final_score"] as? Double == 60)
    #expect(shown["passed"] as? Bool == false)
    let items = try #require(shown["items"] as? [[String: Any]])
    #expect(items.map { $0["earned"] as? Double } == [0, 5, 20, 5])
    // impact = section weight share × 100 × points lost / section points: greet 0.4 × 100 × 10/20 = 20,
    // tone 0.4 × 100 × 5/20 = 10, forbidden 0.6 × 100 × 5/30 = 10; Σ = 40 = 100 − raw
    #expect(items.map { $0["impact"] as? Double } == [20, 10, 0, 10])
  }
}
