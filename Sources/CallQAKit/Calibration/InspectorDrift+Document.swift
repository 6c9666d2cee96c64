extension InspectorDrift {
  /// The report as one table (CSV, XLSX and HTML), with the mean final scores as bars.
  ///
  /// `period` is the month asked for, or nil for every month (shown in the scope line).
  public func document(period: String?) -> ReportDocument {
    var table = ReportTable(
      name: "Inspector drift", title: "Inspector drift (monitoring)",
      columns: [
        .init("period"), .init("inspector"), .init("teams"), .init("evals", numeric: true), .init("disputed", numeric: true),
        .init("mean final", numeric: true), .init("fail %", numeric: true), .init("peers", numeric: true),
        .init("peer evals", numeric: true), .init("peer mean", numeric: true), .init("peer fail %", numeric: true),
        .init("Δ mean", numeric: true), .init("Δ fail pt", numeric: true), .init("effect", numeric: true), .init("drift"),
        .init("expert sessions", numeric: true), .init("expert align %", numeric: true), .init("align flag"),
      ])
    for row in rows {
      table.rows.append([
        .text(row.period), .text(row.inspector), .text(row.teams.joined(separator: ", ")), .integer(row.evaluations),
        .integer(row.disputed), .score(row.meanFinal), .rate(row.failRate * 100), .integer(row.peerInspectors),
        .integer(row.peerEvaluations), .score(row.peerMeanFinal), .rate(row.peerFailRate.map { $0 * 100 }),
        .score(row.finalDelta), .score(row.failRateDelta.map { $0 * 100 }), .withInterval(row.effect, row.effectCI),
        .text(row.drift ?? ""), .integer(row.expertSessions), .rate(row.expertAlignment), .flag(row.belowAlignment, "below"),
      ])
    }
    let chart = ReportChart(
      kind: .bars, title: "Mean final score by inspector and period", labels: rows.map { "\($0.inspector) \($0.period)" },
      series: [.init(name: "mean final", values: rows.map(\.meanFinal))])
    return ReportDocument(
      title: "Inspector drift", scope: period.map { "period \($0)" } ?? "every month",
      notes: [
        "peers: the other inspectors' monitoring evaluations of the same teams in the same month",
        "Δ mean = mean final − peer mean (negative: harsher than the peers); Δ fail in percentage points",
        "effect: mean deviation from the other inspectors on the same scorecard and month, with its \(confidence) Welch t-interval; "
          + "drift (harsh, lenient) only when the whole interval is below or above 0",
        "expert align %: mean alignment with the expert in the calibration sessions (with an expert) of calls in the period; below: under the threshold",
      ],
      tables: [table], charts: rows.isEmpty ? [] : [chart])
  }
}
