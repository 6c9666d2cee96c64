import CallQAKit
import Foundation
import Testing

@Suite("Assignment: even queues, claims that expire, no call handed out twice")
struct AssignmentTests {
  /// Monday 2026-11-16 12:00 UTC, inside ISO week 2026-W47.
  static let monday = Date(timeIntervalSince1970: 1_794_830_400)

  /// A single desk with `calls` unevaluated calls of 2026-W47 spread over agents A1 and A2.
  static func store(calls: Int, inspectors: [String] = ["QA1", "QA2", "QA3"], engine: StoreEngineKind = .sqlite) throws -> TestStore {
    let store = try TestStore(inspectors: inspectors, database: try EngineFixture.open(engine))
    for index in 0..<calls {
      let day = 16 + index % 7
      try store.db.addCall(
        CallInput(externalId: "C-\(index)", startedAt: String(format: "2026-11-%02dT%02d:00:00+08:00", day, 9 + index % 8), duration: 120),
        agentCode: index % 2 == 0 ? "A1" : "A2", actor: "desk")
    }
    return store
  }

  static func request(perAgent: Int, inspectors: [String] = [], claimDays: Int = 3) throws -> AssignRequest {
    AssignRequest(sample: SampleRequest(week: try ReportPeriod.parse("2026-W47"), perAgent: perAgent), inspectors: inspectors, claimDays: claimDays)
  }

  @Test func thePlanGivesEachCallToTheLeastLoadedInspector() {
    var random = SplitMix64(seed: 47)
    for _ in 0..<500 {
      let inspectors = (0..<Int.random(in: 1...6, using: &random)).map { "QA\($0)" }
      let base = Int.random(in: 0...3, using: &random)
      let load = Dictionary(uniqueKeysWithValues: inspectors.map { ($0, base + Int.random(in: 0...1, using: &random)) })
      let calls = (0..<Int64.random(in: 0...40, using: &random)).map { $0 }
      let plan = AssignmentPlan.distribute(calls, over: inspectors, load: load)
      #expect(plan.map(\.call) == calls, "every call once, in order")
      var after = load
      for (_, inspector) in plan { after[inspector, default: 0] += 1 }
      let spread = after.values.max()! - after.values.min()!
      #expect(spread <= 1, "loads \(load) + \(calls.count) calls → \(after)")
    }
    // Hand-worked: QA2 has two open calls, QA1 none: the first two go to QA1, then alternately
    let plan = AssignmentPlan.distribute([1, 2, 3, 4, 5], over: ["QA2", "QA1"], load: ["QA2": 2])
    #expect(plan.map(\.inspector) == ["QA1", "QA1", "QA1", "QA2", "QA1"])
  }

  @Test(arguments: EngineFixture.engines) func assignSpreadsTheSampleAndNeverHandsOutALiveClaimAgain(_ engine: StoreEngineKind) throws {
    let store = try Self.store(calls: 20, engine: engine)
    // Given the week's sample of 2 per agent (4 calls) assigned to three inspectors
    let first = try store.db.assign(try Self.request(perAgent: 2), actor: "desk", now: Self.monday)
    #expect(first.assigned.count == 4 && first.alreadyClaimed == 0)
    let counts = Dictionary(grouping: first.assigned, by: \.inspector).mapValues(\.count)
    #expect(counts.values.max()! - counts.values.min()! <= 1 && counts.count == 3, "\(counts)")
    #expect(first.assigned.allSatisfy { $0.status == .open && $0.expiresAt == "2026-11-19T12:00:00Z" })
    // When assign runs again the same day, the same calls are sampled and already claimed
    let again = try store.db.assign(try Self.request(perAgent: 2), actor: "desk", now: Self.monday)
    #expect(again.assigned.isEmpty && again.alreadyClaimed == 4)
    // When QA1 scores their first call, it is done and leaves the queue
    let mine = try #require(try store.db.nextAssignment(inspector: first.assigned.first!.inspector, now: Self.monday))
    try store.score(call: mine.call, agent: mine.agent, inspector: mine.inspector, sheet: TestStore.sheet())
    #expect(try store.db.queue(inspector: mine.inspector, now: Self.monday).contains { $0.id == mine.id } == false)
    #expect(try store.db.queue(all: true, now: Self.monday).first { $0.id == mine.id }?.status == .done)
    // And four days later the other claims have expired: their calls go out again
    let later = Self.monday.addingTimeInterval(4 * 86_400)
    #expect(try store.db.queue(now: later).isEmpty)
    let reassigned = try store.db.assign(try Self.request(perAgent: 2), actor: "desk", now: later)
    #expect(reassigned.assigned.count == 3 && reassigned.alreadyClaimed == 0)
    #expect(Set(reassigned.assigned.map(\.call)).isDisjoint(with: [mine.call]))
    // The workload says so per inspector
    let workload = try store.db.workload(now: later)
    #expect(workload.map(\.assigned).reduce(0, +) == 7)
    #expect(workload.map(\.done).reduce(0, +) == 1 && workload.map(\.overdue).reduce(0, +) == 3)
    #expect(workload.map(\.open).reduce(0, +) == 3)
  }

  @Test func overManyRandomRunsNoCallIsEverClaimedTwiceAtOnce() throws {
    var random = SplitMix64(seed: 2026)
    for round in 0..<6 {
      let store = try Self.store(calls: 10 + round * 7, inspectors: ["QA1", "QA2"])
      var now = Self.monday
      for _ in 0..<5 {
        let perAgent = Int.random(in: 1...6, using: &random)
        _ = try store.db.assign(try Self.request(perAgent: perAgent, claimDays: Int.random(in: 1...3, using: &random)), actor: "desk", now: now)
        let live = try store.db.queue(now: now)
        #expect(Set(live.map(\.call)).count == live.count, "a call claimed twice at \(now)")
        now = now.addingTimeInterval(Double(Int.random(in: 0...2, using: &random)) * 86_400)
      }
    }
  }

  @Test(arguments: EngineFixture.engines) func badRequestsAreRefused(_ engine: StoreEngineKind) throws {
    let store = try Self.store(calls: 2, engine: engine)
    #expect(throws: CallQAError("a claim lasts 1 to 60 days, not 0")) {
      try store.db.assign(try Self.request(perAgent: 1, claimDays: 0), actor: "desk")
    }
    #expect(throws: CallQAError.notFound("unknown inspector 'QA9'")) {
      try store.db.assign(try Self.request(perAgent: 1, inspectors: ["QA9"]), actor: "desk")
    }
  }
}
