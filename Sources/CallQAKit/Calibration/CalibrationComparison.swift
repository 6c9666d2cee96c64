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

    enum CodingKeys: String, CodingKey {
      case inspector, evaluation
      case finalScore = "final_score"
      case signedDeviation = "signed_deviation"
      case absoluteDeviation = "absolute_deviation"
      case withinTolerance = "within_tolerance"
      case itemDeviations = "item_deviations"
      case itemAbsoluteDeviation = "item_absolute_deviation"
      case itemsDiffering = "items_differing"
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
  public static func compare(session: CalibrationSession, scorecard: Scorecard, ratings: [CalibrationRating]) -> CalibrationComparison {
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
        inspectors.append(
          Inspector(
            inspector: rating.inspector, evaluation: rating.evaluationId, finalScore: rating.finalScore,
            signedDeviation: signed, absoluteDeviation: abs(signed),
            withinTolerance: abs(signed) <= session.tolerance + Evaluator.thresholdTolerance,
            itemDeviations: deviations, itemAbsoluteDeviation: deviations.values.map(abs).reduce(0, +),
            itemsDiffering: differing))
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
}
