import CallQAKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CallQAServer

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 16, the dashboard under load: writes wait their turn on two low-priority threads and
/// leave the cores to the pages.
@Suite("team server: writes run on their own lane, in order, below the pages")
struct WriteLaneTests {
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private(set) var most = 0
    private(set) var order: [Int] = []
    func start(_ job: Int) {
      lock.withLock {
        running += 1
        most = max(most, running)
        order.append(job)
      }
    }
    func end() { lock.withLock { running -= 1 } }
    var snapshot: (most: Int, order: [Int]) { lock.withLock { (most, order) } }
  }

  @Test func atMostTheLanesThreadsRunAtOnceInTheOrderTheyCame() async throws {
    let lane = WriteLane(threads: 2, niceness: 10)
    let tally = Tally()
    let finished = DispatchGroup()
    for job in 0..<8 {
      finished.enter()
      lane.submit {
        tally.start(job)
        Thread.sleep(forTimeInterval: 0.03)
        tally.end()
        finished.leave()
      }
    }
    await withCheckedContinuation { done in
      DispatchQueue.global().async {
        finished.wait(); done.resume()
      }
    }
    #expect(tally.snapshot.most == 2)
    #expect(tally.snapshot.order.sorted() == Array(0..<8))
    // Two threads take jobs from the front: job n starts before job n + 2.
    let position = Dictionary(uniqueKeysWithValues: tally.snapshot.order.enumerated().map { ($1, $0) })
    #expect((0..<6).allSatisfy { position[$0]! < position[$0 + 2]! })
  }

  #if canImport(Glibc)
    /// The niceness of the thread running the call, and its name.
    static func whereItRan(_ backend: Backend) async throws -> (nice: Int32, onLane: Bool) {
      try await backend.run { _ in
        (getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), WriteLane.isLaneThread)
      }
    }

    @Test func aWriteRequestsCallsRunAtNiceTenOnTheLanesThreadsAndAReadsAboveThem() async throws {
      let backend = Backend(db: try QADatabase.inMemory())
      let read = try await Self.whereItRan(backend)
      let write = try await Backend.$lane.withValue(.write) { try await Self.whereItRan(backend) }
      #expect(write.nice >= 10 && write.nice > read.nice, "read \(read.nice), write \(write.nice)")
      #expect(write.onLane && !read.onLane)
    }
  #endif

  @Test func theServersLaneAppliesWritesStrictlyInTheOrderTheyCame() async throws {
    let tally = Tally()
    let finished = DispatchGroup()
    for job in 0..<20 {
      finished.enter()
      WriteLane.shared.submit {
        // Later jobs are quicker: on two threads they would overtake the slow ones.
        Thread.sleep(forTimeInterval: job % 2 == 0 ? 0.01 : 0.001)
        tally.start(job)
        tally.end()
        finished.leave()
      }
    }
    await withCheckedContinuation { done in
      DispatchQueue.global().async {
        finished.wait(); done.resume()
      }
    }
    #expect(tally.snapshot.order == Array(0..<20))
    #expect(tally.snapshot.most == 1)
  }

  @Test func everyMethodButGetAndHeadIsAWrite() async throws {
    let router = Router(context: ServerContext.self)
    router.add(middleware: WriteLaneMiddleware())
    for method in [HTTPRequest.Method.get, .head, .post, .put, .patch, .delete] {
      router.on("/lane", method: method) { _, _ in "\(Backend.lane)" }
    }
    try await Application(router: router).test(.router) { client in
      for (method, lane) in [(HTTPRequest.Method.get, "read"), (.post, "write"), (.put, "write"), (.patch, "write"), (.delete, "write")] {
        let response = try await client.execute(uri: "/lane", method: method)
        #expect(String(buffer: response.body) == lane, "\(method)")
      }
      #expect(try await client.execute(uri: "/lane", method: .head).status == .ok)
    }
  }
}
