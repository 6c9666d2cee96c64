import Foundation

/// Parses and prints the times used in transcripts: `ss.f`, `mm:ss.f`, `hh:mm:ss.fff` (`,` or `.`).
public enum TranscriptTime {
  /// Seconds from a time written as `12.5`, `00:01.2`, `1:02:03,500`; nil when malformed.
  public static func parse(_ text: String) -> Double? { parse(text[...]) }

  /// Seconds from a time written as `12.5`, `00:01.2`, `1:02:03,500`; nil when malformed.
  ///
  /// Hand-rolled over UTF-8 (it runs for every utterance of every screened call): at most
  /// three `:`-separated fields, minutes and seconds after the first field below 60, an
  /// optional fraction after `.` or `,`.
  public static func parse(_ text: Substring) -> Double? {
    let bytes = text.trimmed.utf8
    guard !bytes.isEmpty else { return nil }
    var total = 0.0, current = 0.0
    var fields = 0, digits = 0, fraction = 0.0, fractionScale = 1.0
    var inFraction = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Double(byte - UInt8(ascii: "0"))
        if inFraction {
          fraction = fraction * 10 + digit
          fractionScale *= 10
        } else {
          current = current * 10 + digit
          digits += 1
        }
      case UInt8(ascii: ":"):
        guard !inFraction, digits > 0, fields < 2, fields == 0 || current < 60 else { return nil }
        total = total * 60 + current
        current = 0
        digits = 0
        fields += 1
      case UInt8(ascii: "."), UInt8(ascii: ","):
        guard !inFraction, digits > 0 else { return nil }
        inFraction = true
      default:
        return nil
      }
    }
    guard digits > 0, !inFraction || fractionScale > 1, fields == 0 || current < 60 else { return nil }
    return total * 60 + current + fraction / fractionScale
  }

  /// `mm:ss.f` (or `h:mm:ss.f` past an hour), for evidence.
  public static func format(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    let minutes = tenths / 600
    let secondsPart = (tenths % 600) / 10
    let text = two(minutes % 60) + ":" + two(secondsPart) + "." + String(tenths % 10)
    return minutes >= 60 ? String(minutes / 60) + ":" + text : text
  }

  private static func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}
