extension QADatabase {
  /// The performance sheet of a month for active agents and any agent with figures for
  /// that month (an agent who left mid-month still gets a line), optionally one team.
  public func performance(
    period: ReportPeriod, plan: PerformancePlan, team: String? = nil, confidence: ConfidenceLevel = .standard
  ) throws -> PerformanceSheet {
    guard case .month = period else { throw CallQAError(.errPerformanceSheetMonthly) }
    try check(FilterNames(team: team))
    let month = period.description
    let months = try agentMonths(month: month)
    let quality = try qualityIndexInputs(period: period)
    let agents = try readSQL { db in
      var arguments: [SQLValue] = [month.sqlValue]
      var filter = ""
      if let team {
        filter = "AND a.team = ?"
        arguments.append(team.sqlValue)
      }
      return try db.rows(
        """
        SELECT a.code, a.name, a.team FROM agents a
        WHERE (a.active = 1 OR EXISTS (SELECT 1 FROM agent_months m WHERE m.agent_id = a.id AND m.month = ?)) \(filter)
        ORDER BY a.code
        """, arguments
      ).map { (code: try $0["code"] as String, name: try $0["name"] as String, team: try $0["team"] as String?) }
    }
    return PerformanceSheet.compute(period: month, plan: plan, agents: agents, months: months, quality: quality, confidence: confidence)
  }
}
