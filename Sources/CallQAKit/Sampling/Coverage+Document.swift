extension CoverageReport {
  /// The quota in effect, in words: `quota 2/week × 4 week(s) = 8 per kind`.
  public func quotaLine(_ language: Language) -> String {
    Messages(language)(.coverageQuota, weeklyQuota, weeks, weeklyQuota * weeks)
  }

  /// The report as tables (agents first, the one written to CSV; then teams), for every
  /// report format. In English the agents table keeps the columns `coverage --format csv`
  /// has always had.
  public func document(_ language: Language) -> ReportDocument {
    let words = Messages(language)
    let shownPeriod = words.month(period)
    var agentsTable = ReportTable(
      name: words[.agentsTitle], title: words(.coverageAgents, shownPeriod),
      columns: [
        words.column(.colAgent), words.column(.colName), words.column(.colTeam), words.column(.colMonitoring, numeric: true),
        words.column(.colTestCall, numeric: true), words.column(.colQuota, numeric: true), words.column(.colBelow),
      ], language: language)
    if let margin {
      let target = "±" + ScoreFormat.plain(margin.margin)
      agentsTable.columns += [
        ReportColumn(words(.colMarginTarget, words[.colMonitoring], target)), ReportColumn(words(.colMarginTarget, words[.colTestCall], target)),
      ]
    }
    for a in agents {
      var cells: [ReportCell] = [
        .text(a.agent), .text(a.name), .text(a.team ?? ""), .integer(a.monitoring), .integer(a.testCall),
        .integer(a.quota), .text(language == .en ? a.below.joined(separator: " ") : words.kinds(a.below)),
      ]
      if margin != nil, let m = a.margin { cells += [.text(m.monitoring.verdict(language)), .text(m.testCall.verdict(language))] }
      agentsTable.rows.append(cells)
    }
    var teamsTable = ReportTable(
      name: words[.teamsSheet], title: words(.coverageTeams, shownPeriod),
      columns: [
        words.column(.colTeam), words.column(.colAgents, numeric: true), words.column(.colMonitoring, numeric: true),
        words.column(.colTestCall, numeric: true), words.column(.colQuota, numeric: true), words.column(.colAgentsBelow, numeric: true),
      ], language: language)
    for t in teams {
      teamsTable.rows.append([
        .text(t.team ?? words[.noTeam]), .integer(t.agents), .integer(t.monitoring), .integer(t.testCall), .integer(t.quota),
        .integer(t.agentsBelow),
      ])
    }
    var notes = [quotaLine(language)]
    notes.append(words[period.contains("W") ? .coverageWeek : .coverageMonth])
    if let margin {
      notes.append(words(.coverageMargin, ScoreFormat.plain(margin.margin), margin.confidence, margin.minimumOwn))
    }
    let belowCodes = below.map(\.agent)
    notes.append(belowCodes.isEmpty ? words[.coverageAllMeet] : words(.coverageBelow, words.list(belowCodes)))
    var scope = words(.scopePeriod, shownPeriod)
    if let team { scope += " · " + words(.scopeTeam, team) }
    return ReportDocument(
      title: words[.coverageTitle], scope: scope, notes: notes, tables: [agentsTable, teamsTable], language: language)
  }
}

extension MarginNeed {
  /// `yes`, `no: 6 more`, or `no` when the need cannot be said.
  public func verdict(_ language: Language) -> String {
    let words = Messages(language)
    if enough { return words[.marginYes] }
    guard let stillNeeded, stillNeeded > 0 else { return words[.marginNo] }
    return words(.marginMore, stillNeeded)
  }
}
