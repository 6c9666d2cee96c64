/// An item that cost the agent points in the period: Σ of its stored impact.
public struct CoachingItem: Hashable, Sendable, Codable {
  public var item: String
  public var section: String
  /// Σ impact (points of the final score lost) over the period's evaluations.
  public var pointsLost: Double
  /// Evaluations in which the item lost points.
  public var evaluations: Int
}

/// A training case linked to a task because its skills name one of the task's items.
public struct CoachingCase: Hashable, Sendable, Codable {
  public var id: Int64
  public var title: String
  /// `exemplary` (how to do it) or `cautionary` (what to avoid).
  public var kind: String
  public var skills: [String]
  public var evaluationId: Int64
}

/// Whether re-evaluation after coaching shows an improvement.
///
/// before = mean final score of the agent's counted evaluations whose call is in the
/// task's period and started before the task was created; after = the same for calls
/// started at or after its creation (in any period).
public struct CoachingProgress: Hashable, Sendable, Encodable {
  @NullEncoded public var before: Double?
  public var beforeCount: Int
  @NullEncoded public var after: Double?
  public var afterCount: Int
  /// after − before; nil until the agent has been re-evaluated.
  @NullEncoded public var change: Double?
  /// true when after exceeds before (by more than rounding noise); nil until re-evaluated.
  @NullEncoded public var improved: Bool?
  /// t-intervals of before and after, and the Welch interval of the change (after − before):
  /// a change whose interval holds 0 is within noise.
  @NullEncoded public var beforeCI: IntervalEstimate?
  @NullEncoded public var afterCI: IntervalEstimate?
  @NullEncoded public var changeCI: IntervalEstimate?
}

/// A coaching task for an agent below the pass line in a period.
public struct CoachingTask: Hashable, Sendable, Encodable {
  public var id: Int64
  public var agent: String
  public var name: String
  @NullEncoded public var team: String?
  public var period: String
  /// Why: the quality index and/or the section means below the pass line.
  public var reasons: [String]
  @NullEncoded public var qualityIndex: Double?
  /// The index's interval when the task was opened.
  @NullEncoded public var qualityIndexCI: IntervalEstimate?
  /// The items that lost the most points, worst first.
  public var items: [CoachingItem]
  /// Exemplary and cautionary cases for those items.
  public var cases: [CoachingCase]
  /// `open` or `done`.
  public var status: String
  @NullEncoded public var note: String?
  public var createdBy: String
  public var createdAt: String
  @NullEncoded public var doneAt: String?
  @NullEncoded public var progress: CoachingProgress?
}

/// An agent whose figure is below the pass line but whose interval still reaches it: not
/// flagged, with how many more evaluations would settle it.
public struct CoachingUncertainty: Hashable, Sendable, Encodable {
  public var agent: String
  /// `quality index 83.1 ±4.2 reaches 85`, `section 'courtesy' 80.0 [70.1, 89.9] reaches 85`.
  public var reasons: [String]
  /// The fewest more evaluations after which one of those figures would be settled below the
  /// line if its mean and spread held (``Statistics/moreEvaluations(_:distance:_:)``); nil when
  /// none can be said (every figure rests on a single evaluation).
  @NullEncoded public var moreEvaluations: Int?

  enum CodingKeys: String, CodingKey {
    case agent, reasons
    case moreEvaluations = "more_evaluations"
  }
}

/// What `coaching generate` did.
public struct CoachingGeneration: Hashable, Sendable, Encodable {
  public var period: String
  public var passLine: Double
  public var confidence: ConfidenceLevel
  public var created: [CoachingTask]
  /// Agents below the pass line that already had a task for the period.
  public var alreadyOpen: [String]
  /// Agents with no figure settled below the line but some whose intervals reach it: no task.
  public var uncertain: [CoachingUncertainty]
}

extension CoachingProgress {
  enum CodingKeys: String, CodingKey {
    case before
    case beforeCount = "before_count"
    case after
    case afterCount = "after_count"
    case change
    case improved
    case beforeCI = "before_ci"
    case afterCI = "after_ci"
    case changeCI = "change_ci"
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension CoachingTask {
  enum CodingKeys: String, CodingKey {
    case id
    case agent
    case name
    case team
    case period
    case reasons
    case qualityIndex = "quality_index"
    case qualityIndexCI = "quality_index_ci"
    case items
    case cases
    case status
    case note
    case createdBy = "created_by"
    case createdAt = "created_at"
    case doneAt = "done_at"
    case progress
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension CoachingGeneration {
  enum CodingKeys: String, CodingKey {
    case period
    case passLine = "pass_line"
    case confidence
    case created
    case alreadyOpen = "already_open"
    case uncertain
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension CoachingItem {
  enum CodingKeys: String, CodingKey {
    case item, section, evaluations
    case pointsLost = "points_lost"
  }
}

extension CoachingCase {
  enum CodingKeys: String, CodingKey {
    case id, title, kind, skills
    case evaluationId = "evaluation_id"
  }
}
