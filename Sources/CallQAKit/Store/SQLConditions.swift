import GRDB

/// A WHERE clause built filter by filter, with its arguments (parameterised SQL only).
///
/// Knows the aliases the list queries share: `s` for scorecards and `c` for calls.
struct SQLConditions {
  private(set) var conditions: [String] = []
  private(set) var arguments: [any DatabaseValueConvertible] = []

  /// Adds `condition` (with `?` placeholders) when `value` is not nil.
  mutating func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
    guard let value else { return }
    conditions.append(condition)
    arguments.append(value)
  }

  /// `KEY` or `KEY@VERSION` on the scorecards alias `s`.
  mutating func addScorecard(_ reference: String?) throws {
    guard let reference else { return }
    let (key, version) = try QADatabase.parseReference(reference)
    add("s.key = ?", key)
    add("s.version = ?", version)
  }

  /// The call's local date (`YYYY-MM-DD`, inclusive bounds) on the calls alias `c`.
  mutating func addCallDates(from: String?, to: String?) {
    add("substr(c.started_at, 1, 10) >= ?", from)
    add("substr(c.started_at, 1, 10) <= ?", to)
  }

  /// `WHERE …` or nothing.
  var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

  var statementArguments: StatementArguments { StatementArguments(arguments) }
}
