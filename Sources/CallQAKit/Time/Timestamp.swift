import Foundation

/// Parsing and formatting of the dates and times callqa stores.
///
/// Call times keep the offset they were recorded with (`2026-11-03T09:15:00+08:00`):
/// periods (`YYYY-MM`, ISO weeks) are judged on that local date, which is what the
/// centre means by "the calls of November". Audit and submission times are UTC.
public enum Timestamp {
  /// Parses ISO-8601 with an offset or `Z` (`2026-11-03T09:15:00+08:00`, fractional seconds allowed)
  /// and returns it normalised to `yyyy-MM-ddTHH:mm:ss±HH:MM`; nil when malformed or impossible.
  public static func normalise(_ text: String) -> String? {
    TimestampParts(text)?.normalised
  }

  /// Parses ISO-8601 with an offset; returns the instant and the offset in seconds. The one
  /// parser is ``TimestampParts`` (the same syntax ``normalise(_:)`` and the imports accept).
  public static func parse(_ text: String) -> (Date, Int)? {
    guard let parts = TimestampParts(text) else { return nil }
    return (Date(timeIntervalSince1970: TimeInterval(parts.epochSeconds)), parts.offset)
  }

  /// `yyyy-MM-ddTHH:mm:ss±HH:MM` of `date` seen at `offsetSeconds` from UTC.
  public static func format(_ date: Date, offsetSeconds: Int) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? TimeZone.current
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let sign = offsetSeconds < 0 ? "-" : "+"
    let absOffset = abs(offsetSeconds)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
      c.hour ?? 0, c.minute ?? 0, c.second ?? 0, sign, absOffset / 3600, (absOffset % 3600) / 60)
  }

  /// Now, in the machine's local offset.
  public static func nowLocal() -> String {
    let now = Date()
    return format(now, offsetSeconds: TimeZone.current.secondsFromGMT(for: now))
  }

  /// Now in UTC (`…Z`), for audit and submission times.
  public static func nowUTC() -> String {
    TimestampParts.utcString(epochSeconds: Int(Date().timeIntervalSince1970.rounded(.down)))
  }

  /// Checks a `YYYY-MM-DD` date, rejecting impossible ones such as 2026-02-30.
  public static func parseDay(_ text: String) -> String? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      isValidDate(year: y, month: m, day: d)
    else { return nil }
    return text
  }

  /// True for a real Gregorian calendar date.
  public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
  }
}
