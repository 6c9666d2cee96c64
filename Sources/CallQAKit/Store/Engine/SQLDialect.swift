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
}
