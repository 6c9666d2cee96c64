extension AccuracyReport {
  /// One table, centre first, then teams, then agents (the CSV).
  public func document(_ language: Language) -> ReportDocument {
    let words = Messages(language)
    func cell(_ rate: Rate) -> ReportCell { .withInterval(rate.rate, rate.rateCI, percent: true) }
    func level(_ code: String) -> String {
      switch code {
      case "centre": return words[.levelCentre]
      case "team": return words[.levelTeam]
      case "agent": return words[.levelAgent]
      default: return code
      }
    }
    let rows = [centre] + teams + agents
    let table = ReportTable(
      name: words[.accuracyTitle], title: words[.accuracyTable],
      columns: [
        words.column(.colLevel), words.column(.colTeamOrAgent), words.column(.colName), words.column(.colEvaluations, numeric: true),
        words.column(.colMeanFinal, numeric: true), words.column(.colCustomerPct, numeric: true),
        words.column(.colBusinessPct, numeric: true), words.column(.colCompliancePct, numeric: true),
      ],
      rows: rows.map { row in
        [
          .text(level(row.level)), .text(row.level == "centre" ? words[.accuracyCentreRow] : row.key ?? words[.noTeam]),
          .text(row.name ?? ""), .integer(row.evaluations), .score(row.meanFinal), cell(row.customer), cell(row.business),
          cell(row.compliance),
        ]
      }, language: language)
    return ReportDocument(
      title: words[.accuracyTitle], scope: words.scope(scope),
      notes: [
        words[.accuracyNoteDefinition],
        words(.accuracyNoteCritical, ScoreFormat.plain((confidence * 1000).rounded() / 10)),
        words(
          .accuracyNoteCounts, centre.customer.accurate, centre.customer.evaluations, centre.business.accurate,
          centre.business.evaluations, centre.compliance.accurate, centre.compliance.evaluations),
      ],
      tables: [table], language: language)
  }
}
