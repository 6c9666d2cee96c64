/// The fields of an ISO-8601 timestamp with an offset, read without regular expressions
/// or calendars so that bulk imports can check millions of them quickly.
public struct TimestampParts: Hashable, Sendable {
  public var year: Int
  public var month: Int
  public var day: Int
  public var hour: Int
  public var minute: Int
  public var second: Int
  /// Offset from UTC in seconds.
  public var offset: Int

  /// Reads `2026-11-03T09:15:00+08:00` (a space instead of `T`, no seconds, fractional
  /// seconds, `Z` or `+0800` are accepted too); nil when malformed or impossible.
  public init?(_ text: String) {
    var copy = text
    guard let parts = copy.withUTF8({ TimestampParts.scan($0) }) else { return nil }
    self = parts
  }

  private init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.offset = offset
  }

  private static func scan(_ b: UnsafeBufferPointer<UInt8>) -> TimestampParts? {
    var i = b.startIndex
    func digits(_ count: Int) -> Int? {
      guard b.endIndex - i >= count else { return nil }
      var value = 0
      for _ in 0..<count {
        let d = Int(b[i]) - 48
        guard (0...9).contains(d) else { return nil }
        value = value * 10 + d
        i += 1
      }
      return value
    }
    func expect(_ byte: UInt8) -> Bool {
      guard i < b.endIndex, b[i] == byte else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2),
      i < b.endIndex, b[i] == 0x54 || b[i] == 0x20
    else { return nil }
    i += 1
    guard let hour = digits(2), expect(0x3A), let minute = digits(2) else { return nil }
    var second = 0
    if expect(0x3A) {
      guard let s = digits(2) else { return nil }
      second = s
      if expect(0x2E) {
        let start = i
        while i < b.endIndex, (0x30...0x39).contains(b[i]) { i += 1 }
        guard i > start else { return nil }
      }
    }
    guard i < b.endIndex else { return nil }
    var offset = 0
    if b[i] == 0x5A {
      i += 1
    } else {
      guard b[i] == 0x2B || b[i] == 0x2D else { return nil }
      let negative = b[i] == 0x2D
      i += 1
      guard let hh = digits(2) else { return nil }
      _ = expect(0x3A)
      guard let mm = digits(2), hh <= 14, mm < 60 else { return nil }
      offset = (hh * 3600 + mm * 60) * (negative ? -1 : 1)
    }
    guard i == b.endIndex, Timestamp.isValidDate(year: year, month: month, day: day),
      hour < 24, minute < 60, second < 60
    else { return nil }
    return TimestampParts(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
  }

  /// `yyyy-MM-ddTHH:mm:ss±HH:MM` in the timestamp's own offset (the form calls are stored in).
  public var normalised: String {
    let sign = offset < 0 ? "-" : "+"
    let a = abs(offset)
    return "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
      + "\(sign)\(pad(a / 3600)):\(pad((a % 3600) / 60))"
  }

  /// Seconds since 1970-01-01T00:00:00Z of the instant.
  public var epochSeconds: Int {
    TimestampParts.daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
  }

  /// The same instant in UTC as `yyyy-MM-ddTHH:mm:ssZ` (the form submission times are stored in).
  public var utc: String {
    TimestampParts.utcString(epochSeconds: epochSeconds)
  }

  /// `yyyy-MM-ddTHH:mm:ssZ` of a count of seconds since 1970-01-01T00:00:00Z.
  static func utcString(epochSeconds seconds: Int) -> String {
    let days = Int((Double(seconds) / 86_400).rounded(.down))
    let (y, m, d) = civilFromDays(days)
    let rest = seconds - days * 86_400
    return "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(rest / 3600)):\(pad((rest % 3600) / 60)):\(pad(rest % 60))Z"
  }

  private func pad(_ value: Int, _ width: Int = 2) -> String { TimestampParts.pad(value, width) }

  private static func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` after 1970-01-01.
  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
