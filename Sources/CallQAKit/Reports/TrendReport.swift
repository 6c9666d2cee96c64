/// Whether a trend is bucketed by ISO week or by month (of the call's local date).
public enum TrendBucket: String, Codable, Hashable, Sendable, CaseIterable {
  case week, month
}
/// An item's points lost per evaluation within one period.
public struct TrendItem: Codable, Hashable, Sendable {
  public var scorecard: String
  public var item: String
  public var title: String
  public var meanImpact: Double

  enum CodingKeys: String, CodingKey {
    case scorecard, item, title
    case meanImpact = "mean_impact"
  }
}
/// One period of a trend.
public struct TrendRow: Codable, Hashable, Sendable {
  /// `YYYY-MM` or `YYYY-Www`.
  public var period: String
  public var evaluations: Int
  public var meanFinal: Double
  /// Percentage passed.
  public var passRate: Double
  /// Mean impact of the `--item` item, when one was asked for.
  @NullEncoded public var itemMeanImpact: Double?
  /// The items losing most points in this period (at most three).
  public var topItems: [TrendItem]
  /// Intervals of the mean final (t) and the pass rate (Wilson, percentage points).
  public var meanFinalCI: IntervalEstimate
  public var passRateCI: IntervalEstimate

  enum CodingKeys: String, CodingKey {
    case period, evaluations
    case meanFinal = "mean_final", passRate = "pass_rate", itemMeanImpact = "item_mean_impact", topItems = "top_items"
    case meanFinalCI = "mean_final_ci", passRateCI = "pass_rate_ci"
  }
}
/// Mean final score, pass rate and top weak items per period, oldest first.
public struct TrendReport: Codable, Hashable, Sendable {
  public var scope: String
  public var confidence: ConfidenceLevel
  public var by: TrendBucket
  /// The item followed with `--item`; null when none (always present in JSON).
  @NullEncoded public var item: String?
  public var rows: [TrendRow]
}
extension TrendReport {
  /// The report as one table and line charts (scores with the pass line; the followed item).
  /// `pass` is the pass score drawn across the scores chart, when one applies.
  public func document(_ language: Language, pass: Double? = nil) -> ReportDocument {
    let words = Messages(language)
    var columns: [ReportColumn] = [
      words.column(by == .month ? .colMonth : .colWeek), words.column(.colEvals, numeric: true),
      words.column(.colMeanFinal, numeric: true), words.column(.colPassPct, numeric: true),
    ]
    if let item { columns.append(ReportColumn(words(.colItemLost, item), numeric: true)) }
    columns.append(words.column(.colTopWeakItems))
    var table = ReportTable(
      name: words[.trendTitle], title: words[by == .month ? .trendByMonth : .trendByWeek], columns: columns, language: language)
    for row in rows {
      var cells: [ReportCell] = [
        .text(row.period), .integer(row.evaluations), .withInterval(row.meanFinal, row.meanFinalCI),
        .withInterval(row.passRate, row.passRateCI, percent: true),
      ]
      if item != nil { cells.append(row.itemMeanImpact.map { .number($0, decimals: 2) } ?? .empty) }
      cells.append(.text(row.topItems.map { "\($0.title) \(String(format: "%.2f", $0.meanImpact))" }.joined(separator: words.semicolon)))
      table.rows.append(cells)
    }
    let periods = rows.map { by == .month ? words.month($0.period) : $0.period }
    var charts = [
      ReportChart(
        kind: .line, title: words[.trendChartScores], summary: words[.trendChartScoresDesc], labels: periods,
        series: [
          .init(name: words[.colMeanFinal], values: rows.map(\.meanFinal)), .init(name: words[.colPassPct], values: rows.map(\.passRate)),
        ],
        lines: pass.map { [.init($0, label: words(.chartPass, ScoreFormat.plain($0)), style: .pass)] } ?? [])
    ]
    if let item {
      let title = rows.lazy.flatMap(\.topItems).first { $0.item == item }?.title ?? item
      charts.append(
        ReportChart(
          kind: .line, title: words(.trendChartItem, title), summary: words[.trendChartItemDesc], labels: periods,
          series: [.init(name: title, values: rows.map(\.itemMeanImpact))]))
    }
    return ReportDocument(
      title: words[.trendTitle], scope: words.scope(scope),
      notes: [words[.trendNote], words.intervals(confidence, rates: true)],
      tables: [table], charts: rows.isEmpty ? [] : charts, language: language)
  }
}
