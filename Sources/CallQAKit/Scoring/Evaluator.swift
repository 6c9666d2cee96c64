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
    // Items whose condition (or their section's) does not hold are N/A whatever they carry.
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    func answer(_ item: ScorecardItem) throws -> Answer {
      if states[item.key]?.isSkipped == true { return .notApplicable }
      guard let answer = answers[item.key] else { throw CallQAError(.errItemHasNo, item.key) }
      return answer
    }
    // Pass 1: section sums over applicable items; a bonus item's points are not possible points.
    struct Sums { var earned = 0.0, points = 0.0, bonus = 0.0, criticalFailed = false }
    var sums: [Sums] = []
    var evaluationCritical = false
    for section in scorecard.sections {
      var s = Sums()
      for item in section.items {
        let answer = try answer(item)
        guard let earned = earned(item, answer) else { continue }
        if item.isBonus {
          s.bonus += earned
          continue
        }
        s.earned += earned
        s.points += item.points
        if answer == .no {
          if item.critical == .section { s.criticalFailed = true }
          if item.critical == .evaluation { evaluationCritical = true }
        }
      }
      sums.append(s)
    }
    // Pass 2: section scores and weights. A section's bonus counts only where its ordinary
    // items apply (there is nothing to add it to otherwise).
    var sections: [SectionResult] = []
    var weightSum = 0.0, rawNumerator = 0.0, finalNumerator = 0.0, baseNumerator = 0.0
    for (section, s) in zip(scorecard.sections, sums) {
      guard s.points > 0 else {
        sections.append(SectionResult(key: section.key, rawScore: nil, score: nil, weight: 0, applicable: false, criticalFailed: false))
        continue
      }
      let base = 100 * s.earned / s.points
      let raw = s.bonus > 0 ? 100 * (s.earned + s.bonus) / s.points : base
      let shown = s.criticalFailed ? 0 : raw
      let weight = section.weight ?? s.points
      weightSum += weight
      rawNumerator += weight * raw
      finalNumerator += weight * shown
      baseNumerator += weight * base
      sections.append(SectionResult(key: section.key, rawScore: raw, score: shown, weight: weight, applicable: true, criticalFailed: s.criticalFailed))
    }
    guard weightSum > 0 else {
      throw CallQAError(.errEveryItemWas)
    }
    var rawScore = rawNumerator / weightSum
    var finalScore = evaluationCritical ? 0 : finalNumerator / weightSum
    var bonus = 0.0
    var baseScore = rawScore
    if scorecard.hasBonus {
      // Bonus points lift raw and final above the ordinary score, up to max_score.
      let cap = scorecard.maxScore ?? 100
      baseScore = baseNumerator / weightSum
      bonus = rawScore - baseScore
      rawScore = min(cap, rawScore)
      finalScore = min(cap, finalScore)
    }
    // Pass 3: per-item impact (SPEC §3.4), from the raw (pre-critical) math. A bonus item
    // loses nothing: its impact is 0 whatever it earned.
    var items: [ItemResult] = []
    for ((section, s), result) in zip(zip(scorecard.sections, sums), sections) {
      for item in section.items {
        let answer = try answer(item)
        var gained = earned(item, answer)
        if !result.applicable, item.isBonus { gained = nil }
        let impact = item.isBonus ? 0 : gained.map { (result.weight / weightSum) * 100 * (item.points - $0) / s.points } ?? 0
        let failed = item.critical != .none && answer == .no
        var itemResult = ItemResult(
          key: item.key, section: section.key, answer: answer, earned: gained, points: item.points,
          impact: impact, critical: item.critical, criticalFailed: failed, note: notes[item.key])
        itemResult.skipped = states[item.key]?.isSkipped == true
        items.append(itemResult)
      }
    }
    return EvaluationResult(
      rawScore: rawScore, finalScore: finalScore, criticalFailed: evaluationCritical,
      passed: finalScore + thresholdTolerance >= scorecard.passScore,
      band: band(for: finalScore, in: scorecard), sections: sections, items: items, baseScore: baseScore, bonus: bonus)
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
