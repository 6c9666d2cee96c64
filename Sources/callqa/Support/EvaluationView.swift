import CallQAKit

/// The human-readable breakdown of an evaluation: header, sections, items, top losses.
enum EvaluationView {
  static func render(_ detail: EvaluationDetail, scorecard: Scorecard, language: String) -> String {
    var lines: [String] = []
    let words = Messages(Language(code: language) ?? .en)
    let title = scorecard.title.resolve(language)
    lines.append(Console.bold(words(.evalHeader, detail.id)) + "  \(detail.scorecard.key)@\(detail.scorecard.version)  \(title)")
    lines.append(
      words(
        .evalFacts, detail.agent, detail.inspector, detail.call, detail.callStartedAt ?? "", words.kind(detail.kind), words.status(detail.status)))
    lines.append("")
    var sections = TextTable([
      .init(words[.colSection]), .init(words[.colTitle]), .init(words[.colScore], .right), .init(words[.colWeight], .right),
    ])
    for section in detail.sections {
      let name = scorecard.sections.first { $0.key == section.key }?.title.resolve(language) ?? ""
      sections.add([section.key, name, section.applicable ? ScoreFormat.score(section.score) : words[.sessionNA], ScoreFormat.plain(section.weight)])
    }
    lines.append(sections.render())
    lines.append("")
    var items = TextTable([
      .init(words[.colItem]), .init(words[.colTitle], maxWidth: 36), .init(words[.colAnswer]), .init(words[.colEarned], .right),
      .init(words[.colItemPointsShort], .right), .init(words[.colLost], .right), .init(words[.colNote], maxWidth: 30),
    ])
    for item in detail.items {
      let definition = scorecard.item(item.key)
      var answer = item.answer.map { words.answer($0) } ?? "—"
      if definition?.critical != CriticalLevel.none, item.answer == "no" { answer += words[.evalCriticalMark] }
      if item.overridden == true, let proposed = item.proposed { answer += words(.evalAutoMark, words.answer(proposed)) }
      if let causes = item.causes { answer += " [\(words.list(causes))]" }
      items.add([
        item.key, definition?.title.resolve(language) ?? "", answer,
        item.earned.map(ScoreFormat.plain) ?? "—", ScoreFormat.plain(item.points),
        item.impact.map { $0 > 0 ? ScoreFormat.score($0) : "" } ?? "", item.note ?? "",
      ])
    }
    lines.append(items.render())
    lines.append("")
    guard let final = detail.finalScore, let raw = detail.rawScore else {
      lines.append(words[.evalDraft])
      return lines.joined(separator: "\n")
    }
    let verdict = detail.passed == true ? Console.green(words[.evalPass]) : Console.red(words[.evalFail])
    var summary = words(.evalSummary, ScoreFormat.score(raw), Console.bold(ScoreFormat.score(final)), verdict)
    if let band = detail.band {
      let label = scorecard.bands.first { $0.label.resolve("en") == band }?.label.resolve(language) ?? band
      summary += words(.evalBand, label)
    }
    if detail.criticalFailed == true { summary += "  " + Console.red(words[.evalCriticalFailure]) }
    lines.append(summary)
    let losses = detail.items.filter { ($0.impact ?? 0) > 0 }.sorted { ($0.impact ?? 0) > ($1.impact ?? 0) }.prefix(3)
    if !losses.isEmpty {
      lines.append(words(.evalMostLost, words.list(losses.map { "\($0.key) −\(ScoreFormat.score($0.impact))" })))
    }
    let proposed = detail.items.filter { $0.proposed != nil }
    if !proposed.isEmpty {
      let overridden = proposed.filter { $0.overridden == true }.map(\.key)
      let which = overridden.isEmpty ? "" : " (\(words.list(overridden)))"
      lines.append(words(.evalAuto, proposed.count, overridden.count, which))
    }
    if let comment = detail.comment { lines.append(words(.evalComment, comment)) }
    return lines.joined(separator: "\n")
  }
}
