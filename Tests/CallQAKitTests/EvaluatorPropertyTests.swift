import Testing

@testable import CallQAKit

/// Random scorecards and answer sets for property tests.
enum RandomCards {
  static func card(_ rng: inout SplitMix64, weighted: Bool) -> Scorecard {
    var sections: [ScorecardSection] = []
    var counter = 0
    for s in 0..<Int.random(in: 1...5, using: &rng) {
      var items: [ScorecardItem] = []
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        counter += 1
        let points = Double(Int.random(in: 1...20, using: &rng))
        let na = Bool.random(using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
          let critical: CriticalLevel = [.none, .none, .section, .evaluation].randomElement(using: &rng) ?? .none
          items.append(Cards.yesno("i\(counter)", points, na: na, critical: critical))
        case 1:
          let levels = Set([points, 0] + (0..<3).map { _ in Double(Int.random(in: 0...Int(points), using: &rng)) })
          items.append(Cards.scale("i\(counter)", points, levels: levels.sorted(by: >), na: na))
        case 2:
          items.append(Cards.deduction("i\(counter)", points, deduct: Double(Int.random(in: 1...5, using: &rng)), na: na))
        default:
          items.append(Cards.yesno("i\(counter)", points, na: na))
        }
      }
      sections.append(Cards.section("s\(s)", weight: weighted ? Double(Int.random(in: 1...40, using: &rng)) : nil, items))
    }
    return Cards.card(sections)
  }

  static func answer(_ item: ScorecardItem, _ rng: inout SplitMix64) -> Answer {
    if item.na && Int.random(in: 0..<4, using: &rng) == 0 { return .notApplicable }
    switch item.type {
    case .yesno: return Bool.random(using: &rng) ? .yes : .no
    case .scale: return .level(item.levels.randomElement(using: &rng)?.score ?? item.points)
    case .deduction: return .count(Int.random(in: 0...8, using: &rng))
    }
  }

  static func fullMarks(_ item: ScorecardItem) -> Answer {
    switch item.type {
    case .yesno: return .yes
    case .scale: return .level(item.points)
    case .deduction: return .count(0)
    }
  }
}

@Suite("Evaluator invariants over 4,000 random scorecards (seeded)")
struct EvaluatorPropertyTests {
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func invariants(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<1000 {
      let card = RandomCards.card(&rng, weighted: Bool.random(using: &rng))
      var answers: [String: Answer] = [:]
      for (_, item) in card.allItems { answers[item.key] = RandomCards.answer(item, &rng) }
      guard let result = try? Evaluator.evaluate(card, answers: answers) else {
        // Only legitimate failure: every item N/A.
        #expect(answers.values.allSatisfy { $0 == .notApplicable })
        continue
      }
      #expect(result.rawScore >= -1e-9 && result.rawScore <= 100 + 1e-9, "0 ≤ raw ≤ 100 (seed \(seed))")
      #expect(result.finalScore <= result.rawScore + 1e-9, "critical rules only lower the score")
      let impact = result.items.map(\.impact).reduce(0, +)
      #expect(abs(impact - (100 - result.rawScore)) < 1e-7, "Σ impact = 100 − raw (seed \(seed))")
      let evaluationCritical = card.allItems.contains { $0.item.critical == .evaluation && answers[$0.item.key] == .no }
      if evaluationCritical {
        #expect(result.finalScore == 0 && result.criticalFailed, "evaluation-level critical failure → 0")
      } else {
        #expect(!result.criticalFailed)
      }
    }
  }

  @Test("with bonus items and conditions: 0 ≤ raw ≤ max_score, Σ impact = 100 − base, skipped items are N/A", arguments: [UInt64(11), 12])
  func bonusAndConditionInvariants(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<1000 {
      var card = RandomCards.card(&rng, weighted: Bool.random(using: &rng))
      card.maxScore = [nil, 100, 110, 150].randomElement(using: &rng) ?? nil
      var earlier: [ScorecardItem] = []
      for s in card.sections.indices {
        for i in card.sections[s].items.indices {
          var item = card.sections[s].items[i]
          // Some items become bonus items (never the only ordinary item of a section); some
          // get a condition on an earlier yes/no item.
          if item.type != .deduction, item.critical == .none, i > 0, Int.random(in: 0..<4, using: &rng) == 0 { item.bonus = true }
          if let earlierYesNo = earlier.filter({ $0.type == .yesno }).randomElement(using: &rng), Int.random(in: 0..<3, using: &rng) == 0 {
            item.when = Bool.random(using: &rng) ? .equals(item: earlierYesNo.key, value: "yes") : .not(.equals(item: earlierYesNo.key, value: "no"))
          }
          card.sections[s].items[i] = item
          earlier.append(item)
        }
      }
      var answers: [String: Answer] = [:]
      for (_, item) in card.allItems { answers[item.key] = RandomCards.answer(item, &rng) }
      guard let result = try? Evaluator.evaluate(card, answers: answers) else { continue }
      let cap = card.maxScore ?? 100
      #expect(result.rawScore >= -1e-9 && result.rawScore <= cap + 1e-9, "0 ≤ raw ≤ max (seed \(seed))")
      #expect(result.finalScore <= result.rawScore + 1e-9)
      #expect(result.bonus >= -1e-9)
      #expect(abs(result.rawScore - min(cap, result.baseScore + result.bonus)) < 1e-7, "raw = min(max, base + bonus)")
      let impact = result.items.map(\.impact).reduce(0, +)
      #expect(abs(impact - (100 - result.baseScore)) < 1e-7, "Σ impact = 100 − base (seed \(seed))")
      let states = card.itemStates(answers)
      for item in result.items {
        if states[item.key]?.isSkipped == true { #expect(item.skipped && item.earned == nil && item.impact == 0) }
        if card.item(item.key)?.isBonus == true { #expect(item.impact == 0) }
      }
    }
  }

  @Test("answering N/A on an item, with full marks elsewhere, never lowers the score")
  func naNeverLowers() throws {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<1000 {
      let card = RandomCards.card(&rng, weighted: Bool.random(using: &rng))
      let all = card.allItems
      guard all.count >= 2, let target = all.randomElement(using: &rng)?.item else { continue }
      var answers: [String: Answer] = [:]
      for (_, item) in all { answers[item.key] = RandomCards.fullMarks(item) }
      answers[target.key] = RandomCards.answer(target, &rng)
      var withNA = answers
      withNA[target.key] = .notApplicable
      let scored = try Evaluator.evaluate(card, answers: answers)
      let naScored = try Evaluator.evaluate(card, answers: withNA)
      #expect(naScored.rawScore + 1e-9 >= scored.rawScore)
      #expect(naScored.finalScore + 1e-9 >= scored.finalScore)
    }
  }
}
