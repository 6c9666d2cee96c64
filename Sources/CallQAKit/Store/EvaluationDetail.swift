/// One evaluation as shown to people and scripts; its JSON form is the documented contract
/// (`score --format json`, `evaluation show --format json`). Scores are unrounded.
public struct EvaluationDetail: Hashable, Sendable, Encodable {
  public struct ScorecardRef: Hashable, Sendable, Encodable {
    public var key: String
    public var version: Int
  }

  public struct Section: Hashable, Sendable, Encodable {
    public var key: String
    /// Null when the section is not applicable.
    public var score: Double?
    public var weight: Double
    public var applicable: Bool

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(key, forKey: .key)
      try c.encode(score, forKey: .score)
      try c.encode(weight, forKey: .weight)
      try c.encode(applicable, forKey: .applicable)
    }
    enum CodingKeys: String, CodingKey { case key, score, weight, applicable }
  }

  public struct Item: Hashable, Sendable, Encodable {
    public var key: String
    public var section: String
    /// `yes`, `no`, `na`, a level score or a count; null while a draft has no answer.
    public var answer: String?
    public var earned: Double?
    public var points: Double
    public var na: Bool
    public var impact: Double?
    public var note: String?
    /// The answer auto-QA proposed; nil (and absent from JSON) when none was proposed.
    public var proposed: String? = nil
    /// Whether the inspector overrode the proposal; nil (absent) when none was proposed.
    public var overridden: Bool? = nil

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(key, forKey: .key)
      try c.encode(section, forKey: .section)
      try c.encode(answer, forKey: .answer)
      try c.encode(earned, forKey: .earned)
      try c.encode(points, forKey: .points)
      try c.encode(na, forKey: .na)
      try c.encode(impact, forKey: .impact)
      try c.encode(note, forKey: .note)
      try c.encodeIfPresent(proposed, forKey: .proposed)
      try c.encodeIfPresent(overridden, forKey: .overridden)
    }
    enum CodingKeys: String, CodingKey { case key, section, answer, earned, points, na, impact, note, proposed, overridden }
  }

  public var id: Int64
  public var scorecard: ScorecardRef
  public var agent: String
  public var inspector: String
  public var call: String
  public var callStartedAt: String?
  public var kind: EvaluationKind
  public var status: EvaluationStatus
  public var rawScore: Double?
  public var finalScore: Double?
  public var criticalFailed: Bool?
  public var passed: Bool?
  public var band: String?
  public var comment: String?
  public var submittedAt: String?
  public var sections: [Section]
  public var items: [Item]

  enum CodingKeys: String, CodingKey {
    case id, scorecard, agent, inspector, call, kind, status, band, comment, sections, items
    case callStartedAt = "call_started_at"
    case rawScore = "raw_score"
    case finalScore = "final_score"
    case criticalFailed = "critical_failed"
    case passed
    case submittedAt = "submitted_at"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(scorecard, forKey: .scorecard)
    try c.encode(agent, forKey: .agent)
    try c.encode(inspector, forKey: .inspector)
    try c.encode(call, forKey: .call)
    try c.encode(callStartedAt, forKey: .callStartedAt)
    try c.encode(kind, forKey: .kind)
    try c.encode(status, forKey: .status)
    try c.encode(rawScore, forKey: .rawScore)
    try c.encode(finalScore, forKey: .finalScore)
    try c.encode(criticalFailed, forKey: .criticalFailed)
    try c.encode(passed, forKey: .passed)
    try c.encode(band, forKey: .band)
    try c.encode(comment, forKey: .comment)
    try c.encode(submittedAt, forKey: .submittedAt)
    try c.encode(sections, forKey: .sections)
    try c.encode(items, forKey: .items)
  }
}
