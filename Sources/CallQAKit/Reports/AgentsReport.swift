/// One agent's figures over the report's scope.
public struct AgentReportRow: Codable, Hashable, Sendable {
  public var agent: String
  public var name: String
  @NullEncoded public var team: String?
  public var evaluations: Int
  @NullEncoded public var meanFinal: Double?
  /// Percentage of evaluations passed.
  @NullEncoded public var passRate: Double?
  public var criticalFailures: Int
  /// The section with the lowest mean score (`scorecard/section`), and that mean.
  @NullEncoded public var weakestSection: String?
  @NullEncoded public var weakestSectionTitle: String?
  @NullEncoded public var weakestSectionScore: Double?
  /// The service-quality index over the same dates, with default settings (SPEC §3.5).
  @NullEncoded public var qualityIndex: Double?
  public var partial: Bool
  /// Intervals (`{n, ci_low, ci_high}`): mean final (t), pass rate (Wilson, percentage points),
  /// weakest section (t, n = evaluations where the section applied), quality index (Welch).
  public var meanFinalCI: IntervalEstimate
  public var passRateCI: IntervalEstimate
  @NullEncoded public var weakestSectionScoreCI: IntervalEstimate?
  @NullEncoded public var qualityIndexCI: IntervalEstimate?
  /// Where the agent could rank on mean final given every agent's interval: `[best, worst]`
  /// (1 = highest mean final; see ``Statistics/rankRanges(_:higherIsBetter:)``).
  public var rankRange: [Int]
  /// Agents in ranking order by mean final share a tie group while each one's interval
  /// overlaps the next one's (see ``Statistics/tieGroups(_:)``).
  public var tieGroup: Int

  enum CodingKeys: String, CodingKey {
    case agent, name, team, evaluations, partial
    case meanFinal = "mean_final", passRate = "pass_rate", criticalFailures = "critical_failures"
    case weakestSection = "weakest_section", weakestSectionTitle = "weakest_section_title"
    case weakestSectionScore = "weakest_section_score", qualityIndex = "quality_index"
    case meanFinalCI = "mean_final_ci", passRateCI = "pass_rate_ci", weakestSectionScoreCI = "weakest_section_score_ci"
    case qualityIndexCI = "quality_index_ci", rankRange = "rank_range", tieGroup = "tie_group"
  }
}
/// One row per agent with evaluations in scope.
public struct AgentsReport: Codable, Hashable, Sendable {
  public var scope: String
  public var confidence: ConfidenceLevel
  public var rows: [AgentReportRow]

  /// Sets each row's rank range and tie group from the mean-final intervals (rows keep their order).
  mutating func rankByMeanFinal() {
    let order = rows.indices.sorted { a, b in
      let x = rows[a].meanFinal ?? -1, y = rows[b].meanFinal ?? -1
      return !RankOrder.same(x, y) ? x > y : rows[a].agent < rows[b].agent
    }
    let intervals = order.map { rows[$0].meanFinalCI }
    let ranges = Statistics.rankRanges(intervals)
    let groups = Statistics.tieGroups(intervals)
    for (position, index) in order.enumerated() {
      rows[index].rankRange = [ranges[position].lowerBound, ranges[position].upperBound]
      rows[index].tieGroup = groups[position]
    }
  }
}

/// A rank range as tables show it: `3` or `3–7`.
func rankRangeText(_ range: [Int]) -> String {
  guard let first = range.first, let last = range.last else { return "" }
  return first == last ? String(first) : "\(first)–\(last)"
}
extension AgentsReport {
  /// The report as one table and a bar chart of the quality index, sorted, with the pass
  /// line (`pass`, when one applies) and the centre mean; partial indices are marked.
  public func document(_ language: Language, pass: Double? = nil) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.agentsTitle], title: words[.agentsTitle],
      columns: [
        words.column(.colAgent), words.column(.colName), words.column(.colTeam), words.column(.colEvals, numeric: true),
        words.column(.colMeanFinal, numeric: true), words.column(.colRankRange, numeric: true), words.column(.colTie, numeric: true),
        words.column(.colPassPct, numeric: true), words.column(.colCritical, numeric: true), words.column(.colWeakestSection),
        words.column(.colItsScore, numeric: true), words.column(.colQualityIndex, numeric: true), words.column(.colPartial),
      ], language: language)
    for row in rows {
      table.rows.append([
        .text(row.agent), .text(row.name), .text(row.team ?? ""), .integer(row.evaluations),
        .withInterval(row.meanFinal, row.meanFinalCI), .text(rankRangeText(row.rankRange)), .integer(row.tieGroup),
        .withInterval(row.passRate, row.passRateCI, percent: true), .integer(row.criticalFailures),
        .text(row.weakestSectionTitle ?? ""), .withInterval(row.weakestSectionScore, row.weakestSectionScoreCI),
        .withInterval(row.qualityIndex, row.qualityIndexCI), .flag(row.partial, words[.flagPartial]),
      ])
    }
    let sorted = rows.sortedForChart(\.qualityIndex)
    let chart = ReportChart.sortedBars(
      words, title: words[.agentsChart], summary: words[.agentsChartDesc], labels: sorted.map { "\($0.name) (\($0.agent))" },
      values: sorted.map(\.qualityIndex), name: words[.colQualityIndex], pass: pass, marked: sorted.map(\.partial),
      markLegend: words[.chartPartial])
    return ReportDocument(
      title: words[.agentsTitle], scope: words.scope(scope),
      notes: [
        words[.agentsNoteIndex], words[.agentsNoteWeakest], words.intervals(confidence, rates: true, index: true), words[.agentsNoteRank],
      ],
      tables: [table], charts: rows.isEmpty ? [] : [chart], language: language)
  }
}
