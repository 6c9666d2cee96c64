/// The arithmetic of the quality report, shared with the agents report.
enum QualityComputation {
  struct AgentRows {
    var rows: [QualityRow]
    var gaps: [CoverageGap]
  }

  /// Counts and sums of one agent's evaluations of one kind (Σ final² for the intervals).
  struct KindTotals {
    var count = 0
    var final = 0.0
    var finalSquares = 0.0
    var passed = 0.0
    var critical = 0.0

    var summary: MeanSummary { MeanSummary(n: count, sum: final, sumOfSquares: finalSquares) }

    static func += (lhs: inout KindTotals, rhs: KindTotals) {
      lhs.count += rhs.count
      lhs.final += rhs.final
      lhs.finalSquares += rhs.finalSquares
      lhs.passed += rhs.passed
      lhs.critical += rhs.critical
    }
  }

  /// Totals per agent id and kind over the filter's dates, team, agent and scorecard —
  /// every counted kind, whatever `filter.kind` says. `grain` (``QADatabase/summaryGrain(_:_:)``)
  /// reads them from the report summaries, nil from the detail rows.
  static func kindTotals(
    _ session: any SQLSession, filter: ReportFilter, grain: ReportSummaries.Grain?
  ) throws -> [Int64: [EvaluationKind: KindTotals]] {
    var scoped = filter
    scoped.kind = nil
    let sql: String
    let arguments: [SQLValue]
    let total = session.engine.total
    if let grain, let (conditions, summaryArguments) = try scoped.summaryConditions(grain) {
      sql = """
        SELECT s.agent_id AS agent_id, s.kind AS kind, sum(s.evaluations) AS n, \(total("s.final_sum")) AS final,
               \(total("s.final_squares")) AS squares, \(total("s.passed")) AS passed, \(total("s.critical")) AS critical
        FROM summary_evaluations s
        WHERE \(conditions)
        GROUP BY s.agent_id, s.kind
        """
      arguments = summaryArguments
    } else {
      let (conditions, detailArguments) = try scoped.conditions()
      sql = """
        SELECT e.agent_id AS agent_id, e.kind AS kind, count(*) AS n, \(total("e.final_score")) AS final,
               \(total("e.final_score * e.final_score")) AS squares, \(total("e.passed")) AS passed,
               \(total("e.critical_failed")) AS critical
        FROM \(scoped.source(on: session.engine))
        WHERE \(conditions)
        GROUP BY e.agent_id, e.kind
        """
      arguments = detailArguments
    }
    var totals: [Int64: [EvaluationKind: KindTotals]] = [:]
    for row in try session.rows(sql, arguments) {
      guard let kind = EvaluationKind(rawValue: try row["kind"]) else { continue }
      totals[try row["agent_id"], default: [:]][kind] = KindTotals(
        count: try row["n"], final: try row["final"], finalSquares: try row["squares"], passed: try row["passed"],
        critical: try row["critical"])
    }
    return totals
  }

  /// Index rows of every agent with evaluations in scope, and the active agents without any.
  ///
  /// - Parameter totals: ``kindTotals(_:filter:grain:)`` when the caller already has them.
  static func agentRows(
    _ session: any SQLSession, filter: ReportFilter, settings: QualitySettings, confidence: ConfidenceLevel = .standard,
    totals given: [Int64: [EvaluationKind: KindTotals]]? = nil, grain: ReportSummaries.Grain?
  ) throws -> AgentRows {
    var scoped = filter
    scoped.kind = nil
    let totals = try given ?? kindTotals(session, filter: scoped, grain: grain)
    struct Means { var m: MeanSummary?, t: MeanSummary? }
    var means: [Int64: Means] = [:]
    for (agent, kinds) in totals {
      var entry = Means()
      if let m = kinds[.monitoring], m.count > 0 { entry.m = m.summary }
      if let t = kinds[.testCall], t.count > 0 { entry.t = t.summary }
      means[agent] = entry
    }
    let complaints = try complaintCounts(session, filter: scoped)
    var rows: [QualityRow] = []
    var gaps: [CoverageGap] = []
    // NULLS FIRST: SQLite's order for a missing team, which PostgreSQL puts last by default.
    for agent in try session.rows("SELECT id, code, name, team, active FROM agents ORDER BY team NULLS FIRST, code") {
      let id: Int64 = try agent["id"]
      let c = complaints[id] ?? 0
      let code: String = try agent["code"], name: String = try agent["name"], team: String? = try agent["team"]
      guard let entry = means[id], let (base, partial) = settings.base(monitoring: entry.m?.mean, testCall: entry.t?.mean) else {
        if try agent["active"] as Bool || c > 0 { gaps.append(CoverageGap(agent: code, name: name, team: team, complaints: c)) }
        continue
      }
      var row = QualityRow(
        agent: code, team: team, monitoring: entry.m?.mean, testCall: entry.t?.mean, monitoringCount: entry.m?.n ?? 0,
        testCallCount: entry.t?.n ?? 0, complaints: c, base: base, index: settings.index(base: base, complaints: c),
        partial: partial, name: name)
      row.monitoringSummary = entry.m
      row.testCallSummary = entry.t
      row.monitoringCI = entry.m.map { $0.interval(confidence).clamped(to: 0...100) }
      row.testCallCI = entry.t.map { $0.interval(confidence).clamped(to: 0...100) }
      row.indexCI = settings.indexInterval(monitoring: entry.m, testCall: entry.t, complaints: c, confidence)
      rows.append(row)
    }
    return AgentRows(rows: rows, gaps: gaps)
  }

  /// Valid complaints per agent id dated within the filter's dates.
  static func complaintCounts(_ session: any SQLSession, filter: ReportFilter) throws -> [Int64: Int] {
    var sql = "SELECT agent_id, count(*) AS n FROM complaints WHERE valid = 1"
    var arguments: [SQLValue] = []
    let (lower, upper) = filter.startedAtBounds
    if let lower {
      sql += " AND date >= ?"
      arguments.append(lower.sqlValue)
    }
    if let upper {
      sql += " AND date < ?"
      arguments.append(upper.sqlValue)
    }
    sql += " GROUP BY agent_id"
    var counts: [Int64: Int] = [:]
    for row in try session.rows(sql, arguments) {
      counts[try row["agent_id"]] = try row["n"] as Int
    }
    return counts
  }

  /// A team or centre row: means of the members' figures, counts and complaints summed. The
  /// intervals treat the row as a mean of the members' means (coefficients 1/m, Welch), the
  /// complaint deductions a known constant; a member mean from one evaluation borrows the
  /// pooled spread of the row's members of that kind (``MeanSummary/borrowed``).
  static func mean(of given: [QualityRow], team: String?, settings: QualitySettings, confidence: ConfidenceLevel) -> QualityRow {
    var rows = given
    for kind in [\QualityRow.monitoringSummary, \QualityRow.testCallSummary] {
      let indices = rows.indices.filter { rows[$0][keyPath: kind] != nil }
      let spread = MeanSummary.borrowingSpread(indices.compactMap { rows[$0][keyPath: kind] })
      for (index, summary) in zip(indices, spread) { rows[index][keyPath: kind] = summary }
    }
    func average(_ values: [Double]) -> Double? {
      values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
    func interval(_ summaries: [MeanSummary]) -> IntervalEstimate? {
      guard !summaries.isEmpty else { return nil }
      let share = 1 / Double(summaries.count)
      return Statistics.combination(summaries.map { (share, $0) }, confidence).clamped(to: 0...100)
    }
    var row = QualityRow(
      agent: nil, team: team, monitoring: average(rows.compactMap(\.monitoring)),
      testCall: average(rows.compactMap(\.testCall)), monitoringCount: rows.reduce(0) { $0 + $1.monitoringCount },
      testCallCount: rows.reduce(0) { $0 + $1.testCallCount }, complaints: rows.reduce(0) { $0 + $1.complaints },
      base: average(rows.compactMap(\.base)), index: average(rows.compactMap(\.index)),
      partial: rows.contains { $0.partial }, name: team ?? "centre")
    row.monitoringCI = interval(rows.compactMap(\.monitoringSummary))
    row.testCallCI = interval(rows.compactMap(\.testCallSummary))
    let indexed = rows.filter { $0.index != nil }
    if !indexed.isEmpty {
      let share = 1 / Double(indexed.count)
      let terms = indexed.flatMap { member in
        settings.indexTerms(monitoring: member.monitoringSummary, testCall: member.testCallSummary).map { (share * $0.coefficient, $0.summary) }
      }
      let deduction = indexed.reduce(0) { $0 + Double($1.complaints) * settings.complaintCoefficient } * share
      row.indexCI = Statistics.combination(terms, confidence, shift: -deduction).clamped(to: 0...100)
    }
    return row
  }
}

extension QADatabase {
  /// M, T and C of every agent in `period` (keyed by agent code), for agents with at
  /// least one counted evaluation or complaint. Calibration evaluations, drafts and
  /// revised evaluations never count; disputed ones count until resolved.
  public func qualityIndexInputs(period: ReportPeriod) throws -> [String: QualityIndexInputs] {
    let (first, last) = period.days
    let filter = ReportFilter(from: first, to: last)
    let grain = summaryGrain(.perAgent, filter)
    return try readSQL { session in
      // The same means and complaint counts as the `quality` report: one query for both.
      let computed = try QualityComputation.agentRows(session, filter: filter, settings: .standard, grain: grain)
      var inputs: [String: QualityIndexInputs] = [:]
      for row in computed.rows {
        guard let code = row.agent else { continue }
        var entry = QualityIndexInputs(
          agent: code, monitoringMean: row.monitoring, monitoringCount: row.monitoringCount, testCallMean: row.testCall,
          testCallCount: row.testCallCount, complaints: row.complaints)
        entry.monitoringSummary = row.monitoringSummary
        entry.testCallSummary = row.testCallSummary
        inputs[code] = entry
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
