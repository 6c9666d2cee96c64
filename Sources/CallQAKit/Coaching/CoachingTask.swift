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
public struct CoachingProgress: Hashable, Sendable, Codable {
  public var before: Double?
  public var beforeCount: Int
  public var after: Double?
  public var afterCount: Int
  /// after − before; nil until the agent has been re-evaluated.
  public var change: Double?
  /// true when after exceeds before (by more than rounding noise); nil until re-evaluated.
  public var improved: Bool?
}

/// A coaching task for an agent below the pass line in a period.
public struct CoachingTask: Hashable, Sendable, Codable {
  public var id: Int64
  public var agent: String
  public var name: String
  public var team: String?
  public var period: String
  /// Why: the quality index and/or the section means below the pass line.
  public var reasons: [String]
  public var qualityIndex: Double?
  /// The items that lost the most points, worst first.
  public var items: [CoachingItem]
  /// Exemplary and cautionary cases for those items.
  public var cases: [CoachingCase]
  /// `open` or `done`.
  public var status: String
  public var note: String?
  public var createdBy: String
  public var createdAt: String
  public var doneAt: String?
  public var progress: CoachingProgress?
}

/// What `coaching generate` did.
public struct CoachingGeneration: Hashable, Sendable, Codable {
  public var period: String
  public var passLine: Double
  public var created: [CoachingTask]
  /// Agents below the pass line that already had a task for the period.
  public var alreadyOpen: [String]
}
