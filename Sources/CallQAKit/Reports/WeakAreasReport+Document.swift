extension WeakAreasReport {
  /// The identity every weak-areas report states: Σ mean impact = 100 − mean raw.
  public func identityLine(_ language: Language) -> String {
    let words = Messages(language)
    guard let meanRaw else { return words[.weakAreasNoEvaluations] }
    let key: MessageKey =
      bonusInScope
      ? (by == .item ? .weakAreasIdentityBonusItems : .weakAreasIdentityBonusSections)
      : (by == .item ? .weakAreasIdentityItems : .weakAreasIdentitySections)
    return words(key, totalRows, ScoreFormat.score(totalMeanImpact), ScoreFormat.score(meanRaw), evaluations)
  }

  /// The report as a table and a horizontal Pareto chart of the first `chartTop` rows.
  public func document(_ language: Language, chartTop: Int = 15) -> ReportDocument {
    let words = Messages(language)
    let narrowed = rows.contains { $0.centreMeanImpact != nil }
    var columns: [ReportColumn] = [
      .init("#", numeric: true), words.column(.colScorecard), words.column(by == .item ? .colItem : .colSection), words.column(.colTitle),
    ]
    if by == .item { columns.append(words.column(.colSection)) }
    columns += [
      words.column(.colApplied, numeric: true), words.column(.colMeanLost, numeric: true), words.column(.colScorePct, numeric: true),
      words.column(.colFailPct, numeric: true), words.column(.colCritical, numeric: true), words.column(.colSharePct, numeric: true),
      words.column(.colCumPct, numeric: true),
    ]
    if narrowed { columns += [words.column(.colCentreLost, numeric: true), words.column(.colGap, numeric: true)] }
    var table = ReportTable(
      name: words[.weakAreasTitle], title: words[by == .item ? .weakAreasByItem : .weakAreasBySection], columns: columns, language: language)
    for row in rows {
      var cells: [ReportCell] = [.integer(row.rank), .text(row.scorecard), .text(row.key), .text(row.title)]
      if by == .item { cells.append(.text(row.section)) }
      cells += [
        .integer(row.evaluations), .number(row.meanImpact, decimals: 2), .score(row.scoreRate), .withInterval(row.failRate, row.failRateCI, percent: true),
        .integer(row.criticalFailures), .score(row.share), .score(row.cumulativeShare),
      ]
      if narrowed {
        cells += [row.centreMeanImpact.map { .number($0, decimals: 2) } ?? .empty, row.gap.map { .number($0, decimals: 2) } ?? .empty]
      }
      table.rows.append(cells)
    }
    let shown = Array(rows.prefix(max(1, chartTop)))
    let chart = ReportChart(
      kind: .pareto, title: words(.weakAreasChart, shown.count, totalRows), summary: words[.weakAreasChartDesc],
      labels: shown.map { row in
        // A title two scorecards share is told apart by its scorecard.
        shown.filter { $0.title == row.title }.count > 1 ? "\(row.title) · \(row.scorecard)" : row.title
      },
      series: [
        .init(name: words[.chartMeanLost], values: shown.map(\.meanImpact)),
        .init(name: words[.chartCumulative], values: shown.map(\.cumulativeShare)),
      ],
      marked: shown.map { $0.criticalFailures > 0 }, markLegend: words[.chartCriticalMark])
    var notes = [identityLine(language)]
    if rows.count < totalRows { notes.append(words(.weakAreasShowingTop, rows.count, totalRows)) }
    if narrowed { notes.append(words[.weakAreasCentreNote]) }
    return ReportDocument(
      title: words[.weakAreasTitle], scope: words.scope(scope), notes: notes, tables: [table], charts: rows.isEmpty ? [] : [chart],
      language: language)
  }
}
