extension PerformanceSheet {
  /// The sheet as a report document, so it can be written as CSV, Excel or HTML like
  /// every other report: one table (flagged rows keep empty cells, never zeros) and a bar
  /// chart of the weighted totals.
  public var document: ReportDocument {
    var table = ReportTable(
      name: "Performance", title: "\(plan.title) \(period)",
      columns: [
        .init("rank", numeric: true), .init("agent"), .init("name"), .init("team"), .init("traffic", numeric: true),
        .init("quality", numeric: true), .init("partial"), .init("training", numeric: true),
        .init("attendance", numeric: true), .init("total", numeric: true), .init("missing"),
      ])
    for row in rows {
      table.rows.append([
        row.rank.map { .integer($0) } ?? .empty, .text(row.agent), .text(row.name), .text(row.team ?? ""),
        .score(row.traffic), .withInterval(row.quality, row.qualityCI), .flag(row.qualityPartial), .score(row.training),
        .score(row.attendance), .withInterval(row.total, row.totalCI), .text(row.missing.joined(separator: "; ")),
      ])
    }
    let ranked = rows.filter { $0.total != nil }
    let chart = ReportChart(
      kind: .bars, title: "Weighted total by agent", labels: ranked.map { "\($0.name) (\($0.agent))" },
      series: [.init(name: "total", values: ranked.map(\.total))])
    let w = plan.weights
    let notes = [
      "weights: traffic \(ScoreFormat.plain(w.traffic)), quality \(ScoreFormat.plain(w.quality)), "
        + "training \(ScoreFormat.plain(w.training)), attendance \(ScoreFormat.plain(w.attendance))",
      "traffic = (calls handled − complaint contacts) / target × 100; quality = SPEC §3.5; "
        + "training = mean training score − absences × coefficient",
      "rows with a missing input are flagged and get no total and no rank",
      IntervalNotes.line(confidence, means: false, index: true) + "; total: the quality interval weighted, the other figures known",
    ]
    return ReportDocument(
      title: plan.title, scope: "period \(period)", notes: notes, tables: [table], charts: ranked.isEmpty ? [] : [chart])
  }
}
