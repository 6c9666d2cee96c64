/// How sampled calls are spread over inspectors: each call goes to the inspector with the
/// least open work so far (their live assignments plus what this plan gave them), ties by
/// inspector code, so that after the plan the loads differ by at most one wherever the
/// existing loads allow it.
public enum AssignmentPlan {
  /// Pairs each call (in the given order) with an inspector code. `load` is each inspector's
  /// open assignments before the plan; inspectors missing from it start at zero.
  public static func distribute(_ calls: [Int64], over inspectors: [String], load: [String: Int] = [:]) -> [(call: Int64, inspector: String)] {
    guard !inspectors.isEmpty else { return [] }
    var current = Dictionary(uniqueKeysWithValues: inspectors.map { ($0, load[$0, default: 0]) })
    let ordered = inspectors.sorted()
    return calls.map { call in
      let chosen = ordered.min { (current[$0]!, $0) < (current[$1]!, $1) }!
      current[chosen]! += 1
      return (call, chosen)
    }
  }
}

/// One call handed to an inspector to score, until it is scored or its claim expires.
public struct Assignment: Hashable, Sendable, Encodable {
  /// Where the assignment is: waiting to be scored, scored (a counted evaluation of the call
  /// and kind exists), or expired (its claim ran out first: the call is back in the pool).
  public enum Status: String, Hashable, Sendable, Encodable {
    case open, done, expired
  }

  public var id: Int64
  public var call: String
  public var agent: String
  @NullEncoded public var team: String?
  @NullEncoded public var callStartedAt: String?
  public var inspector: String
  public var kind: EvaluationKind
  public var assignedAt: String
  public var expiresAt: String
  public var status: Status
  /// The counted evaluation that did it, once done.
  @NullEncoded public var evaluation: Int64?

  enum CodingKeys: String, CodingKey {
    case id, call, agent, team, inspector, kind, status, evaluation
    case callStartedAt = "call_started_at"
    case assignedAt = "assigned_at"
    case expiresAt = "expires_at"
  }
}

/// One inspector's line of `report workload`.
public struct WorkloadRow: Hashable, Sendable, Encodable {
  public var inspector: String
  public var assigned: Int
  public var done: Int
  public var open: Int
  /// Expired before they were scored.
  public var overdue: Int
}

/// What `assign` did.
public struct AssignmentSummary: Hashable, Sendable, Encodable {
  public var week: String
  public var assigned: [Assignment]
  /// Sampled calls skipped because another inspector's live claim holds them.
  public var alreadyClaimed: Int

  enum CodingKeys: String, CodingKey {
    case week, assigned
    case alreadyClaimed = "already_claimed"
  }
}
