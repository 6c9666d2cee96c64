extension QualityReport {
  /// The formula, with the settings in effect.
  public var formulaLine: String {
    "index = max(0, base − complaints × \(ScoreFormat.plain(complaintCoefficient))); "
      + "base = \(ScoreFormat.plain(monitoringWeight))·M + \(ScoreFormat.plain(testCallWeight))·T "
      + "(only one of M, T: base = that one, row marked partial)"
  }

  /// The report as tables (index, coverage gaps) and a bar chart of the agents' index.
  public var document: ReportDocument {
    var table = ReportTable(
      name: "Quality index", title: "Index by agent, team and centre",
      columns: [
        .init("row"), .init("agent"), .init("name"), .init("team"), .init("M monitoring", numeric: true),
        .init("M n", numeric: true), .init("T test call", numeric: true), .init("T n", numeric: true),
        .init("complaints", numeric: true), .init("base", numeric: true), .init("index", numeric: true),
        .init("partial"),
      ])
    func add(_ row: QualityRow, kind: String) {
      table.rows.append([
        .text(kind), .text(row.agent ?? ""), .text(row.agent == nil ? "" : row.name), .text(row.team ?? ""),
        .withInterval(row.monitoring, row.monitoringCI), .integer(row.monitoringCount), .withInterval(row.testCall, row.testCallCI),
        .integer(row.testCallCount), .integer(row.complaints), .score(row.base), .withInterval(row.index, row.indexCI), .flag(row.partial),
      ])
    }
    agents.forEach { add($0, kind: "agent") }
    teams.forEach { add($0, kind: "team") }
    if let centre { add(centre, kind: "centre") }
    var gaps = ReportTable(
      name: "Coverage gaps", title: "Agents without any monitoring or test-call evaluation in \(period)",
      columns: [.init("agent"), .init("name"), .init("team"), .init("complaints", numeric: true)])
    for gap in coverageGaps {
      gaps.rows.append([.text(gap.agent), .text(gap.name), .text(gap.team ?? ""), .integer(gap.complaints)])
    }
    let chart = ReportChart(
      kind: .bars, title: "Quality index by agent", labels: agents.map { "\($0.name) (\($0.agent ?? ""))" },
      series: [.init(name: "index", values: agents.map(\.index))], reference: centre?.index)
    var notes = [
      formulaLine, "team and centre rows: means over their agents; counts and complaints summed",
      IntervalNotes.line(confidence, index: true),
    ]
    if !coverageGaps.isEmpty {
      notes.append("coverage gaps (no index): " + coverageGaps.map(\.agent).joined(separator: ", "))
    }
    return ReportDocument(
      title: "Service-quality index", scope: "period \(period)", notes: notes, tables: [table, gaps],
      charts: agents.isEmpty ? [] : [chart])
  }
}
