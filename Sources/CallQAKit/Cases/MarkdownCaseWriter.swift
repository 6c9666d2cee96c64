/// Writes the Markdown library: `index.md` and one page per case, every text escaped.
struct MarkdownCaseWriter: CasePageWriter {
  let labels: CaseLabels
  let fileExtension = "md"

  private func m(_ text: String) -> String { MarkupText.markdown(text) }

  func index(_ library: CaseLibrary) -> String {
    let byId = Dictionary(library.cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func link(_ id: Int64) -> String {
      guard let entry = byId[id] else { return "" }
      return "- [\(m(entry.title))](\(MarkupText.href(entry.page ?? ""))) — \(m(labels.kind(entry.kind))), "
        + "\(m(entry.agent)), \(entry.date ?? ""), \(ScoreFormat.score(entry.score.final))"
    }
    var lines = ["# \(m(labels["library"]))", "", "\(m(labels["generated"])): \(library.generatedAt) · \(library.cases.count) \(m(labels["cases"]))", ""]
    if !library.problems.isEmpty {
      lines += ["## \(m(labels["problems"]))", ""] + library.problems.map { "- \(m($0))" } + [""]
    }
    lines += [
      "## \(m(labels["allCases"]))", "",
      "| # | \(m(labels["case"])) | \(m(labels["kind"])) | \(m(labels["level"])) | "
        + "\(m(labels["agent"])) | \(m(labels["date"])) | \(m(labels["score"])) |", "|---:|---|---|---|---|---|---:|",
    ]
    lines +=
      library.cases.map { entry in
        "| \(entry.id) | [\(m(entry.title))](\(MarkupText.href(entry.page ?? ""))) \(MarkupText.clipTimes(entry.clip, labels: labels)) | "
          + "\(m(labels.kind(entry.kind))) | \(m(labels.level(entry.level))) | \(m(entry.agent)) | \(entry.date ?? "") | "
          + "\(ScoreFormat.score(entry.score.final)) |"
      } + [""]
    lines += ["## \(m(labels["bySkill"]))", ""]
    for group in library.bySkill {
      lines += ["### \(m(group.title)) (\(m(group.skill)))", ""] + group.cases.map(link) + [""]
    }
    lines += ["## \(m(labels["byLevel"]))", ""]
    for group in library.byLevel {
      lines += ["### \(m(labels[group.level]))", ""] + group.cases.map(link) + [""]
    }
    return lines.joined(separator: "\n")
  }

  func page(_ entry: CaseLibrary.Entry) -> String {
    var lines = ["[← \(m(labels["back"]))](../index.md)", "", "# \(m(entry.title))", ""]
    var facts: [(String, String)] = [
      ("kind", labels.kind(entry.kind)), ("agent", entry.agent), ("date", entry.date ?? ""),
      ("scorecard", "\(entry.scorecard.title) (\(entry.scorecard.key)@\(entry.scorecard.version))"),
      (
        "score",
        "\(labels["final"]) \(ScoreFormat.score(entry.score.final)) (\(labels["raw"]) \(ScoreFormat.score(entry.score.raw))) · "
          + labels[entry.score.passed ? "pass" : "fail"] + (entry.score.band.map { " · \($0)" } ?? "")
          + (entry.score.criticalFailed ? " · \(labels["critical"])" : "")
      ),
      ("level", labels.level(entry.level)), ("skills", entry.skills.map(\.title).joined(separator: labels.listSeparator)),
    ]
    if let call = entry.call { facts.insert(("call", call), at: 2) }
    if let inspector = entry.inspector { facts.append(("inspector", inspector)) }
    lines += facts.map { "- **\(m(labels[$0.0]))**: \(m($0.1))" } + [""]
    lines += ["## \(m(labels["why"]))", "", m(entry.why), ""]
    lines += ["## \(m(labels["clip"])): \(MarkupText.clipTimes(entry.clip, labels: labels))", ""]
    if let file = entry.clip.file {
      lines.append("[\(m(file))](../\(MarkupText.href(file)))")
    } else {
      lines.append(m(labels[entry.clip.status == .missing ? "missing" : "noRecording"]))
    }
    if let message = entry.clip.message { lines += ["", m(message)] }
    lines += ["", "## \(m(labels["breakdown"]))", "", "| \(m(labels["section"])) | \(m(labels["score"])) |", "|---|---:|"]
    lines += entry.sections.map { "| \(m($0.title)) | \(MarkupText.score($0.score, labels: labels)) |" }
    lines += [
      "", "| \(m(labels["item"])) | \(m(labels["answer"])) | \(m(labels["earned"])) | \(m(labels["points"])) | \(m(labels["lost"])) | \(m(labels["note"])) |",
      "|---|---|---:|---:|---:|---|",
    ]
    lines += entry.items.map { item in
      let answer = labels.words.answer(item.answer) + (item.critical ? " ✗ \(labels["critical"])" : "")
      return "| \(m(item.title)) | \(m(answer)) | \(item.earned.map(ScoreFormat.plain) ?? "—") | \(ScoreFormat.plain(item.points)) | "
        + "\(item.lost > 0 ? ScoreFormat.score(item.lost) : "") | \(m(item.note ?? "")) |"
    }
    if let comment = entry.comment { lines += ["", "## \(m(labels["comment"]))", "", m(comment)] }
    if let transcript = entry.transcript {
      lines += ["", "## \(m(labels["transcript"]))", ""]
      if !transcript.cut { lines += [m(labels["transcriptWhole"]), ""] }
      let fence = transcript.text.contains("```") ? "~~~~" : "```"
      lines += [fence + "text", transcript.text, fence]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
