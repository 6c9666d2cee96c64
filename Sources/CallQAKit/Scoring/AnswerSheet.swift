import Foundation

/// A complete, validated set of answers for one scorecard, with notes and a comment.
///
/// Built from an answers file (`score --answers`, YAML or JSON), an import record or the
/// interactive prompts; every path checks answers with ``ScorecardItem/parseAnswer(_:)``.
public struct AnswerSheet: Hashable, Sendable {
  public var answers: [String: Answer]
  public var notes: [String: String]
  public var comment: String?
  /// Item key → the answer auto-QA proposed (``Answer/text``), for items it could judge.
  /// Stored with the evaluation so `report auto-rules` can tell how often inspectors overrode it.
  public var proposals: [String: String]
  /// Item key → the root causes (keys of the scorecard's `causes`) the inspector gave for the
  /// points the item lost, in the order given.
  public var causes: [String: [String]]

  public init(
    answers: [String: Answer], notes: [String: String] = [:], comment: String? = nil,
    proposals: [String: String] = [:], causes: [String: [String]] = [:]
  ) {
    self.answers = answers
    self.notes = notes
    self.comment = comment
    self.proposals = proposals
    self.causes = causes
  }

  /// Reads an answers file: `answers:` (item key → answer), optional `notes:`, `comment:`,
  /// `causes:` (item key → a root cause or a list of them) and `proposed:` (item key → the answer auto-QA proposed, as `autoscore --format answers` writes it).
  public static func load(path: String, scorecard: Scorecard) throws -> AnswerSheet {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CallQAError(.errCannotReadFile, path)
    }
    return try parse(text: TextEncoding.decode(data, file: name, advice: .file), file: name, scorecard: scorecard)
  }

  /// Parses answers-file text (YAML or JSON); `file` names it in errors.
  public static func parse(text: String, file: String, scorecard: Scorecard) throws -> AnswerSheet {
    let root = try YAMLValue.parse(text, file: file)
    let map = try root.mapping(allowed: ["answers", "notes", "comment", "proposed", "causes"], expected: .phrase(.yamlAnswersMapping))
    let answersValue = try map.required("answers")
    let answerMap = try answersValue.mapping(expected: .phrase(.yamlItemAnswerMapping))
    var answers: [String: Answer] = [:]
    for entry in answerMap.entries {
      // An unknown key is pointed at; a bad answer at its value.
      guard let item = scorecard.item(entry.key) else {
        throw entry.keyNode.error(text: AnswerChecks.unknownItem(entry.key, scorecard: scorecard).text)
      }
      let raw = try rawAnswer(entry.value)
      do {
        answers[entry.key] = try AnswerChecks.answer(raw, key: entry.key, item: item, scorecard: scorecard)
      } catch {
        throw entry.value.error(text: error.text)
      }
    }
    // An item whose condition does not hold is not asked: its answer is pointed at.
    let states = scorecard.hasConditions ? scorecard.itemStates(answers) : [:]
    for entry in answerMap.entries {
      do {
        try AnswerChecks.requireAsked(entry.key, answers[entry.key], states: states, item: scorecard.item(entry.key))
      } catch {
        throw entry.value.error(text: error.text)
      }
    }
    do {
      try AnswerChecks.requireComplete(answers, keys: AnswerChecks.askedKeys(scorecard, states: states))
    } catch {
      throw answersValue.error(text: error.text)
    }
    var causes: [String: [String]] = [:]
    if let causesValue = map["causes"], !causesValue.isNull {
      for entry in try causesValue.mapping(expected: .phrase(.yamlItemCausesMapping)).entries {
        let keys: [String]
        if case .sequence = entry.value.node {
          keys = try entry.value.sequence().map { try $0.string(.phrase(.yamlACauseKey)) }
        } else {
          keys = [try entry.value.string(.phrase(.yamlACauseKey))]
        }
        do {
          causes[entry.key] = try AnswerChecks.causes(keys, item: entry.key, answers: answers, scorecard: scorecard)
        } catch {
          throw entry.value.error(text: error.text)
        }
      }
    }
    do {
      try AnswerChecks.requireCauses(causes, answers: answers, scorecard: scorecard)
    } catch {
      throw (map["causes"] ?? answersValue).error(text: error.text)
    }
    var notes: [String: String] = [:]
    if let notesValue = map["notes"], !notesValue.isNull {
      for entry in try notesValue.mapping(expected: .phrase(.yamlItemNoteMapping)).entries {
        do {
          try AnswerChecks.requireNoteItem(entry.key, known: scorecard.item(entry.key) != nil)
        } catch {
          throw entry.keyNode.error(text: error.text)
        }
        let note = try entry.value.string(.phrase(.yamlNoteText))
        if !note.isEmpty { notes[entry.key] = note }
      }
    }
    let comment = try map["comment"].flatMap { $0.isNull ? nil : try $0.string(.phrase(.yamlCommentText)) }
    var proposals: [String: String] = [:]
    if let proposedValue = map["proposed"], !proposedValue.isNull {
      for entry in try proposedValue.mapping(expected: .phrase(.yamlItemProposedMapping)).entries {
        guard let item = scorecard.item(entry.key) else {
          throw entry.keyNode.error(.errProposalUnknownItem, entry.key)
        }
        if entry.value.isNull { continue }
        do {
          proposals[entry.key] = try item.parseAnswer(try rawAnswer(entry.value)).text
        } catch let error as AnswerError {
          throw entry.value.error(.errProposed, MessageArgument.describing(error))
        }
      }
    }
    return AnswerSheet(answers: answers, notes: notes, comment: comment, proposals: proposals, causes: causes)
  }

  /// Interprets a YAML/JSON scalar: plain numbers are numbers, everything else is text.
  static func rawAnswer(_ value: YAMLValue) throws -> RawAnswer {
    guard let scalar = value.scalar, !value.isNull else {
      throw value.error(.errExpectedAnswerYes)
    }
    if scalar.style == .plain, let number = Double(scalar.string) {
      return .number(number)
    }
    return .text(scalar.string)
  }
}
