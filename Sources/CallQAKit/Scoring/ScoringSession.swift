/// The interactive scoring dialogue as a pure state machine: it takes input lines and
/// answers with effects (answers and notes to store, submit, discard, tag), output and the
/// next prompt. It does no terminal or database I/O, so the same type drives a TTY, piped
/// stdin and unit tests.
///
/// Every answer goes through ``ScorecardItem/parseAnswer(_:)``: an invalid line is re-asked
/// with the reason and never produces an effect.
///
/// Given auto-QA ``Proposal``s (from the call's transcript), each judgeable proposal is shown
/// under its item with its evidence; Enter accepts it and any other answer overrides it.
/// Every recorded answer carries the item's proposal, so the evaluation can store whether the
/// inspector overrode it.
public struct ScoringSession: Sendable {
  struct Entry: Sendable {
    var sectionIndex: Int
    var section: ScorecardSection
    var item: ScorecardItem
  }

  enum Phase: Hashable, Sendable {
    case item(Int)
    case comment
    /// Asking the root causes of the item at this index, which just lost points.
    case cause(Int)
    case review, chooseEdit, confirmDiscard
    case offerCase, caseTitle, caseLevel, caseClipStart, caseClipEnd
    case finished
  }

  public let scorecard: Scorecard
  /// Language of scorecard texts (`zh` or `en`).
  public let language: String
  /// Answers given so far (including those loaded from a draft).
  public private(set) var answers: [String: Answer]
  /// Notes attached so far.
  public private(set) var notes: [String: String]
  /// The evaluation's overall comment (评语), asked once after the last item.
  public internal(set) var comment: String?
  /// Root causes given so far (item key → cause keys).
  public internal(set) var causes: [String: [String]]
  /// Item key → what auto-QA proposes from the call's transcript (empty without a transcript).
  public let proposals: [String: Proposal]
  /// How the session ended; nil while it runs.
  public internal(set) var outcome: SessionOutcome?
  /// True from the moment the session asked to submit (the training-case questions may follow).
  public internal(set) var isSubmitted = false
  /// Keys the front end answers itself while an item is asked (the terminal's listening
  /// keys), listed in the item help after the session's own.
  public var frontEndKeys: [(key: String, meaning: String)] = []
  /// True when the session revises a disputed evaluation: `d` keeps the revision (not a
  /// draft) and `x` discards it, leaving the dispute open.
  public var isRevision = false

  let entries: [Entry]
  var phase: Phase = .item(0)
  /// After the first review, answering an item returns to the review.
  var returnToReview = false
  var shownSection: Int?
  var suggestion = TrainingCaseSuggestion(title: "")
  /// True once the comment was asked, or the session started with a comment or with every
  /// item answered (a resumed draft, a revision): it is asked only once, `c` changes it later.
  var commentAsked: Bool

  /// A session over `scorecard`, continuing from the answers, notes and comment of a draft if
  /// given, pre-filled with auto-QA `proposals` if given.
  public init(
    scorecard: Scorecard, language: String, answers: [String: Answer] = [:], notes: [String: String] = [:],
    comment: String? = nil, proposals: [String: Proposal] = [:], causes: [String: [String]] = [:]
  ) {
    self.scorecard = scorecard
    self.language = language
    self.answers = answers
    self.notes = notes
    self.comment = comment
    self.commentAsked = comment != nil
    self.causes = causes
    self.proposals = proposals
    var entries: [Entry] = []
    for (index, section) in scorecard.sections.enumerated() {
      for item in section.items { entries.append(Entry(sectionIndex: index, section: section, item: item)) }
    }
    self.entries = entries
    if firstUnanswered == nil { commentAsked = true }
  }

  /// The words of the session's language (prompts and help come from the catalogue).
  var words: Messages { Messages(Language(code: language) ?? .en) }

  /// Index of the first asked item without an answer, in scorecard order (items a condition
  /// skips are not asked).
  public var firstUnanswered: Int? {
    let states = itemStates
    return entries.firstIndex { answers[$0.item.key] == nil && states[$0.item.key]?.isSkipped != true }
  }

  /// Key of the item being asked, if the session is on an item.
  public var currentItem: String? {
    if case .item(let index) = phase { return entries[index].item.key }
    return nil
  }

  /// True once the session has ended (submitted, saved as draft or discarded).
  public var isFinished: Bool { phase == .finished }

  /// The opening step: the first unanswered item, or the review when every item is answered.
  public mutating func start() -> PromptStep {
    var output: [SessionOutput] = [
      .line(words(.sessionOpening, scorecard.title.resolve(language), scorecard.reference, entries.count), .heading)
    ]
    if !answers.isEmpty, !isRevision {
      output.append(.line(words(.sessionContinuing, answers.count, entries.count), .hint))
    }
    output += proposalsSummary()
    if let index = firstUnanswered { return enter(index, output) }
    return enterCommentOrReview(output)
  }

  /// Reacts to one input line (without its newline).
  public mutating func handle(_ line: String) -> PromptStep {
    let input = line.trimmingCharacters(in: .whitespacesAndNewlines)
    switch phase {
    case .item(let index): return handleItem(index, input)
    case .comment: return handleComment(input)
    case .cause(let index): return handleCause(index, input)
    case .review: return handleReview(input)
    case .chooseEdit: return handleChooseEdit(input)
    case .confirmDiscard: return handleConfirmDiscard(input)
    case .offerCase, .caseTitle, .caseLevel, .caseClipStart, .caseClipEnd: return handleCase(input)
    case .finished: return PromptStep(prompt: nil)
    }
  }

  /// The scores of the answers so far (throws while an item is unanswered).
  public func result() throws -> EvaluationResult {
    try Evaluator.evaluate(scorecard, answers: askedAnswers, notes: notes)
  }

  // MARK: - Items

  mutating func enter(_ index: Int, _ before: [SessionOutput] = []) -> PromptStep {
    phase = .item(index)
    var output = before
    let entry = entries[index]
    if shownSection != entry.sectionIndex {
      shownSection = entry.sectionIndex
      let weight = entry.section.weight.map { words(.sessionWeight, ScoreFormat.plain($0)) } ?? ""
      output.append(.line("", .plain))
      output.append(
        .line(
          words(
            .sessionSection, entry.sectionIndex + 1, scorecard.sections.count, entry.section.title.resolve(language), entry.section.key, weight),
          .heading))
    }
    output += describe(index)
    return PromptStep(output: output, prompt: prompt(index))
  }

  func describe(_ index: Int) -> [SessionOutput] {
    let item = entries[index].item
    var lines: [SessionOutput] = []
    var kind = words(.sessionKindPoints, words.itemType(item.type), ScoreFormat.plain(item.points))
    if item.type == .deduction, let deduct = item.deduct { kind += words(.sessionPerOccurrence, ScoreFormat.plain(deduct)) }
    if item.na { kind += words[.sessionNAAllowed] }
    lines.append(.line(words(.sessionItemLine, item.title.resolve(language), item.key, kind), .heading))
    if let guidance = item.guidance?.resolve(language), !guidance.isEmpty {
      lines.append(.line("    \(guidance)", .hint))
    }
    switch item.critical {
    case .none: break
    case .section: lines.append(.line(words[.sessionCriticalSection], .error))
    case .evaluation: lines.append(.line(words[.sessionCriticalEvaluation], .error))
    }
    if item.type == .scale {
      let width = item.levels.map { DisplayWidth.of(ScoreFormat.plain($0.score)) }.max() ?? 1
      for (number, level) in item.levels.enumerated() {
        let score = DisplayWidth.pad(ScoreFormat.plain(level.score), to: width, right: true)
        lines.append(.line("    \(number + 1)) \(score)  \(level.label.resolve(language))", .plain))
      }
    }
    lines += describeProposal(for: item)
    if let answer = answers[item.key] {
      lines.append(.line(words(.sessionCurrentAnswer, describe(answer, of: item)), .hint))
    }
    if let note = notes[item.key] { lines.append(.line(words(.sessionNote, note), .hint)) }
    return lines
  }

  func prompt(_ index: Int) -> String {
    let item = entries[index].item
    var keys: String
    switch item.type {
    case .yesno: keys = words[.sessionKeysYesNo]
    case .scale:
      keys = words(.sessionKeysScale, item.levels.count, item.levels.map { ScoreFormat.plain($0.score) }.joined(separator: "/"))
    case .deduction: keys = words[.sessionKeysDeduction]
    }
    if item.na { keys += words[.sessionKeysNA] }
    let current =
      answers[item.key].map { words(.sessionCurrentMark, $0.text) } ?? proposedAnswer(item.key).map { words(.sessionAutoMark, $0.text) } ?? ""
    return words(.sessionItemPrompt, index + 1, entries.count, item.key, keys, current)
  }

  func describe(_ answer: Answer, of item: ScorecardItem) -> String {
    switch answer {
    case .level(let score):
      let label = item.levels.first { $0.score == score }?.label.resolve(language) ?? ""
      return "\(ScoreFormat.plain(score)) \(label)"
    case .count(let n): return words(.sessionOccurrences, n)
    case .notApplicable: return words[.sessionNA]
    default: return words.answer(answer.text)
    }
  }

  mutating func handleItem(_ index: Int, _ input: String) -> PromptStep {
    let item = entries[index].item
    let again = prompt(index)
    switch input {
    case "":
      if answers[item.key] != nil { return advance(from: index) }
      if let proposed = proposedAnswer(item.key) { return record(proposed, at: index, accepted: true) }
      return PromptStep(output: [.line(words[.sessionAnswerNeeded], .error)], prompt: again)
    case "?", "help":
      return PromptStep(output: help(for: item) + describe(index), prompt: again)
    case "b", "back":
      guard let previous = entries.indices.prefix(index).last(where: { !isSkipped($0) }) else {
        return PromptStep(output: [.line(words[.sessionFirstItem], .error)], prompt: again)
      }
      return enter(previous)
    default: break
    }
    if let note = ScoringSession.noteText(input) {
      let value = note == "-" ? nil : note
      notes[item.key] = value
      let message = words(value == nil ? .sessionNoteRemoved : .sessionNoteAttached, item.key)
      return PromptStep(
        effects: [.recordNote(item: item.key, note: value)], output: [.line(message, .success)], prompt: again)
    }
    do {
      let answer = try item.parseAnswer(RawAnswer(parsing: ScoringSession.levelScore(input, item)))
      return record(answer, at: index, accepted: false)
    } catch {
      return PromptStep(output: [.line(words(.sessionTryAgain, error.reason), .error)], prompt: again)
    }
  }

  /// Stores `answer` for the item at `index` (with the item's proposal) and moves on.
  mutating func record(_ answer: Answer, at index: Int, accepted: Bool) -> PromptStep {
    let item = entries[index].item
    let proposed = proposedAnswer(item.key)
    answers[item.key] = answer
    var mark = ""
    if let proposed {
      mark = accepted ? words[.sessionProposed] : proposed == answer ? words[.sessionAsProposed] : words(.sessionOverrides, proposed.text)
    }
    let recorded: [SessionOutput] = [.line(words(.sessionRecorded, item.key, describe(answer, of: item), mark), .success)]
    var effects: [ScoringEffect] = [.recordAnswer(item: item.key, answer: answer, proposed: proposed)]
    if !offeredCauses(item).isEmpty, item.losesPoints(answer) {
      var step = askCause(index, recorded)
      step.effects.insert(contentsOf: effects, at: 0)
      return step
    }
    if causes.removeValue(forKey: item.key) != nil { effects.append(.recordCauses(item: item.key, causes: [])) }
    var step = advance(from: index, recorded)
    step.effects.insert(contentsOf: effects, at: 0)
    return step
  }

  /// The note text of `n <text>` / `note <text>`, or nil when the line is not a note.
  static func noteText(_ input: String) -> String? {
    for prefix in ["n ", "note "] where input.lowercased().hasPrefix(prefix) {
      let text = input.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
      if !text.isEmpty { return text }
    }
    return nil
  }

  /// A scale item takes a level score or a level number; a number that is a level score
  /// means the score. Anything else is passed on unchanged for `parseAnswer` to judge.
  static func levelScore(_ input: String, _ item: ScorecardItem) -> String {
    guard item.type == .scale, let number = Double(input) else { return input }
    if item.levels.contains(where: { $0.score == number }) { return input }
    if let position = Int(input), (1...item.levels.count).contains(position) {
      return ScoreFormat.plain(item.levels[position - 1].score)
    }
    return input
  }

  mutating func advance(from index: Int, _ before: [SessionOutput] = []) -> PromptStep {
    if returnToReview, firstUnanswered == nil { return enterCommentOrReview(before) }
    if let next = entries.indices.dropFirst(index + 1).first(where: { !isSkipped($0) }) { return enter(next, before) }
    if let missing = firstUnanswered { return enter(missing, before) }
    return enterCommentOrReview(before)
  }

  /// The answer keys of `item`, one per line, descriptions aligned in one column.
  func help(for item: ScorecardItem) -> [SessionOutput] {
    var keys: [(String, String)] = []
    switch item.type {
    case .yesno: keys.append(("y / n", words[.sessionHelpYesNo]))
    case .scale:
      keys.append(("1-\(item.levels.count)", words[.sessionHelpLevel]))
      keys.append((item.levels.map { ScoreFormat.plain($0.score) }.joined(separator: ", "), words[.sessionHelpScore]))
    case .deduction:
      keys.append(("0, 1, 2 …", words(.sessionHelpCount, ScoreFormat.plain(item.deduct ?? 0), ScoreFormat.plain(item.points))))
    }
    keys.append(item.na ? ("na", words[.sessionHelpNA]) : ("", words[.sessionHelpNoNA]))
    keys += [
      (words[.sessionHelpKeyNote], words[.sessionHelpNote]),
      ("b", words[.sessionHelpBack]),
      (words[.sessionHelpKeyEnter], words[.sessionHelpEnter]),
    ]
    keys += frontEndKeys.map { ($0.key, $0.meaning) }
    keys.append(("?", words[.sessionHelpHelp]))
    let width = max(14, keys.map { DisplayWidth.of($0.0) }.max() ?? 0)
    return [.line(words[.sessionHelpKeys], .hint)] + keys.map { key, text in .line("  " + DisplayWidth.pad(key, to: width) + "  " + text, .hint) }
  }
}
