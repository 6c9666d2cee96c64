import Foundation

/// A reporting period: an ISO week (`2026-W47`) or a calendar month (`2026-11`).
///
/// A call belongs to a period by its *local* date (the first ten characters of
/// `calls.started_at`, which keeps the offset it was recorded in), so a call at
/// 23:30 +08:00 on Sunday stays in that week whatever the machine's time zone.
public enum ReportPeriod: Hashable, Sendable, CustomStringConvertible {
  /// ISO-8601 week: weeks start on Monday; week 1 holds the year's first Thursday.
  case week(year: Int, week: Int)
  case month(year: Int, month: Int)

  /// Parses `YYYY-Www` (ISO week) or `YYYY-MM`.
  public static func parse(_ text: String) throws -> ReportPeriod {
    if let period = parseWeek(text) ?? parseMonth(text) { return period }
    throw CallQAError(.errPeriodMustIso, text)
  }

  /// Parses `YYYY-Www`; nil when malformed or when the year has no such week.
  public static func parseWeek(_ text: String) -> ReportPeriod? {
    let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1...9999).contains(year),
      parts[1].hasPrefix("W"), parts[1].count == 3, let week = Int(parts[1].dropFirst()),
      week >= 1, week <= weeksIn(isoYear: year)
    else { return nil }
    return .week(year: year, week: week)
  }

  /// Parses `YYYY-MM`; nil when malformed.
  public static func parseMonth(_ text: String) -> ReportPeriod? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
      let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
    else { return nil }
    return .month(year: year, month: month)
  }

  public var description: String {
    switch self {
    case .week(let year, let week): return String(format: "%04d-W%02d", year, week)
    case .month(let year, let month): return String(format: "%04d-%02d", year, month)
    }
  }

  /// First and last local day (`YYYY-MM-DD`, inclusive).
  public var days: (first: String, last: String) {
    let (first, last) = dateRange
    return (ReportPeriod.dayText(first), ReportPeriod.dayText(last))
  }

  /// `started_at` bounds for SQL: `started_at >= lower AND started_at < upper` selects the
  /// calls whose local date is in the period and can use the index on `calls(started_at)`
  /// (`2026-11-22T23:30:00+08:00` < `2026-11-23`).
  public var startedAtBounds: (lower: String, upper: String) {
    let (_, last) = dateRange
    return (days.first, ReportPeriod.dayText(last.addingTimeInterval(86_400)))
  }

  /// Every local day of the period, in order.
  public var allDays: [String] {
    let (first, last) = dateRange
    var days: [String] = []
    var day = first
    while day <= last {
      days.append(ReportPeriod.dayText(day))
      day = day.addingTimeInterval(86_400)
    }
    return days
  }

  /// How many ISO weeks have at least one day in the period: 1 for a week, 4 to 6 for a month.
  /// Not a quota multiplier: a week that only touches a month by a day or two is counted here;
  /// see ``weeksByThursday`` for the weeks a month owns.
  public var isoWeekCount: Int {
    Set(
      allDays.compactMap { day -> String? in
        guard let date = ReportPeriod.date(day) else { return nil }
        let c = ReportPeriod.calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        return "\(c.yearForWeekOfYear ?? 0)-\(c.weekOfYear ?? 0)"
      }
    ).count
  }

  /// How many ISO weeks belong to the period by the ISO rule that a week belongs to the month
  /// holding its Thursday: 1 for a week; for a month, the number of Thursdays in it (4 or 5).
  /// Every ISO week so belongs to exactly one month, and a monthly quota is the weekly quota
  /// times this number. November 2026 touches weeks 44 to 49 but owns W45–W48 (Thursdays 5, 12,
  /// 19 and 26): 4 weeks. W44 (Thursday 29 October) belongs to October, W49 (Thursday
  /// 3 December) to December.
  public var weeksByThursday: Int {
    switch self {
    case .week: return 1
    case .month(let year, let month):
      let lastDay = Int(days.last.suffix(2)) ?? 28
      return (1...lastDay).filter { ReportPeriod.isoWeekday(year, month, $0) == 4 }.count
    }
  }

  /// True when the local date of an ISO-8601 call time (`2026-11-17T09:00:00+08:00`) is in the period.
  public func contains(startedAt: String) -> Bool {
    let day = String(startedAt.prefix(10))
    let (first, last) = days
    return day.count == 10 && day >= first && day <= last
  }

  // MARK: - Calendar arithmetic (UTC midnight dates standing for local days)

  static let calendar: Calendar = {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
    return calendar
  }()

  private var dateRange: (Date, Date) {
    let calendar = ReportPeriod.calendar
    switch self {
    case .week(let year, let week):
      let monday = calendar.date(from: DateComponents(weekday: 2, weekOfYear: week, yearForWeekOfYear: year)) ?? Date()
      return (monday, monday.addingTimeInterval(6 * 86_400))
    case .month(let year, let month):
      let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date()
      let next = calendar.date(byAdding: .month, value: 1, to: first) ?? first
      return (first, next.addingTimeInterval(-86_400))
    }
  }

  static func weeksIn(isoYear year: Int) -> Int {
    // A year has 53 ISO weeks when 28 December falls in week 53.
    guard let dec28 = calendar.date(from: DateComponents(year: year, month: 12, day: 28)) else { return 52 }
    return calendar.component(.weekOfYear, from: dec28)
  }

  static func dayText(_ date: Date) -> String {
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
  }

  static func date(_ day: String) -> Date? {
    guard Timestamp.parseDay(day) != nil else { return nil }
    let parts = day.split(separator: "-").compactMap { Int($0) }
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
  }
}
