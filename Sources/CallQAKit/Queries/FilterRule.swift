/// The one rule for the numbers and ranges a list or report is asked for, beside
/// ``FilterNames`` for the names: a count of rows is at least 1, an offset at least 0, a date
/// range runs forwards, a weight or number of points is a finite number of sensible size.
/// Each is refused with one line naming the value, instead of an empty or absurd result.
public enum FilterRule {
  /// The largest weight or number of points a rule accepts (either sign).
  public static let maximumWeight = 1_000_000.0

  /// A count of rows to show (`top`, `limit`): nil (all) or at least 1.
  public static func count(_ value: Int?, _ name: String) throws {
    if let value, value < 1 { throw CallQAError(.errMustLeast, name, value) }
  }

  /// Rows to skip: 0 or more.
  public static func offset(_ value: Int, _ name: String) throws {
    if value < 0 { throw CallQAError(.errMustMore, name, value) }
  }

  /// First and last days (`YYYY-MM-DD`, already checked): the first not after the last.
  public static func range(from: String?, to: String?) throws {
    if let from, let to, from > to { throw CallQAError(.errFromAfterNothing, from, to) }
  }

  /// A weight or number of points: finite and at most ``maximumWeight`` either way.
  public static func weight(_ value: Double, _ name: String) throws {
    guard value.isFinite, abs(value) <= maximumWeight else {
      throw CallQAError(.errMustNumberBetween, name, Int(maximumWeight), value)
    }
  }
}
