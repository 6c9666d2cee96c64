/// A condition (`when:`) over earlier answers that decides whether an item or a section is
/// asked at all. An item that is not asked — its own condition or its section's does not
/// hold — is treated as N/A by the math whatever its `na` flag, and must not be answered.
///
/// Values are answers in their stored text (``Answer/text``): `yes`, `no`, `na`, a level
/// score, an occurrence count. A condition may only name items that come earlier in the
/// scorecard, so conditions never form a cycle and are decided in scorecard order.
public indirect enum Condition: Hashable, Sendable, Codable {
  /// `{item: K, is: V}`: item K was answered V.
  case equals(item: String, value: String)
  /// `{item: K, in: [V, …]}`: item K was answered one of the values.
  case oneOf(item: String, values: [String])
  /// `{any: [C, …]}`: at least one holds.
  case any([Condition])
  /// `{all: [C, …]}`: every one holds.
  case all([Condition])
  /// `{not: C}`.
  case not(Condition)

  enum CodingKeys: String, CodingKey {
    case item, `is`, `in`, any, all, not
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let item = try container.decodeIfPresent(String.self, forKey: .item) {
      if let value = try container.decodeIfPresent(String.self, forKey: .is) {
        self = .equals(item: item, value: value)
      } else {
        self = .oneOf(item: item, values: try container.decode([String].self, forKey: .in))
      }
    } else if let any = try container.decodeIfPresent([Condition].self, forKey: .any) {
      self = .any(any)
    } else if let all = try container.decodeIfPresent([Condition].self, forKey: .all) {
      self = .all(all)
    } else {
      self = .not(try container.decode(Condition.self, forKey: .not))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .equals(let item, let value):
      try container.encode(item, forKey: .item)
      try container.encode(value, forKey: .is)
    case .oneOf(let item, let values):
      try container.encode(item, forKey: .item)
      try container.encode(values, forKey: .in)
    case .any(let conditions): try container.encode(conditions, forKey: .any)
    case .all(let conditions): try container.encode(conditions, forKey: .all)
    case .not(let condition): try container.encode(condition, forKey: .not)
    }
  }

  /// Every item the condition reads.
  public var items: [String] {
    switch self {
    case .equals(let item, _), .oneOf(let item, _): return [item]
    case .any(let conditions), .all(let conditions): return conditions.flatMap(\.items)
    case .not(let condition): return condition.items
    }
  }

  /// Whether it holds for these answers (a disabled item's answer is `na`); nil while an item it
  /// needs is unanswered and the others do not decide it.
  public func holds(_ answerText: (String) -> String?) -> Bool? {
    switch self {
    case .equals(let item, let value):
      return answerText(item).map { $0 == value }
    case .oneOf(let item, let values):
      return answerText(item).map { values.contains($0) }
    case .any(let conditions):
      var undecided = false
      for condition in conditions {
        switch condition.holds(answerText) {
        case true?: return true
        case nil: undecided = true
        case false?: break
        }
      }
      return undecided ? nil : false
    case .all(let conditions):
      var undecided = false
      for condition in conditions {
        switch condition.holds(answerText) {
        case false?: return false
        case nil: undecided = true
        case true?: break
        }
      }
      return undecided ? nil : true
    case .not(let condition):
      return condition.holds(answerText).map { !$0 }
    }
  }

  /// The condition as people read it: `caller-verified = yes`, `tone in [10, 5]`,
  /// `(a = yes or b = no)`, `not (a = yes)`.
  public var description: String {
    switch self {
    case .equals(let item, let value): return "\(item) = \(value)"
    case .oneOf(let item, let values): return "\(item) in [\(values.joined(separator: ", "))]"
    case .any(let conditions): return "(" + conditions.map(\.description).joined(separator: " or ") + ")"
    case .all(let conditions): return "(" + conditions.map(\.description).joined(separator: " and ") + ")"
    case .not(let condition): return "not (\(condition.description))"
    }
  }
}

/// Whether an item is asked, given the answers so far.
public enum ItemState: Hashable, Sendable {
  /// Asked: no condition, or its conditions hold.
  case asked
  /// Not asked: this condition (the item's own, or its section's) does not hold.
  case skipped(Condition)
  /// Not yet known: a condition needs an earlier item that has no answer yet.
  case undecided

  /// True for ``skipped(_:)``.
  public var isSkipped: Bool {
    if case .skipped = self { return true }
    return false
  }
}

extension Scorecard {
  /// True when some item or section carries a condition.
  public var hasConditions: Bool {
    sections.contains { $0.when != nil || $0.items.contains { $0.when != nil } }
  }

  /// Whether each item is asked given `answers`, decided in scorecard order: a skipped item
  /// counts as answered `na` for the conditions after it, whatever answer it carries.
  public func itemStates(_ answers: [String: Answer]) -> [String: ItemState] {
    var states: [String: ItemState] = [:]
    func text(_ key: String) -> String? {
      switch states[key] {
      case .skipped?: return Answer.notApplicable.text
      case .undecided?: return nil
      default: return answers[key]?.text
      }
    }
    func state(_ condition: Condition?) -> ItemState {
      guard let condition else { return .asked }
      switch condition.holds(text) {
      case true?: return .asked
      case false?: return .skipped(condition)
      case nil: return .undecided
      }
    }
    for section in sections {
      let sectionState = state(section.when)
      for item in section.items {
        states[item.key] = sectionState == .asked ? state(item.when) : sectionState
      }
    }
    return states
  }

  /// The refusal of an answer given to an item that is not asked, naming the condition.
  static func skippedAnswerError(_ item: String, _ condition: Condition) -> CallQAError {
    CallQAError(.errItemAskedCondition, item, condition.description)
  }

  /// Reads a stored answer text of `item`: `na` of an item that can be skipped by a condition
  /// is accepted whatever its `na` flag (a skipped item is stored as N/A).
  public func storedAnswer(_ text: String, of item: ScorecardItem) throws(AnswerError) -> Answer {
    if text == Answer.notApplicable.text, canBeSkipped(item) { return .notApplicable }
    return try item.storedAnswer(text)
  }

  /// True when a condition (the item's own or its section's) may skip the item.
  public func canBeSkipped(_ item: ScorecardItem) -> Bool {
    item.when != nil || section(ofItem: item.key)?.when != nil
  }
}
