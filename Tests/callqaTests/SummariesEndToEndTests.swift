import Foundation
import TestOracles
import Testing

@Suite("doctor checks the report summaries; --rebuild-summaries repairs them")
struct SummariesEndToEndTests {
  @Test(.enabled(if: Tools.which("sqlite3") != nil, "sqlite3 is not installed (apt-get install sqlite3)"))
  func aDamagedSummaryIsFoundAndRebuilt() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let sqlite3 = try #require(Tools.which("sqlite3"))
    try BenchCommandEndToEndTests.generated(cli, "bench.sqlite")
    let path = cli.directory.appendingPathComponent("bench.sqlite").path
    #expect(try cli.run(["doctor", "--db", "bench.sqlite"]).status == 0)
    // When a stray tool changes a summary behind callqa's back
    let damage = try Tools.run(sqlite3, [path, "UPDATE summary_evaluations SET final_sum = final_sum + 1 WHERE grain = 'agent-month'"])
    #expect(damage.status == 0, "\(damage.output)")
    // Then doctor names every damaged key and how to repair it, and exits 1
    let found = try cli.run(["doctor", "--db", "bench.sqlite"])
    #expect(found.status == 1)
    #expect(found.stdout.contains("summaries"), "\(found.stdout)")
    #expect(found.stdout.contains("callqa doctor --rebuild-summaries"), "\(found.stdout)")
    // And --rebuild-summaries rebuilds them in one transaction, then checks: clean
    let rebuilt = try cli.run(["doctor", "--rebuild-summaries", "--db", "bench.sqlite"])
    #expect(rebuilt.status == 0, "\(rebuilt.stdout)\(rebuilt.stderr)")
    #expect(rebuilt.stderr.hasPrefix("summaries rebuilt: "), "\(rebuilt.stderr)")
    #expect(rebuilt.stdout.hasPrefix("ok: integrity"), "\(rebuilt.stdout)")
    let again = try cli.run(["doctor", "--rebuild-summaries", "--db", "bench.sqlite"])
    #expect(again.stderr == "summaries rebuilt (they matched the evaluations already)\n")
    // The rebuild is audited
    let audit = try Tools.run(sqlite3, [path, "SELECT count(*) FROM audit_log WHERE action = 'rebuild-summaries'"])
    #expect(audit.output.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
  }
}
