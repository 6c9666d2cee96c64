/// Auto-QA proposals for interactive scoring: the session pre-fills its prompts with them.
extension QADatabase {
  /// Item key → proposal for a draft, from its call's transcript and its scorecard's `auto:`
  /// rules; empty when the scorecard has no rules or the call has no transcript.
  ///
  /// Nothing is stored here: the session stores an item's proposal with its answer.
  ///
  /// - Parameter baseDirectory: the folder relative transcript paths are also looked up in
  ///   (the database's folder; see ``Screening/resolve(_:baseDirectory:)``).
  /// - Throws: when the transcript file is missing or malformed (`FILE:LINE`).
  public func proposals(for draft: Draft, labels: SpeakerLabels = .standard, baseDirectory: String?) throws -> [String: Proposal] {
    let card = draft.scorecard.scorecard
    guard card.allItems.contains(where: { $0.item.auto != nil }) else { return [:] }
    let call = try transcribedCall(externalId: draft.callId)
    guard call.transcript?.isEmpty == false else { return [:] }
    let read = try Screening.transcript(of: call, labels: labels, baseDirectory: baseDirectory)
    return try AutoScorer.propose(read.transcript, scorecard: card)
  }
}
