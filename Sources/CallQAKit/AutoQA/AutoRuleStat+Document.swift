extension [AutoRuleStat] {
  /// The auto-rules report as one table (CSV, XLSX and HTML) with precision as bars.
  ///
  /// `period` is the month asked for, or nil for every call (shown in the scope line).
  public func document(period: String?) -> ReportDocument {
    var table = ReportTable(
      name: "Auto rules", title: "Auto-QA rules in practice",
      columns: [
        .init("scorecard"), .init("item"), .init("rule"), .init("proposed", numeric: true), .init("fired", numeric: true),
        .init("overridden", numeric: true), .init("false alarms", numeric: true), .init("missed", numeric: true),
        .init("precision %", numeric: true), .init("agreement %", numeric: true),
      ])
    for stat in self {
      table.rows.append([
        .text(stat.scorecard), .text(stat.item), .text(stat.rule?.rawValue ?? ""), .integer(stat.proposed),
        .integer(stat.fired), .integer(stat.overridden), .integer(stat.falseAlarms), .integer(stat.missed),
        .rate(stat.precision.map { $0 * 100 }), .rate(stat.agreement.map { $0 * 100 }),
      ])
    }
    let fired = filter { $0.precision != nil }
    let chart = ReportChart(
      kind: .bars, title: "Precision in practice by item", labels: fired.map { "\($0.item) (\($0.scorecard))" },
      series: [.init(name: "precision %", values: fired.map { $0.precision.map { $0 * 100 } })], unit: "%")
    return ReportDocument(
      title: "Auto-QA rules", scope: period.map { "period \($0)" } ?? "every call",
      notes: [
        "fired: the proposal flagged a fault; false alarm: fired but the inspector's answer loses no points; missed: not fired but the answer loses points",
        "precision = (fired − false alarms) / fired; agreement = (proposed − overridden) / proposed",
      ],
      tables: [table], charts: fired.isEmpty ? [] : [chart])
  }
}
