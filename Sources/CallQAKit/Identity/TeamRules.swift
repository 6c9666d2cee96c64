import Foundation

/// The rules of a QA team that an admin may change (`settings`), with their defaults.
public struct TeamRules: Hashable, Sendable, Encodable {
  /// Days after an evaluation is released to its agent during which they may dispute it.
  public var disputeWindowDays: Int
  /// The centre's time zone (an IANA name): a new call scored without a start time gets now
  /// (or its recording's time) in this zone, never UTC by accident.
  public var timeZone: String

  public init(disputeWindowDays: Int = 14, timeZone: String = TimeZone.current.identifier) {
    self.disputeWindowDays = disputeWindowDays
    self.timeZone = timeZone
  }

  /// The defaults: 14 days to dispute, the machine's time zone.
  public static let standard = TeamRules()

  /// ``timeZone`` as a zone (the machine's when the stored name is unknown).
  public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .current }

  /// The setting keys, as stored and as typed.
  public enum Key: String, CaseIterable, Sendable {
    case disputeWindowDays = "dispute_window_days"
    case timeZone = "time_zone"
  }

  /// Checks and applies one setting typed as text.
  public mutating func set(_ key: Key, to text: String) throws {
    switch key {
    case .disputeWindowDays:
      guard let days = Int(text), (1...365).contains(days) else {
        throw CallQAError(.errMustWholeNumberDays, key.rawValue, text)
      }
      disputeWindowDays = days
    case .timeZone:
      guard TimeZone(identifier: text) != nil else {
        throw CallQAError(.errMustTimeZone, key.rawValue, text)
      }
      timeZone = text
    }
  }

  /// The value of `key` as text.
  public func value(_ key: Key) -> String {
    switch key {
    case .disputeWindowDays: String(disputeWindowDays)
    case .timeZone: timeZone
    }
  }

  enum CodingKeys: String, CodingKey {
    case disputeWindowDays = "dispute_window_days"
    case timeZone = "time_zone"
  }
}
