/// The notes under a report that explain its intervals, worded once for every report.
enum IntervalNotes {
  /// `±4.9` / `[low, high]`: the level and the methods of the figures that carry one.
  static func line(_ level: ConfidenceLevel, means: Bool = true, rates: Bool = false, index: Bool = false) -> String {
    var methods: [String] = []
    if means { methods.append("means: t-interval from n, Σx, Σx² (kept inside 0–100)") }
    if index { methods.append("quality index: Welch t-interval of w·M + (1−w)·T, complaint deduction a known constant") }
    if rates { methods.append("rates: Wilson score interval") }
    return "±, [low, high]: \(level) confidence intervals — " + methods.joined(separator: "; ") + "; fewer than 2 evaluations: no interval, shown (n=1)"
  }
}
