extension PerformanceSheet {
  /// The sheet as a report document, so it can be written as CSV, Excel or HTML like
  /// every other report: one table (flagged rows keep empty cells, never zeros) and a sorted
  /// bar chart of the weighted totals with their mean.
  public func document(_ language: Language) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.performanceSheet], title: "\(plan.title) \(words.month(period))",
      columns: [
        words.column(.colRank, numeric: true), words.column(.colAgent), words.column(.colName), words.column(.colTeam),
        words.column(.colTraffic, numeric: true), words.column(.colQuality, numeric: true), words.column(.colPartial),
        words.column(.colTraining, numeric: true), words.column(.colAttendance, numeric: true), words.column(.colTotal, numeric: true),
        words.column(.colMissing),
      ], language: language)
    for row in rows {
      table.rows.append([
        row.rank.map { .integer($0) } ?? .empty, .text(row.agent), .text(row.name), .text(row.team ?? ""),
        .score(row.traffic), .withInterval(row.quality, row.qualityCI), .flag(row.qualityPartial, words[.flagPartial]), .score(row.training),
        .score(row.attendance), .withInterval(row.total, row.totalCI), .text(row.missing.joined(separator: words.semicolon)),
      ])
    }
    let ranked = rows.filter { $0.total != nil }.sortedForChart(\.total)
    let chart = ReportChart.sortedBars(
      words, title: words[.performanceChart], summary: words[.performanceChartDesc], labels: ranked.map { "\($0.name) (\($0.agent))" },
      values: ranked.map(\.total), name: words[.colTotal], marked: ranked.map(\.qualityPartial), markLegend: words[.chartPartial], meanLabel: .chartMean)
    let w = plan.weights
    let notes = [
      words(
        .performanceWeights, ScoreFormat.plain(w.traffic), ScoreFormat.plain(w.quality), ScoreFormat.plain(w.training),
        ScoreFormat.plain(w.attendance)),
      words[.performanceFormula], words[.performanceMissing],
      words.intervals(confidence, means: false, index: true) + words.semicolon + words[.performanceTotalInterval],
    ]
    return ReportDocument(
      title: plan.title, scope: words(.scopePeriod, words.month(period)), notes: notes, tables: [table],
      charts: ranked.isEmpty ? [] : [chart], language: language)
  }
}
