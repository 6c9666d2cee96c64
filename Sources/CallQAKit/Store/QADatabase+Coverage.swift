extension QADatabase {
  /// Coverage of `period` for active agents (optionally one team). Calibration evaluations,
  /// drafts and revised evaluations never count.
  /// - Parameter margin: also say whether each kind's mean is known to ±margin (``MarginTarget``).
  public func coverage(period: ReportPeriod, weeklyQuota: Int = 2, team: String? = nil, margin: MarginTarget? = nil) throws -> CoverageReport {
    guard weeklyQuota >= 1 else { throw CallQAError(.errQuotaMustMore2) }
    let (first, last) = period.days
    let weeks = period.weeksByThursday
    let quota = weeklyQuota * weeks
    let month = period.monthFilter
    let grain = month.flatMap { summaryGrain(.perAgent, $0.filter) }
    let (rows, margins) = try readSQL { session in
      try FilterNames(team: team).check(session)
      var margins: [String: KindMargins] = [:]
      if let margin {
        var byKind: [EvaluationKind: [String: MarginNeed]] = [:]
        let agents = try session.rows("SELECT code, team FROM agents WHERE active = 1").map {
          (try $0["code"] as String, try $0["team"] as String?)
        }
        for kind in [EvaluationKind.monitoring, .testCall] {
          let summaries = try QADatabase.kindSummaries(session, kind: kind, period: period, grain: grain)
          byKind[kind] = margin.needs(agents.map { ($0.0, $0.1, summaries[$0.0]?.summary ?? MeanSummary()) })
        }
        for (code, _) in agents {
          if let m = byKind[.monitoring]?[code], let t = byKind[.testCall]?[code] { margins[code] = KindMargins(monitoring: m, testCall: t) }
        }
      }
      var filter = ""
      if team != nil { filter = "AND a.team = ?" }
      if grain != nil, let month {
        return (
          try session.rows(
            """
            SELECT a.code, a.name, a.team,
              (SELECT coalesce(sum(s.evaluations), 0) FROM summary_evaluations s
               WHERE s.grain = 'agent-month' AND s.period = ? AND s.agent_id = a.id AND s.kind = 'monitoring') AS monitoring,
              (SELECT coalesce(sum(s.evaluations), 0) FROM summary_evaluations s
               WHERE s.grain = 'agent-month' AND s.period = ? AND s.agent_id = a.id AND s.kind = 'test-call') AS test_call
            FROM agents a WHERE a.active = 1 \(filter)
            ORDER BY a.team NULLS FIRST, a.code
            """, [month.period.sqlValue, month.period.sqlValue] + [team].compactMap { $0?.sqlValue }), margins
        )
      }
      var arguments = [first, last, first, last].map(\.sqlValue)
      if let team { arguments.append(team.sqlValue) }
      let rows = try session.rows(
        """
        SELECT a.code, a.name, a.team,
          (SELECT COUNT(*) FROM evaluations e JOIN calls c ON c.id = e.call_id
           WHERE e.agent_id = a.id AND e.kind = 'monitoring' AND \(CountedEvaluation.status)
             AND substr(c.started_at, 1, 10) BETWEEN ? AND ?) AS monitoring,
          (SELECT COUNT(*) FROM evaluations e JOIN calls c ON c.id = e.call_id
           WHERE e.agent_id = a.id AND e.kind = 'test-call' AND \(CountedEvaluation.status)
             AND substr(c.started_at, 1, 10) BETWEEN ? AND ?) AS test_call
        FROM agents a WHERE a.active = 1 \(filter)
        ORDER BY a.team NULLS FIRST, a.code
        """, arguments)
      return (rows, margins)
    }
    let agents = try rows.map { row -> AgentCoverage in
      let monitoring: Int = try row["monitoring"]
      let testCall: Int = try row["test_call"]
      var below: [String] = []
      if monitoring < quota { below.append(EvaluationKind.monitoring.rawValue) }
      if testCall < quota { below.append(EvaluationKind.testCall.rawValue) }
      return AgentCoverage(
        agent: try row["code"], name: try row["name"], team: try row["team"], monitoring: monitoring,
        testCall: testCall, quota: quota, below: below, margin: margins[try row["code"]])
    }
    var teams: [TeamCoverage] = []
    for agent in agents {
      if let index = teams.firstIndex(where: { $0.team == agent.team }) {
        teams[index].agents += 1
        teams[index].monitoring += agent.monitoring
        teams[index].testCall += agent.testCall
        teams[index].quota += quota
        teams[index].agentsBelow += agent.below.isEmpty ? 0 : 1
      } else {
        teams.append(
          TeamCoverage(
            team: agent.team, agents: 1, monitoring: agent.monitoring, testCall: agent.testCall, quota: quota,
            agentsBelow: agent.below.isEmpty ? 0 : 1))
      }
    }
    return CoverageReport(
      period: period.description, weeklyQuota: weeklyQuota, weeks: weeks, agents: agents, teams: teams, margin: margin, team: team)
  }
}
