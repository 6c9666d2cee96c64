import ArgumentParser
import CallQAKit

/// `callqa report root-causes`: why points were lost, from the causes inspectors gave.
struct ReportRootCauses: CallQACommand {
  static let configuration = CommandConfiguration(
    commandName: "root-causes",
    abstract: Terminal.help(.abstractRootCausesLost),
    usage: """
      callqa report root-causes [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                                [--scorecard KEY] [--kind monitoring|test-call] [--format table|json|csv|xlsx|html]
                                [--output FILE] [--lang zh|en] [--db PATH]
      """,
    discussion: Terminal.help(.discussionReportRootCauses))

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filter: ReportFilterOptions
  @OptionGroup var output: ReportOutputOptions
  @OptionGroup var language: LanguageOptions

  func execute() throws {
    let db = try database.openReadOnly()
    let report = try db.rootCauses(db.readable(filter.filter, for: db.terminalActor(), what: .phrase(.whatRootCauses)), language: language.language)
    try output.emit(report.document(language.resolved), json: report, head: try db.auditHead(), language: language)
  }
}
