extension CoverageReport {
  /// The quota in effect, in words: `quota 2/week × 4 week(s) = 8 per kind`.
  public var quotaLine: String {
    "quota \(weeklyQuota)/week × \(weeks) week(s) = \(weeklyQuota * weeks) per kind"
  }

  /// The report as tables (agents first, the one written to CSV; then teams), for every
  /// report format. The agents table keeps the columns `coverage --format csv` has always had.
  public var document: ReportDocument {
    var agentsTable = ReportTable(
      name: "Agents", title: "Evaluations per agent in \(period)",
      columns: [
        .init("agent"), .init("name"), .init("team"), .init("monitoring", numeric: true),
        .init("test_call", numeric: true), .init("quota", numeric: true), .init("below"),
      ])
    if let margin {
      let target = "±" + ScoreFormat.plain(margin.margin)
      agentsTable.columns += [.init("monitoring \(target)"), .init("test_call \(target)")]
    }
    for a in agents {
      var cells: [ReportCell] = [
        .text(a.agent), .text(a.name), .text(a.team ?? ""), .integer(a.monitoring), .integer(a.testCall),
        .integer(a.quota), .text(a.below.joined(separator: " ")),
      ]
      if margin != nil, let m = a.margin { cells += [.text(m.monitoring.verdict), .text(m.testCall.verdict)] }
      agentsTable.rows.append(cells)
    }
    var teamsTable = ReportTable(
      name: "Teams", title: "Evaluations per team in \(period)",
      columns: [
        .init("team"), .init("agents", numeric: true), .init("monitoring", numeric: true),
        .init("test_call", numeric: true), .init("quota", numeric: true), .init("agents_below", numeric: true),
      ])
    for t in teams {
      teamsTable.rows.append([
        .text(t.team ?? "(none)"), .integer(t.agents), .integer(t.monitoring), .integer(t.testCall), .integer(t.quota),
        .integer(t.agentsBelow),
      ])
    }
    var notes = [quotaLine]
    if period.contains("W") {
      notes.append("submitted and disputed monitoring and test-call evaluations whose call is in the week")
    } else {
      notes.append(
        "a month owns the ISO weeks whose Thursday falls in it; evaluations count by their call's local date in the month")
    }
    if let margin {
      notes.append(
        "enough for ±\(ScoreFormat.plain(margin.margin)): the \(margin.confidence) t-interval of the kind's mean is at most that wide; "
          + "no: how many more evaluations it needs at the agent's spread (fewer than \(margin.minimumOwn): the team's)")
    }
    let belowCodes = below.map(\.agent)
    notes.append(belowCodes.isEmpty ? "every agent meets the quota" : "below quota: \(belowCodes.joined(separator: ", "))")
    var scope = "period \(period)"
    if let team { scope += " · team \(team)" }
    return ReportDocument(title: "Coverage", scope: scope, notes: notes, tables: [agentsTable, teamsTable])
  }
}

extension MarginNeed {
  /// `yes`, `no: 6 more`, or `no` when the need cannot be said.
  public var verdict: String {
    if enough { return "yes" }
    guard let stillNeeded, stillNeeded > 0 else { return "no" }
    return "no: \(stillNeeded) more"
  }
}
