import Foundation

/// The skill level a training case is meant for.
public enum TrainingLevel: String, Hashable, Sendable, CaseIterable {
  case beginner, intermediate, advanced
}

/// An exemplary call the inspector chose to tag as a training case at submission.
public struct TrainingCaseSuggestion: Hashable, Sendable {
  public var title: String
  public var level: TrainingLevel?
  /// Seconds from the start of the recording.
  public var clipStart: Double?
  public var clipEnd: Double?

  public init(title: String, level: TrainingLevel? = nil, clipStart: Double? = nil, clipEnd: Double? = nil) {
    self.title = title
    self.level = level
    self.clipStart = clipStart
    self.clipEnd = clipEnd
  }
}

/// Clip times as inspectors type them: `mm:ss` or `h:mm:ss` (minutes may exceed 59 in `mm:ss`).
public enum ClipTime {
  /// Seconds for `mm:ss` / `h:mm:ss`; nil when malformed.
  public static func parse(_ text: String) -> Double? {
    let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count),
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let seconds = parts.last.flatMap({ Int($0) }), seconds < 60, parts.last?.count == 2
    else { return nil }
    let numbers = parts.compactMap { Int($0) }
    guard numbers.count == parts.count else { return nil }
    if numbers.count == 3 {
      guard numbers[1] < 60, parts[1].count == 2 else { return nil }
      return Double(numbers[0] * 3600 + numbers[1] * 60 + seconds)
    }
    return Double(numbers[0] * 60 + seconds)
  }

  /// `mm:ss` (or `h:mm:ss` from one hour on).
  public static func format(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", m, s)
  }
}
