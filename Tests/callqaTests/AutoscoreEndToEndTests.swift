import Foundation
import Testing

@Suite("autoscore, score --answers with proposals and report auto-rules, through the built binary")
struct AutoscoreEndToEndTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("CallQAKitTests/Fixtures/transcripts")

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
  }

  /// init, two agents in two teams, an inspector, and two calls with transcripts.
  static func prepare(_ cli: CLIHarness) throws {
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["agent", "add", "A002", "--name", "李娜", "--team", "二组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    let good = try cli.write("good.txt", try fixture("zh-good.txt"))
    let bad = try cli.write(
      "bad.vtt",
      "WEBVTT\n\n"
        + (try fixture("zh-bad.txt")).split(separator: "\n").map { line -> String in
          // The same call as WebVTT: [a-b] 坐席: text → a --> b / <v 坐席>text
          let close = line.firstIndex(of: "]") ?? line.startIndex
          let times = line[line.index(after: line.startIndex)..<close].split(separator: "-")
          let rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
          let colon = rest.firstIndex(of: ":") ?? rest.startIndex
          return "00:\(times[0]) --> 00:\(times[1])\n<v \(rest[..<colon])>\(rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces))\n"
        }.joined(separator: "\n"))
    try cli.ok([
      "autoscore", "attach", "--call", "C-1", "--agent", "A001", "--transcript", good, "--started-at", "2026-11-03T09:15:00+08:00", "--duration", "180",
    ])
    try cli.ok([
      "autoscore", "attach", "--call", "C-2", "--agent", "A002", "--transcript", bad, "--started-at", "2026-11-04T10:00:00+08:00", "--duration", "180",
    ])
  }

  @Test func oneCallShowsProposalsWithEvidence() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.prepare(cli)
    let json = try #require(try CLIHarness.json(try cli.ok(["autoscore", "--call", "C-2", "--format", "json"])) as? [String: Any])
    #expect(json["scorecard"] as? String == "inbound-service@1")
    #expect(json["critical_failed"] as? Bool == true && json["predicted_score"] as? Double == 0)
    let items = try #require(json["items"] as? [[String: Any]])
    func item(_ key: String) -> [String: Any] { items.first { $0["key"] as? String == key } ?? [:] }
    #expect(item("no-abuse")["proposed"] as? String == "no")
    let evidence = try #require(item("no-abuse")["evidence"] as? [[String: Any]])
    #expect(evidence.first?["matched"] as? String == "你要向我道歉")
    #expect(evidence.first?["time"] as? Double == 29)
    #expect(item("forbidden-phrases")["proposed"] as? String == "4")
    #expect(item("three-rings")["proposed"] as? String == "no")
    #expect(item("let-customer-finish")["proposed"] as? String == "2")
    #expect(item("enunciation")["judgeable"] as? Bool == false && item("enunciation")["proposed"] is NSNull)

    let shown = try cli.ok(["scorecard", "show", "inbound-service"])
    #expect(shown.contains("      auto: forbid 好好好 (agent)"))
    #expect(shown.contains("      auto: require 评价, 满意度, 打分, rate our service, rate the service, survey (agent, last 3 turns)"))
    let table = try cli.ok(["autoscore", "--call", "C-1"])
    #expect(table.contains("greeting"))
    #expect(table.contains("“很高兴为您服务”"))
    #expect(table.contains("no auto rule (score by listening): enunciation, accurate-info"))
    // A transcript file can be screened directly, against a scorecard file, without a database.
    let direct = try cli.run([
      "autoscore", "--transcript", cli.write("x.txt", try Self.fixture("zh-good.txt")),
      "--scorecard", Self.fixtures.deletingLastPathComponent().appendingPathComponent("scorecards/auto.yaml").path,
    ])
    #expect(direct.status == 0 && direct.stdout.contains("predicted: raw 92.3  final 92.3  pass"))
  }

  @Test func malformedTranscriptIsRefusedWithFileAndLine() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.prepare(cli)
    let broken = try cli.write("broken.txt", "[00:01.0] 坐席: 您好\n[00:00.5] 客户: 你好\n")
    let stderr = try cli.fails(["autoscore", "attach", "--call", "C-3", "--agent", "A001", "--transcript", broken])
    #expect(stderr == "error: broken.txt:2: timestamps go backwards (00:00.5 after 00:01.0)\n")
    #expect(try cli.fails(["autoscore", "--call", "C-3"]).contains("unknown call 'C-3'"))
  }

  @Test func periodReviewQueueRanksCriticalFirst() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.prepare(cli)
    let csv = try cli.ok(["autoscore", "--period", "2026-11", "--format", "csv"])
    #expect(csv.hasPrefix("\u{FEFF}"))
    let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.first == "call,rank,agent,team,started_at,scorecard,risk,predicted_score,predicted_raw,judged,items,flagged")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("C-2,1,A002,二组,2026-11-04T10:00:00+08:00,inbound-service@1,critical,0.00,"))
    #expect(lines[2].hasPrefix("C-1,2,A001,一组,"))
    let team = try cli.ok(["autoscore", "--period", "2026-11", "--team", "一组", "--format", "json"])
    let rows = try #require(try CLIHarness.json(team) as? [[String: Any]])
    #expect(rows.map { $0["call"] as? String } == ["C-1"])
    let table = try cli.ok(["autoscore", "--period", "2026-11"])
    #expect(table.contains("2 calls with transcripts in 2026-11: 1 critical, 1 clean"))
    #expect(try cli.ok(["autoscore", "--period", "2026-10", "--format", "csv"]).split(separator: "\n").count == 1)

    // `callqa sample` takes the queue as a priority list: A002's risky C-2 is picked before
    // a clean call of the same week, whatever the seed.
    let clean = try cli.write("clean.txt", try Self.fixture("zh-good.txt"))
    for (call, agent, day) in [("C-5", "A002", "05"), ("C-6", "A001", "06")] {
      try cli.ok([
        "autoscore", "attach", "--call", call, "--agent", agent, "--transcript", clean, "--started-at", "2026-11-\(day)T09:00:00+08:00", "--duration", "120",
      ])
    }
    try cli.write("queue.csv", try cli.ok(["autoscore", "--period", "2026-11", "--format", "csv"]))
    for seed in ["1", "2", "3"] {
      let picked = try cli.ok([
        "sample", "--week", "2026-W45", "--per-agent", "1", "--min-duration", "0", "--seed", seed,
        "--priority", cli.directory.appendingPathComponent("queue.csv").path, "--format", "csv",
      ])
      #expect(picked.contains("C-2,A002"), "seed \(seed): \(picked)")
    }
  }

  @Test func prefilledAnswersRecordOverridesAndFeedTheReport() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.prepare(cli)
    var answers = try cli.ok(["autoscore", "--call", "C-1", "--format", "answers"])
    #expect(answers.contains("  closing: yes"))
    #expect(answers.contains("proposed:\n  three-rings: yes\n  greeting: 10\n  closing: yes"))
    // Unjudged items are left empty: submitting as is fails and stores nothing.
    let path = try cli.write("c1.yaml", answers)
    let score = ["score", "--scorecard", "inbound-service", "--agent", "A001", "--call", "C-1", "--inspector", "QA1", "--answers", path]
    #expect(try cli.fails(score).contains("expected an answer"))
    // The inspector fills them in and overrides one proposal (closing: yes → no).
    for (key, value) in [
      ("enunciation", "5"), ("accurate-info", "15"), ("needs-identified", "yes"), ("solved-within-policy", "yes"),
      ("hold-etiquette", "na"), ("first-contact-ownership", "yes"), ("correct-transfer", "na"),
      ("complaint-recorded", "na"), ("identity-verified", "yes"),
    ] {
      answers = answers.replacingOccurrences(of: "  \(key): ", with: "  \(key): \(value)")
    }
    answers = answers.replacingOccurrences(of: "  closing: yes ", with: "  closing: no  ")
    try cli.write("c1.yaml", answers)
    let detail = try #require(try CLIHarness.json(try cli.ok(score + ["--format", "json"])) as? [String: Any])
    let items = try #require(detail["items"] as? [[String: Any]])
    func item(_ key: String) -> [String: Any] { items.first { $0["key"] as? String == key } ?? [:] }
    #expect(item("closing")["proposed"] as? String == "yes" && item("closing")["overridden"] as? Bool == true)
    #expect(item("greeting")["proposed"] as? String == "10" && item("greeting")["overridden"] as? Bool == false)
    #expect(item("enunciation")["proposed"] == nil && item("enunciation")["overridden"] == nil)

    let report = try #require(try CLIHarness.json(try cli.ok(["report", "auto-rules", "--period", "2026-11", "--format", "json"])) as? [[String: Any]])
    #expect(report.count == 8)
    let closing = try #require(report.first { $0["item"] as? String == "closing" })
    #expect(closing["proposed"] as? Int == 1 && closing["overridden"] as? Int == 1 && closing["fired"] as? Int == 0)
    #expect(closing["missed"] as? Int == 1 && closing["precision"] is NSNull && closing["agreement"] as? Double == 0)
    let table = try cli.ok(["report", "auto-rules"])
    #expect(table.contains("8 rules, 8 proposals"))
  }
}
