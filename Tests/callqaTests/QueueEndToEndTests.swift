import CallQAKit
import Foundation
import TeamFixtures
import Testing

@Suite("assign, queue, score --next, report workload and draft list, through the built binary")
struct QueueEndToEndTests {
  @Test func theWeeksSampleIsAssignedAndScoredFromTheQueue() throws {
    let cli = try IdentityEndToEndTests.desk()
    defer { cli.cleanUp() }
    // Given six unevaluated calls of 2026-W47
    var csv = "id,agent,started_at,duration_s\n"
    for index in 1...6 { csv += "C-\(index),A1,2026-11-\(15 + index)T10:00:00+08:00,180\n" }
    try cli.ok(["call", "import", try cli.write("calls.csv", csv)])
    // When four are assigned to QA1 and QA2
    let assigned = try cli.ok(["assign", "--week", "2026-W47", "--per-agent", "4", "--inspectors", "QA1,QA2"])
    #expect(assigned.hasSuffix("4 calls assigned for 2026-W47\n"), "\(assigned)")
    let queue = try #require(try CLIHarness.json(try cli.ok(["queue", "--format", "json"])) as? [[String: Any]])
    #expect(queue.count == 4)
    #expect(Dictionary(grouping: queue, by: { $0["inspector"] as? String ?? "" }).mapValues(\.count) == ["QA1": 2, "QA2": 2])
    // A second run hands nothing out twice
    #expect(try cli.ok(["assign", "--week", "2026-W47", "--per-agent", "4", "--inspectors", "QA1,QA2"]).contains("4 already claimed"))
    // Then QA1 scores the oldest call of their queue with --next
    let mine = queue.filter { $0["inspector"] as? String == "QA1" }
    let out = try cli.ok(["score", "--next", "--inspector", "QA1", "--scorecard", "calib-test", "--answers", "answers.yaml"])
    #expect(out.contains("next in QA1's queue: call \(mine[0]["call"] as? String ?? "?")"), "\(out)")
    let left = try #require(try CLIHarness.json(try cli.ok(["queue", "--inspector", "QA1", "--format", "json"])) as? [[String: Any]])
    #expect(left.map { $0["call"] as? String } == [mine[1]["call"] as? String])
    let workload = try cli.ok(["report", "workload"])
    #expect(workload.contains("QA1               2     1     1        0"), "\(workload)")
    // An empty queue says so
    try cli.ok(["score", "--next", "--inspector", "QA1", "--scorecard", "calib-test", "--answers", "answers.yaml"])
    let empty = try cli.run(["score", "--next", "--inspector", "QA1", "--scorecard", "calib-test", "--answers", "answers.yaml", "--db", cli.database])
    #expect(empty.status == 1 && empty.stderr == "error: QA1's queue is empty (see `callqa queue --inspector QA1 --all`)\n")
  }

  @Test func draftsAreListedAndDiscardedByTheirInspectorOnly() throws {
    let cli = try IdentityEndToEndTests.desk()
    defer { cli.cleanUp() }
    _ = try cli.run(
      ["score", "--scorecard", "calib-test", "--agent", "A1", "--call", "C-1", "--inspector", "QA2", "--db", cli.database], stdin: "y\n")
    let list = try cli.ok(["draft", "list"])
    #expect(list.contains("C-1") && list.contains("QA2") && list.contains("1/4") && list.hasSuffix("1 draft\n"), "\(list)")
    #expect(try cli.ok(["draft", "list", "--inspector", "QA1"]).hasSuffix("0 drafts\n"))
    try cli.ok(["draft", "discard", "1"])
    #expect(try cli.ok(["draft", "list"]).hasSuffix("0 drafts\n"))
    #expect(try cli.ok(["audit"]).contains("discard  evaluation #1"))
  }
}
