extension EvaluationDetail {
  /// This detail with the scores ``Evaluator`` computes from `sheet` on `scorecard` filled in:
  /// what a draft or a revision would be if submitted now. `proposals` (item → the answer
  /// auto-QA proposed) marks overridden items. Nothing is written.
  public func rescored(_ scorecard: Scorecard, sheet: AnswerSheet, proposals: [String: String] = [:]) throws -> EvaluationDetail {
    var detail = self
    let result = try Evaluator.evaluate(scorecard, answers: sheet.answers, notes: sheet.notes)
    detail.rawScore = result.rawScore
    detail.finalScore = result.finalScore
    detail.criticalFailed = result.criticalFailed
    detail.passed = result.passed
    detail.band = result.band
    detail.comment = sheet.comment
    detail.sections = result.sections.map { .init(key: $0.key, score: $0.score, weight: $0.weight, applicable: $0.applicable) }
    detail.items = result.items.map { item in
      let proposed = proposals[item.key]
      return .init(
        key: item.key, section: item.section, answer: item.answer.text, earned: item.earned, points: item.points,
        na: item.isNotApplicable, impact: item.impact, note: item.note, proposed: proposed,
        overridden: proposed.map { $0 != item.answer.text }, causes: sheet.causes[item.key])
    }
    return detail
  }
}
