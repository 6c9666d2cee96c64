/// The end of a scoring session: the breakdown, the submit / edit / draft / discard menu and
/// the training-case suggestion for exemplary calls.
extension ScoringSession {
  static let menuPrompt = "s submit · e edit an item · c comment · d save as draft · x discard > "
  static let commentPrompt = "overall comment (Enter: none, - removes it) > "

  /// After the last item: the overall comment the first time, then the review.
  mutating func enterCommentOrReview(_ before: [SessionOutput] = []) -> PromptStep {
    guard !commentAsked else { return enterReview(before) }
    return enterComment(before)
  }

  mutating func enterComment(_ before: [SessionOutput] = []) -> PromptStep {
    phase = .comment
    commentAsked = true
    var output = before
    if let comment { output.append(.line("current comment: \(comment) (Enter keeps it)", .hint)) }
    return PromptStep(output: output, prompt: Self.commentPrompt)
  }

  /// The comment line: text sets the comment, `-` removes it, Enter keeps what there is.
  mutating func handleComment(_ input: String) -> PromptStep {
    guard !input.isEmpty else { return enterReview() }
    let value = input == "-" ? nil : input
    guard value != comment else { return enterReview() }
    comment = value
    var step = enterReview([.line(value == nil ? "comment removed" : "comment kept with the evaluation", .success)])
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
      output.append(.line("cannot score these answers: \(describeError(error)); edit an item", .error))
    }
    return PromptStep(output: output, prompt: Self.menuPrompt)
  }

  mutating func handleReview(_ input: String) -> PromptStep {
    let words = input.split(separator: " ", maxSplits: 1).map(String.init)
    switch words.first?.lowercased() ?? "" {
    case "s", "submit":
      let scored: EvaluationResult
      do { scored = try result() } catch {
        return PromptStep(output: [.line("cannot submit: \(describeError(error))", .error)], prompt: Self.menuPrompt)
      }
      isSubmitted = true
      var output: [SessionOutput] = [.line("✓ submitted", .success)]
      guard scored.finalScore + Evaluator.thresholdTolerance >= scorecard.exemplaryScore else {
        return finish(.submitted, effects: [.submit], output)
      }
      phase = .offerCase
      output.append(
        .line(
          "final \(ScoreFormat.score(scored.finalScore)) ≥ exemplary \(ScoreFormat.plain(scorecard.exemplaryScore)): this call could be a training case",
          .heading))
      return PromptStep(effects: [.submit], output: output, prompt: "tag it as a training case? [y/N] > ")
    case "e", "edit":
      if words.count == 2 { return chooseEdit(words[1]) }
      phase = .chooseEdit
      var table = TextTable([.init("#", .right), .init("item"), .init("title", maxWidth: 40), .init("answer"), .init("note", maxWidth: 24)])
      for (index, entry) in entries.enumerated() {
        let skipped = itemStates[entry.item.key]?.isSkipped == true
        let answer = skipped ? "not asked" : answers[entry.item.key].map { describe($0, of: entry.item) } ?? "—"
        table.add([String(index + 1), entry.item.key, entry.item.title.resolve(language), answer, notes[entry.item.key] ?? ""])
      }
      return PromptStep(output: [.table(table)], prompt: editPrompt)
    case "c", "comment":
      return enterComment()
    case "d", "draft", "save":
      return finish(.savedDraft, [.line("draft kept: continue it later with --resume", .success)])
    case "x", "discard":
      phase = .confirmDiscard
      return PromptStep(prompt: "discard this evaluation (the draft is deleted)? [y/N] > ")
    case "?", "help":
      return PromptStep(
        output: [
          .line("  s  submit: store the scores for good", .hint),
          .line("  e  edit an item (e 3 or e greeting edits directly)", .hint),
          .line("  c  write or change the overall comment", .hint),
          .line("  d  keep the draft and quit; continue later with callqa score --resume", .hint),
          .line("  x  discard the evaluation", .hint),
        ], prompt: Self.menuPrompt)
    case "":
      return PromptStep(prompt: Self.menuPrompt)
    default:
      return PromptStep(output: [.line("choose s, e, c, d or x (? for help)", .error)], prompt: Self.menuPrompt)
    }
  }

  var editPrompt: String { "item to edit (1-\(entries.count) or key, Enter: back) > " }

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
        let message = "item '\(entries[index].item.key)' is not asked: its condition '\(condition.description)' does not hold"
        return PromptStep(output: [.line(message, .error)], prompt: editPrompt)
      }
      return enter(index)
    }
    phase = .chooseEdit
    return PromptStep(output: [.line("no item '\(input)': give its number (1-\(entries.count)) or key", .error)], prompt: editPrompt)
  }

  mutating func handleConfirmDiscard(_ input: String) -> PromptStep {
    if ["y", "yes"].contains(input.lowercased()) {
      return finish(.discarded, effects: [.discard], [.line("evaluation discarded", .success)])
    }
    phase = .review
    return PromptStep(output: [.line("kept", .hint)], prompt: Self.menuPrompt)
  }

  // MARK: - Training case

  mutating func handleCase(_ input: String) -> PromptStep {
    func ask(_ message: String, _ prompt: String) -> PromptStep {
      PromptStep(output: [.line(message, .error)], prompt: prompt)
    }
    let levelPrompt = "skill level (1 beginner, 2 intermediate, 3 advanced) > "
    let startPrompt = "clip start mm:ss (Enter: the whole call) > "
    let endPrompt = "clip end mm:ss (Enter: to the end) > "
    switch phase {
    case .offerCase:
      switch input.lowercased() {
      case "y", "yes":
        phase = .caseTitle
        return PromptStep(prompt: "case title > ")
      case "", "n", "no": return finish(.submitted, [])
      default: return ask("answer y or n", "tag it as a training case? [y/N] > ")
      }
    case .caseTitle:
      guard !input.isEmpty else { return ask("a training case needs a title", "case title > ") }
      suggestion.title = input
      phase = .caseLevel
      return PromptStep(prompt: levelPrompt)
    case .caseLevel:
      let all = TrainingLevel.allCases
      let chosen =
        Int(input).flatMap { (1...all.count).contains($0) ? all[$0 - 1] : nil }
        ?? all.first { $0.rawValue == input.lowercased() }
      guard let level = chosen else {
        return ask("choose beginner, intermediate or advanced (1-3)", levelPrompt)
      }
      suggestion.level = level
      phase = .caseClipStart
      return PromptStep(prompt: startPrompt)
    case .caseClipStart:
      if input.isEmpty { return finishCase() }
      guard let start = ClipTime.parse(input) else { return ask("'\(input)' is not a time mm:ss", startPrompt) }
      suggestion.clipStart = start
      phase = .caseClipEnd
      return PromptStep(prompt: endPrompt)
    default:
      if input.isEmpty { return finishCase() }
      guard let end = ClipTime.parse(input) else { return ask("'\(input)' is not a time mm:ss", endPrompt) }
      if let start = suggestion.clipStart, end <= start {
        return ask("the clip must end after \(ClipTime.format(start))", endPrompt)
      }
      suggestion.clipEnd = end
      return finishCase()
    }
  }

  mutating func finishCase() -> PromptStep {
    var clip = ""
    if let start = suggestion.clipStart {
      clip = ", clip \(ClipTime.format(start))–\(suggestion.clipEnd.map(ClipTime.format) ?? "end")"
    }
    let level = suggestion.level?.rawValue ?? ""
    return finish(
      .submitted, effects: [.tagTrainingCase(suggestion)],
      [.line("✓ tagged as a training case: \(suggestion.title) (\(level)\(clip))", .success)])
  }

  mutating func finish(_ outcome: SessionOutcome, effects: [ScoringEffect] = [], _ output: [SessionOutput]) -> PromptStep {
    phase = .finished
    self.outcome = outcome
    return PromptStep(effects: effects, output: output, prompt: nil)
  }

  func describeError(_ error: any Error) -> String {
    (error as? CallQAError)?.description ?? "\(error)"
  }
}
