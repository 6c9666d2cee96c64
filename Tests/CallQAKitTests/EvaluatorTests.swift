import Testing

@testable import CallQAKit

/// Builders for small hand-made scorecards whose scores can be computed by hand.
enum Cards {
  static func yesno(_ key: String, _ points: Double, na: Bool = false, critical: CriticalLevel = .none) -> ScorecardItem {
    ScorecardItem(key: key, title: LocalizedText(key), type: .yesno, points: points, na: na, critical: critical)
  }

  static func scale(_ key: String, _ points: Double, levels: [Double], na: Bool = false) -> ScorecardItem {
    ScorecardItem(
      key: key, title: LocalizedText(key), type: .scale, points: points, na: na,
      levels: levels.map { ScaleLevel(score: $0, label: LocalizedText("L\($0)")) })
  }

  static func deduction(_ key: String, _ points: Double, deduct: Double, na: Bool = false) -> ScorecardItem {
    ScorecardItem(key: key, title: LocalizedText(key), type: .deduction, points: points, na: na, deduct: deduct)
  }

  static func card(_ sections: [ScorecardSection], pass: Double = 85, bands: [GradeBand] = []) -> Scorecard {
    Scorecard(key: "t", version: 1, title: LocalizedText("T"), passScore: pass, exemplaryScore: 95, bands: bands, sections: sections)
  }

  static func section(_ key: String, weight: Double? = nil, _ items: [ScorecardItem]) -> ScorecardSection {
    ScorecardSection(key: key, title: LocalizedText(key), weight: weight, items: items)
  }
}

@Suite("Evaluator: SPEC §3 pinned with hand-computed numbers")
struct EvaluatorTests {
  func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) < tolerance
  }

  @Test("3.1 item rules: yes/no, scale level, deduction floored at 0")
  func itemRules() {
    let yes = Cards.yesno("a", 5)
    #expect(Evaluator.earned(yes, .yes) == 5)
    #expect(Evaluator.earned(yes, .no) == 0)
    #expect(Evaluator.earned(yes, .notApplicable) == nil)
    let scale = Cards.scale("b", 10, levels: [10, 5, 0])
    #expect(Evaluator.earned(scale, .level(5)) == 5)
    let deduction = Cards.deduction("c", 10, deduct: 2)
    #expect(Evaluator.earned(deduction, .count(0)) == 10)
    #expect(Evaluator.earned(deduction, .count(3)) == 4)
    #expect(Evaluator.earned(deduction, .count(5)) == 0)
    #expect(Evaluator.earned(deduction, .count(9)) == 0, "floors at 0, never negative")
  }

  @Test("3.2 N/A items leave their section; the section renormalises")
  func naRenormalisation() throws {
    // One section: a 5/5, b N/A (10 pts), c 0/5 → 5/10 = 50, not 5/20.
    let card = Cards.card([Cards.section("s", [Cards.yesno("a", 5), Cards.yesno("b", 10, na: true), Cards.yesno("c", 5)])])
    let result = try Evaluator.evaluate(card, answers: ["a": .yes, "b": .notApplicable, "c": .no])
    #expect(close(result.sections[0].score, 50))
    #expect(close(result.rawScore, 50))
    #expect(result.items[1].earned == nil && result.items[1].impact == 0)
  }

  @Test("3.3 default weights are the applicable points: total = Σ earned / Σ points")
  func defaultWeights() throws {
    // s1: 8/10 (80), s2: 3/5 with a 5-pt N/A item dropping out (60). Σ earned / Σ points = 11/15.
    let card = Cards.card([
      Cards.section("s1", [Cards.scale("a", 10, levels: [10, 8, 0])]),
      Cards.section("s2", [Cards.deduction("b", 5, deduct: 1), Cards.yesno("c", 5, na: true)]),
    ])
    let result = try Evaluator.evaluate(card, answers: ["a": .level(8), "b": .count(2), "c": .notApplicable])
    #expect(result.sections.map(\.weight) == [10, 5])
    #expect(close(result.rawScore, 100.0 * 11 / 15))
  }

  @Test("3.3 given weights; an all-N/A section drops out with its weight")
  func givenWeightsAndAllNASection() throws {
    // s1 (w 60): 50; s2 (w 30): 100; s3 (w 10): all N/A → raw = (60·50 + 30·100) / 90 = 66.67
    let card = Cards.card([
      Cards.section("s1", weight: 60, [Cards.yesno("a", 5), Cards.yesno("b", 5)]),
      Cards.section("s2", weight: 30, [Cards.yesno("c", 5)]),
      Cards.section("s3", weight: 10, [Cards.yesno("d", 5, na: true)]),
    ])
    let result = try Evaluator.evaluate(card, answers: ["a": .yes, "b": .no, "c": .yes, "d": .notApplicable])
    #expect(close(result.rawScore, 6000.0 / 90))
    #expect(result.sections[2].applicable == false && result.sections[2].score == nil && result.sections[2].weight == 0)
    // impact of b = (60/90)·100·5/10 = 33.33; Σ impact = 100 − raw
    #expect(close(result.items[1].impact, 100.0 * 60 / 90 * 0.5))
    #expect(close(result.items.map(\.impact).reduce(0, +), 100 - result.rawScore))
  }

  @Test("3.3 no applicable section at all is an error, not a zero")
  func nothingApplicable() {
    let card = Cards.card([Cards.section("s", [Cards.yesno("a", 5, na: true)])])
    #expect(throws: CallQAError.self) { try Evaluator.evaluate(card, answers: ["a": .notApplicable]) }
  }

  @Test("a missing answer is an error")
  func missingAnswer() {
    let card = Cards.card([Cards.section("s", [Cards.yesno("a", 5), Cards.yesno("b", 5)])])
    #expect(throws: CallQAError("item 'b' has no answer")) { try Evaluator.evaluate(card, answers: ["a": .yes]) }
  }

  @Test("critical: section zeroes its section and the total is recomputed; raw keeps the pre-critical math")
  func sectionCritical() throws {
    // s1 (w 50): a yes 5, k critical:section no → raw 50, shown 0; s2 (w 50): 100.
    let card = Cards.card([
      Cards.section("s1", weight: 50, [Cards.yesno("a", 5), Cards.yesno("k", 5, critical: .section)]),
      Cards.section("s2", weight: 50, [Cards.yesno("c", 5)]),
    ])
    let result = try Evaluator.evaluate(card, answers: ["a": .yes, "k": .no, "c": .yes])
    #expect(close(result.rawScore, 75))
    #expect(close(result.finalScore, 50))
    #expect(result.criticalFailed == false)
    #expect(result.sections[0].score == 0 && close(result.sections[0].rawScore, 50) && result.sections[0].criticalFailed)
    #expect(result.items[1].criticalFailed)
    #expect(close(result.items.map(\.impact).reduce(0, +), 100 - result.rawScore), "impact from raw, before critical rules")
    #expect(result.passed == false)
  }

  @Test("critical: evaluation gives final 0 and critical_failed")
  func evaluationCritical() throws {
    let card = Cards.card([
      Cards.section("s1", [Cards.yesno("a", 5), Cards.yesno("k", 5, critical: .evaluation)])
    ])
    let result = try Evaluator.evaluate(card, answers: ["a": .yes, "k": .no])
    #expect(close(result.rawScore, 50))
    #expect(result.finalScore == 0)
    #expect(result.criticalFailed)
    #expect(result.passed == false)
    // A critical item answered yes changes nothing.
    let fine = try Evaluator.evaluate(card, answers: ["a": .yes, "k": .yes])
    #expect(fine.finalScore == 100 && !fine.criticalFailed)
  }

  @Test("critical item answered N/A is not a failure")
  func criticalNA() throws {
    let card = Cards.card([Cards.section("s", [Cards.yesno("a", 5), Cards.yesno("k", 5, na: true, critical: .evaluation)])])
    let result = try Evaluator.evaluate(card, answers: ["a": .yes, "k": .notApplicable])
    #expect(result.finalScore == 100 && !result.criticalFailed)
  }

  @Test("pass at exactly pass_score; bands: first band with final ≥ min")
  func passAndBands() throws {
    let bands = [
      GradeBand(min: 95, label: LocalizedText(values: ["en": "Excellent", "zh": "优秀"])),
      GradeBand(min: 85, label: LocalizedText(values: ["en": "Good", "zh": "良好"])),
      GradeBand(min: 60, label: LocalizedText("Fair")),
    ]
    // 17/20 = 85 exactly → passes, band Good.
    let card = Cards.card([Cards.section("s", [Cards.scale("a", 20, levels: [20, 17, 11, 0])])], pass: 85, bands: bands)
    let r85 = try Evaluator.evaluate(card, answers: ["a": .level(17)])
    #expect(r85.finalScore == 85 && r85.passed && r85.band == "Good")
    let r100 = try Evaluator.evaluate(card, answers: ["a": .level(20)])
    #expect(r100.band == "Excellent")
    let r55 = try Evaluator.evaluate(card, answers: ["a": .level(11)])
    #expect(r55.finalScore == 55 && !r55.passed && r55.band == nil, "below every band: no band")
  }

  @Test("a score that is the pass mark in exact arithmetic passes despite binary rounding")
  func passTolerance() throws {
    // Weights 1/3 style: (10·(1/3·100) + 20·(...)) can come out as 84.99999999999999.
    let card = Cards.card(
      [
        Cards.section("s1", weight: 0.1, [Cards.scale("a", 10, levels: [10, 7, 0])]),
        Cards.section("s2", weight: 0.2, [Cards.scale("b", 10, levels: [10, 9.25, 0])]),
      ],
      pass: 85)
    let result = try Evaluator.evaluate(card, answers: ["a": .level(7), "b": .level(9.25)])
    #expect(abs(result.finalScore - 85) < 1e-9)
    #expect(result.passed)
  }
}
