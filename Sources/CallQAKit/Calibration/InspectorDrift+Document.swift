extension InspectorDrift {
  /// The report as one table (CSV, XLSX and HTML), with the mean final scores as bars.
  ///
  /// `period` is the month asked for, or nil for every month (shown in the scope line).
  public func document(period: String?, language: Language) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.driftTitle], title: words[.driftTable],
      columns: [
        words.column(.colPeriod), words.column(.colInspector), words.column(.colTeams), words.column(.colEvals, numeric: true),
        words.column(.colDisputed, numeric: true), words.column(.colMeanFinal, numeric: true), words.column(.colFailPct, numeric: true),
        words.column(.colPeers, numeric: true), words.column(.colPeerEvals, numeric: true), words.column(.colPeerMean, numeric: true),
        words.column(.colPeerFailPct, numeric: true), words.column(.colDeltaMean, numeric: true), words.column(.colDeltaFail, numeric: true),
        words.column(.colEffect, numeric: true), words.column(.colDrift),
        words.column(.colExpertSessions, numeric: true), words.column(.colExpertAlignPct, numeric: true), words.column(.colAlignFlag),
      ], language: language)
    for row in rows {
      table.rows.append([
        .text(row.period), .text(row.inspector), .text(words.list(row.teams)), .integer(row.evaluations),
        .integer(row.disputed), .score(row.meanFinal), .rate(row.failRate * 100), .integer(row.peerInspectors),
        .integer(row.peerEvaluations), .score(row.peerMeanFinal), .rate(row.peerFailRate.map { $0 * 100 }),
        .score(row.finalDelta), .score(row.failRateDelta.map { $0 * 100 }), .withInterval(row.effect, row.effectCI),
        .text(row.drift.map(words.drift) ?? ""), .integer(row.expertSessions), .rate(row.expertAlignment),
        .flag(row.belowAlignment, words[.flagBelow]),
      ])
    }
    let sorted = rows.sortedForChart(\.meanFinal)
    let chart = ReportChart.sortedBars(
      words, title: words[.driftChart], summary: words[.driftChartDesc], labels: sorted.map { "\($0.inspector) \(words.month($0.period))" },
      values: sorted.map(\.meanFinal), name: words[.colMeanFinal], meanLabel: .chartMean)
    return ReportDocument(
      title: words[.driftTitle], scope: period.map { words(.scopePeriod, words.month($0)) } ?? words[.scopeEveryMonth],
      notes: [words[.driftNotePeers], words[.driftNoteDelta], words(.driftNoteEffect, confidence), words[.driftNoteExpert]],
      tables: [table], charts: rows.isEmpty ? [] : [chart], language: language)
  }
}
