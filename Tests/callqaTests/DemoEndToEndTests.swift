import Foundation
import Testing

@Suite("the demo's own next steps, through the built binary")
struct DemoEndToEndTests {
  @Test func theSuggestedCoverageShowsOnlyTheShortAgentsAndTheCasesFitTheirScorecards() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // November 2026 starts on a Sunday and ends on a Monday: it touches six ISO weeks but owns four.
    let out = try cli.ok(["demo", "--last-month", "2026-11", "--months", "1"])
    // The "Next:" coverage suggestion, run as printed
    let line = try #require(out.split(separator: "\n").first { $0.contains("callqa coverage --period") })
    #expect(line.trimmingCharacters(in: .whitespaces) == "callqa coverage --period 2026-11 --db \(cli.database)")
    let coverage = try cli.ok(["coverage", "--period", "2026-11"])
    #expect(coverage.hasPrefix("coverage 2026-11: quota 2/week × 4 week(s) = 8 per kind\n"), "\(coverage)")
    let below = try #require(coverage.split(separator: "\n").last { $0.hasPrefix("below quota: ") })
    let short = below.dropFirst("below quota: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(!short.isEmpty && short.count < 8, "\(below)")
    let json = try #require(try CLIHarness.json(try cli.ok(["coverage", "--period", "2026-11", "--format", "json"])) as? [String: Any])
    let agents = try #require(json["agents"] as? [[String: Any]])
    #expect(agents.count == 32)
    #expect(agents.filter { !(($0["below"] as? [String]) ?? []).isEmpty }.compactMap { $0["agent"] as? String }.sorted() == short.sorted())
    // Every demo case names skills of its own scorecard: `case show` knows every one
    let cases = try #require(try CLIHarness.json(try cli.ok(["case", "list", "--format", "json"])) as? [[String: Any]])
    #expect(cases.count >= 2)
    for found in cases {
      let id = try #require(found["id"] as? Int)
      let shown = try cli.ok(["case", "show", String(id)])
      #expect(!shown.contains("(?)"), "\(shown)")
    }
  }

  /// Issue #18: right after `callqa demo`, the queue has work and `score --next` opens it with
  /// its recording, transcript and auto-QA proposals.
  @Test func scoreNextWorksRightAfterTheDemo() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let out = try cli.ok(["demo", "--last-month", "2026-10", "--months", "1", "--agents", "8"])
    #expect(out.contains("Waiting to be scored: 8 calls of 2026-W44 with recordings and transcripts in demo-media/"), "\(out)")
    #expect(out.contains("  callqa score --next --inspector QA01 --db \(cli.database)"))
    let queue = try #require(try CLIHarness.json(try cli.ok(["queue", "--all", "--format", "json"])) as? [[String: Any]])
    #expect(queue.count == 8)
    #expect(Set(queue.compactMap { $0["inspector"] as? String }).count > 1)
    // Every queued call has a WAV (a real RIFF file whose header gives the duration) and a transcript
    for entry in queue {
      let call = try #require(entry["call"] as? String)
      let shown = try #require(try CLIHarness.json(try cli.ok(["call", "show", call, "--format", "json"])) as? [String: Any])
      let recording = try #require(shown["recording"] as? [String: Any])
      #expect(recording["exists"] as? Bool == true && (recording["duration_s"] as? Double ?? 0) >= 45, "\(recording)")
      let transcript = try #require(shown["transcript"] as? [String: Any])
      #expect((transcript["utterances"] as? Int ?? 0) > 5)
    }
    // score --next takes the oldest call of QA01's queue and the session opens on it
    let next = try cli.run(["score", "--next", "--inspector", "QA01", "--db", cli.database], stdin: "inbound-service\n")
    #expect(next.stdout.contains("next in QA01's queue: call Q-202610-"), "\(next.stdout)\n\(next.stderr)")
    #expect(next.stdout.contains("p plays, s stops"))
    #expect(next.stdout.contains("auto-QA pre-filled"))
    // Rebuilding with --force replaces the media folder too
    #expect(try cli.run(["demo", "--last-month", "2026-10", "--months", "1", "--agents", "8", "--force", "--db", cli.database]).status == 0)
  }
}
