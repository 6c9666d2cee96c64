/// Whether weak areas are listed per item or per section.
public enum WeakAreaLevel: String, Codable, Hashable, Sendable, CaseIterable {
  case item, section
}
/// One item (or section) of the weak-areas report.
public struct WeakAreaRow: Codable, Hashable, Sendable {
  public var rank: Int
  public var scorecard: String
  /// The item (or section) key.
  public var key: String
  /// The section of an item; the section itself in section mode.
  public var section: String
  public var title: String
  /// Evaluations in which the item (or section) applied (was not N/A).
  public var evaluations: Int
  /// Score points lost per evaluation in scope: Σ impact / number of evaluations (SPEC §3.4).
  public var meanImpact: Double
  /// Σ earned / Σ points where applicable, as a percentage.
  @NullEncoded public var scoreRate: Double?
  /// Share of applicable evaluations that lost any points on it, as a percentage.
  @NullEncoded public var failRate: Double?
  /// The Wilson interval of ``failRate`` (percent), over the applicable evaluations.
  public var failRateCI: IntervalEstimate = .none(n: 0)
  /// Critical failures (critical yes/no items answered "no").
  public var criticalFailures: Int
  /// This row's share of all points lost, as a percentage (Pareto).
  @NullEncoded public var share: Double?
  /// Running total of `share` down the ranking.
  @NullEncoded public var cumulativeShare: Double?
  /// The centre's mean impact for the same item, when the report is narrowed to a team or agent.
  @NullEncoded public var centreMeanImpact: Double?
  /// meanImpact − centreMeanImpact: positive means the team or agent loses more here.
  @NullEncoded public var gap: Double?
  enum CodingKeys: String, CodingKey {
    case rank, scorecard, key, section, title, evaluations
    case meanImpact = "mean_impact", scoreRate = "score_rate", failRate = "fail_rate", failRateCI = "fail_rate_ci"
    case criticalFailures = "critical_failures", share
    case cumulativeShare = "cumulative_share", centreMeanImpact = "centre_mean_impact", gap
  }
}
/// Where points are lost: items (or sections) ranked by mean impact, with a Pareto of shares.
public struct WeakAreasReport: Codable, Hashable, Sendable {
  public var scope: String
  public var by: WeakAreaLevel
  /// Evaluations in scope.
  public var evaluations: Int
  /// Mean raw score of those evaluations (before critical rules).
  public var meanRaw: Double?
  /// Σ mean impact over every item (not only the rows shown); equals 100 − mean raw.
  public var totalMeanImpact: Double
  /// Number of items (or sections) with any data; `rows` may be cut to `--top`.
  public var totalRows: Int
  public var rows: [WeakAreaRow]
  /// The level of the fail-rate intervals, e.g. 0.95.
  public var confidence: Double = ConfidenceLevel.standard.value
  /// Some evaluations in scope are on a scorecard with bonus items: their raw includes bonus
  /// points, which carry no impact, so Σ mean impact = 100 − the mean raw *before* bonus points.
  public var bonusInScope = false

  enum CodingKeys: String, CodingKey {
    case scope, by, evaluations, rows, confidence
    case meanRaw = "mean_raw", totalMeanImpact = "total_mean_impact", totalRows = "total_rows"
  }
}
extension QADatabase {
  /// The weak-areas report (see ``WeakAreasReport``).
  ///
  /// - Parameters:
  ///   - top: keep only the first `top` rows (the identity still covers every item).
  ///   - language: language of titles (`zh`, `en`).
  ///   - confidence: level of each row's fail-rate interval (Wilson), computed from the same sums.
  public func weakAreas(
    _ filter: ReportFilter, by level: WeakAreaLevel = .item, top: Int? = nil, language: String = "en",
    confidence: ConfidenceLevel = .standard
  ) throws -> WeakAreasReport {
    try filter.validate()
    try FilterRule.count(top, "top")
    return try readSQL { session in
      try filter.checkNames(session)
      let catalog = try ReportCatalog(session, language: language)
      let subject = try WeakAreaAggregate.fetch(session, filter, level: level, catalog: catalog, grain: summaryGrain(.weakAreas, filter))
      // The centre is compared on the scorecards the team or agent was scored on, so that an
      // item's centre figure is not diluted by evaluations on other scorecards.
      let centre =
        filter.isNarrowed
        ? try WeakAreaAggregate.fetch(
          session, filter.centre, level: level, catalog: catalog, scorecards: subject.scorecardIds,
          grain: summaryGrain(.weakAreas, filter.centre))
        : nil
      var report = subject.report(filter, level: level, top: top, centre: centre, catalog: catalog)
      report.confidence = confidence.value
      for index in report.rows.indices {
        let row = report.rows[index]
        let failed = (row.failRate ?? 0) / 100 * Double(row.evaluations)
        report.rows[index].failRateCI = Statistics.wilson(successes: failed.rounded(), n: row.evaluations, confidence).map { $0 * 100 }
      }
      return report
    }
  }
}
