import CallQAKit

/// Table and header rendering of training cases.
enum CaseView {
  static func table(_ cases: [TrainingCase], _ words: Messages) -> String {
    let labels = CaseLabels(language: words.language.rawValue)
    var table = TextTable([
      .init(words[.colId], .right), .init(words[.colTitle], maxWidth: 30), .init(words[.colKind]), .init(words[.colLevel]),
      .init(words[.colSkills], maxWidth: 36), .init(words[.colAgent]), .init(words[.colDate]), .init(words[.colScorecard]),
      .init(words[.colFinal], .right), .init(words[.colClip]),
    ])
    for row in cases {
      table.add([
        String(row.id), row.title, labels.kind(row.kind), row.level.map { labels.level($0) } ?? "", row.skills.joined(separator: ","),
        row.agent, String((row.callStartedAt ?? "").prefix(10)), row.scorecard, ScoreFormat.score(row.finalScore),
        row.clip?.description ?? labels["wholeCall"],
      ])
    }
    return table.render()
  }

  static func header(_ found: TrainingCase, scorecard: Scorecard, language: String) -> String {
    let words = Messages(Language(code: language) ?? .en), labels = CaseLabels(language: language)
    let skills = found.skills.map { key in
      "\(key) (\(scorecard.item(key)?.title.resolve(language) ?? "?"))"
    }
    var lines = [
      Console.bold(words(.caseHeader, found.id)) + "  \(found.title)  [\(labels.kind(found.kind))]",
      words(.caseFacts, labels.level(found.level), found.clip?.description ?? labels["wholeCall"], found.evaluationId),
      words(.caseSkills, words.list(skills)),
      words(.caseTagged, found.createdBy ?? "?", found.createdAt),
    ]
    if let notes = found.notes { lines.append(words(.caseNotes, notes)) }
    return lines.joined(separator: "\n")
  }
}
