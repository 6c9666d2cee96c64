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
  /// The report as one table and line charts (scores; the followed item).
  public var document: ReportDocument {
    var columns: [ReportColumn] = [
      .init(by == .month ? "month" : "week"), .init("evals", numeric: true), .init("mean final", numeric: true),
      .init("pass %", numeric: true),
    ]
    if let item { columns.append(.init("\(item) lost", numeric: true)) }
    columns.append(.init("top weak items (points lost per evaluation)"))
    var table = ReportTable(name: "Trend", title: "Trend by \(by.rawValue)", columns: columns)
    for row in rows {
      var cells: [ReportCell] = [
        .text(row.period), .integer(row.evaluations), .withInterval(row.meanFinal, row.meanFinalCI),
        .withInterval(row.passRate, row.passRateCI, percent: true),
      ]
      if item != nil { cells.append(row.itemMeanImpact.map { .number($0, decimals: 2) } ?? .empty) }
      cells.append(.text(row.topItems.map { "\($0.title) \(String(format: "%.2f", $0.meanImpact))" }.joined(separator: "; ")))
      table.rows.append(cells)
    }
    var charts = [
      ReportChart(
        kind: .line, title: "Mean final score and pass rate", labels: rows.map(\.period),
        series: [.init(name: "mean final", values: rows.map(\.meanFinal)), .init(name: "pass %", values: rows.map(\.passRate))])
    ]
    if let item {
      charts.append(
        ReportChart(
          kind: .line, title: "Points lost per evaluation on \(item)", labels: rows.map(\.period),
          series: [.init(name: item, values: rows.map(\.itemMeanImpact))]))
    }
    return ReportDocument(
      title: "Trend", scope: scope,
      notes: ["periods use the call's local date; weeks are ISO weeks (Monday first)", IntervalNotes.line(confidence, rates: true)],
      tables: [table], charts: rows.isEmpty ? [] : charts)
  }
}
