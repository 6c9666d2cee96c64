/// Which evaluations count in reports, coverage, coaching and the quality index — the one
/// definition, as SQL over the evaluations alias `e`.
///
/// Submitted and disputed evaluations count (a dispute leaves the score standing until it is
/// resolved); drafts and evaluations replaced by a revision never do; calibration
/// evaluations are for comparing inspectors, never for judging agents.
public enum CountedEvaluation {
  /// The statuses that count: `e.status IN ('submitted', 'disputed')`.
  public static let status = "e.status IN ('submitted', 'disputed')"
  /// The kinds that count: `e.kind IN ('monitoring', 'test-call')`.
  public static let kind = "e.kind IN ('monitoring', 'test-call')"
  /// Both: what every manager report counts.
  public static let condition = "\(status) AND \(kind)"
}
