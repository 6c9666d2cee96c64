import Foundation
import Testing

@Suite("calibration, disputes, audit and inspector drift through the built binary")
struct FairnessEndToEndTests {
  /// 50 points, no weights: final = 100 · Σ earned / Σ applicable points.
  static let scorecard = """
    key: calib-test
    version: 1
    title: Calibration test
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: s1
        title: Opening
        items:
          - {key: greet, title: Greets, type: yesno, points: 10}
          - key: tone
            title: Tone
            type: scale
            points: 20
            levels: [{score: 20, label: Full}, {score: 10, label: Partial}, {score: 0, label: None}]
      - key: s2
        title: Handling
        items:
          - {key: hold, title: Hold, type: yesno, points: 10, na: true}
          - {key: slang, title: Slang, type: deduction, points: 10, deduct: 5}
    """

  static func answers(greet: String = "yes", tone: Int = 20, hold: String = "yes", slang: Int = 0) -> String {
    "answers:\n  greet: \(greet)\n  tone: \(tone)\n  hold: \(hold)\n  slang: \(slang)\n"
  }

  static func setUp(_ cli: CLIHarness) throws {
    try cli.ok(["init"])
    try cli.ok(["scorecard", "import", try cli.write("calib-test.yaml", scorecard)])
    try cli.ok(["agent", "add", "A1", "--name", "王小明", "--team", "一组"])
    for code in ["EXP", "QA1", "QA2", "LEAD"] { try cli.ok(["inspector", "add", code, "--name", code]) }
    try cli.write("full.yaml", answers())
    try cli.write("slang.yaml", answers(slang: 1))
    try cli.write("nogreet.yaml", answers(greet: "no"))
    try cli.ok([
      "score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--inspector", "QA1",
      "--answers", "nogreet.yaml", "--call-started-at", "2026-11-03T09:15:00+08:00",
    ])
  }

  @Test func calibrationSessionShowAndReport() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)
    // Given a session with an expert and a tolerance of 8 points
    let created = try cli.ok(["calibration", "create", "--call", "C-1", "--scorecard", "calib-test", "--expert", "EXP", "--tolerance", "8"])
    #expect(created.contains("calibration session 1: call C-1 (agent A1), calib-test@1, reference expert EXP, tolerance ±8"))
    // When the expert (100), QA1 (slang 1 → 90) and QA2 (greet no → 80) score it
    try cli.ok(["score", "--calibration", "1", "--answers", "full.yaml", "--inspector", "EXP"])
    try cli.ok(["score", "--calibration", "1", "--answers", "slang.yaml", "--inspector", "QA1"])
    try cli.ok(["score", "--calibration", "1", "--answers", "nogreet.yaml", "--inspector", "QA2"])
    // Then show compares each with the expert: −10 (outside ±8) and −20
    let json = try #require(try CLIHarness.json(try cli.ok(["calibration", "show", "1", "--format", "json"])) as? [String: Any])
    #expect(json["reference"] as? String == "expert")
    #expect(json["reference_final_score"] as? Double == 100)
    let inspectors = try #require(json["inspectors"] as? [[String: Any]])
    #expect(inspectors.map { $0["inspector"] as? String } == ["QA1", "QA2"])
    #expect(inspectors.map { $0["signed_deviation"] as? Double } == [-10, -20])
    #expect(inspectors.map { $0["within_tolerance"] as? Bool } == [false, false])
    #expect((inspectors[0]["item_deviations"] as? [String: Double])?["slang"] == -5)
    let table = try cli.ok(["calibration", "show", "1"])
    #expect(table.contains("inspectors disagree on 2 of 4 items: greet, slang"))
    #expect(table.contains("OUTSIDE"))
    // And the report ranks items and gives alpha with its counts
    let report = try #require(try CLIHarness.json(try cli.ok(["calibration", "report", "--format", "json"])) as? [String: Any])
    #expect(report["sessions"] as? Int == 1)
    #expect(report["raters"] as? Int == 3)
    let items = try #require(report["items"] as? [[String: Any]])
    #expect(items.first?["key"] as? String == "calib-test/greet")
    #expect(items.first?["metric"] as? String == "nominal")
    // One unit with values [1, 1, 0]: observed equals expected disagreement, alpha 0
    #expect(abs((items.first?["alpha"] as? Double ?? 1)) < 1e-9)
    #expect(try cli.ok(["calibration", "report"]).contains("calib-test/greet"))
    // Calibration scorings are marked as such and are not monitoring
    #expect(try cli.ok(["evaluation", "list", "--kind", "calibration"]).contains("3 evaluations"))
    // Misuse is refused
    let twice = try cli.fails(["score", "--calibration", "1", "--answers", "full.yaml", "--inspector", "QA1"])
    #expect(twice.contains("error: inspector 'QA1' has already scored calibration session 1"))
    let mixed = try cli.run(["score", "--calibration", "1", "--scorecard", "calib-test", "--answers", "full.yaml", "--inspector", "QA2", "--db", cli.database])
    #expect(mixed.status == 64)
    #expect(mixed.stderr.contains("--calibration fixes the call, scorecard and kind: drop --scorecard"))
    #expect(try cli.fails(["calibration", "show", "9"]).contains("error: no calibration session with id 9"))
    let orphan = try cli.run([
      "score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-9", "--kind", "calibration",
      "--answers", "full.yaml", "--inspector", "QA2", "--db", cli.database,
    ])
    #expect(orphan.status == 64)
    #expect(orphan.stderr.contains("use --calibration SESSION"))
  }

  @Test func disputeReviseAuditAndDrift() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)
    // Given evaluation 1 (greet no: 80) disputed by its agent
    let opened = try cli.ok(["dispute", "open", "1", "--by", "A1", "--reason", "我有问候"])
    #expect(opened.contains("dispute 1 opened on evaluation 1 (final 80.0) by A1: 我有问候"))
    #expect(try cli.ok(["evaluation", "list"]).contains("⚑ disputed"))
    #expect(try cli.ok(["evaluation", "show", "1"]).contains("⚑ UNDER DISPUTE #1"))
    #expect(try cli.fails(["dispute", "open", "1", "--by", "A1", "--reason", "again"]).contains("already under dispute"))
    // A bad answers file is refused with its location and changes nothing
    try cli.write("bad.yaml", "answers:\n  greet: yes\n  tone: 15\n  hold: yes\n  slang: 0\n")
    let bad = try cli.fails(["dispute", "resolve", "1", "--revise", "--answers", "bad.yaml", "--by", "LEAD"])
    #expect(bad.contains("error: bad.yaml:3:9: item 'tone': 15 is not a level score"))
    #expect(try cli.ok(["dispute", "list", "--status", "open"]).contains("1 dispute"))
    #expect(try cli.run(["dispute", "resolve", "1", "--uphold", "--revise", "--by", "LEAD", "--db", cli.database]).status == 64)
    // When the reviewer revises it
    let resolved = try cli.ok(["dispute", "resolve", "1", "--revise", "--answers", "full.yaml", "--by", "LEAD", "--note", "问候语清晰"])
    #expect(resolved.contains("evaluation 1 (final 80.0) revised as evaluation 2 (final 100.0)"))
    // Then the old version stays readable and points to the new one
    let old = try #require(try CLIHarness.json(try cli.ok(["evaluation", "show", "1", "--format", "json"])) as? [String: Any])
    #expect(old["status"] as? String == "revised")
    #expect(old["final_score"] as? Double == 80)
    #expect(try cli.ok(["evaluation", "show", "1"]).contains("revised: superseded by evaluation #2"))
    #expect(try cli.ok(["evaluation", "show", "2"]).contains("revision of evaluation #1"))
    // And the audit trail keeps every step with before and after
    let audit = try #require(try CLIHarness.json(try cli.ok(["audit", "--evaluation", "2", "--format", "json"])) as? [[String: Any]])
    #expect(audit.map { $0["action"] as? String } == ["submit", "dispute", "submit", "resolve", "revise"])
    #expect((audit[2]["after"] as? [String: Any])?["revision_of"] as? Int == 1)
    let revise = try #require(audit.first { $0["action"] as? String == "revise" })
    #expect((revise["before"] as? [String: Any])?["final_score"] as? String == "80.0")
    #expect((revise["after"] as? [String: Any])?["final_score"] as? String == "100.0")
    #expect(try cli.ok(["audit", "--evaluation", "1"]).contains("answers.greet=no"))
    #expect(try cli.ok(["audit", "--since", "2000-01-01"]).contains("import   scorecard #1"))
    // And inspector drift counts the revision only
    let drift = try #require(try CLIHarness.json(try cli.ok(["report", "inspectors", "--period", "2026-11", "--format", "json"])) as? [[String: Any]])
    #expect(drift.count == 1)
    #expect(drift.first?["mean_final"] as? Double == 100)
    #expect(drift.first?["evaluations"] as? Int == 1)
    #expect(try cli.fails(["report", "inspectors", "--period", "2026-1"]).contains("the period must be a month YYYY-MM"))
  }
}
