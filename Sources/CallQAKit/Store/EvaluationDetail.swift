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
    @NullEncoded public var score: Double?
    public var weight: Double
    public var applicable: Bool
    enum CodingKeys: String, CodingKey { case key, score, weight, applicable }
  }

  public struct Item: Hashable, Sendable, Encodable {
    public var key: String
    public var section: String
    /// `yes`, `no`, `na`, a level score or a count; null while a draft has no answer.
    @NullEncoded public var answer: String?
    @NullEncoded public var earned: Double?
    public var points: Double
    public var na: Bool
    @NullEncoded public var impact: Double?
    @NullEncoded public var note: String?
    /// The answer auto-QA proposed; nil (and absent from JSON) when none was proposed.
    public var proposed: String? = nil
    /// Whether the inspector overrode the proposal; nil (absent) when none was proposed.
    public var overridden: Bool? = nil
    /// The root causes given for the item's lost points; nil (absent from JSON) when none.
    public var causes: [String]? = nil
    enum CodingKeys: String, CodingKey { case key, section, answer, earned, points, na, impact, note, proposed, overridden, causes }
  }

  public var id: Int64
  public var scorecard: ScorecardRef
  public var agent: String
  public var inspector: String
  public var call: String
  @NullEncoded public var callStartedAt: String?
  public var kind: EvaluationKind
  public var status: EvaluationStatus
  @NullEncoded public var rawScore: Double?
  @NullEncoded public var finalScore: Double?
  @NullEncoded public var criticalFailed: Bool?
  @NullEncoded public var passed: Bool?
  @NullEncoded public var band: String?
  @NullEncoded public var comment: String?
  @NullEncoded public var submittedAt: String?
  public var sections: [Section]
  public var items: [Item]
  /// The counted evaluation this one is a second opinion on; nil for a first opinion.
  @NullEncoded public var secondOpinionOf: Int64? = nil
  /// Its release to the agent and their acknowledgement; nil for drafts and calibration scorings.
  @NullEncoded public var receipt: EvaluationReceipt? = nil

  enum CodingKeys: String, CodingKey {
    case id, scorecard, agent, inspector, call, kind, status, band, comment, sections, items, receipt
    case secondOpinionOf = "second_opinion_of"
    case callStartedAt = "call_started_at"
    case rawScore = "raw_score"
    case finalScore = "final_score"
    case criticalFailed = "critical_failed"
    case passed
    case submittedAt = "submitted_at"
  }
}
