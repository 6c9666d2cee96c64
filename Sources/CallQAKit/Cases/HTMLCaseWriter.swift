/// Writes the HTML library: `index.html` and one page per case. Plain, printable and offline:
/// one inline stylesheet, no scripts, no external assets; every text escaped.
struct HTMLCaseWriter: CasePageWriter {
  let labels: CaseLabels
  let fileExtension = "html"

  private func e(_ text: String) -> String { HTMLEscape.text(text) }

  private func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="\(labels.words.language.tag)">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(e(title))</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
           max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
    th { white-space: nowrap; }
    th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
    td.n, th.n { text-align: right; }
    .tag { display: inline-block; border: 1px solid #888; border-radius: .3rem; padding: 0 .35rem; font-size: .85em; }
    .exemplary { border-color: #2a7; color: #185; } .cautionary { border-color: #c44; color: #a22; }
    .lost { color: #a22; } dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dt { font-weight: bold; } pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
    @media print { audio, .back { display: none; } body { margin: 0; max-width: none; } a { color: inherit; } }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  func index(_ library: CaseLibrary) -> String {
    let byId = Dictionary(library.cases.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func link(_ id: Int64) -> String {
      guard let entry = byId[id] else { return "" }
      return "<li><a href=\"\(e(MarkupText.href(entry.page ?? "")))\">\(e(entry.title))</a> "
        + "<span class=\"tag \(entry.kind.rawValue)\">\(e(labels.kind(entry.kind)))</span> "
        + "\(e(entry.agent)) · \(e(entry.date ?? "")) · \(ScoreFormat.score(entry.score.final))</li>"
    }
    var body = "<h1>\(e(labels["library"]))</h1>\n"
    body += "<p>\(e(labels["generated"])): \(e(library.generatedAt)) · \(library.cases.count) \(e(labels["cases"]))</p>\n"
    if !library.problems.isEmpty {
      body += "<h2>\(e(labels["problems"]))</h2>\n<ul>\n" + library.problems.map { "<li>\(e($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
    }
    body +=
      "<h2>\(e(labels["allCases"]))</h2>\n<table>\n<tr><th>#</th><th>\(e(labels["case"]))</th><th>\(e(labels["kind"]))</th>"
      + "<th>\(e(labels["level"]))</th><th>\(e(labels["agent"]))</th><th>\(e(labels["date"]))</th><th class=\"n\">\(e(labels["score"]))</th></tr>\n"
    body +=
      library.cases.map { entry in
        "<tr><td>\(entry.id)</td><td><a href=\"\(e(MarkupText.href(entry.page ?? "")))\">\(e(entry.title))</a> "
          + "<small>\(e(MarkupText.clipTimes(entry.clip, labels: labels)))</small></td>"
          + "<td><span class=\"tag \(entry.kind.rawValue)\">\(e(labels.kind(entry.kind)))</span></td><td>\(e(labels.level(entry.level)))</td>"
          + "<td>\(e(entry.agent))</td><td>\(e(entry.date ?? ""))</td><td class=\"n\">\(ScoreFormat.score(entry.score.final))</td></tr>"
      }.joined(separator: "\n") + "\n</table>\n"
    body += "<h2>\(e(labels["bySkill"]))</h2>\n"
    for group in library.bySkill {
      body += "<h3>\(e(group.title)) <small>(\(e(group.skill)))</small></h3>\n<ul>\n"
      body += group.cases.map(link).joined(separator: "\n") + "\n</ul>\n"
    }
    body += "<h2>\(e(labels["byLevel"]))</h2>\n"
    for group in library.byLevel {
      body += "<h3>\(e(labels[group.level]))</h3>\n<ul>\n" + group.cases.map(link).joined(separator: "\n") + "\n</ul>\n"
    }
    return document(title: labels["library"], body: body)
  }

  func page(_ entry: CaseLibrary.Entry) -> String {
    var body = "<p class=\"back\"><a href=\"../index.html\">← \(e(labels["back"]))</a></p>\n"
    body += "<h1>\(e(entry.title)) <span class=\"tag \(entry.kind.rawValue)\">\(e(labels.kind(entry.kind)))</span></h1>\n<dl>\n"
    var facts: [(String, String)] = [
      ("agent", entry.agent), ("date", entry.date ?? ""),
      ("scorecard", "\(entry.scorecard.title) (\(entry.scorecard.key)@\(entry.scorecard.version))"),
      ("score", scoreLine(entry.score)), ("level", labels.level(entry.level)),
      ("skills", entry.skills.map(\.title).joined(separator: labels.listSeparator)),
    ]
    if let call = entry.call { facts.insert(("call", call), at: 1) }
    if let inspector = entry.inspector { facts.append(("inspector", inspector)) }
    body += facts.map { "<dt>\(e(labels[$0.0]))</dt><dd>\(e($0.1))</dd>" }.joined(separator: "\n") + "\n</dl>\n"
    body += "<h2>\(e(labels["why"]))</h2>\n<p>\(e(entry.why))</p>\n"
    body += "<h2>\(e(labels["clip"] + labels.words.colon + MarkupText.clipTimes(entry.clip, labels: labels)))</h2>\n"
    if let file = entry.clip.file {
      body += "<audio controls preload=\"metadata\" src=\"../\(e(MarkupText.href(file)))\"></audio>\n"
      body += "<p><a href=\"../\(e(MarkupText.href(file)))\">\(e(file))</a></p>\n"
    } else if entry.clip.status == .missing {
      body += "<p class=\"lost\">\(e(labels["missing"]))</p>\n"
    } else {
      body += "<p>\(e(labels["noRecording"]))</p>\n"
    }
    if let message = entry.clip.message { body += "<p>\(e(message))</p>\n" }
    body += "<h2>\(e(labels["breakdown"]))</h2>\n<table>\n<tr><th>\(e(labels["section"]))</th><th class=\"n\">\(e(labels["score"]))</th></tr>\n"
    body +=
      entry.sections.map { "<tr><td>\(e($0.title))</td><td class=\"n\">\(e(MarkupText.score($0.score, labels: labels)))</td></tr>" }
      .joined(separator: "\n") + "\n</table>\n"
    body +=
      "<table>\n<tr><th>\(e(labels["item"]))</th><th>\(e(labels["answer"]))</th><th class=\"n\">\(e(labels["earned"]))</th>"
      + "<th class=\"n\">\(e(labels["points"]))</th><th class=\"n\">\(e(labels["lost"]))</th><th>\(e(labels["note"]))</th></tr>\n"
    body +=
      entry.items.map { item in
        let answer = labels.words.answer(item.answer) + (item.critical ? " ✗ \(labels["critical"])" : "")
        return "<tr><td>\(e(item.title))</td><td>\(e(answer))</td><td class=\"n\">\(e(item.earned.map(ScoreFormat.plain) ?? "—"))</td>"
          + "<td class=\"n\">\(e(ScoreFormat.plain(item.points)))</td><td class=\"n lost\">\(item.lost > 0 ? e(ScoreFormat.score(item.lost)) : "")</td>"
          + "<td>\(e(item.note ?? ""))</td></tr>"
      }.joined(separator: "\n") + "\n</table>\n"
    if let comment = entry.comment { body += "<h2>\(e(labels["comment"]))</h2>\n<p>\(e(comment))</p>\n" }
    if let transcript = entry.transcript {
      body += "<h2>\(e(labels["transcript"]))</h2>\n"
      if !transcript.cut { body += "<p>\(e(labels["transcriptWhole"]))</p>\n" }
      body += "<pre>\(e(transcript.text))</pre>\n"
    }
    return document(title: entry.title, body: body)
  }

  private func scoreLine(_ score: CaseLibrary.Score) -> String {
    var text =
      "\(labels["final"]) \(ScoreFormat.score(score.final)) (\(labels["raw"]) \(ScoreFormat.score(score.raw))) · "
      + labels[score.passed ? "pass" : "fail"]
    if let band = score.band { text += " · \(band)" }
    if score.criticalFailed { text += " · \(labels["critical"])" }
    return text
  }
}
