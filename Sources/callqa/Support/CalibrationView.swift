import CallQAKit
import Foundation

/// Tables of `calibration show` and `calibration report`.
enum CalibrationView {
  /// `+4.5`, `−2.0`, `0.0`.
  static func signed(_ value: Double?) -> String {
    guard let value else { return "—" }
    if abs(value) < 0.05 { return "0.0" }
    return String(format: "%+.1f", value).replacingOccurrences(of: "-", with: "−")
  }

  static func render(_ comparison: CalibrationComparison) -> String {
    let session = comparison.session
    var lines: [String] = []
    let reference = session.expert.map { "expert \($0)" } ?? "session mean"
    lines.append(Console.bold("Calibration session #\(session.id)") + "  \(session.scorecard)  call \(session.call) (agent \(session.agent))")
    lines.append("reference: \(reference)  tolerance ±\(ScoreFormat.plain(session.tolerance))  reference final \(ScoreFormat.score(comparison.referenceFinal))")
    if comparison.expertMissing {
      lines.append("expert \(session.expert ?? "") has not scored this session yet: nothing to compare")
    }
    lines.append("")
    let expert = session.expert != nil
    var totalColumns: [TextTable.Column] = [
      .init("inspector"), .init("evaluation", .right), .init("final", .right), .init("deviation", .right),
      .init("|dev|", .right), .init("item |dev|", .right), .init("verdict"),
    ]
    if expert { totalColumns += [.init("alignment", .right), .init("")] }
    totalColumns.append(.init("items differing", maxWidth: 50))
    var totals = TextTable(totalColumns)
    for row in comparison.inspectors {
      var cells = [
        row.inspector, String(row.evaluation), ScoreFormat.score(row.finalScore), signed(row.signedDeviation),
        ScoreFormat.score(row.absoluteDeviation), ScoreFormat.score(row.itemAbsoluteDeviation),
        row.withinTolerance ? Console.green("within ±\(ScoreFormat.plain(session.tolerance))") : Console.red("OUTSIDE"),
      ]
      if expert {
        cells.append(row.alignment.map { String(format: "%.1f%%", $0) } ?? "—")
        cells.append(row.belowAlignment == true ? Console.red("below") : "")
      }
      cells.append(row.itemsDiffering.isEmpty ? "" : row.itemsDiffering.joined(separator: ", "))
      totals.add(cells)
    }
    lines.append(totals.render())
    lines.append("")
    let raters = Array(Set(comparison.items.flatMap { $0.answers.keys })).sorted { lhs, rhs in
      if lhs == session.expert { return true }
      if rhs == session.expert { return false }
      return lhs < rhs
    }
    var columns: [TextTable.Column] = [.init("item"), .init("points", .right), .init("ref", .right)]
    columns += raters.map { TextTable.Column($0 == session.expert ? "\($0)*" : $0) }
    columns += [.init("spread", .right), .init("mean |dev|", .right), .init("")]
    var items = TextTable(columns)
    for item in comparison.items {
      var cells = [item.key, ScoreFormat.plain(item.points), item.reference.map { ScoreFormat.score($0) } ?? "—"]
      for rater in raters {
        let answer = item.answers[rater] ?? "—"
        let deviation = comparison.inspectors.first { $0.inspector == rater }?.itemDeviations[item.key]
        cells.append(deviation.map { abs($0) >= 0.05 ? "\(answer) (\(signed($0)))" : answer } ?? answer)
      }
      cells.append(item.spread.map(ScoreFormat.plain) ?? "—")
      cells.append(ScoreFormat.score(item.meanAbsoluteDeviation))
      cells.append(item.disagreement ? "≠" : "")
      items.add(cells)
    }
    lines.append(items.render())
    let disagreeing = comparison.items.filter(\.disagreement).map(\.key)
    lines.append("")
    lines.append(
      "inspectors disagree on \(disagreeing.count) of \(comparison.items.count) items" + (disagreeing.isEmpty ? "" : ": " + disagreeing.joined(separator: ", "))
    )
    lines.append((session.expert != nil ? "* expert (reference); " : "") + "(±n) = earned points against the reference; item |dev| = Σ |item deviation|")
    if expert {
      lines.append("alignment = Σ points · (1 − |earned − expert earned| / points) ÷ Σ points (an N/A against an answer aligns 0)")
    }
    return lines.joined(separator: "\n")
  }

  static func alphaLevel(_ row: CalibrationReport.Agreement) -> String {
    guard let alpha = row.alpha else { return row.values >= 2 ? "no variation" : "too few ratings" }
    if alpha >= 0.8 { return "good" }
    if alpha >= 0.667 { return "tentative" }
    return Console.red("low")
  }

  static func render(_ report: CalibrationReport) -> String {
    var lines: [String] = []
    lines.append(
      Console.bold("Calibration report")
        + "  \(report.sessions) session\(report.sessions == 1 ? "" : "s"), \(report.raters) rater\(report.raters == 1 ? "" : "s")")
    lines.append("")
    var inspectors = TextTable([
      .init("inspector"), .init("sessions", .right), .init("mean dev", .right), .init("mean |dev|", .right),
      .init("spread", .right), .init("within tol", .right), .init("tendency"), .init("expert sessions", .right),
      .init("alignment", .right), .init(""),
    ])
    for row in report.inspectors {
      inspectors.add([
        row.inspector, String(row.sessions), signed(row.meanSignedDeviation), ScoreFormat.score(row.meanAbsoluteDeviation),
        ScoreFormat.score(row.spread), "\(row.withinTolerance)/\(row.sessions)", row.tendency, String(row.expertSessions),
        row.meanAlignment.map { String(format: "%.1f%%", $0) } ?? "—", row.belowAlignment ? Console.red("below") : "",
      ])
    }
    lines.append(inspectors.render())
    lines.append("")
    lines.append("Agreement by item, least first (Krippendorff's alpha; ≥ 0.8 good, ≥ 0.667 tentative)")
    var items = TextTable([
      .init("item"), .init("metric"), .init("alpha", .right), .init("sessions", .right), .init("raters", .right),
      .init("values", .right), .init(""),
    ])
    for row in report.items + [report.overallItems, report.finalScores] {
      items.add([
        row.key, row.metric.rawValue, row.alpha.map { String(format: "%.3f", $0) } ?? "—", String(row.sessions),
        String(row.raters), String(row.values), alphaLevel(row),
      ])
    }
    lines.append(items.render())
    return lines.joined(separator: "\n")
  }
}
