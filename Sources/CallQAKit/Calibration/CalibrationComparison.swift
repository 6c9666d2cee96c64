/// One calibration session compared item by item and in total: every inspector against the
/// expert, or against the session mean when the session has no expert.
///
/// Item deviations are in earned points (an N/A on either side has none); the total deviation is
/// final score − reference final score, and an inspector is within tolerance when its absolute
/// value is at most the session's tolerance.
public struct CalibrationComparison: Hashable, Sendable, Encodable {
  /// One scorecard item across the session's raters.
  public struct Item: Hashable, Sendable, Encodable {
    public var key: String
    public var section: String
    public var type: ItemType
    public var points: Double
    /// The expert's earned points, or the mean over raters who did not answer N/A.
    @NullEncoded public var reference: Double?
    /// Every rater's answer (`yes`, `no`, `na`, level, count), by inspector code.
    public var answers: [String: String]
    /// Raters gave different answers (N/A against an answer counts as a difference).
    public var disagreement: Bool
    /// Highest minus lowest earned points among raters who did not answer N/A.
    @NullEncoded public var spread: Double?
    /// Mean |earned − reference| over the compared inspectors who did not answer N/A.
    @NullEncoded public var meanAbsoluteDeviation: Double?
    enum CodingKeys: String, CodingKey {
      case key, section, type, points, reference, answers, disagreement, spread
      case meanAbsoluteDeviation = "mean_absolute_deviation"
    }
  }

  /// One inspector (not the expert) against the reference.
  public struct Inspector: Hashable, Sendable, Encodable {
    public var inspector: String
    public var evaluation: Int64
    public var finalScore: Double
    /// final − reference final.
    public var signedDeviation: Double
    public var absoluteDeviation: Double
    /// |signed deviation| ≤ tolerance.
    public var withinTolerance: Bool
    /// Earned − reference earned, per item key; absent where either side is N/A.
    public var itemDeviations: [String: Double]
    /// Σ |item deviation|: points away item by item, which a small total deviation can hide
    /// when errors in opposite directions cancel out.
    public var itemAbsoluteDeviation: Double
    /// Items whose answer differs from the expert's (or from any other rater's without an expert).
    public var itemsDiffering: [String]
    /// Alignment with the expert, in percent (sessions with an expert only; absent otherwise):
    /// Σ points · (1 − |earned − expert earned| / points) ÷ Σ points over the items either
    /// answered (an N/A against an answer aligns 0; both N/A is left out).
    public var alignment: Double? = nil
    /// Per item alignment with the expert, in percent.
    public var itemAlignment: [String: Double]? = nil
    /// Alignment below the threshold (default 90 %).
    public var belowAlignment: Bool? = nil

    enum CodingKeys: String, CodingKey {
      case inspector, evaluation
      case finalScore = "final_score"
      case signedDeviation = "signed_deviation"
      case absoluteDeviation = "absolute_deviation"
      case withinTolerance = "within_tolerance"
      case itemDeviations = "item_deviations"
      case itemAbsoluteDeviation = "item_absolute_deviation"
      case itemsDiffering = "items_differing"
      case alignment
      case itemAlignment = "item_alignment"
      case belowAlignment = "below_alignment"
    }
  }

  public var session: CalibrationSession
  /// `expert` or `mean`.
  public var referenceKind: String
  /// The reference final score (the expert's, or the mean of all raters').
  public var referenceFinal: Double?
  public var items: [Item]
  public var inspectors: [Inspector]
  /// The session names an expert who has not scored it yet: no inspector is compared.
  public var expertMissing: Bool

  enum CodingKeys: String, CodingKey {
    case session, items, inspectors
    case referenceKind = "reference"
    case referenceFinal = "reference_final_score"
    case expertMissing = "expert_missing"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(session, forKey: .session)
    try c.encode(referenceKind, forKey: .referenceKind)
    try c.encode(referenceFinal, forKey: .referenceFinal)
    try c.encode(expertMissing, forKey: .expertMissing)
    try c.encode(items, forKey: .items)
    try c.encode(inspectors, forKey: .inspectors)
  }

  /// Compares the `ratings` of `session` scored on `scorecard`.
  ///
  /// With an expert who has not scored yet, nothing is compared (`expertMissing`): comparing with
  /// the mean instead would silently change what the verdicts mean.
  /// Below this alignment with the expert (percent) an inspector is flagged.
  public static let defaultAlignmentThreshold = 90.0

  public static func compare(
    session: CalibrationSession, scorecard: Scorecard, ratings: [CalibrationRating],
    alignmentThreshold: Double = defaultAlignmentThreshold
  ) -> CalibrationComparison {
    let expertRating = session.expert.flatMap { code in ratings.first { $0.inspector == code } }
    let expertMissing = session.expert != nil && expertRating == nil
    let others = ratings.filter { $0.inspector != session.expert }
    var items: [Item] = []
    for entry in scorecard.allItems {
      let key = entry.item.key
      var answers: [String: String] = [:]
      var earned: [Double] = []
      for rating in ratings {
        guard let item = rating.item(key) else { continue }
        answers[rating.inspector] = item.answer ?? "—"
        if let value = item.earned { earned.append(value) }
      }
      let reference: Double?
      if let expertRating {
        reference = expertRating.item(key)?.earned
      } else {
        reference = earned.isEmpty ? nil : earned.reduce(0, +) / Double(earned.count)
      }
      items.append(
        Item(
          key: key, section: entry.section.key, type: entry.item.type, points: entry.item.points,
          reference: expertMissing ? nil : reference, answers: answers, disagreement: Set(answers.values).count > 1,
          spread: earned.isEmpty ? nil : (earned.max() ?? 0) - (earned.min() ?? 0), meanAbsoluteDeviation: nil))
    }
    var referenceFinal: Double?
    if let expertRating {
      referenceFinal = expertRating.finalScore
    } else if !expertMissing, !ratings.isEmpty {
      referenceFinal = ratings.map(\.finalScore).reduce(0, +) / Double(ratings.count)
    }
    var inspectors: [Inspector] = []
    if let referenceFinal {
      for rating in others {
        var deviations: [String: Double] = [:]
        var differing: [String] = []
        for item in items {
          guard let mine = rating.item(item.key) else { continue }
          if let earned = mine.earned, let reference = item.reference { deviations[item.key] = earned - reference }
          let answer = mine.answer ?? "—"
          let compared = expertRating.map { [$0.item(item.key)?.answer ?? "—"] } ?? Array(item.answers.values)
          if compared.contains(where: { $0 != answer }) { differing.append(item.key) }
        }
        let signed = rating.finalScore - referenceFinal
        var row = Inspector(
          inspector: rating.inspector, evaluation: rating.evaluationId, finalScore: rating.finalScore,
          signedDeviation: signed, absoluteDeviation: abs(signed),
          withinTolerance: abs(signed) <= session.tolerance + Evaluator.thresholdTolerance,
          itemDeviations: deviations, itemAbsoluteDeviation: deviations.values.map(abs).reduce(0, +),
          itemsDiffering: differing)
        if let expertRating {
          let (overall, perItem) = alignment(rating, expert: expertRating, items: items)
          row.alignment = overall
          row.itemAlignment = perItem
          row.belowAlignment = overall.map { $0 + Evaluator.thresholdTolerance < alignmentThreshold }
        }
        inspectors.append(row)
      }
    }
    for index in items.indices {
      let deviations = inspectors.compactMap { $0.itemDeviations[items[index].key] }.map(abs)
      if !deviations.isEmpty { items[index].meanAbsoluteDeviation = deviations.reduce(0, +) / Double(deviations.count) }
    }
    return CalibrationComparison(
      session: session, referenceKind: session.expert == nil ? "mean" : "expert", referenceFinal: referenceFinal,
      items: items, inspectors: inspectors, expertMissing: expertMissing)
  }

  /// An inspector's alignment with the expert: per item 1 − |earned − expert earned| / points
  /// (0 when exactly one of them is N/A, left out when both are), weighted by points; in percent.
  static func alignment(
    _ rating: CalibrationRating, expert: CalibrationRating, items: [Item]
  ) -> (overall: Double?, perItem: [String: Double]) {
    var perItem: [String: Double] = [:]
    var weighted = 0.0, weights = 0.0
    for item in items where item.points > 0 {
      let mine = rating.item(item.key)?.earned
      let theirs = expert.item(item.key)?.earned
      let value: Double
      switch (mine, theirs) {
      case (nil, nil): continue
      case (let m?, let t?): value = max(0, 1 - abs(m - t) / item.points)
      default: value = 0
      }
      perItem[item.key] = 100 * value
      weighted += item.points * value
      weights += item.points
    }
    return (weights > 0 ? 100 * weighted / weights : nil, perItem)
  }
}
