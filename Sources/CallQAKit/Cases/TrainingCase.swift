/// Whether a case shows what to do or what not to do.
public enum CaseKind: String, Codable, Hashable, Sendable, CaseIterable {
  /// A model call (典型案例): trainers play it as the standard to reach.
  case exemplary
  /// A call that went wrong: trainers use it to show what to avoid.
  case cautionary

  /// Parses `exemplary` or `cautionary`, with a one-line error naming the allowed values.
  public static func parse(_ text: String) throws -> CaseKind {
    guard let kind = CaseKind(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
      throw CallQAError(.errCaseKindMust, text)
    }
    return kind
  }
}

/// The agents a case is meant for.
public enum CaseLevel: String, Codable, Hashable, Sendable, CaseIterable {
  case beginner, intermediate, advanced

  /// Parses `beginner`, `intermediate` or `advanced`, with a one-line error naming the allowed values.
  public static func parse(_ text: String) throws -> CaseLevel {
    guard let level = CaseLevel(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
      throw CallQAError(.errCaseLevelMust, text)
    }
    return level
  }
}

/// A tagged training case as read back from the database, with what listings need to know
/// about its evaluation and call.
public struct TrainingCase: Hashable, Sendable, Encodable {
  public var id: Int64
  public var evaluationId: Int64
  public var title: String
  public var kind: CaseKind
  /// Scorecard item keys the case teaches.
  public var skills: [String]
  @NullEncoded public var level: CaseLevel?
  /// The part of the recording to play; nil means the whole call.
  @NullEncoded public var clip: ClipRange?
  /// Why this call is a case, in the tagger's words.
  @NullEncoded public var notes: String?
  @NullEncoded public var createdBy: String?
  public var createdAt: String
  public var agent: String
  public var call: String
  @NullEncoded public var callStartedAt: String?
  /// `key@version` of the evaluation's scorecard.
  public var scorecard: String
  @NullEncoded public var finalScore: Double?
  enum CodingKeys: String, CodingKey {
    case id, title, kind, skills, level, clip, notes, agent, call, scorecard
    case evaluationId = "evaluation_id"
    case createdBy = "created_by"
    case createdAt = "created_at"
    case callStartedAt = "call_started_at"
    case finalScore = "final_score"
  }
}

/// Filters of `case list` and `case export`. Dates compare with the call's local date.
public struct CaseFilter: Hashable, Sendable {
  /// Cases teaching this item key.
  public var skill: String?
  public var level: CaseLevel?
  public var kind: CaseKind?
  /// `KEY` or `KEY@VERSION`.
  public var scorecard: String?
  /// `YYYY-MM-DD`, inclusive.
  public var from: String?
  /// `YYYY-MM-DD`, inclusive.
  public var to: String?

  public init(
    skill: String? = nil, level: CaseLevel? = nil, kind: CaseKind? = nil, scorecard: String? = nil,
    from: String? = nil, to: String? = nil
  ) {
    self.skill = skill
    self.level = level
    self.kind = kind
    self.scorecard = scorecard
    self.from = from
    self.to = to
  }
}
