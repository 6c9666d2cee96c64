extension QualityReport {
  /// The formula, with the settings in effect.
  public func formulaLine(_ language: Language) -> String {
    Messages(language)(
      .qualityFormula, ScoreFormat.plain(complaintCoefficient), ScoreFormat.plain(monitoringWeight), ScoreFormat.plain(testCallWeight))
  }

  /// The report as tables (index, coverage gaps) and a sorted bar chart of the agents' index
  /// with the pass line (`pass`, when one applies) and the centre's index.
  public func document(_ language: Language, pass: Double? = nil) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.qualitySheet], title: words[.qualityTable],
      columns: [
        words.column(.colRow), words.column(.colAgent), words.column(.colName), words.column(.colTeam),
        words.column(.colMMonitoring, numeric: true), words.column(.colMN, numeric: true), words.column(.colTTestCall, numeric: true),
        words.column(.colTN, numeric: true), words.column(.colComplaints, numeric: true), words.column(.colBase, numeric: true),
        words.column(.colIndex, numeric: true), words.column(.colPartial),
      ], language: language)
    func add(_ row: QualityRow, kind: MessageKey) {
      table.rows.append([
        .text(words[kind]), .text(row.agent ?? ""), .text(row.agent == nil ? "" : row.name), .text(row.team ?? ""),
        .withInterval(row.monitoring, row.monitoringCI), .integer(row.monitoringCount), .withInterval(row.testCall, row.testCallCI),
        .integer(row.testCallCount), .integer(row.complaints), .score(row.base), .withInterval(row.index, row.indexCI),
        .flag(row.partial, words[.flagPartial]),
      ])
    }
    agents.forEach { add($0, kind: .rowAgent) }
    teams.forEach { add($0, kind: .rowTeam) }
    if let centre { add(centre, kind: .rowCentre) }
    var gaps = ReportTable(
      name: words[.gapsSheet], title: words(.qualityGaps, words.month(period)),
      columns: [words.column(.colAgent), words.column(.colName), words.column(.colTeam), words.column(.colComplaints, numeric: true)],
      language: language)
    for gap in coverageGaps {
      gaps.rows.append([.text(gap.agent), .text(gap.name), .text(gap.team ?? ""), .integer(gap.complaints)])
    }
    let sorted = agents.sortedForChart(\.index)
    var chart = ReportChart.sortedBars(
      words, title: words[.qualityChart], summary: words[.agentsChartDesc], labels: sorted.map { "\($0.name) (\($0.agent ?? ""))" },
      values: sorted.map(\.index), name: words[.colIndex], pass: pass, marked: sorted.map(\.partial), markLegend: words[.chartPartial])
    if let centreIndex = centre?.index {
      chart.lines.removeAll { $0.style == .mean }
      chart.lines.append(.init(centreIndex, label: words(.chartCentreMean, ScoreFormat.score(centreIndex)), style: .mean))
    }
    var notes = [formulaLine(language), words[.qualityNoteRows], words.intervals(confidence, index: true)]
    if !coverageGaps.isEmpty { notes.append(words(.qualityNoteGaps, words.list(coverageGaps.map(\.agent)))) }
    return ReportDocument(
      title: words[.qualityTitle], scope: words(.scopePeriod, words.month(period)), notes: notes, tables: [table, gaps],
      charts: agents.isEmpty ? [] : [chart], language: language)
  }
}
