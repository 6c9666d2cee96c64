import CallQAKit
import Foundation

/// The dashboard's panels, computed once per scope and kept for a short while: at a million
/// evaluations a cold dashboard reads for seconds (the library's month reports), and ten
/// managers opening it at once must not compute it ten times. A panel is shared by readers of
/// the same scope (``Policy/readScope(_:)``), month, team and language; concurrent requests
/// for one that is being computed wait for that one computation (single flight). A panel older
/// than ``ttl`` is recomputed in the background while it is still served; the page says when
/// the figures were computed.
actor PanelCache {
  struct Key: Hashable, Sendable {
    var panel: String
    var period: String
    var team: String?
    var language: String
    var scope: ReadScope
  }

  private struct Entry {
    var computed: Date
    var task: Task<PageRoutes.Panel, Never>
    /// A recomputation under way while the stale value is still served.
    var refreshing = false
  }

  private var entries: [Key: Entry] = [:]
  let ttl: TimeInterval
  private let now: @Sendable () -> Date

  init(ttl: TimeInterval, now: @escaping @Sendable () -> Date = Date.init) {
    self.ttl = ttl
    self.now = now
  }

  /// The panel for `key` and when it was computed: a fresh one as it is; a stale one as it is
  /// while one recomputation replaces it (readers never wait for a refresh, only for the
  /// first computation); none yet: computed once for every reader waiting.
  func panel(_ key: Key, compute: @escaping @Sendable () async -> PageRoutes.Panel) async -> (PageRoutes.Panel, Date) {
    let time = now()
    guard var entry = entries[key] else {
      if entries.count > 500 { entries = entries.filter { time.timeIntervalSince($0.value.computed) < 10 * ttl } }
      let task = Task { await compute() }
      entries[key] = Entry(computed: time, task: task)
      return (await task.value, time)
    }
    if time.timeIntervalSince(entry.computed) >= ttl, !entry.refreshing {
      entry.refreshing = true
      entries[key] = entry
      let refresh = Task { await compute() }
      Task { await self.replace(key, with: refresh, computed: time) }
    }
    return (await entry.task.value, entry.computed)
  }

  private func replace(_ key: Key, with task: Task<PageRoutes.Panel, Never>, computed: Date) async {
    _ = await task.value
    entries[key] = Entry(computed: computed, task: task)
  }
}
