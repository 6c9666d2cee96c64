import CallQAKit

/// Terminal rendering of `call list` cells and of `call show`.
enum CallView {
  /// `2026-11-03T09:15:00+08:00` → `2026-11-03 09:15` (the call's local time).
  static func time(_ startedAt: String?) -> String {
    guard let startedAt, startedAt.count >= 16 else { return startedAt ?? "" }
    return String(startedAt.prefix(10)) + " " + String(startedAt.dropFirst(11).prefix(5))
  }

  /// Seconds as `m:ss` (`h:mm:ss` from an hour); empty when unknown.
  static func duration(_ seconds: Double?) -> String {
    guard let seconds, seconds.isFinite else { return "" }
    let total = Int(seconds.rounded())
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
    let mmss = String(format: "%02d:%02d", m, s)
    return h > 0 ? "\(h):\(mmss)" : "\(total / 60):" + String(format: "%02d", s)
  }

  static func render(_ detail: CallDetail) -> String {
    var facts = [detail.startedAt ?? "no start time"]
    if let direction = detail.direction { facts.append(direction) }
    if let seconds = detail.duration { facts.append(duration(seconds)) }
    var lines = [Console.bold("Call \(detail.call)") + "  " + facts.joined(separator: " · ")]
    lines.append("agent       \(detail.agent) \(detail.agentName)" + (detail.team.map { " · team \($0)" } ?? ""))
    lines.append("recording   " + recording(detail.recording))
    lines += transcript(detail.transcript)

    lines.append("")
    lines.append(Console.bold("Evaluations (\(detail.evaluations.count))"))
    if detail.evaluations.isEmpty {
      lines.append("(none)")
    } else {
      var table = TextTable([
        .init("id", .right), .init("scorecard"), .init("kind"), .init("status"), .init("inspector"),
        .init("raw", .right), .init("final", .right), .init("band"), .init("result"),
      ])
      for e in detail.evaluations {
        let result = e.passed.map { $0 ? "pass" : "fail" } ?? ""
        table.add([
          String(e.id), e.scorecard, e.kind.rawValue, HistoryView.status(e.status), e.inspector,
          ScoreFormat.score(e.rawScore), ScoreFormat.score(e.finalScore), e.band ?? "",
          result + (e.criticalFailed == true ? " (critical)" : ""),
        ])
      }
      lines.append(table.render())
    }

    lines.append("")
    lines.append(Console.bold("Complaints (\(detail.complaints.count))"))
    if detail.complaints.isEmpty { lines.append("(none)") }
    for complaint in detail.complaints {
      lines.append("#\(complaint.id)  \(complaint.date)  \(complaint.valid ? "valid" : "not valid")" + (complaint.note.map { "  \($0)" } ?? ""))
    }

    lines.append("")
    lines.append(Console.bold("Training cases (\(detail.cases.count))"))
    if detail.cases.isEmpty { lines.append("(none)") }
    for item in detail.cases {
      lines.append("#\(item.id)  \(item.kind.rawValue)  \(item.title)  (evaluation \(item.evaluation)" + (item.level.map { ", \($0.rawValue)" } ?? "") + ")")
    }
    return lines.joined(separator: "\n")
  }

  static func recording(_ recording: CallDetail.Recording?) -> String {
    guard let recording else { return "(none)" }
    guard recording.exists else { return "\(recording.path) " + Console.red("(missing)") }
    if let duration = recording.duration {
      return "\(recording.path) (\(TranscriptTime.format(duration)) from the WAV header)"
    }
    return "\(recording.path) (\(recording.problem ?? "duration unknown"))"
  }

  static func transcript(_ transcript: CallDetail.Transcript?) -> [String] {
    guard let transcript else { return ["transcript  (none)"] }
    guard transcript.exists else { return ["transcript  \(transcript.path) " + Console.red("(missing)")] }
    if let problem = transcript.problem { return ["transcript  \(transcript.path) (cannot be read: \(problem))"] }
    let total = transcript.utterances ?? 0
    var lines = ["transcript  \(transcript.path) (\(total) utterance\(total == 1 ? "" : "s"))"]
    // One utterance a line, in full (the way transcripts are written): `  6  [00:27.5] 客户: …`.
    let width = String(transcript.page.rows.last?.number ?? 0).count
    for utterance in transcript.page.rows {
      let number = String(repeating: " ", count: width - String(utterance.number).count) + String(utterance.number)
      let time = utterance.start.map { "[\(TranscriptTime.format($0))] " } ?? ""
      lines.append("  \(number)  \(time)\(utterance.label): \(utterance.text)")
    }
    let page = transcript.page
    var footer = "  utterances "
    footer += page.rows.isEmpty ? "none from \(page.offset + 1)" : "\(page.offset + 1)–\(page.offset + page.rows.count)"
    footer += " of \(total)"
    if let next = page.nextOffset { footer += "; more: --transcript-offset \(next)" }
    lines.append(footer)
    return lines
  }
}
