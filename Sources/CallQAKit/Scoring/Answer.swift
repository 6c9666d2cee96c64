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
public struct AnswerError: Error, Hashable, Sendable, CustomStringConvertible {
  public var item: String
  public var reason: String
  public var description: String { "item '\(item)': \(reason)" }
}

extension ScorecardItem {
  /// Checks `raw` against this item's type and returns the answer, or says why it is invalid.
  ///
  /// yes/no items take `yes|no|y|n|true|false|是|否`; scale items a level score; deduction
  /// items a whole count ≥ 0; any item `na` (`n/a`, `不适用`) where the scorecard allows N/A.
  public func parseAnswer(_ raw: RawAnswer) throws(AnswerError) -> Answer {
    func fail(_ reason: String) -> AnswerError { AnswerError(item: key, reason: reason) }
    if case .text(let text) = raw, ["na", "n/a", "不适用"].contains(text.lowercased()) {
      guard na else { throw fail("N/A is not allowed for this item") }
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
        default: throw fail("answer yes or no, not '\(text)'")
        }
      case .number(let value):
        throw fail("answer yes or no, not \(ScoreFormat.plain(value))")
      }
    case .scale:
      let allowed = levels.map { ScoreFormat.plain($0.score) }.joined(separator: ", ")
      let score: Double
      switch raw {
      case .number(let value): score = value
      case .text(let text):
        guard let value = Double(text), value.isFinite else {
          throw fail("answer one of the level scores \(allowed), not '\(text)'")
        }
        score = value
      case .bool: throw fail("answer one of the level scores \(allowed)")
      }
      guard levels.contains(where: { $0.score == score }) else {
        throw fail("\(ScoreFormat.plain(score)) is not a level score (allowed: \(allowed))")
      }
      return .level(score)
    case .deduction:
      let value: Double
      switch raw {
      case .number(let number): value = number
      case .text(let text):
        guard let number = Double(text) else { throw fail("answer an occurrence count, not '\(text)'") }
        value = number
      case .bool: throw fail("answer an occurrence count")
      }
      guard value.isFinite, value == value.rounded() else {
        throw fail("the occurrence count must be a whole number, not \(value)")
      }
      guard value >= 0 else { throw fail("the occurrence count cannot be negative (\(ScoreFormat.plain(value)))") }
      guard value <= 1_000_000 else { throw fail("the occurrence count \(ScoreFormat.plain(value)) is not plausible") }
      return .count(Int(value))
    }
  }

  /// Checks an answer already in its typed form (from a draft, a library caller or a pool of
  /// generated answers) against this item, with the same rules as ``parseAnswer(_:)``.
  public func check(_ answer: Answer) throws(AnswerError) {
    func fail(_ reason: String) -> AnswerError { AnswerError(item: key, reason: reason) }
    switch answer {
    case .notApplicable:
      guard na else { throw fail("N/A is not allowed for this item") }
    case .yes, .no:
      guard type == .yesno else { throw fail("'\(answer.text)' is not an answer for a \(type.rawValue) item") }
    case .level(let score):
      guard type == .scale else { throw fail("a level score is not an answer for a \(type.rawValue) item") }
      guard levels.contains(where: { $0.score == score }) else {
        let allowed = levels.map { ScoreFormat.plain($0.score) }.joined(separator: ", ")
        throw fail("\(ScoreFormat.plain(score)) is not a level score (allowed: \(allowed))")
      }
    case .count(let n):
      guard type == .deduction else { throw fail("an occurrence count is not an answer for a \(type.rawValue) item") }
      guard n >= 0 else { throw fail("the occurrence count cannot be negative (\(n))") }
      guard n <= 1_000_000 else { throw fail("the occurrence count \(n) is not plausible") }
    }
  }

  /// Parses the stored text form of an answer (see ``Answer/text``).
  public func storedAnswer(_ text: String) throws(AnswerError) -> Answer {
    try parseAnswer(.text(text))
  }
}
