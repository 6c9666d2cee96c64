import Foundation
import Testing

@testable import CallQAKit

@Suite("Sampling with an auto-QA priority list")
struct SamplePriorityTests {
  static func candidates() -> [SampleCandidate] {
    (1...6).map { n in
      SampleCandidate(
        callId: Int64(n), call: "C\(n)", agent: n <= 5 ? "A" : "B", team: nil,
        startedAt: "2026-11-0\(n)T09:00:00+08:00", duration: 120, direction: "inbound")
    }
  }

  @Test func listedCallsComeFirstInListOrder() {
    let needs = [SampleNeed(agent: "A", team: nil, done: 0), SampleNeed(agent: "B", team: nil, done: 0)]
    for seed in [1, 2, 3, 42] as [UInt64] {
      // C9 is not a candidate and C6 belongs to B: both are simply skipped for A.
      let one = CallSampler.sample(candidates: Self.candidates(), needs: needs, perAgent: 1, seed: seed, priority: ["C9", "C4", "C2"])
      #expect(one.picks.filter { $0.agent == "A" }.map(\.call) == ["C4"], "seed \(seed)")
      let three = CallSampler.sample(candidates: Self.candidates(), needs: needs, perAgent: 3, seed: seed, priority: ["C4", "C2"])
      let a = three.picks.filter { $0.agent == "A" }.map(\.call)
      #expect(a.count == 3 && a.contains("C4") && a.contains("C2"), "seed \(seed)")
      // Without a list the pick is exactly the random one.
      let plain = CallSampler.sample(candidates: Self.candidates(), needs: needs, perAgent: 2, seed: seed)
      let empty = CallSampler.sample(candidates: Self.candidates(), needs: needs, perAgent: 2, seed: seed, priority: [])
      #expect(plain.picks == empty.picks)
    }
  }

  @Test func priorityFileSkipsCleanRows() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-priority-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("queue.csv").path
    try Data("call,rank,risk\nC2,1,critical\nC7,2,flagged\nC1,3,clean\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(try PriorityList.load(path: path) == ["C2", "C7"])
    try Data("rank,risk\n1,critical\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: LocatedError.self) { try PriorityList.load(path: path) }
  }
}
