import Foundation
import TestOracles
import Testing

@Suite("report and quality commands, through the built binary")
struct ReportCommandsTests {
  static let scorecard = """
    key: mini
    version: 1
    title: {en: Mini scorecard, zh: 迷你评分表}
    pass_score: 80
    exemplary_score: 95
    sections:
      - key: a
        title: {en: Manners, zh: 礼仪}
        items:
          - {key: greet, title: {en: Greeting, zh: 问候语}, type: yesno, points: 10}
          - {key: tone, title: {en: Tone, zh: 语气}, type: scale, points: 10, levels: [{score: 10, label: Good}, {score: 5, label: Partial}, {score: 0, label: Poor}]}
      - key: b
        title: {en: Substance, zh: 业务}
        items:
          - {key: info, title: {en: Correct information, zh: 信息准确}, type: yesno, points: 20, critical: evaluation}
          - {key: forbidden, title: {en: Forbidden phrases, zh: 禁用语}, type: deduction, points: 10, deduct: 5}
    """

  /// A1 (T1): C1 greet no → 40/50 = 80 monitoring; C2 all full → 100 test-call.
  /// A2 (T1): C3 tone 5, forbidden 1 → 40/50 = 80 monitoring. A3 (T2): no evaluation.
  static func centre() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["init"])
    let card = try cli.write("mini.yaml", scorecard)
    try cli.ok(["scorecard", "import", card])
    try cli.ok(["agent", "add", "A1", "--name", "王小明", "--team", "一组"])
    try cli.ok(["agent", "add", "A2", "--name", "=cmd|' /C calc'!A0", "--team", "一组"])
    try cli.ok(["agent", "add", "A3", "--name", "张伟", "--team", "二组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let runs: [(String, String, String, String)] = [
      ("A1", "C1", "monitoring", "greet: no\n  tone: 10\n  info: yes\n  forbidden: 0"),
      ("A1", "C2", "test-call", "greet: yes\n  tone: 10\n  info: yes\n  forbidden: 0"),
      ("A2", "C3", "monitoring", "greet: yes\n  tone: 5\n  info: yes\n  forbidden: 1"),
    ]
    for (index, (agent, call, kind, answers)) in runs.enumerated() {
      let file = try cli.write("answers\(index).yaml", "answers:\n  \(answers)\n")
      try cli.ok([
        "score", "--scorecard", "mini", "--agent", agent, "--call", call, "--inspector", "QA1", "--kind", kind,
        "--answers", file, "--call-started-at", "2026-11-0\(index + 2)T10:00:00+08:00",
      ])
    }
    return cli
  }

  @Test func weakAreasTableStatesTheIdentity() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let out = try cli.ok(["report", "weak-areas", "--period", "2026-11", "--lang", "zh"])
    // mean raw = (80 + 100 + 80) / 3 = 86.67; lost: greet 20/3, tone 10/3, forbidden 10/3
    #expect(out.contains("全部 4 个项目的平均失分之和 = 13.3 = 100 − 平均原始分 86.7（3 条评分）"))
    let english = try cli.ok(["report", "weak-areas", "--period", "2026-11", "--lang", "en"])
    #expect(english.contains("Σ mean impact of all 4 items = 13.3 = 100 − mean raw score 86.7 (3 evaluations)"))
    #expect(out.contains("问候语"))
    let lines = out.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("1  mini") && $0.contains("greet") && $0.contains("6.67") })
    let team = try cli.ok(["report", "weak-areas", "--period", "2026-11", "--agent", "A1"])
    #expect(team.contains("centre lost") && team.contains("gap"))
  }

  @Test func qualityJSONShape() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let out = try cli.ok(["quality", "--period", "2026-11", "--format", "json"])
    let json = try #require(try CLIHarness.json(out) as? [String: Any])
    let agents = try #require(json["agents"] as? [[String: Any]])
    #expect(agents.map { $0["agent"] as? String } == ["A1", "A2"])
    #expect(
      Set(agents[0].keys) == [
        "agent", "team", "monitoring", "test_call", "monitoring_count", "test_call_count", "complaints", "base", "index", "partial",
        "monitoring_ci", "test_call_ci", "index_ci",
      ])
    // A1: 0.5 · 80 + 0.5 · 100 = 90; A2: monitoring only → 80, partial
    #expect(agents[0]["index"] as? Double == 90)
    #expect(agents[1]["index"] as? Double == 80)
    #expect(agents[1]["partial"] as? Bool == true)
    #expect((json["coverage_gaps"] as? [[String: Any]])?.first?["agent"] as? String == "A3")
    let weighted = try CLIHarness.json(try cli.ok(["quality", "--period", "2026-11", "--format", "json", "--monitoring-weight", "1"])) as? [String: Any]
    #expect(((weighted?["agents"] as? [[String: Any]])?.first?["index"] as? Double) == 80)
  }

  @Test func csvOutputHasBOMAndNeutralisedNames() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let result = try cli.run(["report", "agents", "--period", "2026-11", "--format", "csv", "--db", cli.database])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("\u{FEFF}agent,name,team,evals"))
    #expect(result.stdout.contains("A2,'=cmd|' /C calc'!A0,一组,1,80"))
    try cli.ok(["report", "agents", "--period", "2026-11", "--format", "csv", "--output", "agents.csv"])
    let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("agents.csv"))
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
  }

  @Test func fileFormatsNeedAnOutputAndAreWritten() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let refused = try cli.run(["report", "weak-areas", "--format", "xlsx", "--db", cli.database])
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("--output"))
    for (command, name) in [
      (["report", "weak-areas", "--period", "2026-11"], "weak"), (["quality", "--period", "2026-11"], "quality"),
      (["report", "trend", "--by", "week"], "trend"), (["report", "agents"], "agents"),
      (["report", "leaderboard", "--period", "2026-11", "--mentoring", "--top", "1"], "board"),
    ] {
      for format in ["xlsx", "html"] {
        try cli.ok(command + ["--format", format, "--output", "\(name).\(format)"])
        let data = try Data(contentsOf: cli.directory.appendingPathComponent("\(name).\(format)"))
        #expect(data.count > 500, "\(name).\(format)")
        if format == "xlsx" { #expect(Array(data.prefix(2)) == [0x50, 0x4B]) }  // a ZIP container
        if format == "html" { #expect(String(decoding: data, as: UTF8.self).contains("<svg")) }
      }
    }
  }

  @Test(.enabled(if: Chromium.isInstalled, "no chromium on PATH (apt-get install chromium fonts-noto-cjk)"))
  func htmlReportRendersInHeadlessChromium() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    try cli.ok(["report", "weak-areas", "--period", "2026-11", "--lang", "zh", "--format", "html", "--output", "weak.html"])
    let page = cli.directory.appendingPathComponent("weak.html").path
    // What a person sees: the chart's text labels are in the browser's DOM, in Chinese…
    let dom = try Chromium.dom(of: page)
    let labels = try NSRegularExpression(pattern: "<text[^>]*>([^<]*)</text>")
      .matches(in: dom, range: NSRange(dom.startIndex..., in: dom))
      .compactMap { Range($0.range(at: 1), in: dom).map { String(dom[$0]) } }
    #expect(labels.contains { $0.contains("问候语") }, "chart labels: \(labels)")
    #expect(labels.contains { $0.contains("语气") }, "chart labels: \(labels)")
    // …the browser has glyphs for them (not the same box for every character)…
    #expect(try Chromium.rendersChineseGlyphs(in: cli.directory), "Chinese renders as boxes: apt-get install fonts-noto-cjk")
    // …and the page renders to an image (through the documented script, as a person would).
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let script = try Tools.run("/bin/bash", [root.appendingPathComponent("scripts/screenshot-report.sh").path, page, page + ".png"])
    #expect(script.status == 0, "\(script.output)")
    let png = try Data(contentsOf: URL(fileURLWithPath: page + ".png"))
    #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
  }

  @Test func leaderboardTrendAndErrors() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    // A1: 2 passes (80, 100) + 1 exemplary + clean = 2 + 2 + 3 = 7; A2: 1 + 3 = 4
    let board = try CLIHarness.json(try cli.ok(["report", "leaderboard", "--period", "2026-11", "--mentoring", "--format", "json"])) as? [String: Any]
    let top = try #require(board?["top"] as? [[String: Any]])
    #expect(top.map { $0["agent"] as? String } == ["A1", "A2"])
    #expect(top.map { $0["points"] as? Double } == [7, 4])
    let pairs = try #require(board?["mentoring"] as? [[String: Any]])
    #expect(pairs.first?["mentor"] as? String == "A1" && pairs.first?["mentee"] as? String == "A2")
    let trend = try cli.ok(["report", "trend", "--by", "month", "--item", "greet"])
    #expect(trend.contains("2026-11") && trend.contains("86.7"))
    let bad = try cli.run(["quality", "--period", "2026-13", "--db", cli.database])
    #expect(bad.status != 0 && bad.stderr.contains("YYYY-MM"))
    let missing = try cli.run(["report", "agents", "--db", cli.directory.appendingPathComponent("none.sqlite").path])
    #expect(missing.status == 1 && missing.stderr.hasPrefix("error: "))
  }
}
