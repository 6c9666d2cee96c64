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

  enum CodingKeys: String, CodingKey {
    case agent, name, team, evaluations, partial
    case meanFinal = "mean_final", passRate = "pass_rate", criticalFailures = "critical_failures"
    case weakestSection = "weakest_section", weakestSectionTitle = "weakest_section_title"
    case weakestSectionScore = "weakest_section_score", qualityIndex = "quality_index"
  }
}
/// One row per agent with evaluations in scope.
public struct AgentsReport: Codable, Hashable, Sendable {
  public var scope: String
  public var rows: [AgentReportRow]
}
extension AgentsReport {
  /// The report as one table and a bar chart of mean final scores.
  public var document: ReportDocument {
    var table = ReportTable(
      name: "Agents", title: "Agents",
      columns: [
        .init("agent"), .init("name"), .init("team"), .init("evals", numeric: true), .init("mean final", numeric: true),
        .init("pass %", numeric: true), .init("critical", numeric: true), .init("weakest section"),
        .init("its score", numeric: true), .init("quality index", numeric: true), .init("partial"),
      ])
    for row in rows {
      table.rows.append([
        .text(row.agent), .text(row.name), .text(row.team ?? ""), .integer(row.evaluations), .score(row.meanFinal),
        .rate(row.passRate), .integer(row.criticalFailures), .text(row.weakestSectionTitle ?? ""),
        .score(row.weakestSectionScore), .score(row.qualityIndex), .flag(row.partial),
      ])
    }
    let chart = ReportChart(
      kind: .bars, title: "Quality index by agent", labels: rows.map { "\($0.name) (\($0.agent))" },
      series: [.init(name: "quality index", values: rows.map(\.qualityIndex))])
    return ReportDocument(
      title: "Agents", scope: scope,
      notes: [
        "quality index: SPEC §3.5 over the same dates (k = 2, weights 0.5/0.5); partial: only monitoring or only test calls, the index is that one",
        "weakest section: lowest mean section score",
      ],
      tables: [table], charts: rows.isEmpty ? [] : [chart])
  }
}
