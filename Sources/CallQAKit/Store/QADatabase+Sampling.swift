/// What `callqa sample` asks for.
public struct SampleRequest: Hashable, Sendable {
  public var week: ReportPeriod
  /// Weekly quota per agent (default 2).
  public var perAgent: Int
  /// Which evaluations count toward the quota: monitoring (监听) or test-call (拨测).
  public var kind: EvaluationKind
  /// Nil: derived from the week (the low 53 bits of ``SplitMix64/stableHash(_:)`` of
  /// `2026-W47`), so running the same week twice gives the same queue.
  public var seed: UInt64?
  public var stratify: SampleStratification
  /// Calls shorter than this (seconds) are too short to judge; calls without a duration are skipped too.
  public var minDuration: Double
  /// Only agents of this team.
  public var team: String?
  /// Call ids to pick first, best first (an auto-QA review queue); the rest is random.
  public var priority: [String]
  /// Also aim at a ±margin interval of each agent's mean of `kind` in the week's month
  /// (``MarginTarget``); the weekly quota stays the floor.
  public var margin: MarginTarget?

  public init(
    week: ReportPeriod, perAgent: Int = 2, kind: EvaluationKind = .monitoring, seed: UInt64? = nil,
    stratify: SampleStratification = .none, minDuration: Double = 30, team: String? = nil, priority: [String] = [],
    margin: MarginTarget? = nil
  ) {
    self.week = week
    self.perAgent = perAgent
    self.kind = kind
    self.seed = seed
    self.stratify = stratify
    self.minDuration = minDuration
    self.team = team
    self.priority = priority
    self.margin = margin
  }
}

extension QADatabase {
  // MARK: - Reads

  /// The inspection queue of a week (see ``CallSampler``): for every active agent, calls of
  /// the week's local dates that no evaluation (of any status or kind) refers to, at least
  /// `minDuration` long, enough to bring the agent's evaluations of `kind` for the week's
  /// calls up to the quota; agents the log cannot bring up to it are listed as shortfalls.
  public func sample(_ request: SampleRequest) throws -> SampleQueue {
    guard case .week = request.week else { throw CallQAError(.errSamplingWorksIso) }
    guard request.perAgent >= 1 else { throw CallQAError(.errQuotaPerAgent) }
    guard request.kind != .calibration else { throw CallQAError(.errCalibrationCallsAre) }
    guard request.minDuration.isFinite, request.minDuration >= 0 else {
      throw CallQAError(.errMinimumDurationMust)
    }
    let (first, last) = request.week.startedAtBounds
    // The default seed keeps 53 bits so it survives a round trip through any JSON reader.
    let seed = request.seed ?? SplitMix64.stableHash(request.week.description) & 0x1F_FFFF_FFFF_FFFF
    let grain = request.week.owningMonth.monthFilter.flatMap { summaryGrain(.perAgent, $0.filter) }
    return try readSQL { db in
      try FilterNames(team: request.team).check(db)
      var teamFilter = ""
      var needArguments: [SQLValue] = [request.kind.rawValue.sqlValue, first.sqlValue, last.sqlValue]
      if let team = request.team {
        teamFilter = "AND a.team = ?"
        needArguments.append(team.sqlValue)
      }
      var needs = try db.rows(
        """
        SELECT a.code, a.team,
          (SELECT COUNT(*) FROM evaluations e JOIN calls c ON c.id = e.call_id
           WHERE e.agent_id = a.id AND e.kind = ? AND \(CountedEvaluation.status)
             AND c.started_at >= ? AND c.started_at < ?) AS done
        FROM agents a WHERE a.active = 1 \(teamFilter) ORDER BY a.code
        """, needArguments
      ).map { SampleNeed(agent: try $0["code"], team: try $0["team"], done: try $0["done"]) }
      var plan: SampleMarginPlan?
      if let target = request.margin {
        let month = request.week.owningMonth
        let weeksLeft = max(1, request.week.weeksLeftInMonth)
        let summaries = try QADatabase.kindSummaries(db, kind: request.kind, period: month, grain: grain)
        let all = summaries.values.map { (agent: $0.code, team: $0.team, summary: $0.summary) }
        let byAgent = target.needs(all + needs.filter { summaries[$0.agent] == nil }.map { ($0.agent, $0.team, MeanSummary()) })
        var agents: [SampleMarginPlan.Agent] = []
        for index in needs.indices {
          guard let need = byAgent[needs[index].agent] else { continue }
          let spread = need.stillNeeded.map { ($0 + weeksLeft - 1) / weeksLeft } ?? 0
          let quota = max(request.perAgent, needs[index].done + spread)
          needs[index].quota = quota
          agents.append(SampleMarginPlan.Agent(need: need, thisWeek: max(0, quota - needs[index].done)))
        }
        plan = SampleMarginPlan(target: target, month: month.description, weeksLeft: weeksLeft, agents: agents)
      }
      var candidateArguments: [SQLValue] = [first.sqlValue, last.sqlValue, request.minDuration.sqlValue]
      if let team = request.team { candidateArguments.append(team.sqlValue) }
      // In no particular order: the sampler sorts by call id before it shuffles.
      let candidates = try db.rows(
        """
        SELECT c.id, c.external_id, a.code, a.team, c.started_at, c.duration, c.direction
        FROM calls c JOIN agents a ON a.id = c.agent_id
        WHERE a.active = 1 AND c.started_at IS NOT NULL
          AND c.started_at >= ? AND c.started_at < ?
          AND c.duration IS NOT NULL AND c.duration >= ?
          AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.call_id = c.id) \(teamFilter)
        """, candidateArguments
      ).map {
        SampleCandidate(
          callId: try $0["id"], call: try $0["external_id"], agent: try $0["code"], team: try $0["team"],
          startedAt: try $0["started_at"], duration: try $0["duration"], direction: try $0["direction"])
      }
      let result = CallSampler.sample(
        candidates: candidates, needs: needs, perAgent: request.perAgent, seed: seed, stratify: request.stratify,
        priority: request.priority)
      return SampleQueue(
        week: request.week.description, kind: request.kind.rawValue, perAgent: request.perAgent, seed: seed,
        minDuration: request.minDuration, stratify: request.stratify, picks: result.picks,
        shortfalls: result.shortfalls, margin: plan)
    }
  }

  /// n, Σ final and Σ final² of every active agent's counted evaluations of `kind` whose call
  /// is in `period`, by agent code (agents without any are absent).
  /// `grain` reads the report summaries (a month only), nil the detail rows.
  static func kindSummaries(_ session: any SQLSession, kind: EvaluationKind, period: ReportPeriod, grain: ReportSummaries.Grain?) throws
    -> [String: (code: String, team: String?, summary: MeanSummary)]
  {
    let (lower, upper) = period.startedAtBounds
    var result: [String: (code: String, team: String?, summary: MeanSummary)] = [:]
    let sql: String
    let arguments: [SQLValue]
    let total = session.engine.total
    if grain == .agentMonth, case .month = period {
      sql = """
        SELECT a.code, a.team, sum(s.evaluations) AS n, \(total("s.final_sum")) AS final,
          \(total("s.final_squares")) AS squares
        FROM summary_evaluations s JOIN agents a ON a.id = s.agent_id
        WHERE s.grain = 'agent-month' AND s.period = ? AND s.kind = ? AND a.active = 1
        GROUP BY a.id
        """
      arguments = [period.description.sqlValue, kind.rawValue.sqlValue]
    } else {
      sql = """
        SELECT a.code, a.team, count(*) AS n, \(total("e.final_score")) AS final,
          \(total("e.final_score * e.final_score")) AS squares
        FROM calls c \(session.engine.orderedJoin) evaluations e ON e.call_id = c.id JOIN agents a ON a.id = e.agent_id
        WHERE c.started_at >= ? AND c.started_at < ? AND e.kind = ? AND \(CountedEvaluation.status) AND a.active = 1
        GROUP BY a.id
        """
      arguments = [lower.sqlValue, upper.sqlValue, kind.rawValue.sqlValue]
    }
    for row in try session.rows(sql, arguments) {
      let code: String = try row["code"]
      result[code] = (
        code, try row["team"], MeanSummary(n: try row["n"], sum: try row["final"], sumOfSquares: try row["squares"])
      )
    }
    return result
  }
}
