/// How a line of prompt output should look; the terminal layer maps styles to colours
/// (only on a TTY without `NO_COLOR`).
public enum LineStyle: Hashable, Sendable {
  case plain, heading, hint, error, success
}

/// One piece of output of a prompt flow.
public enum SessionOutput: Hashable, Sendable {
  case line(String, LineStyle)
  /// A table (a list to choose from), drawn by the front end.
  case table(TextTable)
  /// Show the breakdown of the answers so far (rendered by the terminal layer from the draft).
  case breakdown
}

/// What the scoring session asks the caller to do, in order, before printing the output.
public enum ScoringEffect: Hashable, Sendable {
  /// Store this answer in the draft now, with the answer auto-QA proposed for the item
  /// (nil when none was proposed), so the submitted evaluation can tell whether it was overridden.
  case recordAnswer(item: String, answer: Answer, proposed: Answer? = nil)
  /// Store the root causes of this item's lost points in the draft now (empty removes them).
  case recordCauses(item: String, causes: [String])
  /// Store (or with nil, remove) this note in the draft now.
  case recordNote(item: String, note: String?)
  /// Store (or with nil, remove) the evaluation's overall comment in the draft now.
  case recordComment(String?)
  /// Submit the draft.
  case submit
  /// Tag the submitted evaluation as a training case.
  case tagTrainingCase(TrainingCaseSuggestion)
  /// Delete the draft.
  case discard
}

/// How a scoring session ended.
public enum SessionOutcome: Hashable, Sendable {
  case submitted, savedDraft, discarded
}

/// The reply of a prompt flow to its start or to one input line: effects to apply first,
/// then output to show, then the next prompt (nil when the flow is over).
public struct PromptStep: Hashable, Sendable {
  public var effects: [ScoringEffect]
  public var output: [SessionOutput]
  /// The prompt to show before reading the next line; nil when the flow has finished.
  public var prompt: String?

  public init(effects: [ScoringEffect] = [], output: [SessionOutput] = [], prompt: String?) {
    self.effects = effects
    self.output = output
    self.prompt = prompt
  }

  /// True when no more input is wanted.
  public var isFinished: Bool { prompt == nil }

  /// The text lines of the output (without breakdown markers), for tests and logs.
  public var lines: [String] {
    output.compactMap { if case .line(let text, _) = $0 { return text } else { return nil } }
  }

  /// The tables of the output (lists to choose from).
  public var tables: [TextTable] {
    output.compactMap { if case .table(let table) = $0 { return table } else { return nil } }
  }
}
