import CallQAKit
import Foundation
import Testing

@Suite("sample → score → coverage → agent-month import → performance → coaching, through the built binary")
struct MonthEndEndToEndTests {
  /// A database with three agents, an inspector and a call log of week 2026-W47.
  static func setUp(_ cli: CLIHarness) throws {
    try cli.ok(["init"])
    try cli.ok(["agent", "add", "A001", "--name", "王小明", "--team", "一组"])
    try cli.ok(["agent", "add", "A002", "--name", "李娜", "--team", "一组"])
    try cli.ok(["agent", "add", "B001", "--name", "张伟", "--team", "二组"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    // The call log (what `callqa call import` loads) is written through the library.
    let db = try QADatabase(path: cli.database)
    for day in 16...22 {
      for (n, agent) in ["A001", "A002"].enumerated() {
        try db.addCall(
          CallInput(
            externalId: "C\(day)-\(agent)", startedAt: "2026-11-\(day)T1\(n):00:00+08:00", duration: Double(40 + day * 10),
            direction: day % 2 == 0 ? "inbound" : "outbound"), agentCode: agent, actor: "test")
      }
    }
    // B001 has one long call and one too short to judge.
    try db.addCall(CallInput(externalId: "CB-1", startedAt: "2026-11-18T09:00:00+08:00", duration: 300), agentCode: "B001", actor: "test")
    try db.addCall(CallInput(externalId: "CB-2", startedAt: "2026-11-19T09:00:00+08:00", duration: 12), agentCode: "B001", actor: "test")
  }

  @Test func monthEndTour() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)

    // Sampling: reproducible, two per agent on distinct days, B001 short by one (CB-2 is 12 s).
    let json = try cli.ok(["sample", "--week", "2026-W47", "--seed", "42", "--format", "json"])
    #expect(try cli.ok(["sample", "--week", "2026-W47", "--seed", "42", "--format", "json"]) == json)
    let queue = try #require(try CLIHarness.json(json) as? [String: Any])
    let picks = try #require(queue["picks"] as? [[String: Any]])
    #expect(picks.count == 5)
    #expect(picks.filter { $0["agent"] as? String == "A001" }.count == 2)
    #expect(picks.filter { $0["agent"] as? String == "B001" }.map { $0["call"] as? String } == ["CB-1"])
    let shortfalls = try #require(queue["shortfalls"] as? [[String: Any]])
    #expect(shortfalls.map { $0["agent"] as? String } == ["B001"])
    let table = try cli.run(["sample", "--week", "2026-W47", "--seed", "42", "--db", cli.database])
    #expect(table.stdout.hasPrefix("2026-W47 monitoring queue: 5 calls (quota 2 per agent, seed 42)"))
    #expect(table.stderr.contains("short: B001 has 0 done and 1 eligible calls; 1 missing for the quota of 2"))
    let csv = try cli.ok(["sample", "--week", "2026-W47", "--seed", "42", "--format", "csv"])
    #expect(csv.hasPrefix("\u{FEFF}call,agent,team,started_at,duration,direction\r\n"))

    // Scoring a queued call takes it out of the next queue and counts toward coverage.
    let first = try #require(picks.first { $0["agent"] as? String == "A001" }?["call"] as? String)
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    try cli.ok(["score", "--scorecard", "inbound-service", "--agent", "A001", "--call", first, "--inspector", "QA1", "--answers", answers])
    let next = try #require(try CLIHarness.json(try cli.ok(["sample", "--week", "2026-W47", "--seed", "42", "--format", "json"])) as? [String: Any])
    let nextPicks = try #require(next["picks"] as? [[String: Any]])
    #expect(!nextPicks.contains { $0["call"] as? String == first })
    #expect(nextPicks.filter { $0["agent"] as? String == "A001" }.count == 1)
    let coverage = try #require(try CLIHarness.json(try cli.ok(["coverage", "--week", "2026-W47", "--format", "json"])) as? [String: Any])
    let agents = try #require(coverage["agents"] as? [[String: Any]])
    #expect(agents.first { $0["agent"] as? String == "A001" }?["monitoring"] as? Int == 1)
    #expect(try cli.ok(["coverage", "--period", "2026-11"]).contains("quota 2/week × 4 week(s) = 8 per kind"))
    #expect(try cli.fails(["coverage", "--week", "2026-W47", "--period", "2026-11"]).contains("give either --week or --period"))

    // Agent months: a bad file names its line and changes nothing; the good one imports.
    let header = "agent,month,calls_handled,complaint_contacts,target,training_score,training_absences,attendance\n"
    let bad = try cli.write("bad.csv", header + "A001,2026-11,5000,500,5000,88,1,96\nX9,2026-11,1,0,10,50,0,90\n")
    #expect(try cli.fails(["agent-month", "import", bad]) == "error: bad.csv:3: unknown agent 'X9' (add it with `callqa agent add`)\n")
    let good = try cli.write("months.csv", header + "A001,2026-11,5000,500,5000,88,1,96\nA002,2026-11,4800,300,5000,90,0,100\n")
    #expect(try cli.ok(["agent-month", "import", good]) == "agent months: 2 added, 0 updated, 0 unchanged\n")
    #expect(try cli.ok(["agent-month", "import", good]) == "agent months: 0 added, 0 updated, 2 unchanged\n")

    // Performance: A001 has traffic 90 and quality 85.67 (partial); A002 and B001 are flagged.
    let sheet = try #require(try CLIHarness.json(try cli.ok(["performance", "--period", "2026-11", "--format", "json"])) as? [String: Any])
    let rows = try #require(sheet["rows"] as? [[String: Any]])
    let a001 = try #require(rows.first)
    #expect(a001["agent"] as? String == "A001" && a001["rank"] as? Int == 1)
    #expect(a001["traffic"] as? Double == 90)
    // quality 85.666… (the answers' raw score); total (30·90 + 40·85.666… + 15·83 + 15·96) / 100
    let callControl: Double = 20 * 800.0 / 15
    let quality: Double = (2000 + 3000 + callControl + 1500 + 1000) / 100
    let expected: Double = (2700 + 40 * quality + 1245 + 1440) / 100
    let total = a001["total"] as? Double ?? 0
    #expect(abs(total - expected) < 1e-9)
    let a002 = try #require(rows.first { $0["agent"] as? String == "A002" })
    #expect(a002["missing"] as? [String] == ["quality (no monitoring or test-call evaluation)"])
    // A flagged row keeps every key, with null where there is no figure.
    #expect(a002["total"] is NSNull && a002["rank"] is NSNull && a002["quality"] is NSNull)
    #expect(a002["traffic"] as? Double == 90)
    let csvSheet = try cli.ok(["performance", "--period", "2026-11", "--format", "csv"])
    #expect(
      csvSheet.hasPrefix(
        "\u{FEFF}rank,agent,name,team,traffic,quality,quality low,quality high,partial,training,attendance,total,total low,total high,missing\r\n"
      ))
    let xlsx = cli.directory.appendingPathComponent("sheet.xlsx").path
    try cli.ok(["performance", "--period", "2026-11", "--format", "xlsx", "--output", xlsx])
    let zipMagic = try FileHandle(forReadingFrom: URL(fileURLWithPath: xlsx)).readData(ofLength: 2)
    #expect(zipMagic == Data("PK".utf8), "an .xlsx is a zip package")
    let plan = try cli.write("plan.yaml", "kind: performance-plan\nweights: {traffic: 50, quality: 50, training: 0, attendance: 1}\n")
    #expect(try cli.fails(["performance", "--period", "2026-11", "--plan", plan]) == "error: plan.yaml:2:10: the weights must sum to 100, not 101\n")

    // Coaching: A001 at 85.67 passes 85 but its call-control section (53.3) does not — from one
    // evaluation, which has no interval: uncertain, no task.
    let unsure = try cli.ok(["coaching", "generate", "--period", "2026-11"])
    #expect(unsure.contains("0 task(s) created"))
    #expect(
      unsure.contains(
        "uncertain: A001 — section 'call-control' 53.3 (n=1) reaches 85; section 'courtesy' 80.0 (n=1) reaches 85; needs more evaluations (no task)"),
      "\(unsure)")
    // The same answers on A001's second queued call: no spread, the interval is the point, below 85.
    let second = try #require(nextPicks.first { $0["agent"] as? String == "A001" }?["call"] as? String)
    try cli.ok(["score", "--scorecard", "inbound-service", "--agent", "A001", "--call", second, "--inspector", "QA1", "--answers", answers])
    let generated = try cli.ok(["coaching", "generate", "--period", "2026-11"])
    #expect(generated.contains("1 task(s) created"))
    #expect(generated.contains("section 'call-control' 53.3 ±0.0 below 85"), "\(generated)")
    #expect(try cli.ok(["coaching", "list", "--open"]).contains("not re-evaluated"))
    #expect(try cli.ok(["coaching", "done", "1", "--note", "复盘安抚话术"]) == "coaching task 1 (A001) done\n")
    #expect(try cli.fails(["coaching", "done", "1", "--note", "again"]) == "error: coaching task 1 is already done\n")
  }

  @Test func coverageWritesEveryReportFormat() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try Self.setUp(cli)
    let answers = try cli.write("answers.yaml", FoundationEndToEndTests.answers)
    try cli.ok(["score", "--scorecard", "inbound-service", "--agent", "A001", "--call", "C16-A001", "--inspector", "QA1", "--answers", answers])
    // CSV: the one CSV writer's BOM and CRLF, to stdout and to a file, with the columns it always had
    let csv = try cli.ok(["coverage", "--week", "2026-W47", "--format", "csv"])
    #expect(csv.hasPrefix("\u{FEFF}agent,name,team,monitoring,test_call,quota,below\r\n"))
    #expect(csv.contains("\r\nA001,王小明,一组,1,0,2,monitoring test-call\r\n"))
    #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    #expect(csv.hasSuffix("\r\n"))
    try cli.ok(["coverage", "--period", "2026-11", "--format", "csv", "--output", "coverage.csv"])
    let bytes = try Data(contentsOf: cli.directory.appendingPathComponent("coverage.csv"))
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: bytes, as: UTF8.self).contains("\r\nA001,王小明,一组,1,0,8,monitoring test-call\r\n"))
    // XLSX and HTML need --output and are written; table and JSON as before
    let refused = try cli.run(["coverage", "--week", "2026-W47", "--format", "xlsx", "--db", cli.database])
    #expect(refused.status == 64 && refused.stderr.contains("--format xlsx writes a file: add --output FILE"))
    for format in ["xlsx", "html"] {
      let result = try cli.run(["coverage", "--week", "2026-W47", "--team", "一组", "--format", format, "--output", "coverage.\(format)", "--db", cli.database])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stderr == "wrote coverage.\(format)\n")
      let data = try Data(contentsOf: cli.directory.appendingPathComponent("coverage.\(format)"))
      if format == "xlsx" { #expect(Array(data.prefix(2)) == [0x50, 0x4B]) }  // a ZIP container
      if format == "html" {
        let page = String(decoding: data, as: UTF8.self)
        #expect(page.contains("<h1>Coverage</h1>") && page.contains("team 一组") && page.contains("below quota: A001, A002"))
      }
    }
    let table = try cli.ok(["coverage", "--week", "2026-W47"])
    #expect(table.hasPrefix("coverage 2026-W47: quota 2/week × 1 week(s) = 2 per kind\n"))
    // The audit chain's head ends the report (issue 24: a copy kept elsewhere witnesses it)
    #expect(table.contains("\nbelow quota: A001, A002, B001\naudit head #") && table.hasSuffix("\n"))
    let json = try #require(try CLIHarness.json(try cli.ok(["coverage", "--week", "2026-W47", "--format", "json"])) as? [String: Any])
    #expect(Set(json.keys) == ["period", "weekly_quota", "weeks", "agents", "teams", "margin"])
    #expect(json["margin"] is NSNull)
  }

  @Test func badArgumentsAreRefusedWithUsage() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["init"])
    let week = try cli.run(["sample", "--week", "2026-13", "--db", cli.database])
    #expect(week.status == 64 && week.stderr.contains("--week must be an ISO week like 2026-W47"))
    let quota = try cli.run(["sample", "--week", "2026-W47", "--per-agent", "0", "--db", cli.database])
    #expect(quota.status == 64)
    let month = try cli.run(["performance", "--period", "2026-W47", "--db", cli.database])
    #expect(month.status == 64 && month.stderr.contains("--period must be a month like 2026-11"))
    #expect(try cli.fails(["coaching", "done", "7", "--note", "x"]) == "error: no coaching task with id 7\n")
    #expect(try cli.fails(["agent-month", "import", "missing.csv"]).contains("missing.csv: cannot read the file"))
  }
}
