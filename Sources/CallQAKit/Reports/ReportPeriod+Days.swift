import Foundation

/// Month bounds and ISO weeks of single days, for the manager reports.
extension ReportPeriod {
  /// `[YYYY-MM, next month)` as strings; nil when `period` is not a valid month.
  public static func monthBounds(_ period: String) -> (lower: String, upper: String)? {
    let parts = period.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
    else { return nil }
    let next = month == 12 ? String(format: "%04d-01", year + 1) : String(format: "%04d-%02d", year, month + 1)
    return (period, next)
  }

  /// The ISO week of a `YYYY-MM-DD` day, as `YYYY-Www` (weeks start on Monday; week 1 holds
  /// the year's first Thursday).
  public static func isoWeek(_ day: String) -> String? {
    let parts = day.prefix(10).split(separator: "-")
    guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      Timestamp.isValidDate(year: y, month: m, day: d)
    else { return nil }
    let weekday = isoWeekday(y, m, d)
    let ordinal = dayOfYear(y, m, d)
    var week = (ordinal - weekday + 10) / 7
    var year = y
    if week < 1 {
      year -= 1
      week = weeksIn(isoYear: year)
    } else if week > weeksIn(isoYear: y) {
      year += 1
      week = 1
    }
    return String(format: "%04d-W%02d", year, week)
  }

  static func dayOfYear(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][m - 1]
    return before + d + (leap && m > 2 ? 1 : 0)
  }

  /// 1 = Monday … 7 = Sunday (Sakamoto's method).
  static func isoWeekday(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    let yy = m < 3 ? y - 1 : y
    let sunday0 = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7
    return sunday0 == 0 ? 7 : sunday0
  }

}
