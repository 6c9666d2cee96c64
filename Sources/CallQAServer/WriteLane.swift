import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where the library calls of requests that change something run: a thread of its own
/// at a lower scheduling priority than the rest of the server.
///
/// SQLite takes one writer at a time, so fifty submissions in flight do not write faster than
/// two; they only take both cores from the pages people are waiting on. The lane keeps
/// `threads` writes running (the others wait in line, holding no thread) and runs them at
/// nice 10, below the server's other threads (the database queue runs at nice −2 or 0), so a manager's page is computed as soon as
/// it asks, and writes use what the pages leave. Reads keep the concurrent queue of
/// ``Backend``; a write waits its turn in the order it came.
final class WriteLane: @unchecked Sendable {
  /// The one lane of the process (one database writer, one lane), with one thread: writes are
  /// applied strictly in the order they came. With two, a browser's two quick changes of one
  /// answer (`+` then `-`) could commit in the other order and leave the first one stored.
  static let shared = WriteLane(threads: 1, niceness: 10)

  /// Set in the thread dictionary of the lane's threads (thread names are cut to 15 bytes).
  static let marker = "callqa.server.write-lane"

  /// Whether the calling thread is one of a lane's.
  static var isLaneThread: Bool { Thread.current.threadDictionary[marker] as? Bool == true }

  private let condition = NSCondition()
  private var jobs: [@Sendable () -> Void] = []

  /// Starts `threads` workers, each running at nice `niceness` (or at the nice value of the
  /// thread that started it, when higher). Linux keeps a nice value per thread:
  /// `setpriority(PRIO_PROCESS, 0, …)` changes the calling thread only.
  init(threads: Int, niceness: Int32) {
    for index in 0..<max(1, threads) {
      let thread = Thread { [self] in
        #if canImport(Glibc)
          let which = __priority_which_t(PRIO_PROCESS.rawValue)
          _ = setpriority(which, 0, max(niceness, getpriority(which, 0)))
        #endif
        Thread.current.threadDictionary[WriteLane.marker] = true
        work()
      }
      thread.name = "callqa.server.write-\(index)"
      thread.start()
    }
  }

  /// Queues `job` behind the writes already waiting.
  func submit(_ job: @escaping @Sendable () -> Void) {
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func work() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job()
    }
  }
}
