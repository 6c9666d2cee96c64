import Foundation

/// The segment of a recording a case plays, in seconds from the start of the call.
public struct ClipRange: Hashable, Sendable, Codable {
  public var start: Double
  public var end: Double

  /// A clip; `start` must be ≥ 0 and before `end`.
  public init(start: Double, end: Double) throws {
    guard start.isFinite, end.isFinite, start >= 0 else {
      throw CallQAError(.errClipStartMust)
    }
    guard start < end else {
      throw CallQAError(.errClipStartMustBefore, ClipRange.format(start), ClipRange.format(end))
    }
    self.start = start
    self.end = end
  }

  /// Length in seconds.
  public var duration: Double { end - start }

  /// Parses `START-END` where each side is `[[hh:]mm:]ss[.fff]`: `00:45-03:10`, `45-190.5`, `1:02:03-1:05:00`.
  public static func parse(_ text: String) throws -> ClipRange {
    let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let start = seconds(String(parts[0])), let end = seconds(String(parts[1])) else {
      throw CallQAError(.errClipStartEnd, text)
    }
    return try ClipRange(start: start, end: end)
  }

  /// Seconds of `[[hh:]mm:]ss[.fff]`; nil when malformed (minutes and seconds after a colon must be < 60).
  public static func seconds(_ text: String) -> Double? {
    let fields = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
    guard (1...3).contains(fields.count) else { return nil }
    var total = 0.0
    for (index, field) in fields.enumerated() {
      let isLast = index == fields.count - 1
      guard !field.isEmpty, field.allSatisfy({ $0.isASCII && ($0.isNumber || (isLast && $0 == ".")) }),
        let value = Double(field)
      else { return nil }
      if index > 0, value >= 60 { return nil }
      total = total * 60 + value
    }
    return total
  }

  /// `mm:ss` (or `h:mm:ss`), with hundredths when the time is not a whole second: `03:10`, `00:45.5`, `00:04.25`.
  public static func format(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let whole = hundredths / 100
    let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60)
    var text = h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", m, s)
    let fraction = hundredths % 100
    if fraction != 0 { text += fraction % 10 == 0 ? ".\(fraction / 10)" : String(format: ".%02d", fraction) }
    return text
  }

  /// `00:45-03:10`.
  public var description: String { "\(ClipRange.format(start))-\(ClipRange.format(end))" }
}
