import Foundation
import CallQAKit
import Testing

/// Pins the exact bytes of every JSON and CSV output on a deterministic centre, so a change
/// of the code behind them (an encoder rewritten, a query merged) is proved not to change one
/// byte. UTC timestamps of "now" (audit, creation times) and the audit chain's hashes over
/// them are the only things normalised.
///
/// After an intended change of an output: `CALLQA_RECORD_GOLDEN=1 swift test --filter
/// GoldenOutputTests` rewrites the files in `Tests/callqaTests/Golden/`; review the diff.
@Suite("golden outputs: every JSON and CSV output, byte for byte")
struct GoldenOutputTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  static var recording: Bool { ProcessInfo.processInfo.environment["CALLQA_RECORD_GOLDEN"] == "1" }

  /// Outputs by golden file name: the command and its format.
  static let outputs: [(String, [String])] = [
    ("scorecard-list.json", ["scorecard", "list", "--format", "json"]),
    ("agent-list.json", ["agent", "list", "--format", "json"]),
    ("inspector-list.json", ["inspector", "list", "--format", "json"]),
    ("evaluation-list.json", ["evaluation", "list", "--format", "json"]),
    ("evaluation-show.json", ["evaluation", "show", "1", "--format", "json"]),
    ("evaluation-show-revised.json", ["evaluation", "show", "2", "--format", "json"]),
    ("case-list.json", ["case", "list", "--format", "json"]),
    ("case-show.json", ["case", "show", "1", "--format", "json"]),
    ("case-suggest.json", ["case", "suggest", "--format", "json"]),
    ("weak-areas.json", ["report", "weak-areas", "--period", "2026-10", "--format", "json"]),
    ("weak-areas.csv", ["report", "weak-areas", "--period", "2026-10", "--format", "csv"]),
    ("weak-areas-sections.json", ["report", "weak-areas", "--by", "section", "--format", "json"]),
    ("weak-areas-team.json", ["report", "weak-areas", "--period", "2026-10", "--team", "呼入1组", "--format", "json"]),
    ("weak-areas-team.csv", ["report", "weak-areas", "--period", "2026-10", "--team", "呼入1组", "--format", "csv"]),
    ("trend-week.json", ["report", "trend", "--by", "week", "--format", "json"]),
    ("trend-item.json", ["report", "trend", "--item", "greeting", "--format", "json"]),
    ("trend-item.csv", ["report", "trend", "--item", "greeting", "--format", "csv"]),
    ("agents.json", ["report", "agents", "--period", "2026-10", "--format", "json"]),
    ("agents.csv", ["report", "agents", "--period", "2026-10", "--format", "csv"]),
    ("leaderboard.json", ["report", "leaderboard", "--period", "2026-10", "--mentoring", "--format", "json"]),
    ("leaderboard.csv", ["report", "leaderboard", "--period", "2026-10", "--mentoring", "--format", "csv"]),
    ("inspectors.json", ["report", "inspectors", "--format", "json"]),
    ("inspectors.csv", ["report", "inspectors", "--format", "csv"]),
    ("auto-rules.json", ["report", "auto-rules", "--format", "json"]),
    ("quality.json", ["quality", "--period", "2026-10", "--format", "json"]),
    ("quality.csv", ["quality", "--period", "2026-10", "--format", "csv"]),
    ("performance.json", ["performance", "--period", "2026-10", "--format", "json"]),
    ("performance.csv", ["performance", "--period", "2026-10", "--format", "csv"]),
    ("coverage-month.json", ["coverage", "--period", "2026-10", "--format", "json"]),
    ("coverage-month.csv", ["coverage", "--period", "2026-10", "--format", "csv"]),
    ("coverage-week.json", ["coverage", "--week", "2026-W40", "--format", "json"]),
    ("sample.json", ["sample", "--week", "2026-W44", "--seed", "7", "--format", "json"]),
    ("sample.csv", ["sample", "--week", "2026-W44", "--seed", "7", "--format", "csv"]),
    ("coaching-list.json", ["coaching", "list", "--format", "json"]),
    ("coaching-list.csv", ["coaching", "list", "--format", "csv"]),
    ("calibration-list.json", ["calibration", "list", "--format", "json"]),
    ("calibration-show.json", ["calibration", "show", "1", "--format", "json"]),
    ("calibration-report.json", ["calibration", "report", "--format", "json"]),
    ("dispute-list.json", ["dispute", "list", "--format", "json"]),
    ("audit-evaluation.json", ["audit", "--evaluation", "1", "--format", "json"]),
    ("doctor.json", ["doctor", "--format", "json"]),
    ("call-list.json", ["call", "list", "--limit", "20", "--format", "json"]),
    ("call-list.csv", ["call", "list", "--limit", "20", "--format", "csv"]),
    ("call-show.json", ["call", "show", "C202610-A0005-20", "--format", "json"]),
    ("evaluation-list-drill-down.json", ["evaluation", "list", "--period", "2026-10", "--item", "greeting", "--lost", "--format", "json"]),
  ]

  /// The demo centre, plus the features the demo leaves empty: coaching tasks, a calibration
  /// session scored by two inspectors, a dispute resolved by a revision.
  static func centre() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["demo", "--agents", "8", "--months", "2", "--last-month", "2026-10"])
    try cli.ok(["coaching", "generate", "--period", "2026-10"])
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    let first = try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", "1", "--format", "json"])) as? [String: Any])
    let call = try #require(first["call"] as? String)
    let agent = try #require(first["agent"] as? String)
    try cli.ok(["calibration", "create", "--call", call, "--scorecard", "inbound-service", "--expert", "QA01"])
    for inspector in ["QA01", "QA02"] {
      try cli.ok(["score", "--calibration", "1", "--answers", answers, "--inspector", inspector])
    }
    // The demo's history is older than the dispute window: released again today, it opens.
    try cli.ok(["evaluation", "release", "1", "--on", String(Timestamp.nowUTC().prefix(10))])
    try cli.ok(["dispute", "open", "1", "--by", agent, "--reason", "客户没有抱怨"])
    try cli.ok(["dispute", "resolve", "1", "--revise", "--answers", answers, "--by", "QA04", "--note", "复听确认"])
    return cli
  }

  /// UTC times of "now" (`…Z`) vary per run; call times carry their own offset and stay.
  static func normalised(_ text: String) -> String {
    text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, with: "<utc-now>", options: .regularExpression)
      .replacingOccurrences(of: CLIHarness.deskActor, with: "local-admin (<os-account>)")
      // The audit chain hashes those times
      .replacingOccurrences(of: #"(sha256|hmac-sha256):[0-9a-f]{64}"#, with: "$1:<chain>", options: .regularExpression)
  }

  @Test func everyOutputIsByteIdenticalToItsGoldenFile() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    if Self.recording { try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true) }
    let differing = try Self.differing(Self.outputs, cli: cli)
    #expect(differing == [], "outputs differ from Tests/callqaTests/Golden (CALLQA_RECORD_GOLDEN=1 re-records)")
  }

  /// The golden files whose output differs (none while recording, which rewrites them).
  static func differing(_ outputs: [(String, [String])], cli: CLIHarness) throws -> [String] {
    var differing: [String] = []
    for (name, arguments) in outputs {
      let output = normalised(try cli.ok(arguments))
      let file = folder.appendingPathComponent(name)
      if recording {
        try Data(output.utf8).write(to: file)
        continue
      }
      // Compared as bytes: decoding a file as a String would drop the CSV's byte-order mark.
      if try Data(contentsOf: file) != Data(output.utf8) { differing.append(name) }
    }
    return differing
  }
}
