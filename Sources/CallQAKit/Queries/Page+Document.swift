extension Page where Row == EvaluationSummary {
  /// The page as a report document (CSV, XLSX, HTML through the shared writers): one table,
  /// one row per evaluation; with an item filter, the item's earned points and points lost.
  public func document(_ filter: EvaluationFilter, language: Language) -> ReportDocument {
    let words = Messages(language)
    var columns: [ReportColumn] = [
      words.column(.colId, numeric: true), words.column(.colCall), words.column(.colCallStartedAt), words.column(.colAgent),
      words.column(.colTeam), words.column(.colInspector), words.column(.colScorecard), words.column(.colKind), words.column(.colStatus),
      words.column(.colRaw, numeric: true), words.column(.colFinal, numeric: true), words.column(.colBand), words.column(.colResult),
      words.column(.colCritical),
    ]
    if let item = filter.item {
      columns += [
        ReportColumn(words(.colItemEarned, item), numeric: true), ReportColumn(words(.colItemPoints, item), numeric: true),
        ReportColumn(words(.colItemLost, item), numeric: true),
      ]
    }
    columns.append(words.column(.colComment))
    var table = ReportTable(name: words[.evaluationsTitle], title: words[.evaluationsTitle], columns: columns, language: language)
    for row in rows {
      var cells: [ReportCell] = [
        .integer(Int(row.id)), .text(row.call), .text(row.callStartedAt ?? ""), .text(row.agent), .text(row.team ?? ""),
        .text(row.inspector), .text(row.scorecard), .text(row.kind.rawValue), .text(row.status.rawValue),
        .score(row.rawScore), .score(row.finalScore), .text(row.band ?? ""),
        .text(row.passed.map { words[$0 ? .resultPass : .resultFail] } ?? ""), .flag(row.criticalFailed == true, words[.colCritical]),
      ]
      if filter.item != nil {
        cells += [
          row.item?.earned.map { .number($0, decimals: 1) } ?? .empty, row.item.map { .number($0.points, decimals: 1) } ?? .empty,
          row.item?.impact.map { .number($0, decimals: 2) } ?? .empty,
        ]
      }
      cells.append(.text(row.comment ?? ""))
      table.rows.append(cells)
    }
    var notes = [countLine(words(.listCountEvaluations, rows.count))]
    if let nextOffset { notes.append(words(.listMoreEvaluations, nextOffset)) }
    notes.append(words[.listNewestCall])
    if filter.countedOnly { notes.append(words[.listCountedOnly]) }
    if filter.item != nil { notes.append(words[.listItemLost]) }
    return ReportDocument(
      title: words[.evaluationsTitle], scope: words.scope(filter.description), notes: notes, tables: [table], language: language)
  }
}

extension Page where Row == CallSummary {
  /// The page as a report document (CSV, XLSX, HTML through the shared writers): one table,
  /// one row per call.
  public func document(_ filter: CallFilter, language: Language) -> ReportDocument {
    let words = Messages(language)
    var table = ReportTable(
      name: words[.callsTitle], title: words[.callsTitle],
      columns: [
        words.column(.colCall), words.column(.colStartedAt), words.column(.colAgent), words.column(.colTeam),
        words.column(.colDurationS, numeric: true), words.column(.colDirection), words.column(.colRecording), words.column(.colTranscript),
        words.column(.colEvaluations, numeric: true), words.column(.colFinal, numeric: true), words.column(.colComplaints, numeric: true),
      ], language: language)
    for row in rows {
      table.rows.append([
        .text(row.call), .text(row.startedAt ?? ""), .text(row.agent), .text(row.team ?? ""),
        row.duration.map { .number($0, decimals: 0) } ?? .empty, .text(row.direction ?? ""), .text(row.recording ?? ""),
        .text(row.transcript ?? ""), .integer(row.evaluations), .score(row.finalScore), .integer(row.complaints),
      ])
    }
    var notes = [countLine(words(.listCountCalls, rows.count))]
    if let nextOffset { notes.append(words(.listMoreCalls, nextOffset)) }
    notes.append(words[.listNewest])
    notes.append(words[.listCallFinal])
    return ReportDocument(title: words[.callsTitle], scope: words.scope(filter.description), notes: notes, tables: [table], language: language)
  }
}
