import CallQAKit

/// Table and header rendering of training cases.
enum CaseView {
  static func table(_ cases: [TrainingCase]) -> String {
    var table = TextTable([
      .init("id", .right), .init("title", maxWidth: 30), .init("kind"), .init("level"), .init("skills", maxWidth: 36),
      .init("agent"), .init("date"), .init("scorecard"), .init("final", .right), .init("clip"),
    ])
    for row in cases {
      table.add([
        String(row.id), row.title, row.kind.rawValue, row.level?.rawValue ?? "", row.skills.joined(separator: ","),
        row.agent, String((row.callStartedAt ?? "").prefix(10)), row.scorecard, ScoreFormat.score(row.finalScore),
        row.clip?.description ?? "whole call",
      ])
    }
    return table.render()
  }

  static func header(_ found: TrainingCase, scorecard: Scorecard, language: String) -> String {
    let skills = found.skills.map { key in
      "\(key) (\(scorecard.item(key)?.title.resolve(language) ?? "?"))"
    }
    var lines = [
      Console.bold("Case #\(found.id)") + "  \(found.title)  [\(found.kind.rawValue)]",
      "level \(found.level?.rawValue ?? "any")  clip \(found.clip?.description ?? "whole call")  evaluation \(found.evaluationId)",
      "skills: \(skills.joined(separator: ", "))",
      "tagged by \(found.createdBy ?? "?") at \(found.createdAt)",
    ]
    if let notes = found.notes { lines.append("notes: \(notes)") }
    return lines.joined(separator: "\n")
  }
}
