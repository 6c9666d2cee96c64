import Foundation

/// Parses and prints the times used in transcripts: `ss.f`, `mm:ss.f`, `hh:mm:ss.fff` (`,` or `.`).
public enum TranscriptTime {
  /// Seconds from a time written as `12.5`, `00:01.2`, `1:02:03,500`; nil when malformed.
  public static func parse(_ text: String) -> Double? { parse(text[...]) }

  /// Seconds from a time written as `12.5`, `00:01.2`, `1:02:03,500`; nil when malformed.
  public static func parse(_ text: Substring) -> Double? {
    let trimmed = text.trimmed
    guard !trimmed.isEmpty else { return nil }
    let parts = String(trimmed.map { $0 == "," ? "." : $0 }).split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count <= 3 else { return nil }
    var seconds = 0.0
    for (index, part) in parts.enumerated() {
      let isLast = index == parts.count - 1
      guard !part.isEmpty, part.allSatisfy({ $0.isASCII && ($0.isNumber || (isLast && $0 == ".")) }),
        let value = Double(part), value.isFinite
      else { return nil }
      // Minutes and seconds below an hour/minute field must be < 60.
      if index > 0, value >= 60 { return nil }
      seconds = seconds * 60 + value
    }
    return seconds
  }

  /// `mm:ss.f` (or `h:mm:ss.f` past an hour), for evidence.
  public static func format(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    let minutes = tenths / 600
    let rest = Double(tenths % 600) / 10
    let secondsText = rest < 10 ? "0" + String(format: "%.1f", rest) : String(format: "%.1f", rest)
    if minutes >= 60 {
      return String(format: "%d:%02d:", minutes / 60, minutes % 60) + secondsText
    }
    return String(format: "%02d:", minutes) + secondsText
  }
}
