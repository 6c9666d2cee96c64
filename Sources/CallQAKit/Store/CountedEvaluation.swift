/// Which evaluations count in reports, coverage, coaching and the quality index — the one
/// definition, as SQL over the evaluations alias `e`.
///
/// Submitted and disputed evaluations count (a dispute leaves the score standing until it is
/// resolved); drafts and evaluations replaced by a revision never do; calibration
/// evaluations are for comparing inspectors, never for judging agents; a second opinion
/// (`second_opinion_of`) never counts: the first opinion is the one the agent was shown and
/// can dispute, so only a dispute changes an agent's score.
public enum CountedEvaluation {
  /// The standing that counts: `e.status IN ('submitted', 'disputed')`, and a first opinion.
  public static let status = "e.status IN ('submitted', 'disputed') AND e.second_opinion_of IS NULL"
  /// The kinds that count: `e.kind IN ('monitoring', 'test-call')`.
  public static let kind = "e.kind IN ('monitoring', 'test-call')"
  /// Both: what every manager report counts.
  public static let condition = "\(status) AND \(kind)"
}
