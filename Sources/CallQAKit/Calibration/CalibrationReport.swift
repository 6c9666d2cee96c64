import Foundation

/// Calibration across sessions: how far each inspector sits from the reference (harsh or lenient,
/// and how consistently), and how reliably each item is scored (Krippendorff's alpha).
///
/// Alpha treats each session as a unit and each rater (expert included) as an observer; an item
/// answered N/A, or a rater absent from a session, is a missing value. Yes/no items use the
/// nominal metric on their answers, the others the interval metric on earned points.
public struct CalibrationReport: Hashable, Sendable, Encodable {
  /// One inspector's deviation from the session reference over the sessions they scored.
  public struct Inspector: Hashable, Sendable, Encodable {
    public var inspector: String
    public var sessions: Int
    /// Mean of final − reference final: below 0 harsh, above 0 lenient.
    public var meanSignedDeviation: Double
    public var meanAbsoluteDeviation: Double
    /// Sample standard deviation of the signed deviations (nil with one session).
    @NullEncoded public var spread: Double?
    /// Sessions whose verdict was within that session's tolerance.
    public var withinTolerance: Int
    /// `harsh`, `lenient` or `aligned` (mean signed deviation within ±1 point).
    public var tendency: String
    /// Sessions with an expert this inspector was compared in.
    public var expertSessions: Int = 0
    /// Mean alignment with the expert over those sessions, in percent (see ``CalibrationComparison/Inspector/alignment``).
    @NullEncoded public var meanAlignment: Double? = nil
    /// The mean alignment is below the threshold (default 90 %).
    public var belowAlignment = false

    enum CodingKeys: String, CodingKey {
      case inspector, sessions, spread, tendency
      case expertSessions = "expert_sessions"
      case meanAlignment = "mean_alignment"
      case belowAlignment = "below_alignment"
      case meanSignedDeviation = "mean_signed_deviation"
      case meanAbsoluteDeviation = "mean_absolute_deviation"
      case withinTolerance = "within_tolerance"
    }
  }

  /// Agreement on one set of units.
  public struct Agreement: Hashable, Sendable, Encodable {
    /// `scorecard-key/item-key`, or a name for the overall figures.
    public var key: String
    public var metric: KrippendorffAlpha.Metric
    /// Nil when undefined (fewer than two pairable values, or no variation at all).
    @NullEncoded public var alpha: Double?
    /// Units (sessions) with at least two ratings.
    public var sessions: Int
    /// Distinct raters who gave a pairable value.
    public var raters: Int
    /// Pairable values n.
    public var values: Int
    enum CodingKeys: String, CodingKey { case key, metric, alpha, sessions, raters, values }
  }

  /// One session's input: the session, its scorecard version and its ratings.
  public struct Input: Sendable {
    public var session: CalibrationSession
    public var scorecard: Scorecard
    public var ratings: [CalibrationRating]
    public init(session: CalibrationSession, scorecard: Scorecard, ratings: [CalibrationRating]) {
      self.session = session
      self.scorecard = scorecard
      self.ratings = ratings
    }
  }

  public var sessions: Int
  public var raters: Int
  public var inspectors: [Inspector]
  /// Items ranked from least to most agreement (undefined alpha last).
  public var items: [Agreement]
  /// Interval alpha over every (session, item) unit on earned points.
  public var overallItems: Agreement
  /// Interval alpha of the final scores, one unit per session.
  public var finalScores: Agreement

  enum CodingKeys: String, CodingKey {
    case sessions, raters, inspectors, items
    case overallItems = "overall_items"
    case finalScores = "final_scores"
  }

  /// Builds the report from the sessions' ratings.
  public static func build(
    _ inputs: [Input], alignmentThreshold: Double = CalibrationComparison.defaultAlignmentThreshold
  ) -> CalibrationReport {
    var deviations: [String: [(signed: Double, within: Bool)]] = [:]
    var alignments: [String: [Double]] = [:]
    for input in inputs {
      let comparison = CalibrationComparison.compare(session: input.session, scorecard: input.scorecard, ratings: input.ratings)
      for row in comparison.inspectors {
        deviations[row.inspector, default: []].append((row.signedDeviation, row.withinTolerance))
        if let alignment = row.alignment { alignments[row.inspector, default: []].append(alignment) }
      }
    }
    let inspectors = deviations.keys.sorted().map { code -> Inspector in
      let values = deviations[code] ?? []
      let signed = values.map(\.signed)
      let mean = signed.reduce(0, +) / Double(signed.count)
      var spread: Double?
      if signed.count >= 2 {
        spread = (signed.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(signed.count - 1)).squareRoot()
      }
      var row = Inspector(
        inspector: code, sessions: signed.count, meanSignedDeviation: mean,
        meanAbsoluteDeviation: signed.map(abs).reduce(0, +) / Double(signed.count), spread: spread,
        withinTolerance: values.filter(\.within).count,
        tendency: mean < -1 ? "harsh" : mean > 1 ? "lenient" : "aligned")
      if let aligned = alignments[code], !aligned.isEmpty {
        let meanAlignment = aligned.reduce(0, +) / Double(aligned.count)
        row.expertSessions = aligned.count
        row.meanAlignment = meanAlignment
        row.belowAlignment = meanAlignment + Evaluator.thresholdTolerance < alignmentThreshold
      }
      return row
    }
    // Per item: units are sessions of the item's scorecard; observers are raters.
    var itemUnits: [String: (metric: KrippendorffAlpha.Metric, units: [[(String, Double)]])] = [:]
    var order: [String] = []
    var pooled: [[(String, Double)]] = []
    var finals: [[(String, Double)]] = []
    for input in inputs {
      finals.append(input.ratings.map { ($0.inspector, $0.finalScore) })
      for entry in input.scorecard.allItems {
        let key = "\(input.scorecard.key)/\(entry.item.key)"
        let nominal = entry.item.type == .yesno
        var unit: [(String, Double)] = []
        var earnedUnit: [(String, Double)] = []
        for rating in input.ratings {
          guard let item = rating.item(entry.item.key), let earned = item.earned else { continue }
          earnedUnit.append((rating.inspector, earned))
          unit.append((rating.inspector, nominal ? (item.answer == "yes" ? 1 : 0) : earned))
        }
        if itemUnits[key] == nil { order.append(key) }
        itemUnits[key, default: (nominal ? .nominal : .interval, [])].units.append(unit)
        pooled.append(earnedUnit)
      }
    }
    let items = order.compactMap { key in
      itemUnits[key].map { agreement(key: key, metric: $0.metric, units: $0.units) }
    }.enumerated().sorted { lhs, rhs in
      switch (lhs.element.alpha, rhs.element.alpha) {
      case let (l?, r?): return l != r ? l < r : lhs.offset < rhs.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return lhs.offset < rhs.offset
      }
    }.map(\.element)
    let raters = Set(inputs.flatMap { $0.ratings.map(\.inspector) }).count
    return CalibrationReport(
      sessions: inputs.count, raters: raters, inspectors: inspectors, items: items,
      overallItems: agreement(key: "all items (earned points)", metric: .interval, units: pooled),
      finalScores: agreement(key: "final score", metric: .interval, units: finals))
  }

  static func agreement(key: String, metric: KrippendorffAlpha.Metric, units: [[(String, Double)]]) -> Agreement {
    let pairable = units.filter { $0.count >= 2 }
    let result = KrippendorffAlpha.alpha(units: pairable.map { $0.map(\.1) }, metric: metric)
    return Agreement(
      key: key, metric: metric, alpha: result.alpha, sessions: pairable.count,
      raters: Set(pairable.flatMap { $0.map(\.0) }).count, values: result.pairableValues)
  }
}
