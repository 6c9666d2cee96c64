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

  /// Parses ISO-8601 with an offset; returns the instant and the offset in seconds.
  public static func parse(_ text: String) -> (Date, Int)? {
    let pattern = #"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"#
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    func group(_ i: Int) -> String? {
      guard let range = Range(match.range(at: i), in: text) else { return nil }
      return String(text[range])
    }
    guard let year = group(1).flatMap(Int.init), let month = group(2).flatMap(Int.init),
      let day = group(3).flatMap(Int.init), let hour = group(4).flatMap(Int.init),
      let minute = group(5).flatMap(Int.init), let zone = group(7)
    else { return nil }
    let second = group(6).flatMap(Int.init) ?? 0
    var offset = 0
    if zone != "Z" {
      let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
      guard let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)), hh <= 14, mm < 60 else { return nil }
      offset = (hh * 3600 + mm * 60) * (zone.hasPrefix("-") ? -1 : 1)
    }
    guard isValidDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    guard let tz = TimeZone(secondsFromGMT: offset) else { return nil }
    calendar.timeZone = tz
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    guard let date = calendar.date(from: components) else { return nil }
    return (date, offset)
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
