import CallQAKit
import Foundation

/// The dashboard's panels, computed once per scope and kept for a short while: at a million
/// evaluations a cold dashboard reads for seconds (the library's month reports), and ten
/// managers opening it at once must not compute it ten times. A panel is shared by readers of
/// the same scope (``Policy/readScope(_:)``), month, team and language; concurrent requests
/// for one that is being computed wait for that one computation (single flight). Panels are at
/// most ``ttl`` old; the page says when they were computed.
actor PanelCache {
  struct Key: Hashable, Sendable {
    var panel: String
    var period: String
    var team: String?
    var language: String
    var scope: ReadScope
  }

  private var entries: [Key: (computed: Date, task: Task<PageRoutes.Panel, Never>)] = [:]
  let ttl: TimeInterval
  private let now: @Sendable () -> Date

  init(ttl: TimeInterval, now: @escaping @Sendable () -> Date = Date.init) {
    self.ttl = ttl
    self.now = now
  }

  /// The panel for `key`, computed by `compute` unless a fresh one (or one being computed) exists.
  func panel(_ key: Key, compute: @escaping @Sendable () async -> PageRoutes.Panel) async -> (PageRoutes.Panel, Date) {
    let time = now()
    if let entry = entries[key], time.timeIntervalSince(entry.computed) < ttl {
      return (await entry.task.value, entry.computed)
    }
    if entries.count > 500 { entries = entries.filter { time.timeIntervalSince($0.value.computed) < ttl } }
    let task = Task { await compute() }
    entries[key] = (time, task)
    return (await task.value, time)
  }
}
