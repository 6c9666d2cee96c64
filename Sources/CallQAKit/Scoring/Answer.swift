/// An inspector's answer to one item, already checked against the item's type.
public enum Answer: Hashable, Sendable {
  case yes
  case no
  /// The chosen level score of a scale item.
  case level(Double)
  /// Occurrences of a deduction item.
  case count(Int)
  /// Not applicable: the item is left out of its section.
  case notApplicable

  /// The stored and printed form: `yes`, `no`, `na`, a level score or a count.
  public var text: String {
    switch self {
    case .yes: return "yes"
    case .no: return "no"
    case .notApplicable: return "na"
    case .level(let score): return ScoreFormat.plain(score)
    case .count(let n): return String(n)
    }
  }
}

/// An answer as written in a file or typed at a prompt, before it is checked.
public enum RawAnswer: Hashable, Sendable {
  case text(String)
  case number(Double)
  case bool(Bool)

  /// Free text typed by a person or read from CSV.
  public init(parsing text: String) {
    self = .text(text.trimmedWhitespace)
  }
}

/// Why an answer cannot be accepted for an item.
///
/// Printed `item 'KEY': reason`; the reason is a catalogue message (``LocalizedMessage``),
/// so ``message(_:)`` reads in any language and ``description`` in English.
public struct AnswerError: Error, Hashable, Sendable, CustomStringConvertible {
  public var item: String
  public var reason: LocalizedMessage

  /// The whole error as one message, for an argument of another one.
  public var localized: LocalizedMessage { LocalizedMessage(.errAnswerForItem, [item, reason]) }

  /// The same as ``localized`` (as ``CallQAError/text``).
  public var text: LocalizedMessage { localized }

  /// In the language of `words`.
  public func message(_ words: Messages) -> String { localized.rendered(words) }

  public var description: String { localized.description }

  /// `reason` for `item`, in the catalogue.
  public init(item: String, reason: LocalizedMessage) {
    self.item = item
    self.reason = reason
  }

  /// A reason given as text (not callqa's own words); also what a test compares with.
  public init(item: String, reason: String) {
    self.init(item: item, reason: .verbatim(reason))
  }

  /// Equal when they name the same item and say the same in English.
  public static func == (a: AnswerError, b: AnswerError) -> Bool { a.item == b.item && a.reason.description == b.reason.description }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(item)
    hasher.combine(reason.description)
  }
}

extension ScorecardItem {
  /// Checks `raw` against this item's type and returns the answer, or says why it is invalid.
  ///
  /// yes/no items take `yes|no|y|n|true|false|是|否`; scale items a level score; deduction
  /// items a whole count ≥ 0; any item `na` (`n/a`, `不适用`) where the scorecard allows N/A.
  public func parseAnswer(_ raw: RawAnswer) throws(AnswerError) -> Answer {
    func fail(_ reason: MessageKey, _ arguments: any CustomStringConvertible...) -> AnswerError {
      AnswerError(item: key, reason: LocalizedMessage(reason, arguments))
    }
    if case .text(let text) = raw, ["na", "n/a", "不适用"].contains(text.lowercased()) {
      guard na else { throw fail(.errNAllowedItem) }
      return .notApplicable
    }
    switch type {
    case .yesno:
      switch raw {
      case .bool(let value): return value ? .yes : .no
      case .text(let text):
        switch text.lowercased() {
        case "yes", "y", "true", "是": return .yes
        case "no", "n", "false", "否": return .no
        default: throw fail(.errAnswerYesNo, text)
        }
      case .number(let value):
        throw fail(.errAnswerYesNo2, ScoreFormat.plain(value))
      }
    case .scale:
      let allowed = MessageArgument.list(levels.map { ScoreFormat.plain($0.score) })
      let score: Double
      switch raw {
      case .number(let value): score = value
      case .text(let text):
        guard let value = Double(text), value.isFinite else {
          throw fail(.errAnswerOneLevel, allowed, text)
        }
        score = value
      case .bool: throw fail(.errAnswerOneLevelScores, allowed)
      }
      guard levels.contains(where: { $0.score == score }) else {
        throw fail(.errLevelScoreAllowed, ScoreFormat.plain(score), allowed)
      }
      return .level(score)
    case .deduction:
      let value: Double
      switch raw {
      case .number(let number): value = number
      case .text(let text):
        guard let number = Double(text) else { throw fail(.errAnswerOccurrenceCount, text) }
        value = number
      case .bool: throw fail(.errAnswerOccurrenceCount2)
      }
      guard value.isFinite, value == value.rounded() else {
        throw fail(.errOccurrenceCountMust, value)
      }
      guard value >= 0 else { throw fail(.errOccurrenceCountCannot, ScoreFormat.plain(value)) }
      guard value <= 1_000_000 else { throw fail(.errOccurrenceCountPlausible, ScoreFormat.plain(value)) }
      return .count(Int(value))
    }
  }

  /// Checks an answer already in its typed form (from a draft, a library caller or a pool of
  /// generated answers) against this item, with the same rules as ``parseAnswer(_:)``.
  public func check(_ answer: Answer) throws(AnswerError) {
    func fail(_ reason: MessageKey, _ arguments: any CustomStringConvertible...) -> AnswerError {
      AnswerError(item: key, reason: LocalizedMessage(reason, arguments))
    }
    switch answer {
    case .notApplicable:
      guard na else { throw fail(.errNAllowedItem) }
    case .yes, .no:
      guard type == .yesno else { throw fail(.errAnswerItem, answer.text, type.rawValue) }
    case .level(let score):
      guard type == .scale else { throw fail(.errLevelScoreAnswer, type.rawValue) }
      guard levels.contains(where: { $0.score == score }) else {
        let allowed = MessageArgument.list(levels.map { ScoreFormat.plain($0.score) })
        throw fail(.errLevelScoreAllowed, ScoreFormat.plain(score), allowed)
      }
    case .count(let n):
      guard type == .deduction else { throw fail(.errOccurrenceCountAnswer, type.rawValue) }
      guard n >= 0 else { throw fail(.errOccurrenceCountCannot, n) }
      guard n <= 1_000_000 else { throw fail(.errOccurrenceCountPlausible, n) }
    }
  }

  /// Parses the stored text form of an answer (see ``Answer/text``).
  public func storedAnswer(_ text: String) throws(AnswerError) -> Answer {
    try parseAnswer(.text(text))
  }
}
