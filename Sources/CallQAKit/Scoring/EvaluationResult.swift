/// The scored outcome of one item (SPEC §3.1, §3.4).
public struct ItemResult: Hashable, Sendable {
  public var key: String
  public var section: String
  public var answer: Answer
  /// Points earned; nil when the item is N/A.
  public var earned: Double?
  public var points: Double
  /// Score points this item cost the evaluation (0 when N/A or full marks).
  public var impact: Double
  public var critical: CriticalLevel
  /// True when a critical item was answered "no".
  public var criticalFailed: Bool
  public var note: String?
  /// True when the item was not asked: its condition (or its section's) did not hold. It is N/A.
  public var skipped = false

  public init(
    key: String, section: String, answer: Answer, earned: Double?, points: Double, impact: Double,
    critical: CriticalLevel, criticalFailed: Bool, note: String?
  ) {
    self.key = key
    self.section = section
    self.answer = answer
    self.earned = earned
    self.points = points
    self.impact = impact
    self.critical = critical
    self.criticalFailed = criticalFailed
    self.note = note
  }

  public var isNotApplicable: Bool { answer == .notApplicable }
}

/// The scored outcome of one section (SPEC §3.2).
public struct SectionResult: Hashable, Sendable {
  public var key: String
  /// 100 · Σ earned / Σ points before critical rules; nil when not applicable.
  public var rawScore: Double?
  /// The section's score after a section-level critical failure (0) — what is shown.
  public var score: Double?
  /// The weight this section carried in this evaluation (0 when not applicable).
  public var weight: Double
  public var applicable: Bool
  /// A `critical: section` item in it was answered "no".
  public var criticalFailed: Bool
}

/// The scored outcome of a whole evaluation (SPEC §3.3).
public struct EvaluationResult: Hashable, Sendable {
  /// Σ w·score / Σ w before critical rules.
  public var rawScore: Double
  /// The score after critical rules.
  public var finalScore: Double
  /// A `critical: evaluation` item was answered "no".
  public var criticalFailed: Bool
  public var passed: Bool
  /// The label (in English when it has one) of the first band with final ≥ min, if any.
  public var band: String?
  public var sections: [SectionResult]
  public var items: [ItemResult]
  /// The raw score of the ordinary items alone (bonus items left out, no cap); the raw score
  /// itself without bonus items. Σ impact = 100 − base.
  public var baseScore: Double
  /// Score points bonus items added (0 without bonus items): raw = min(max_score, base + bonus).
  public var bonus: Double = 0

  /// The items that lost the most points, largest impact first.
  public func topLosses(_ count: Int) -> [ItemResult] {
    items.filter { $0.impact > 0 }.sorted { $0.impact > $1.impact }.prefix(count).map { $0 }
  }
}
