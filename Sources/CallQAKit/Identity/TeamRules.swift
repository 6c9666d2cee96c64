/// The rules of a QA team that an admin may change (`settings`), with their defaults.
public struct TeamRules: Hashable, Sendable, Encodable {
  /// Days after an evaluation is released to its agent during which they may dispute it.
  public var disputeWindowDays: Int

  public init(disputeWindowDays: Int = TeamRules.standard.disputeWindowDays) {
    self.disputeWindowDays = disputeWindowDays
  }

  /// The defaults: 14 days to dispute.
  public static let standard = TeamRules(standardWindow: 14)

  private init(standardWindow: Int) { self.disputeWindowDays = standardWindow }

  /// The setting keys, as stored and as typed.
  public enum Key: String, CaseIterable, Sendable {
    case disputeWindowDays = "dispute_window_days"
  }

  /// Checks and applies one setting typed as text.
  public mutating func set(_ key: Key, to text: String) throws {
    switch key {
    case .disputeWindowDays:
      guard let days = Int(text), (1...365).contains(days) else {
        throw CallQAError("\(key.rawValue) must be a whole number of days from 1 to 365, not '\(text)'")
      }
      disputeWindowDays = days
    }
  }

  /// The value of `key` as text.
  public func value(_ key: Key) -> String {
    switch key {
    case .disputeWindowDays: String(disputeWindowDays)
    }
  }

  enum CodingKeys: String, CodingKey {
    case disputeWindowDays = "dispute_window_days"
  }
}
