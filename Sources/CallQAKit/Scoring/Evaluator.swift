/// The scoring math of SPEC §3, as pure functions. There is no other implementation:
/// interactive scoring, answer files, imports, revisions and `doctor` all call this.
public enum Evaluator {
  /// Tolerance when comparing a final score with a threshold, so that a score that is
  /// 85 in exact arithmetic but 84.99999999999999 in binary floating point still passes.
  /// It is a comparison tolerance only; no score is ever rounded.
  public static let thresholdTolerance = 1e-9

  /// Scores a complete answer set against `scorecard`.
  ///
  /// - Throws: ``CallQAError`` when an item has no answer or every item is N/A.
  public static func evaluate(
    _ scorecard: Scorecard, answers: [String: Answer], notes: [String: String] = [:]
  ) throws -> EvaluationResult {
    func answer(_ item: ScorecardItem) throws -> Answer {
      guard let answer = answers[item.key] else { throw CallQAError("item '\(item.key)' has no answer") }
      return answer
    }
    // Pass 1: section sums over applicable items.
    struct Sums { var earned = 0.0, points = 0.0, criticalFailed = false }
    var sums: [Sums] = []
    var evaluationCritical = false
    for section in scorecard.sections {
      var s = Sums()
      for item in section.items {
        let answer = try answer(item)
        guard let earned = earned(item, answer) else { continue }
        s.earned += earned
        s.points += item.points
        if answer == .no {
          if item.critical == .section { s.criticalFailed = true }
          if item.critical == .evaluation { evaluationCritical = true }
        }
      }
      sums.append(s)
    }
    // Pass 2: section scores and weights.
    var sections: [SectionResult] = []
    var weightSum = 0.0, rawNumerator = 0.0, finalNumerator = 0.0
    for (section, s) in zip(scorecard.sections, sums) {
      guard s.points > 0 else {
        sections.append(SectionResult(key: section.key, rawScore: nil, score: nil, weight: 0, applicable: false, criticalFailed: false))
        continue
      }
      let raw = 100 * s.earned / s.points
      let shown = s.criticalFailed ? 0 : raw
      let weight = section.weight ?? s.points
      weightSum += weight
      rawNumerator += weight * raw
      finalNumerator += weight * shown
      sections.append(SectionResult(key: section.key, rawScore: raw, score: shown, weight: weight, applicable: true, criticalFailed: s.criticalFailed))
    }
    guard weightSum > 0 else {
      throw CallQAError("every item was answered N/A: there is nothing to score")
    }
    let rawScore = rawNumerator / weightSum
    let finalScore = evaluationCritical ? 0 : finalNumerator / weightSum
    // Pass 3: per-item impact (SPEC §3.4), from the raw (pre-critical) math.
    var items: [ItemResult] = []
    for ((section, s), result) in zip(zip(scorecard.sections, sums), sections) {
      for item in section.items {
        let answer = try answer(item)
        let gained = earned(item, answer)
        let impact = gained.map { (result.weight / weightSum) * 100 * (item.points - $0) / s.points } ?? 0
        let failed = item.critical != .none && answer == .no
        items.append(
          ItemResult(
            key: item.key, section: section.key, answer: answer, earned: gained, points: item.points,
            impact: impact, critical: item.critical, criticalFailed: failed, note: notes[item.key]))
      }
    }
    return EvaluationResult(
      rawScore: rawScore, finalScore: finalScore, criticalFailed: evaluationCritical,
      passed: finalScore + thresholdTolerance >= scorecard.passScore,
      band: band(for: finalScore, in: scorecard), sections: sections, items: items)
  }

  /// Points earned on one item (SPEC §3.1); nil when N/A.
  public static func earned(_ item: ScorecardItem, _ answer: Answer) -> Double? {
    switch answer {
    case .notApplicable: return nil
    case .yes: return item.points
    case .no: return 0
    case .level(let score): return score
    case .count(let n): return max(0, item.points - Double(n) * (item.deduct ?? 0))
    }
  }

  /// The first band (highest first) whose minimum the final score reaches.
  public static func band(for finalScore: Double, in scorecard: Scorecard) -> String? {
    scorecard.bands.first { finalScore + thresholdTolerance >= $0.min }?.label.resolve("en")
  }
}
