import GRDB

/// A WHERE clause built filter by filter, with its arguments (parameterised SQL only).
///
/// Knows the aliases the list queries share: `s` for scorecards, `c` for calls and `e` for
/// evaluations.
struct SQLConditions {
  private(set) var conditions: [String] = []
  private(set) var arguments: [SQLValue] = []

  /// Adds `condition` (with `?` placeholders) when `value` is not nil.
  mutating func add(_ condition: String, _ value: (any SQLValueConvertible)?) {
    guard let value else { return }
    conditions.append(condition)
    arguments.append(value.sqlValue)
  }

  /// Adds `condition` with one argument per `?` placeholder, in order.
  mutating func add(_ condition: String, arguments values: [any SQLValueConvertible] = []) {
    conditions.append(condition)
    arguments += values.map(\.sqlValue)
  }

  /// Adds `condition` (without placeholders) when `isOn`.
  mutating func add(_ condition: String, when isOn: Bool) {
    if isOn { conditions.append(condition) }
  }

  /// `KEY` or `KEY@VERSION` on the scorecards alias `s`.
  mutating func addScorecard(_ reference: String?) throws {
    guard let reference else { return }
    let (key, version) = try QADatabase.parseReference(reference)
    add("s.key = ?", key)
    add("s.version = ?", version)
  }

  /// `KEY` or `KEY@VERSION` as a condition on the evaluations alias `e` alone, so that the
  /// scorecards table never becomes an outer loop of the query (which would lose the order
  /// of the calls index).
  mutating func addEvaluationScorecard(_ reference: String?) throws {
    guard let reference else { return }
    let (key, version) = try QADatabase.parseReference(reference)
    if let version {
      add("e.scorecard_id IN (SELECT id FROM scorecards WHERE key = ? AND version = ?)", arguments: [key, version])
    } else {
      add("e.scorecard_id IN (SELECT id FROM scorecards WHERE key = ?)", key)
    }
  }

  /// The call's local date (`YYYY-MM-DD`, inclusive bounds; `period` a month `YYYY-MM`) on
  /// the calls alias `c`, as a range on `started_at` that the `calls_started` and
  /// `calls_agent` indexes can search (see ``ReportFilter/startedAtBounds``).
  mutating func addCallDates(from: String?, to: String?, period: String? = nil) {
    let (lower, upper) = ReportFilter.startedAtBounds(from: from, to: to, period: period)
    add("c.started_at >= ?", lower)
    add("c.started_at < ?", upper)
  }

  /// Only evaluations that count in reports: submitted or disputed, monitoring or test-call
  /// (``QADatabase/countedEvaluation``, on the evaluations alias `e`).
  mutating func addCounted() {
    add(QADatabase.countedEvaluation)
  }

  /// `WHERE …` or nothing.
  var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }

  /// The arguments for GRDB (the use cases still written against it).
  var statementArguments: StatementArguments { StatementArguments(arguments) }
}
