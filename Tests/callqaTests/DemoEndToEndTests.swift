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
}
