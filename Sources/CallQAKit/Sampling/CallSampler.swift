/// How sampled calls are spread besides over days.
public enum SampleStratification: String, Codable, Hashable, Sendable, CaseIterable {
  /// Only spread over the days of the week.
  case none
  /// Alternate inbound and outbound (any `direction` text) before repeating one.
  case direction
  /// Alternate duration bands (see ``SampleCandidate/durationBand``) before repeating one.
  case duration
}

/// A call that may be sampled: in the week, long enough, not yet evaluated.
public struct SampleCandidate: Hashable, Sendable, Encodable {
  public var callId: Int64
  public var call: String
  public var agent: String
  @NullEncoded public var team: String?
  public var startedAt: String
  public var duration: Double
  @NullEncoded public var direction: String?
  public init(
    callId: Int64, call: String, agent: String, team: String?, startedAt: String, duration: Double,
    direction: String?
  ) {
    self.callId = callId
    self.call = call
    self.agent = agent
    self.team = team
    self.startedAt = startedAt
    self.duration = duration
    self.direction = direction
  }

  /// The call's local date.
  public var day: String { String(startedAt.prefix(10)) }

  /// Duration band for `--stratify duration`: `short` under 2 minutes, `medium` up to
  /// 5 minutes, `long` above.
  public var durationBand: String {
    duration < 120 ? "short" : duration <= 300 ? "medium" : "long"
  }
}

/// What one agent still needs this week.
public struct SampleNeed: Hashable, Sendable {
  public var agent: String
  public var team: String?
  /// Evaluations of the kind already submitted for calls of the week.
  public var done: Int
  /// This agent's quota for the week when it differs from the run's (a margin asks for more).
  public var quota: Int?
  public init(agent: String, team: String?, done: Int, quota: Int? = nil) {
    self.agent = agent
    self.team = team
    self.done = done
    self.quota = quota
  }
}

/// An agent the call log cannot bring up to the quota.
public struct SampleShortfall: Hashable, Sendable, Encodable {
  public var agent: String
  @NullEncoded public var team: String?
  public var quota: Int
  public var done: Int
  /// Calls still needed after this queue.
  public var missing: Int
  /// Eligible calls there were.
  public var available: Int
}

/// The inspection queue of one week: calls to score, and agents that cannot reach the quota.
public struct SampleQueue: Hashable, Sendable, Encodable {
  public var week: String
  public var kind: String
  public var perAgent: Int
  public var seed: UInt64
  public var minDuration: Double
  public var stratify: SampleStratification
  public var picks: [SampleCandidate]
  public var shortfalls: [SampleShortfall]
  /// With `--margin`: each agent's need and the week's aim; nil otherwise.
  @NullEncoded public var margin: SampleMarginPlan?
}

/// Picks calls for inspection: reproducibly random for a seed, spread over the week.
///
/// Each agent gets its own generator seeded from the run's seed and the agent's code,
/// so adding an agent to the centre does not change anyone else's picks. Candidates are
/// shuffled (Fisher–Yates, after sorting by call id so the database's order does not
/// matter); then each pick takes the first shuffled candidate from the least-used
/// stratum and, within that, the least-used day. With enough calls, two picks never
/// share a day.
public enum CallSampler {
  /// The queue for `needs` (one per active agent) from `candidates` (already filtered
  /// to the week, the minimum duration and unevaluated calls). Eligible calls listed in
  /// `priority` (call ids, best first) are taken first, in that order; the random pick fills the rest.
  public static func sample(
    candidates: [SampleCandidate], needs: [SampleNeed], perAgent: Int, seed: UInt64,
    stratify: SampleStratification = .none, priority: [String] = []
  ) -> (picks: [SampleCandidate], shortfalls: [SampleShortfall]) {
    let byAgent = Dictionary(grouping: candidates, by: \.agent)
    let rank = Dictionary(priority.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
    var picks: [SampleCandidate] = []
    var shortfalls: [SampleShortfall] = []
    for need in needs.sorted(by: { $0.agent < $1.agent }) {
      let quota = need.quota ?? perAgent
      let wanted = max(0, quota - need.done)
      let pool = byAgent[need.agent] ?? []
      var generator = SplitMix64(seed: seed ^ SplitMix64.stableHash(need.agent))
      let preferred = Array(
        pool.filter { rank[$0.call] != nil }.sorted { rank[$0.call, default: 0] < rank[$1.call, default: 0] }.prefix(wanted))
      let taken = Set(preferred.map(\.callId))
      let rest = preferred.isEmpty ? pool : pool.filter { !taken.contains($0.callId) }
      let chosen = preferred + pick(wanted - preferred.count, from: rest, generator: &generator, stratify: stratify)
      picks += chosen.sorted { ($0.startedAt, $0.callId) < ($1.startedAt, $1.callId) }
      if chosen.count < wanted {
        shortfalls.append(
          SampleShortfall(
            agent: need.agent, team: need.team, quota: quota, done: need.done,
            missing: wanted - chosen.count, available: pool.count))
      }
    }
    return (picks, shortfalls)
  }

  static func pick(
    _ count: Int, from pool: [SampleCandidate], generator: inout SplitMix64, stratify: SampleStratification
  ) -> [SampleCandidate] {
    var remaining = pool.sorted { $0.callId < $1.callId }
    for i in stride(from: remaining.count - 1, to: 0, by: -1) {
      remaining.swapAt(i, generator.below(i + 1))
    }
    func stratum(_ call: SampleCandidate) -> String {
      switch stratify {
      case .none: return ""
      case .direction: return call.direction?.lowercased() ?? ""
      case .duration: return call.durationBand
      }
    }
    // Day and stratum of each candidate, computed once (the scan below runs per pick).
    var keys = remaining.map { (day: $0.day, stratum: stratum($0)) }
    var usedStrata: [String: Int] = [:]
    var usedDays: [String: Int] = [:]
    var chosen: [SampleCandidate] = []
    while chosen.count < count, !remaining.isEmpty {
      var best = 0
      var bestKey = (Int.max, Int.max)
      for (index, key) in keys.enumerated() {
        let rank = (usedStrata[key.stratum, default: 0], usedDays[key.day, default: 0])
        if rank < bestKey {
          best = index
          bestKey = rank
          if rank == (0, 0) { break }
        }
      }
      let call = remaining.remove(at: best)
      let key = keys.remove(at: best)
      usedStrata[key.stratum, default: 0] += 1
      usedDays[key.day, default: 0] += 1
      chosen.append(call)
    }
    return chosen
  }
}

extension SampleCandidate {
  enum CodingKeys: String, CodingKey {
    case callId = "call_id"
    case call
    case agent
    case team
    case startedAt = "started_at"
    case duration
    case direction
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension SampleShortfall {
  enum CodingKeys: String, CodingKey {
    case agent
    case team
    case quota
    case done
    case missing
    case available
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}

extension SampleQueue {
  enum CodingKeys: String, CodingKey {
    case week
    case kind
    case perAgent = "per_agent"
    case seed
    case minDuration = "min_duration"
    case stratify
    case picks
    case shortfalls
    case margin
  }

  /// Every key is written, missing values as `null`, so the JSON shape never changes.
}
