extension RootCausesReport {
  /// The report as tables: the Pareto (the CSV), item × cause, team × cause.
  public func document(_ language: Language) -> ReportDocument {
    let words = Messages(language)
    let pareto = ReportTable(
      name: words[.rootCausesTitle], title: words[.rootCausesPareto],
      columns: [
        ReportColumn("#", numeric: true), words.column(.colCause), words.column(.colLabel), words.column(.colMentions, numeric: true),
        words.column(.colMeanLost, numeric: true), words.column(.colSharePct, numeric: true), words.column(.colCumPct, numeric: true),
      ],
      rows: causes.map { row in
        [
          .integer(row.rank), .text(row.cause), .text(row.label), .integer(row.mentions), .number(row.meanLost, decimals: 2),
          .percent(row.share), .percent(row.cumulativeShare),
        ]
      }, language: language)
    // Item × cause and team × cause as matrices: one column per cause, in Pareto order.
    let order = causes.map(\.cause)
    var itemRows: [(key: String, scorecard: String, item: String, title: String, counts: [String: Int])] = []
    for row in items {
      let key = row.scorecard + "\u{1F}" + row.item
      if let index = itemRows.firstIndex(where: { $0.key == key }) {
        itemRows[index].counts[row.cause] = row.mentions
      } else {
        itemRows.append((key, row.scorecard, row.item, row.title, [row.cause: row.mentions]))
      }
    }
    itemRows.sort { $0.counts.values.reduce(0, +) > $1.counts.values.reduce(0, +) }
    let byItem = ReportTable(
      name: words[.rootCausesItemsSheet], title: words[.rootCausesItemsTable],
      columns: [words.column(.colScorecard), words.column(.colItem), words.column(.colTitle), words.column(.colCount, numeric: true)]
        + order.map { ReportColumn($0, numeric: true) },
      rows: itemRows.map { row in
        [.text(row.scorecard), .text(row.item), .text(row.title), .integer(row.counts.values.reduce(0, +))]
          + order.map { row.counts[$0].map(ReportCell.integer) ?? .empty }
      }, language: language)
    var teamRows: [(team: String?, counts: [String: Int])] = []
    for row in teams {
      if let index = teamRows.firstIndex(where: { $0.team == row.team }) {
        teamRows[index].counts[row.cause] = row.mentions
      } else {
        teamRows.append((row.team, [row.cause: row.mentions]))
      }
    }
    let byTeam = ReportTable(
      name: words[.rootCausesTeamsSheet], title: words[.rootCausesTeamsTable],
      columns: [words.column(.colTeam), words.column(.colMentions, numeric: true)] + order.map { ReportColumn($0 + " %", numeric: true) },
      rows: teamRows.map { row in
        let total = row.counts.values.reduce(0, +)
        return [.text(row.team ?? words[.noTeam]), .integer(total)]
          + order.map { cause in row.counts[cause].map { .percent(100 * Double($0) / Double(max(total, 1))) } ?? .empty }
      }, language: language)
    let coverage = lostItems > 0 ? Double(withCause) / Double(lostItems) : nil
    let chart = ReportChart(
      kind: .pareto, title: words[.rootCausesChart], summary: words[.rootCausesChartDesc], labels: causes.map(\.label),
      series: [
        .init(name: words[.colMentions], values: causes.map { Double($0.mentions) }),
        .init(name: words[.chartCumulative], values: causes.map(\.cumulativeShare)),
      ])
    return ReportDocument(
      title: words[.rootCausesTitle], scope: words.scope(scope),
      notes: [
        words(.rootCausesNoteCoverage, evaluations, withCause, lostItems)
          + (coverage.map { words(.rootCausesCoverageShare, ScoreFormat.percent($0)) } ?? ""),
        words[.rootCausesNoteMeanLost],
      ],
      tables: [pareto, byItem, byTeam], charts: causes.isEmpty ? [] : [chart], language: language)
  }
}
