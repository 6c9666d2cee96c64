import Foundation
import Testing

@testable import CallQAKit

/// The library's generator (the test target has its own `SplitMix64` for evaluator properties).
typealias SeededRNG = CallQAKit.SplitMix64

@Suite("Sampling: seeded, spread over the week, never an evaluated, short or out-of-week call")
struct SamplingTests {
  @Test func splitMix64IsTheReferenceSequence() {
    // Reference values of SeededRNG seeded with 0 (Vigna's splitmix64.c).
    var generator = SeededRNG(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(SeededRNG.stableHash("") == 0xCBF2_9CE4_8422_2325)
  }

  static let days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]

  /// A random pool of candidates for `agents` agents.
  static func randomPool(_ generator: inout SeededRNG, agents: Int) -> [SampleCandidate] {
    var pool: [SampleCandidate] = []
    var id: Int64 = 0
    for a in 0..<agents {
      for _ in 0..<generator.below(9) {
        id += 1
        let day = days[generator.below(days.count)]
        pool.append(
          SampleCandidate(
            callId: id, call: "C\(id)", agent: "A\(a)", team: nil, startedAt: "\(day)T\(10 + generator.below(8)):00:00+08:00",
            duration: Double(30 + generator.below(600)), direction: generator.below(2) == 0 ? "inbound" : "outbound"))
      }
    }
    return pool
  }

  @Test func samplerPropertiesOverManyRandomPools() {
    var generator = SeededRNG(seed: 2026)
    for round in 0..<400 {
      let agents = 1 + generator.below(5)
      let pool = Self.randomPool(&generator, agents: agents)
      let needs = (0..<agents).map { SampleNeed(agent: "A\($0)", team: nil, done: generator.below(3)) }
      let quota = 1 + generator.below(4)
      let stratify = SampleStratification.allCases[generator.below(3)]
      let seed = generator.next()
      let result = CallSampler.sample(candidates: pool, needs: needs, perAgent: quota, seed: seed, stratify: stratify)
      // Reproducible, and independent of the order the database returned the rows in.
      let again = CallSampler.sample(candidates: pool.reversed(), needs: needs.reversed(), perAgent: quota, seed: seed, stratify: stratify)
      #expect(result.picks == again.picks, "round \(round)")
      #expect(Set(result.picks.map(\.callId)).count == result.picks.count, "no call twice")
      #expect(result.picks.allSatisfy { pool.contains($0) })
      for need in needs {
        let mine = result.picks.filter { $0.agent == need.agent }
        let available = pool.filter { $0.agent == need.agent }
        let wanted = max(0, quota - need.done)
        // Meets the quota whenever the pool allows, never more than needed.
        #expect(mine.count == min(wanted, available.count), "round \(round) agent \(need.agent)")
        #expect(result.shortfalls.contains { $0.agent == need.agent } == (available.count < wanted))
        // Spread: with enough distinct days, no two picks share a day (unless stratified).
        if stratify == .none && Set(available.map(\.day)).count >= mine.count {
          #expect(Set(mine.map(\.day)).count == mine.count, "round \(round) agent \(need.agent)")
        }
      }
    }
  }

  @Test func anotherAgentDoesNotChangeSomeoneElsesPicks() {
    var generator = SeededRNG(seed: 7)
    let pool = Self.randomPool(&generator, agents: 3)
    let two = CallSampler.sample(
      candidates: pool.filter { $0.agent != "A2" }, needs: [SampleNeed(agent: "A0", team: nil, done: 0), SampleNeed(agent: "A1", team: nil, done: 0)],
      perAgent: 2, seed: 99)
    let three = CallSampler.sample(
      candidates: pool, needs: (0..<3).map { SampleNeed(agent: "A\($0)", team: nil, done: 0) }, perAgent: 2, seed: 99)
    #expect(two.picks == three.picks.filter { $0.agent != "A2" })
  }

  @Test func stratifyDirectionAlternates() {
    let pool = (1...8).map { i in
      SampleCandidate(
        callId: Int64(i), call: "C\(i)", agent: "A", team: nil, startedAt: "2026-11-1\(6 + i % 4)T10:00:00+08:00",
        duration: 100, direction: i <= 6 ? "inbound" : "outbound")
    }
    for seed in 0..<50 as Range<UInt64> {
      let picks = CallSampler.sample(
        candidates: pool, needs: [SampleNeed(agent: "A", team: nil, done: 0)], perAgent: 2, seed: seed, stratify: .direction
      ).picks
      #expect(Set(picks.compactMap(\.direction)) == ["inbound", "outbound"], "seed \(seed)")
    }
  }

  @Test func databaseSamplingOverRandomCallLogs() throws {
    var generator = SeededRNG(seed: 47)
    let week = try ReportPeriod.parse("2026-W47")
    for round in 0..<25 {
      // Given a random call log: 4 agents (B2 inactive), calls from the week before to the week after,
      // random durations (some missing), some calls already evaluated
      let fixture = try MonthFixture(agents: [("A1", "一组"), ("A2", "一组"), ("B1", "二组"), ("B2", "二组")])
      try fixture.db.write { db in try db.execute(sql: "UPDATE agents SET active = 0 WHERE code = 'B2'") }
      var log: [(id: String, agent: String, day: String, duration: Double?)] = []
      var evaluated = Set<String>()
      for n in 0..<(10 + generator.below(30)) {
        let agent = ["A1", "A2", "B1", "B2"][generator.below(4)]
        let day = ReportPeriod.dayText(ReportPeriod.date("2026-11-09")?.addingTimeInterval(Double(generator.below(21)) * 86_400) ?? Date())
        let duration: Double? = generator.below(8) == 0 ? nil : Double(generator.below(400))
        let id = "R\(round)-\(n)"
        let startedAt = "\(day)T\(String(format: "%02d", generator.below(24))):15:00+08:00"
        try fixture.call(id, agent: agent, at: startedAt, duration: duration)
        log.append((id, agent, day, duration))
        if generator.below(4) == 0 {
          try fixture.evaluate(id, agent: agent, at: startedAt, tone: 10, facts: 10)
          evaluated.insert(id)
        }
      }
      let quota = 1 + generator.below(3)
      let minDuration = Double(generator.below(120))
      let request = SampleRequest(week: week, perAgent: quota, seed: UInt64(round), minDuration: minDuration)
      // When the week is sampled twice
      let queue = try fixture.db.sample(request)
      #expect(try fixture.db.sample(request) == queue, "reproducible for a seed")
      // Then no pick is evaluated, outside the week, too short or of an inactive agent
      for pick in queue.picks {
        let entry = try #require(log.first { $0.id == pick.call })
        #expect(!evaluated.contains(pick.call))
        #expect(entry.day >= "2026-11-16" && entry.day <= "2026-11-22")
        #expect((entry.duration ?? -1) >= minDuration)
        #expect(entry.agent != "B2")
      }
      // And each active agent reaches the quota whenever the log allows
      for agent in ["A1", "A2", "B1"] {
        let inWeek = log.filter { $0.agent == agent && $0.day >= "2026-11-16" && $0.day <= "2026-11-22" }
        let done = inWeek.filter { evaluated.contains($0.id) }.count
        let eligible = inWeek.filter { !evaluated.contains($0.id) && ($0.duration ?? -1) >= minDuration }.count
        let wanted = max(0, quota - done)
        #expect(queue.picks.filter { $0.agent == agent }.count == min(wanted, eligible), "round \(round) \(agent)")
        #expect(queue.shortfalls.contains { $0.agent == agent } == (eligible < wanted), "round \(round) \(agent)")
      }
      #expect(!queue.shortfalls.contains { $0.agent == "B2" })
    }
  }

  @Test(arguments: EngineFixture.engines) func defaultSeedComesFromTheWeekAndBadRequestsAreRefused(_ engine: StoreEngineKind) throws {
    let fixture = try MonthFixture(engine: engine)
    let queue = try fixture.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-W47")))
    #expect(queue.seed == SeededRNG.stableHash("2026-W47") & 0x1F_FFFF_FFFF_FFFF)
    #expect(queue.seed < 1 << 53)
    #expect(queue.shortfalls.map(\.agent) == ["A1", "A2", "B1"])
    #expect(throws: CallQAError.self) { try fixture.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-11"))) }
    #expect(throws: CallQAError.self) {
      try fixture.db.sample(SampleRequest(week: try ReportPeriod.parse("2026-W47"), kind: .calibration))
    }
    #expect(throws: CallQAError.self) { try fixture.call("X", agent: "NOPE", at: "2026-11-17T10:00:00+08:00") }
    try fixture.call("X", agent: "A1", at: "2026-11-17T10:00:00+08:00")
    #expect(throws: CallQAError.self) { try fixture.call("X", agent: "A1", at: "2026-11-17T10:00:00+08:00") }
  }
}
