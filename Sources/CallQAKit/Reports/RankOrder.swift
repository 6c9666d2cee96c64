/// Ordering by figures that are sums of doubles: two figures within rounding (relative 1e-9)
/// are a tie, broken by the caller's next key, so a report ranks alike whatever order its sums
/// were added in (the detail rows or the report summaries).
enum RankOrder {
  /// True when `a` and `b` are the same figure to rounding.
  static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }
}
