extension WeakAreasReport {
  /// The identity every weak-areas report states: Σ mean impact = 100 − mean raw.
  public var identityLine: String {
    guard let meanRaw else { return "no evaluations in scope" }
    let what = by == .item ? "item" : "section"
    if bonusInScope {
      return "Σ mean impact of all \(totalRows) \(what)\(totalRows == 1 ? "" : "s") = \(ScoreFormat.score(totalMeanImpact)) "
        + "= 100 − the mean raw score before bonus points (mean raw with them \(ScoreFormat.score(meanRaw)); "
        + "\(evaluations) evaluation\(evaluations == 1 ? "" : "s"))"
    }
    return "Σ mean impact of all \(totalRows) \(what)\(totalRows == 1 ? "" : "s") = "
      + "\(ScoreFormat.score(totalMeanImpact)) = 100 − mean raw score \(ScoreFormat.score(meanRaw)) "
      + "(\(evaluations) evaluation\(evaluations == 1 ? "" : "s"))"
  }

  /// The report as tables and a Pareto chart.
  public var document: ReportDocument {
    let narrowed = rows.contains { $0.centreMeanImpact != nil }
    var columns: [ReportColumn] = [
      .init("#", numeric: true), .init("scorecard"), .init(by == .item ? "item" : "section"), .init("title"),
    ]
    if by == .item { columns.append(.init("section")) }
    columns += [
      .init("applied", numeric: true), .init("mean lost", numeric: true), .init("score %", numeric: true),
      .init("fail %", numeric: true), .init("critical", numeric: true), .init("share %", numeric: true),
      .init("cum. %", numeric: true),
    ]
    if narrowed { columns += [.init("centre lost", numeric: true), .init("gap", numeric: true)] }
    var table = ReportTable(name: "Weak areas", title: "Weak areas by \(by.rawValue)", columns: columns)
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
    let chart = ReportChart(
      kind: .pareto, title: "Points lost per evaluation (bars) and cumulative share (line)",
      labels: rows.map { "\($0.title) (\($0.key))" },
      series: [
        .init(name: "mean lost", values: rows.map(\.meanImpact)),
        .init(name: "cumulative %", values: rows.map(\.cumulativeShare)),
      ])
    var notes = [identityLine]
    if rows.count < totalRows { notes.append("showing the top \(rows.count) of \(totalRows)") }
    if narrowed {
      notes.append("centre lost: the whole centre on the same dates and scorecards; gap = mean lost − centre lost (positive: loses more)")
    }
    return ReportDocument(title: "Weak areas", scope: scope, notes: notes, tables: [table], charts: rows.isEmpty ? [] : [chart])
  }
}
