extension [AutoRuleStat] {
  /// The auto-rules report as one table (CSV, XLSX and HTML) with precision as bars.
  ///
  /// `period` is the month asked for, or nil for every call (shown in the scope line).
  public func document(period: String?, language: Language) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.autoRulesSheet], title: words[.autoRulesTable],
      columns: [
        words.column(.colScorecard), words.column(.colItem), words.column(.colRule), words.column(.colProposed, numeric: true),
        words.column(.colFired, numeric: true), words.column(.colOverridden, numeric: true), words.column(.colFalseAlarms, numeric: true),
        words.column(.colMissed, numeric: true), words.column(.colPrecisionPct, numeric: true), words.column(.colAgreementPct, numeric: true),
      ], language: language)
    for stat in self {
      table.rows.append([
        .text(stat.scorecard), .text(stat.item), .text(stat.rule?.rawValue ?? ""), .integer(stat.proposed),
        .integer(stat.fired), .integer(stat.overridden), .integer(stat.falseAlarms), .integer(stat.missed),
        .rate(stat.precision.map { $0 * 100 }), .rate(stat.agreement.map { $0 * 100 }),
      ])
    }
    let fired = filter { $0.precision != nil }.sortedForChart(\.precision)
    let chart = ReportChart.sortedBars(
      words, title: words[.autoRulesChart], summary: words[.autoRulesChartDesc], labels: fired.map { "\($0.item) (\($0.scorecard))" },
      values: fired.map { $0.precision.map { $0 * 100 } }, name: words[.colPrecisionPct], unit: "%", meanLabel: .chartMean)
    return ReportDocument(
      title: words[.autoRulesTitle], scope: period.map { words(.scopePeriod, words.month($0)) } ?? words[.scopeEveryCall],
      notes: [words[.autoRulesNoteFired], words[.autoRulesNotePrecision]],
      tables: [table], charts: fired.isEmpty ? [] : [chart], language: language)
  }
}
