/// The end of a scoring session: the breakdown, the submit / edit / draft / discard menu and
/// the training-case suggestion for exemplary calls.
extension ScoringSession {
  var menuPrompt: String { words[isRevision ? .sessionRevisionMenu : .sessionMenu] }
  var commentPrompt: String { words[.sessionCommentPrompt] }

  /// After the last item: the overall comment the first time, then the review.
  mutating func enterCommentOrReview(_ before: [SessionOutput] = []) -> PromptStep {
    guard !commentAsked else { return enterReview(before) }
    return enterComment(before)
  }

  mutating func enterComment(_ before: [SessionOutput] = []) -> PromptStep {
    phase = .comment
    commentAsked = true
    var output = before
    if let comment { output.append(.line(words(.sessionCurrentComment, comment), .hint)) }
    return PromptStep(output: output, prompt: commentPrompt)
  }

  /// The comment line: text sets the comment, `-` removes it, Enter keeps what there is.
  mutating func handleComment(_ input: String) -> PromptStep {
    guard !input.isEmpty else { return enterReview() }
    let value = input == "-" ? nil : input
    guard value != comment else { return enterReview() }
    comment = value
    var step = enterReview([.line(words[value == nil ? .sessionCommentRemoved : .sessionCommentKept], .success)])
    step.effects.insert(.recordComment(value), at: 0)
    return step
  }

  mutating func enterReview(_ before: [SessionOutput] = []) -> PromptStep {
    phase = .review
    returnToReview = true
    shownSection = nil
    var output = before
    output.append(.line("", .plain))
    do {
      _ = try result()
      output.append(.breakdown)
    } catch {
      output.append(.line(words(.sessionCannotScore, describeError(error)), .error))
    }
    return PromptStep(output: output, prompt: menuPrompt)
  }

  mutating func handleReview(_ input: String) -> PromptStep {
    let parts = input.split(separator: " ", maxSplits: 1).map(String.init)
    switch parts.first?.lowercased() ?? "" {
    case "s", "submit":
      let scored: EvaluationResult
      do { scored = try result() } catch {
        return PromptStep(output: [.line(words(.sessionCannotSubmit, describeError(error)), .error)], prompt: menuPrompt)
      }
      isSubmitted = true
      var output: [SessionOutput] = [.line(words[.sessionSubmitted], .success)]
      guard scored.finalScore + Evaluator.thresholdTolerance >= scorecard.exemplaryScore else {
        return finish(.submitted, effects: [.submit], output)
      }
      phase = .offerCase
      output.append(
        .line(words(.sessionExemplary, ScoreFormat.score(scored.finalScore), ScoreFormat.plain(scorecard.exemplaryScore)), .heading))
      return PromptStep(effects: [.submit], output: output, prompt: words[.sessionTagPrompt])
    case "e", "edit":
      if parts.count == 2 { return chooseEdit(parts[1]) }
      phase = .chooseEdit
      var table = TextTable([
        .init("#", .right), .init(words[.colItem]), .init(words[.colTitle], maxWidth: 40), .init(words[.sessionColAnswer]),
        .init(words[.sessionColNote], maxWidth: 24),
      ])
      for (index, entry) in entries.enumerated() {
        let skipped = itemStates[entry.item.key]?.isSkipped == true
        let answer = skipped ? words[.sessionNotAsked] : answers[entry.item.key].map { describe($0, of: entry.item) } ?? "—"
        table.add([String(index + 1), entry.item.key, entry.item.title.resolve(language), answer, notes[entry.item.key] ?? ""])
      }
      return PromptStep(output: [.table(table)], prompt: editPrompt)
    case "c", "comment":
      return enterComment()
    case "d", "draft", "save":
      return finish(.savedDraft, [.line(words[isRevision ? .sessionRevisionKept : .sessionDraftKept], .success)])
    case "x", "discard":
      phase = .confirmDiscard
      return PromptStep(prompt: words[isRevision ? .sessionRevisionDiscardPrompt : .sessionDiscardPrompt])
    case "?", "help":
      return PromptStep(
        output: [
          .line(words[.sessionHelpSubmit], .hint),
          .line(words[.sessionHelpEdit], .hint),
          .line(words[.sessionHelpComment], .hint),
          .line(words[isRevision ? .sessionHelpRevisionKeep : .sessionHelpDraft], .hint),
          .line(words[.sessionHelpDiscard], .hint),
        ], prompt: menuPrompt)
    case "":
      return PromptStep(prompt: menuPrompt)
    default:
      return PromptStep(output: [.line(words[.sessionChooseMenu], .error)], prompt: menuPrompt)
    }
  }

  var editPrompt: String { words(.sessionEditPrompt, entries.count) }

  mutating func handleChooseEdit(_ input: String) -> PromptStep {
    if input.isEmpty { return enterReview() }
    return chooseEdit(input)
  }

  mutating func chooseEdit(_ input: String) -> PromptStep {
    var chosen: Int?
    if let number = Int(input), (1...entries.count).contains(number) { chosen = number - 1 }
    if let index = entries.firstIndex(where: { $0.item.key == input }) { chosen = index }
    if let index = chosen {
      if case .skipped(let condition)? = itemStates[entries[index].item.key] {
        phase = .chooseEdit
        let message = words(.sessionItemNotAsked, entries[index].item.key, condition.description)
        return PromptStep(output: [.line(message, .error)], prompt: editPrompt)
      }
      return enter(index)
    }
    phase = .chooseEdit
    return PromptStep(output: [.line(words(.sessionNoItem, input, entries.count), .error)], prompt: editPrompt)
  }

  mutating func handleConfirmDiscard(_ input: String) -> PromptStep {
    if ["y", "yes"].contains(input.lowercased()) {
      return finish(.discarded, effects: [.discard], [.line(words[isRevision ? .sessionRevisionDiscarded : .sessionDiscarded], .success)])
    }
    phase = .review
    return PromptStep(output: [.line(words[.sessionKept], .hint)], prompt: menuPrompt)
  }

  // MARK: - Training case

  mutating func handleCase(_ input: String) -> PromptStep {
    func ask(_ message: String, _ prompt: String) -> PromptStep {
      PromptStep(output: [.line(message, .error)], prompt: prompt)
    }
    let levelPrompt = words[.sessionLevelPrompt]
    let startPrompt = words[.sessionClipStartPrompt]
    let endPrompt = words[.sessionClipEndPrompt]
    switch phase {
    case .offerCase:
      switch input.lowercased() {
      case "y", "yes":
        phase = .caseTitle
        return PromptStep(prompt: words[.sessionCaseTitlePrompt])
      case "", "n", "no": return finish(.submitted, [])
      default: return ask(words[.sessionAnswerYN], words[.sessionTagPrompt])
      }
    case .caseTitle:
      guard !input.isEmpty else { return ask(words[.sessionCaseNeedsTitle], words[.sessionCaseTitlePrompt]) }
      suggestion.title = input
      phase = .caseLevel
      return PromptStep(prompt: levelPrompt)
    case .caseLevel:
      let all = TrainingLevel.allCases
      let chosen =
        Int(input).flatMap { (1...all.count).contains($0) ? all[$0 - 1] : nil }
        ?? all.first { $0.rawValue == input.lowercased() }
      guard let level = chosen else {
        return ask(words[.sessionChooseLevel], levelPrompt)
      }
      suggestion.level = level
      phase = .caseClipStart
      return PromptStep(prompt: startPrompt)
    case .caseClipStart:
      if input.isEmpty { return finishCase() }
      guard let start = ClipTime.parse(input) else { return ask(words(.sessionNotATime, input), startPrompt) }
      suggestion.clipStart = start
      phase = .caseClipEnd
      return PromptStep(prompt: endPrompt)
    default:
      if input.isEmpty { return finishCase() }
      guard let end = ClipTime.parse(input) else { return ask(words(.sessionNotATime, input), endPrompt) }
      if let start = suggestion.clipStart, end <= start {
        return ask(words(.sessionClipAfter, ClipTime.format(start)), endPrompt)
      }
      suggestion.clipEnd = end
      return finishCase()
    }
  }

  mutating func finishCase() -> PromptStep {
    var clip = ""
    if let start = suggestion.clipStart {
      clip = words(.sessionClip, ClipTime.format(start), suggestion.clipEnd.map(ClipTime.format) ?? words[.sessionClipEnd])
    }
    let level = suggestion.level.map { CaseLabels(language: language)[$0.rawValue] } ?? ""
    return finish(
      .submitted, effects: [.tagTrainingCase(suggestion)],
      [.line(words(.sessionTagged, suggestion.title, level, clip), .success)])
  }

  mutating func finish(_ outcome: SessionOutcome, effects: [ScoringEffect] = [], _ output: [SessionOutput]) -> PromptStep {
    phase = .finished
    self.outcome = outcome
    return PromptStep(effects: effects, output: output, prompt: nil)
  }

  /// A refusal in the session's language (callqa's own errors), else as the error says it.
  func describeError(_ error: any Error) -> String {
    MessageArgument.describing(error).rendered(words)
  }
}
