import CallQAKit

/// The human-readable breakdown of an evaluation: header, sections, items, top losses.
enum EvaluationView {
  static func render(_ detail: EvaluationDetail, scorecard: Scorecard, language: String) -> String {
    var lines: [String] = []
    let title = scorecard.title.resolve(language)
    lines.append(Console.bold("Evaluation #\(detail.id)") + "  \(detail.scorecard.key)@\(detail.scorecard.version)  \(title)")
    lines.append(
      "agent \(detail.agent)  inspector \(detail.inspector)  call \(detail.call)  \(detail.callStartedAt ?? "")  \(detail.kind.rawValue)  [\(detail.status.rawValue)]"
    )
    lines.append("")
    var sections = TextTable([.init("section"), .init("title"), .init("score", .right), .init("weight", .right)])
    for section in detail.sections {
      let name = scorecard.sections.first { $0.key == section.key }?.title.resolve(language) ?? ""
      sections.add([section.key, name, section.applicable ? ScoreFormat.score(section.score) : "N/A", ScoreFormat.plain(section.weight)])
    }
    lines.append(sections.render())
    lines.append("")
    var items = TextTable([
      .init("item"), .init("title", maxWidth: 36), .init("answer"), .init("earned", .right),
      .init("points", .right), .init("lost", .right), .init("note", maxWidth: 30),
    ])
    for item in detail.items {
      let definition = scorecard.item(item.key)
      var answer = item.answer ?? "—"
      if definition?.critical != CriticalLevel.none, item.answer == "no" { answer += " ✗critical" }
      if item.overridden == true, let proposed = item.proposed { answer += " (auto: \(proposed))" }
      if let causes = item.causes { answer += " [\(causes.joined(separator: ", "))]" }
      items.add([
        item.key, definition?.title.resolve(language) ?? "", answer,
        item.earned.map(ScoreFormat.plain) ?? "—", ScoreFormat.plain(item.points),
        item.impact.map { $0 > 0 ? ScoreFormat.score($0) : "" } ?? "", item.note ?? "",
      ])
    }
    lines.append(items.render())
    lines.append("")
    guard let final = detail.finalScore, let raw = detail.rawScore else {
      lines.append("draft: not scored yet")
      return lines.joined(separator: "\n")
    }
    let verdict = detail.passed == true ? Console.green("PASS") : Console.red("FAIL")
    var summary = "raw \(ScoreFormat.score(raw))  final \(Console.bold(ScoreFormat.score(final)))  \(verdict)"
    if let band = detail.band {
      let label = scorecard.bands.first { $0.label.resolve("en") == band }?.label.resolve(language) ?? band
      summary += "  band: \(label)"
    }
    if detail.criticalFailed == true { summary += "  " + Console.red("CRITICAL FAILURE") }
    lines.append(summary)
    let losses = detail.items.filter { ($0.impact ?? 0) > 0 }.sorted { ($0.impact ?? 0) > ($1.impact ?? 0) }.prefix(3)
    if !losses.isEmpty {
      lines.append("most points lost: " + losses.map { "\($0.key) −\(ScoreFormat.score($0.impact))" }.joined(separator: ", "))
    }
    let proposed = detail.items.filter { $0.proposed != nil }
    if !proposed.isEmpty {
      let overridden = proposed.filter { $0.overridden == true }.map(\.key)
      let which = overridden.isEmpty ? "" : " (\(overridden.joined(separator: ", ")))"
      lines.append("auto-QA: \(proposed.count) proposed, \(overridden.count) overridden\(which)")
    }
    if let comment = detail.comment { lines.append("comment: \(comment)") }
    return lines.joined(separator: "\n")
  }
}
