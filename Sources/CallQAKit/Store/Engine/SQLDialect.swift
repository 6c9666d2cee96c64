/// The few spellings in which the two engines' SQL differs, for the report queries written
/// once for both. Everything else they share (``SQLSession``).
extension StoreEngineKind {
  /// The floating-point sum of `expression`, 0.0 over no rows (SQLite's `total()`;
  /// PostgreSQL's `sum` of an integer column is `numeric`, so it is cast).
  func total(_ expression: String) -> String {
    switch self {
    case .sqlite: return "total(\(expression))"
    case .postgresql: return "CAST(coalesce(sum(\(expression)), 0) AS DOUBLE PRECISION)"
    }
  }

  /// The join that keeps the calls-first order of a date-bounded report query: SQLite's
  /// planner takes `CROSS JOIN` as an order to follow; PostgreSQL's plans on statistics (and
  /// has no `CROSS JOIN … ON`).
  var orderedJoin: String {
    switch self {
    case .sqlite: return "CROSS JOIN"
    case .postgresql: return "JOIN"
    }
  }

  /// The comparison that is true when both sides are NULL too (SQLite's `IS`; PostgreSQL's
  /// `IS` takes only `NULL`, `TRUE` and `FALSE` on its right).
  var nullSafeEquals: String {
    switch self {
    case .sqlite: return "IS"
    case .postgresql: return "IS NOT DISTINCT FROM"
    }
  }

  /// SQLite's `INDEXED BY name` after a table (the index a list walks, whatever the file's
  /// statistics say); nothing on PostgreSQL, which takes no hints.
  func indexedBy(_ index: String) -> String {
    switch self {
    case .sqlite: return " INDEXED BY \(index)"
    case .postgresql: return ""
    }
  }

  /// The condition that the JSON array of strings in `column` (a text column) holds the
  /// one argument `?`.
  func jsonArrayContains(_ column: String) -> String {
    "EXISTS (SELECT 1 FROM \(jsonArrayElements(column, as: "element")) WHERE element.value = ?)"
  }

  /// The strings of the JSON array in `column` as a table `alias` with one column `value`
  /// (SQLite's `json_each`, which reads text that is not JSON as no elements;
  /// PostgreSQL's `jsonb_array_elements_text`).
  func jsonArrayElements(_ column: String, as alias: String) -> String {
    switch self {
    case .sqlite: return "json_each(CASE WHEN json_valid(\(column)) THEN \(column) ELSE '[]' END) AS \(alias)"
    case .postgresql: return "jsonb_array_elements_text(CAST(\(column) AS jsonb)) AS \(alias)(value)"
    }
  }
}
