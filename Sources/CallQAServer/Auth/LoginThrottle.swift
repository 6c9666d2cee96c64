import Foundation

/// Refuses sign-in attempts for a while after too many failures for one login or from one
/// address, so that passwords cannot be guessed at speed (429 with `Retry-After`).
actor LoginThrottle {
  private var failures: [String: [Date]] = [:]
  private let perUser: Int
  private let perAddress: Int
  private let window: TimeInterval
  private let now: @Sendable () -> Date

  init(perUser: Int, perAddress: Int, window: TimeInterval, now: @escaping @Sendable () -> Date = Date.init) {
    self.perUser = perUser
    self.perAddress = perAddress
    self.window = window
    self.now = now
  }

  /// Seconds to wait before `login` may try again from `address`; nil when it may now.
  func retryAfter(login: String, address: String) -> Int? {
    let time = now()
    let waits = [(key("user", login), perUser), (key("address", address), perAddress)].compactMap { key, limit -> TimeInterval? in
      let recent = (failures[key] ?? []).filter { time.timeIntervalSince($0) < window }
      failures[key] = recent.isEmpty ? nil : recent
      guard recent.count >= limit, let oldest = recent.first else { return nil }
      return window - time.timeIntervalSince(oldest)
    }
    return waits.max().map { max(1, Int($0.rounded(.up))) }
  }

  /// Counts a failed attempt against both the login and the address.
  func failed(login: String, address: String) {
    let time = now()
    failures[key("user", login), default: []].append(time)
    failures[key("address", address), default: []].append(time)
  }

  /// A successful sign-in clears the login's failures (not the address's).
  func succeeded(login: String) { failures[key("user", login)] = nil }

  private func key(_ kind: String, _ value: String) -> String { "\(kind):\(value.lowercased())" }
}
