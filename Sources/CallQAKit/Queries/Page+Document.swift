extension Page where Row == EvaluationSummary {
  /// The page as a report document (CSV, XLSX, HTML through the shared writers): one table,
  /// one row per evaluation; with an item filter, the item's earned points and points lost.
  public func document(_ filter: EvaluationFilter) -> ReportDocument {
    var columns: [ReportColumn] = [
      .init("id", numeric: true), .init("call"), .init("call_started_at"), .init("agent"), .init("team"),
      .init("inspector"), .init("scorecard"), .init("kind"), .init("status"), .init("raw", numeric: true),
      .init("final", numeric: true), .init("band"), .init("result"), .init("critical"),
    ]
    if let item = filter.item {
      columns += [.init("\(item) earned", numeric: true), .init("\(item) points", numeric: true), .init("\(item) lost", numeric: true)]
    }
    var table = ReportTable(name: "Evaluations", title: "Evaluations", columns: columns)
    for row in rows {
      var cells: [ReportCell] = [
        .integer(Int(row.id)), .text(row.call), .text(row.callStartedAt ?? ""), .text(row.agent), .text(row.team ?? ""),
        .text(row.inspector), .text(row.scorecard), .text(row.kind.rawValue), .text(row.status.rawValue),
        .score(row.rawScore), .score(row.finalScore), .text(row.band ?? ""),
        .text(row.passed.map { $0 ? "pass" : "fail" } ?? ""), .flag(row.criticalFailed == true, "critical"),
      ]
      if filter.item != nil {
        cells += [
          row.item?.earned.map { .number($0, decimals: 1) } ?? .empty, row.item.map { .number($0.points, decimals: 1) } ?? .empty,
          row.item?.impact.map { .number($0, decimals: 2) } ?? .empty,
        ]
      }
      table.rows.append(cells)
    }
    var notes = [countLine("evaluation", "evaluations")]
    if let nextOffset { notes.append("more evaluations follow from offset \(nextOffset)") }
    notes.append("newest call first; dates are the call's local date")
    if filter.countedOnly { notes.append("counted evaluations only: submitted or disputed, monitoring or test-call") }
    if filter.item != nil { notes.append("lost: points of the final score lost on the item (impact, SPEC §3.4)") }
    return ReportDocument(title: "Evaluations", scope: filter.description, notes: notes, tables: [table])
  }
}

extension Page where Row == CallSummary {
  /// The page as a report document (CSV, XLSX, HTML through the shared writers): one table,
  /// one row per call.
  public func document(_ filter: CallFilter) -> ReportDocument {
    var table = ReportTable(
      name: "Calls", title: "Calls",
      columns: [
        .init("call"), .init("started_at"), .init("agent"), .init("team"), .init("duration_s", numeric: true),
        .init("direction"), .init("recording"), .init("transcript"), .init("evaluations", numeric: true),
        .init("final", numeric: true), .init("complaints", numeric: true),
      ])
    for row in rows {
      table.rows.append([
        .text(row.call), .text(row.startedAt ?? ""), .text(row.agent), .text(row.team ?? ""),
        row.duration.map { .number($0, decimals: 0) } ?? .empty, .text(row.direction ?? ""), .text(row.recording ?? ""),
        .text(row.transcript ?? ""), .integer(row.evaluations), .score(row.finalScore), .integer(row.complaints),
      ])
    }
    var notes = [countLine("call", "calls")]
    if let nextOffset { notes.append("more calls follow from offset \(nextOffset)") }
    notes.append("newest first; dates are the call's local date")
    notes.append("final: the final score of the call's latest counted evaluation (submitted or disputed, monitoring or test-call)")
    return ReportDocument(title: "Calls", scope: filter.description, notes: notes, tables: [table])
  }
}
