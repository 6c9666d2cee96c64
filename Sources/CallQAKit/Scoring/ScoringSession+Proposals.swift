/// Auto-QA pre-filling: how proposals from the call's transcript are shown under their items.
extension ScoringSession {
  /// At most this many pieces of evidence are listed under an item (the count of the rest follows).
  static let evidenceShown = 3

  /// The answer auto-QA proposes for an item, when the transcript let its rule decide.
  public func proposedAnswer(_ key: String) -> Answer? { proposals[key]?.answer }

  /// The opening line saying how many items are pre-filled; empty without proposals.
  func proposalsSummary() -> [SessionOutput] {
    let judged = entries.filter { proposedAnswer($0.item.key) != nil }.count
    guard judged > 0 else { return [] }
    return [
      .line(words(.sessionPrefilled, judged, entries.count), .hint)
    ]
  }

  /// The lines under an item: the proposal with the reason and evidence, or why the rule
  /// could not judge; nothing for an item without an auto rule.
  func describeProposal(for item: ScorecardItem) -> [SessionOutput] {
    guard let proposal = proposals[item.key], proposal.rule != nil else { return [] }
    guard let answer = proposal.answer else { return [.line(words(.sessionAutoReason, proposal.reason), .hint)] }
    var lines: [SessionOutput] = [.line(words(.sessionAutoProposes, describe(answer, of: item), proposal.reason), .heading)]
    // The reason already quotes the first piece of evidence.
    let more = proposal.evidence.dropFirst()
    for evidence in more.prefix(Self.evidenceShown) { lines.append(.line("      \(evidence.summary)", .hint)) }
    if more.count > Self.evidenceShown { lines.append(.line(words(.sessionMoreEvidence, more.count - Self.evidenceShown), .hint)) }
    if let current = answers[item.key], current != answer {
      lines.append(.line(words[.sessionCurrentOverrides], .hint))
    }
    return lines
  }
}
