/// A calibration session as read back: the call, the scorecard version and the reference.
public struct CalibrationSession: Hashable, Sendable, Encodable {
  public var id: Int64
  public var call: String
  public var agent: String
  /// `key@version`.
  public var scorecard: String
  public var scorecardId: Int64
  /// The expert inspector's code; nil compares everyone with the session mean.
  @NullEncoded public var expert: String?
  public var tolerance: Double
  public var createdBy: String
  public var createdAt: String

  enum CodingKeys: String, CodingKey {
    case id, call, agent, scorecard, expert, tolerance
    case createdBy = "created_by"
    case createdAt = "created_at"
  }
}

/// One inspector's submitted scoring in a calibration session.
public struct CalibrationRating: Hashable, Sendable {
  /// One item as the inspector answered it.
  public struct Item: Hashable, Sendable {
    public var key: String
    /// `yes`, `no`, `na`, a level score or a count.
    public var answer: String?
    /// Nil when answered N/A.
    public var earned: Double?
    public var points: Double

    public init(key: String, answer: String?, earned: Double?, points: Double) {
      self.key = key
      self.answer = answer
      self.earned = earned
      self.points = points
    }
  }

  public var inspector: String
  public var evaluationId: Int64
  public var finalScore: Double
  public var items: [Item]

  public init(inspector: String, evaluationId: Int64, finalScore: Double, items: [Item]) {
    self.inspector = inspector
    self.evaluationId = evaluationId
    self.finalScore = finalScore
    self.items = items
  }

  /// The item with this key, if the inspector's evaluation has it.
  public func item(_ key: String) -> Item? { items.first { $0.key == key } }
}
