import GRDB

/// The arithmetic of the quality report, shared with the agents report.
enum QualityComputation {
  struct AgentRows {
    var rows: [QualityRow]
    var gaps: [CoverageGap]
  }

  /// Counts and sums of one agent's evaluations of one kind.
  struct KindTotals {
    var count = 0
    var final = 0.0
    var passed = 0.0
    var critical = 0.0
  }

  /// Totals per agent id and kind over the filter's dates, team, agent and scorecard —
  /// every counted kind, whatever `filter.kind` says.
  static func kindTotals(_ db: Database, filter: ReportFilter) throws -> [Int64: [EvaluationKind: KindTotals]] {
    var scoped = filter
    scoped.kind = nil
    let (conditions, arguments) = try scoped.conditions()
    var totals: [Int64: [EvaluationKind: KindTotals]] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT e.agent_id AS agent_id, e.kind AS kind, count(*) AS n, total(e.final_score) AS final,
               total(e.passed) AS passed, total(e.critical_failed) AS critical
        FROM \(scoped.source())
        WHERE \(conditions)
        GROUP BY e.agent_id, e.kind
        """, arguments: arguments)
    {
      guard let kind = EvaluationKind(rawValue: row["kind"]) else { continue }
      totals[row["agent_id"], default: [:]][kind] = KindTotals(
        count: row["n"], final: row["final"], passed: row["passed"], critical: row["critical"])
    }
    return totals
  }

  /// Index rows of every agent with evaluations in scope, and the active agents without any.
  ///
  /// - Parameter totals: ``kindTotals(_:filter:)`` when the caller already has them.
  static func agentRows(
    _ db: Database, filter: ReportFilter, settings: QualitySettings,
    totals given: [Int64: [EvaluationKind: KindTotals]]? = nil
  ) throws -> AgentRows {
    var scoped = filter
    scoped.kind = nil
    let totals = try given ?? kindTotals(db, filter: scoped)
    struct Means { var m: Double?, t: Double?, mCount = 0, tCount = 0 }
    var means: [Int64: Means] = [:]
    for (agent, kinds) in totals {
      var entry = Means()
      if let m = kinds[.monitoring], m.count > 0 {
        entry.m = m.final / Double(m.count)
        entry.mCount = m.count
      }
      if let t = kinds[.testCall], t.count > 0 {
        entry.t = t.final / Double(t.count)
        entry.tCount = t.count
      }
      means[agent] = entry
    }
    let complaints = try complaintCounts(db, filter: scoped)
    var rows: [QualityRow] = []
    var gaps: [CoverageGap] = []
    for agent in try Row.fetchAll(db, sql: "SELECT id, code, name, team, active FROM agents ORDER BY team, code") {
      let id: Int64 = agent["id"]
      let c = complaints[id] ?? 0
      let code: String = agent["code"], name: String = agent["name"], team: String? = agent["team"]
      guard let entry = means[id], let (base, partial) = settings.base(monitoring: entry.m, testCall: entry.t) else {
        if agent["active"] as Bool || c > 0 { gaps.append(CoverageGap(agent: code, name: name, team: team, complaints: c)) }
        continue
      }
      rows.append(
        QualityRow(
          agent: code, team: team, monitoring: entry.m, testCall: entry.t, monitoringCount: entry.mCount,
          testCallCount: entry.tCount, complaints: c, base: base, index: settings.index(base: base, complaints: c),
          partial: partial, name: name))
    }
    return AgentRows(rows: rows, gaps: gaps)
  }

  /// Valid complaints per agent id dated within the filter's dates.
  static func complaintCounts(_ db: Database, filter: ReportFilter) throws -> [Int64: Int] {
    var sql = "SELECT agent_id, count(*) AS n FROM complaints WHERE valid = 1"
    var arguments: [any DatabaseValueConvertible] = []
    let (lower, upper) = filter.startedAtBounds
    if let lower {
      sql += " AND date >= ?"
      arguments.append(lower)
    }
    if let upper {
      sql += " AND date < ?"
      arguments.append(upper)
    }
    sql += " GROUP BY agent_id"
    var counts: [Int64: Int] = [:]
    for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
      counts[row["agent_id"]] = row["n"]
    }
    return counts
  }

  /// A team or centre row: means of the members' figures, counts and complaints summed.
  static func mean(of rows: [QualityRow], agent: String?, team: String?) -> QualityRow {
    func average(_ values: [Double]) -> Double? {
      values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
    return QualityRow(
      agent: agent, team: team, monitoring: average(rows.compactMap(\.monitoring)),
      testCall: average(rows.compactMap(\.testCall)), monitoringCount: rows.reduce(0) { $0 + $1.monitoringCount },
      testCallCount: rows.reduce(0) { $0 + $1.testCallCount }, complaints: rows.reduce(0) { $0 + $1.complaints },
      base: average(rows.compactMap(\.base)), index: average(rows.compactMap(\.index)),
      partial: rows.contains { $0.partial }, name: team ?? "centre")
  }
}

extension QADatabase {
  /// M, T and C of every agent in `period` (keyed by agent code), for agents with at
  /// least one counted evaluation or complaint. Calibration evaluations, drafts and
  /// revised evaluations never count; disputed ones count until resolved.
  public func qualityIndexInputs(period: ReportPeriod) throws -> [String: QualityIndexInputs] {
    let (first, last) = period.days
    return try read { db in
      // The same means and complaint counts as the `quality` report: one query for both.
      let computed = try QualityComputation.agentRows(db, filter: ReportFilter(from: first, to: last), settings: .standard)
      var inputs: [String: QualityIndexInputs] = [:]
      for row in computed.rows {
        guard let code = row.agent else { continue }
        inputs[code] = QualityIndexInputs(
          agent: code, monitoringMean: row.monitoring, monitoringCount: row.monitoringCount, testCallMean: row.testCall,
          testCallCount: row.testCallCount, complaints: row.complaints)
      }
      for gap in computed.gaps where gap.complaints > 0 {
        inputs[gap.agent] = QualityIndexInputs(
          agent: gap.agent, monitoringMean: nil, monitoringCount: 0, testCallMean: nil, testCallCount: 0,
          complaints: gap.complaints)
      }
      return inputs
    }
  }
}
