import CallQAKit
import Foundation

/// Renders one call's auto-QA proposals: table, JSON and a pre-filled answers file.
struct AutoscoreView {
  let scorecard: Scorecard
  let transcript: Transcript
  let path: String
  let call: TranscribedCall?
  let proposals: [String: Proposal]
  let predicted: EvaluationResult
  let language: String

  private var ordered: [(section: ScorecardSection, item: ScorecardItem, proposal: Proposal?)] {
    scorecard.allItems.map { ($0.section, $0.item, proposals[$0.item.key]) }
  }

  private var header: String {
    let times = transcript.hasEndTimes ? "start and end times" : transcript.hasStartTimes ? "start times" : "no times"
    var who = ""
    if let call { who = "call \(call.externalId)  agent \(call.agent)  " }
    return "\(who)\(scorecard.reference)  transcript \(transcript.file) (\(transcript.segments.count) utterances, \(times))"
  }

  func table() -> String {
    var table = TextTable([
      .init("item"), .init("title", maxWidth: 24), .init("rule"), .init("proposed"), .init("evidence", maxWidth: 70),
    ])
    var unruled: [String] = []
    for (_, item, proposal) in ordered {
      guard let proposal, let rule = proposal.rule else {
        unruled.append(item.key)
        continue
      }
      var answer = proposal.answer?.text ?? "—"
      if item.critical != .none, proposal.answer == Answer.no { answer += " ✗critical" }
      table.add([item.key, item.title.resolve(language), rule.rawValue, answer, proposal.reason])
      for evidence in proposal.evidence.dropFirst().prefix(5) { table.add(["", "", "", "", "  " + evidence.summary]) }
      if proposal.evidence.count > 6 { table.add(["", "", "", "", "  … \(proposal.evidence.count - 6) more"]) }
    }
    var lines = [Console.bold("Auto-QA") + "  " + header, "", table.render(), ""]
    let cannot = ordered.filter { $0.proposal?.rule != nil && $0.proposal?.answer == nil }.map(\.item.key)
    if !cannot.isEmpty { lines.append("cannot judge from this transcript: " + cannot.joined(separator: ", ")) }
    if !unruled.isEmpty { lines.append("no auto rule (score by listening): " + unruled.joined(separator: ", ")) }
    var summary = "predicted: raw \(ScoreFormat.score(predicted.rawScore))  final \(ScoreFormat.score(predicted.finalScore))"
    summary += predicted.passed ? "  pass" : "  fail"
    if predicted.criticalFailed { summary += "  " + Console.red("CRITICAL FAILURE") }
    lines.append(summary + "  (items not judged count as full marks)")
    return lines.joined(separator: "\n")
  }

  struct ItemJSON: Encodable {
    let key: String
    let section: String
    @NullEncoded var rule: String?
    let judgeable: Bool
    @NullEncoded var proposed: String?
    let critical: String
    let reason: String
    let evidence: [Evidence]

    enum CodingKeys: String, CodingKey { case key, section, rule, judgeable, proposed, critical, reason, evidence }

    /// Every key always present (null when there is no value): a stable contract for scripts.
  }

  struct JSON: Encodable {
    @NullEncoded var call: String?
    @NullEncoded var agent: String?
    let scorecard: String
    let transcript: String
    let utterances: Int
    let predicted_raw: Double
    let predicted_score: Double
    let predicted_pass: Bool
    let critical_failed: Bool
    let items: [ItemJSON]

    enum CodingKeys: String, CodingKey {
      case call, agent, scorecard, transcript, utterances, predicted_raw, predicted_score, predicted_pass
      case critical_failed, items
    }
  }

  func json() -> JSON {
    JSON(
      call: call?.externalId, agent: call?.agent, scorecard: scorecard.reference, transcript: path,
      utterances: transcript.segments.count, predicted_raw: predicted.rawScore, predicted_score: predicted.finalScore,
      predicted_pass: predicted.passed, critical_failed: predicted.criticalFailed,
      items: ordered.map { section, item, proposal in
        ItemJSON(
          key: item.key, section: section.key, rule: proposal?.rule?.rawValue, judgeable: proposal?.judgeable ?? false,
          proposed: proposal?.answer?.text, critical: item.critical.rawValue, reason: proposal?.reason ?? "",
          evidence: proposal?.evidence ?? [])
      })
  }

  /// An answers file for `score --answers`: proposals filled in (with their evidence as
  /// comments), the other items left empty for the inspector, and the `proposed:` block.
  func answersFile() -> String {
    var lines = [
      "# Answers pre-filled by callqa auto-QA from \(transcript.file) (\(scorecard.reference)).",
      "# Check every proposal against the recording, fill in the empty items, then run:",
      "#   callqa score --scorecard \(scorecard.reference) --agent \(call?.agent ?? "AGENT") --call \(call?.externalId ?? "CALL") --answers FILE",
      "answers:",
    ]
    for (_, item, proposal) in ordered {
      let comment = proposal.map { " # " + $0.reason.replacingOccurrences(of: "\n", with: " ") } ?? ""
      lines.append("  \(item.key): \(proposal?.answer?.text ?? "")".padding(toLength: 36, withPad: " ", startingAt: 0) + comment)
    }
    lines.append("proposed:")
    for (_, item, proposal) in ordered {
      if let answer = proposal?.answer { lines.append("  \(item.key): \(answer.text)") }
    }
    return lines.joined(separator: "\n")
  }
}

/// Renders the review queue of `autoscore --period`: table, JSON and CSV.
struct ReviewQueueView {
  let queue: [ScreenedCall]
  let total: [ScreenedCall]
  let period: String

  private static func flags(_ call: ScreenedCall) -> String {
    if let problem = call.problem { return problem }
    return call.flagged.map { "\($0.item)=\($0.answer?.text ?? "?")" }.joined(separator: " ")
  }

  func table() -> String {
    var table = TextTable([
      .init("rank", .right), .init("call"), .init("date"), .init("agent"), .init("team"), .init("risk"),
      .init("predicted", .right), .init("judged", .right), .init("flagged", maxWidth: 60),
    ])
    for (index, call) in queue.enumerated() {
      table.add([
        String(index + 1), call.call.externalId, String((call.call.startedAt ?? "").prefix(10)), call.call.agent,
        call.call.team ?? "", call.risk.rawValue, ScoreFormat.score(call.predictedScore),
        "\(call.judged)/\(call.items)", Self.flags(call),
      ])
    }
    var counts: [String] = []
    for risk in ScreeningRisk.allCases {
      let n = total.filter { $0.risk == risk }.count
      if n > 0 { counts.append("\(n) \(risk.rawValue)") }
    }
    let shown = queue.count < total.count ? " (first \(queue.count) shown)" : ""
    return [
      table.render(), "",
      "\(total.count) call\(total.count == 1 ? "" : "s") with transcripts in \(period)\(shown): " + counts.joined(separator: ", "),
      "predicted = scoring of the proposed answers, items no rule can judge at full marks",
    ].joined(separator: "\n")
  }

  struct FlagJSON: Encodable {
    let item: String
    @NullEncoded var proposed: String?
    let reason: String

    enum CodingKeys: String, CodingKey { case item, proposed, reason }
  }

  struct RowJSON: Encodable {
    let rank: Int
    let call: String
    let agent: String
    @NullEncoded var team: String?
    @NullEncoded var started_at: String?
    let scorecard: String
    let risk: String
    @NullEncoded var predicted_score: Double?
    @NullEncoded var predicted_raw: Double?
    let judged: Int
    let items: Int
    let flagged: [FlagJSON]
    @NullEncoded var problem: String?
    enum CodingKeys: String, CodingKey {
      case rank, call, agent, team, started_at, scorecard, risk, predicted_score, predicted_raw, judged, items, flagged
      case problem
    }

    /// Every key always present (null when there is no value).
  }

  func json() -> [RowJSON] {
    queue.enumerated().map { index, call in
      RowJSON(
        rank: index + 1, call: call.call.externalId, agent: call.call.agent, team: call.call.team,
        started_at: call.call.startedAt, scorecard: call.scorecard, risk: call.risk.rawValue,
        predicted_score: call.predictedScore, predicted_raw: call.predictedRaw, judged: call.judged,
        items: call.items, flagged: call.flagged.map { FlagJSON(item: $0.item, proposed: $0.answer?.text, reason: $0.reason) },
        problem: call.problem)
    }
  }

  /// RFC 4180 CSV, one call a row, priority order: the first column is the call id.
  func csv() -> String {
    CSVWriter.csv(
      header: ["call", "rank", "agent", "team", "started_at", "scorecard", "risk", "predicted_score", "predicted_raw", "judged", "items", "flagged"],
      rows: queue.enumerated().map { index, call in
        [
          call.call.externalId, String(index + 1), call.call.agent, call.call.team ?? "", call.call.startedAt ?? "",
          call.scorecard, call.risk.rawValue, call.predictedScore.map { String(format: "%.2f", $0) } ?? "",
          call.predictedRaw.map { String(format: "%.2f", $0) } ?? "", String(call.judged), String(call.items),
          Self.flags(call),
        ]
      })
  }
}
