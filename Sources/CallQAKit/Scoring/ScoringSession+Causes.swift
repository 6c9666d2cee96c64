/// Conditions and root causes in the scoring dialogue: items a condition skips are never
/// asked, and an answer that loses points on a scorecard with root causes is followed by the
/// question of its causes (required where the item says so).
extension ScoringSession {
  /// Whether each item is asked given the answers so far.
  var itemStates: [String: ItemState] { scorecard.hasConditions ? scorecard.itemStates(answers) : [:] }

  /// True when the item at `index` is skipped by a condition.
  func isSkipped(_ index: Int) -> Bool {
    scorecard.hasConditions && itemStates[entries[index].item.key]?.isSkipped == true
  }

  /// The answers of the asked items: what would be submitted.
  public var askedAnswers: [String: Answer] {
    guard scorecard.hasConditions else { return answers }
    let states = itemStates
    return answers.filter { states[$0.key]?.isSkipped != true }
  }

  /// The session's answers as a sheet to submit: the asked items' answers, with the notes,
  /// comment and root causes given so far (the revision of a dispute is submitted from it).
  public var sheet: AnswerSheet {
    let asked = askedAnswers
    return AnswerSheet(answers: asked, notes: notes, comment: comment, causes: causes.filter { asked[$0.key] != nil && !$0.value.isEmpty })
  }

  /// The root causes offered for `item` (``Scorecard/offeredCauses(_:)``).
  func offeredCauses(_ item: ScorecardItem) -> [RootCause] { scorecard.offeredCauses(item) }

  func causePrompt(_ item: ScorecardItem) -> String {
    let offered = offeredCauses(item)
    let choices = offered.enumerated().map { "\($0.offset + 1) \($0.element.label.resolve(language))" }.joined(separator: " · ")
    return words(.sessionCausePrompt, choices, words[item.requiresCause ? .sessionCauseRequired : .sessionCauseNone])
  }

  mutating func askCause(_ index: Int, _ before: [SessionOutput]) -> PromptStep {
    phase = .cause(index)
    let item = entries[index].item
    var output = before
    if let given = causes[item.key], !given.isEmpty { output.append(.line(words(.sessionCurrentCauses, words.list(given)), .hint)) }
    return PromptStep(output: output, prompt: causePrompt(item))
  }

  mutating func handleCause(_ index: Int, _ input: String) -> PromptStep {
    let item = entries[index].item
    let offered = offeredCauses(item)
    if input.isEmpty {
      if causes[item.key]?.isEmpty == false { return advance(from: index) }
      guard !item.requiresCause else {
        return PromptStep(output: [.line(words[.sessionCauseNeeded], .error)], prompt: causePrompt(item))
      }
      return advance(from: index)
    }
    var chosen: [String] = []
    for word in input.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }).map(String.init) {
      let cause = Int(word).flatMap { (1...offered.count).contains($0) ? offered[$0 - 1].key : nil } ?? word
      guard offered.contains(where: { $0.key == cause }) else {
        return PromptStep(
          output: [.line(words(.sessionNotACause, word, offered.count, words.list(offered.map(\.key))), .error)], prompt: causePrompt(item))
      }
      if !chosen.contains(cause) { chosen.append(cause) }
    }
    causes[item.key] = chosen
    var step = advance(from: index, [.line("✓ \(item.key)\(words.colon)\(words.list(chosen))", .success)])
    step.effects.insert(.recordCauses(item: item.key, causes: chosen), at: 0)
    return step
  }
}
