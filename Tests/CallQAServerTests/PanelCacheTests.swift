import CallQAKit
import Foundation
import Testing

@testable import CallQAServer

@Suite("team server: dashboard panels computed once per scope, for a while")
struct PanelCacheTests {
  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var time = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { time } }
    func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
  }

  actor Counter {
    var count = 0
    func next() -> Int {
      count += 1
      return count
    }
  }

  static func key(_ scope: ReadScope) -> PanelCache.Key {
    PanelCache.Key(panel: "weak-areas", period: "2026-11", team: nil, language: "en", scope: scope)
  }

  @Test func concurrentReadersShareOneComputationUntilItIsStale() async throws {
    let clock = Clock()
    let cache = PanelCache(ttl: 30) { clock.now }
    let counter = Counter()
    let compute: @Sendable () async -> PageRoutes.Panel = {
      let n = await counter.next()
      try? await Task.sleep(for: .milliseconds(50))
      return PageRoutes.Panel(id: "weak-areas", titleKey: "weakAreas", report: nil, problem: .verbatim("computation \(n)"))
    }
    let problems = await withTaskGroup(of: String?.self) { group in
      for _ in 0..<10 { group.addTask { await cache.panel(Self.key(.everything), compute: compute).0.problem?.description } }
      return await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(Set(problems) == ["computation 1"])
    // Another scope is another panel; a stale one is computed again.
    #expect(await cache.panel(Self.key(.teams(["T1"])), compute: compute).0.problem?.description == "computation 2")
    clock.advance(29)
    #expect(await cache.panel(Self.key(.everything), compute: compute).0.problem?.description == "computation 1")
    // Stale: still served while one recomputation runs; then the new figures.
    clock.advance(2)
    #expect(await cache.panel(Self.key(.everything), compute: compute).0.problem?.description == "computation 1")
    #expect(await cache.panel(Self.key(.everything), compute: compute).0.problem?.description == "computation 1")
    var latest: String?
    for _ in 0..<100 {
      latest = await cache.panel(Self.key(.everything), compute: compute).0.problem?.description
      if latest == "computation 3" { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(latest == "computation 3")
    #expect(await counter.count == 3)
  }
}
