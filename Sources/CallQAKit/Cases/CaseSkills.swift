/// The rules that pick a case's skills when the tagger names none, and that explain why a
/// call is a case.
public enum CaseSkills {
  /// How many items a cautionary case teaches by default.
  public static let cautionaryCount = 3

  /// Default skills of a case on `detail`:
  /// - exemplary: every applicable item that earned full marks, in scorecard order;
  /// - cautionary: the items that lost most points (largest impact first, critical failures
  ///   before everything else), at most ``cautionaryCount``.
  public static func defaults(for detail: EvaluationDetail, kind: CaseKind, scorecard: Scorecard) -> [String] {
    let applicable = detail.items.filter { !$0.na && $0.earned != nil }
    switch kind {
    case .exemplary:
      return applicable.filter { ($0.earned ?? 0) >= $0.points }.map(\.key)
    case .cautionary:
      let losing = applicable.enumerated().filter { ($0.element.impact ?? 0) > 0 || isCriticalMiss($0.element, scorecard) }
      let ordered = losing.sorted { a, b in
        let (ca, cb) = (isCriticalMiss(a.element, scorecard), isCriticalMiss(b.element, scorecard))
        if ca != cb { return ca }
        let (ia, ib) = (a.element.impact ?? 0, b.element.impact ?? 0)
        if ia != ib { return ia > ib }
        return a.offset < b.offset
      }
      return ordered.prefix(cautionaryCount).map(\.element.key)
    }
  }

  /// Why `detail` looks wrong as a `kind` case, or nil when it fits:
  /// - exemplary: the final score is below the scorecard's `exemplary_score` (the line
  ///   ``QADatabase/caseSuggestions(period:)`` and the scoring prompt use to suggest a case);
  /// - cautionary: no applicable item lost points and no critical item was missed.
  ///
  /// ``QADatabase/tagCase(evaluationId:title:kind:level:skills:clip:note:force:actor:)`` refuses
  /// such a case unless forced.
  public static func concern(for detail: EvaluationDetail, kind: CaseKind, scorecard: Scorecard) -> String? {
    switch kind {
    case .exemplary:
      guard let final = detail.finalScore else { return "evaluation \(detail.id) has no final score" }
      guard final + Evaluator.thresholdTolerance < scorecard.exemplaryScore else { return nil }
      return "evaluation \(detail.id) scores \(ScoreFormat.score(final)), below the exemplary score "
        + "\(ScoreFormat.plain(scorecard.exemplaryScore)) of \(scorecard.reference)"
    case .cautionary:
      let lost = detail.items.contains { !$0.na && (($0.impact ?? 0) > 0 || isCriticalMiss($0, scorecard)) }
      guard !lost else { return nil }
      return "evaluation \(detail.id) lost no points (final \(ScoreFormat.score(detail.finalScore))), so it shows nothing to avoid"
    }
  }

  /// True when the item is a critical yes/no item answered "no".
  public static func isCriticalMiss(_ item: EvaluationDetail.Item, _ scorecard: Scorecard) -> Bool {
    guard let definition = scorecard.item(item.key) else { return false }
    return definition.critical != .none && item.answer == "no"
  }
}
