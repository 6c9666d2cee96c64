/// Proposes answers for a scorecard's items from a call transcript, using the items'
/// `auto:` rules, each with its evidence.
///
/// Build one scorer per scorecard (patterns are compiled once) and call ``propose(_:)``
/// for each transcript. The interactive `score` session pre-fills its prompts from it;
/// `autoscore` shows and ranks its proposals.
public struct AutoScorer: Sendable {
  public let scorecard: Scorecard
  /// The scorecard's items in order (computed once: screening runs per call).
  let items: [ScorecardItem]
  private let patterns: [String: [CompiledPattern]]

  /// Compiles the scorecard's rules; fails only for a pattern the loader would have refused.
  public init(scorecard: Scorecard) throws {
    self.scorecard = scorecard
    items = scorecard.allItems.map(\.item)
    var patterns: [String: [CompiledPattern]] = [:]
    for (_, item) in scorecard.allItems {
      guard let rule = item.auto else { continue }
      patterns[item.key] = try rule.patterns.map { source in
        try CompiledPattern(source, error: { CallQAError(.errItem, scorecard.reference, item.key, $0) })
      }
    }
    self.patterns = patterns
  }

  /// Item key → proposal, for every item of `scorecard` (unjudgeable items included).
  public static func propose(_ transcript: Transcript, scorecard: Scorecard) throws -> [String: Proposal] {
    try AutoScorer(scorecard: scorecard).propose(transcript)
  }

  /// Item key → proposal for every item of the scorecard.
  public func propose(_ transcript: Transcript) -> [String: Proposal] {
    let view = TranscriptView(transcript)
    var result: [String: Proposal] = [:]
    for item in items {
      result[item.key] = propose(item, view)
    }
    return result
  }

  /// The answers to score a prediction with: proposed answers, and full marks for every
  /// item that cannot be judged (yes, the top level, no occurrences).
  public func predictedAnswers(_ proposals: [String: Proposal]) -> [String: Answer] {
    var answers: [String: Answer] = [:]
    for item in items {
      answers[item.key] = proposals[item.key]?.answer ?? AutoScorer.fullMarks(item)
    }
    return answers
  }

  /// The answer that earns an item's full points.
  public static func fullMarks(_ item: ScorecardItem) -> Answer {
    switch item.type {
    case .yesno: return .yes
    case .scale: return .level(item.levels.map(\.score).max() ?? item.points)
    case .deduction: return .count(0)
    }
  }

  // MARK: - Rules

  private func propose(_ item: ScorecardItem, _ view: TranscriptView) -> Proposal {
    guard let rule = item.auto else {
      return Proposal(item: item.key, rule: nil, answer: nil, evidence: [], reason: "no auto rule: score by listening")
    }
    let kind = rule.kind
    func unjudgeable(_ reason: String) -> Proposal {
      Proposal(item: item.key, rule: kind, answer: nil, evidence: [], reason: reason)
    }
    if rule.needsTimes, !view.transcript.hasStartTimes {
      return unjudgeable("cannot judge: the transcript has no timestamps")
    }
    if [.maxSilence, .interruptions].contains(kind), !view.transcript.hasEndTimes {
      return unjudgeable("cannot judge: the transcript has no end times")
    }
    switch kind {
    case .require, .forbid, .count:
      return phraseRule(item, rule, view)
    case .maxFirstResponse:
      return firstResponse(item, limit: rule.maxFirstResponse ?? 0, view)
    case .maxSilence:
      return silences(item, limit: rule.maxSilence ?? 0, view)
    case .interruptions:
      return interruptions(item, minOverlap: rule.minOverlap ?? 0, view)
    }
  }

  private func phraseRule(_ item: ScorecardItem, _ rule: AutoRule, _ view: TranscriptView) -> Proposal {
    let speaker = rule.speaker ?? .agent
    let indices = view.segments(speaker: speaker, rule: rule)
    var evidence: [Evidence] = []
    for index in indices {
      let segment = view.transcript.segments[index]
      let text = view.normalized(index)
      var found: [(range: Range<Int>, pattern: String)] = []
      for pattern in patterns[item.key] ?? [] {
        found += pattern.matches(in: text).map { ($0, pattern.source) }
      }
      found.sort { $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count }
      var end = 0
      for match in found where match.range.lowerBound >= end {
        end = match.range.upperBound
        evidence.append(
          Evidence(
            line: segment.line, time: segment.start, speaker: segment.speaker, matched: text.original(match.range),
            pattern: match.pattern))
      }
    }
    let scope = "\(speaker == .any ? "anyone" : "the \(speaker.rawValue)")\(rule.windowDescription)"
    let phrases = rule.patterns.joined(separator: ", ")
    let first = evidence.first.map { " \($0.summary)" } ?? ""
    switch rule.kind {
    case .require:
      let found = !evidence.isEmpty
      let levels = item.levels.map(\.score)
      let answer: Answer = item.type == .scale ? .level((found ? levels.max() : levels.min()) ?? 0) : (found ? .yes : .no)
      let reason = found ? "said by \(scope):\(first)" : "not found: \(scope) never says any of \(phrases)"
      return Proposal(item: item.key, rule: .require, answer: answer, evidence: Array(evidence.prefix(1)), reason: reason)
    case .forbid:
      let reason = evidence.isEmpty ? "none said by \(scope)" : "\(evidence.count) forbidden (\(scope)):\(first)"
      return Proposal(item: item.key, rule: .forbid, answer: evidence.isEmpty ? .yes : .no, evidence: evidence, reason: reason)
    default:
      let reason = evidence.isEmpty ? "none said by \(scope)" : "\(evidence.count) said by \(scope):\(first)"
      return Proposal(item: item.key, rule: .count, answer: .count(evidence.count), evidence: evidence, reason: reason)
    }
  }

  private func firstResponse(_ item: ScorecardItem, limit: Double, _ view: TranscriptView) -> Proposal {
    guard let segment = view.transcript.segments.first(where: { $0.speaker == .agent }), let start = segment.start else {
      return Proposal(item: item.key, rule: .maxFirstResponse, answer: .no, evidence: [], reason: "the agent never speaks")
    }
    let ok = start <= limit
    let detail = "first words at \(TranscriptTime.format(start)) (limit \(ScoreFormat.plain(limit)) s)"
    return Proposal(
      item: item.key, rule: .maxFirstResponse, answer: ok ? .yes : .no,
      evidence: [Evidence(line: segment.line, time: start, speaker: .agent, detail: detail)],
      reason: (ok ? "answered in time: " : "answered late: ") + detail)
  }

  private func silences(_ item: ScorecardItem, limit: Double, _ view: TranscriptView) -> Proposal {
    var evidence: [Evidence] = []
    var spokenUntil: Double?
    for segment in view.transcript.segments {
      guard let start = segment.start, let end = segment.end else { continue }
      if let until = spokenUntil, start - until > limit {
        let gap = ScoreFormat.plain(((start - until) * 10).rounded() / 10)
        evidence.append(
          Evidence(
            line: segment.line, time: until, speaker: segment.speaker,
            detail: "silence \(gap) s until \(TranscriptTime.format(start))"))
      }
      spokenUntil = max(spokenUntil ?? end, end)
    }
    let answer: Answer = item.type == .deduction ? .count(evidence.count) : (evidence.isEmpty ? .yes : .no)
    let reason =
      evidence.isEmpty
      ? "no silence longer than \(ScoreFormat.plain(limit)) s"
      : "\(evidence.count) silence\(evidence.count == 1 ? "" : "s") longer than \(ScoreFormat.plain(limit)) s: \(evidence[0].summary)"
    return Proposal(item: item.key, rule: .maxSilence, answer: answer, evidence: evidence, reason: reason)
  }

  private func interruptions(_ item: ScorecardItem, minOverlap: Double, _ view: TranscriptView) -> Proposal {
    var evidence: [Evidence] = []
    var customerUntil: Double?
    for segment in view.transcript.segments {
      guard let start = segment.start, let end = segment.end else { continue }
      switch segment.speaker {
      case .customer:
        customerUntil = max(customerUntil ?? end, end)
      case .agent:
        if let until = customerUntil, until - start > minOverlap {
          let early = ScoreFormat.plain(((until - start) * 10).rounded() / 10)
          let words = segment.text.count > 16 ? String(segment.text.prefix(16)) + "…" : segment.text
          evidence.append(
            Evidence(
              line: segment.line, time: start, speaker: .agent, matched: words,
              detail: "agent started \(early) s before the customer finished"))
        }
      }
    }
    let answer: Answer = item.type == .deduction ? .count(evidence.count) : (evidence.isEmpty ? .yes : .no)
    let reason =
      evidence.isEmpty
      ? "the agent never starts before the customer has finished"
      : "\(evidence.count) interruption\(evidence.count == 1 ? "" : "s"): \(evidence[0].summary)"
    return Proposal(item: item.key, rule: .interruptions, answer: answer, evidence: evidence, reason: reason)
  }
}

extension AutoRule {
  /// ` in the first 15 s`, ` in the last 2 turns`, or empty.
  var windowDescription: String {
    if let seconds = withinFirstSeconds { return " in the first \(ScoreFormat.plain(seconds)) s" }
    if let seconds = withinLastSeconds { return " in the last \(ScoreFormat.plain(seconds)) s" }
    if let turns = withinFirstTurns { return " in the first \(turns) turn\(turns == 1 ? "" : "s")" }
    if let turns = withinLastTurns { return " in the last \(turns) turn\(turns == 1 ? "" : "s")" }
    return ""
  }
}
