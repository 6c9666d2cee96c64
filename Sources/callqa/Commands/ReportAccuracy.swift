import ArgumentParser
import CallQAKit

/// `callqa report accuracy`: COPC customer-, business- and compliance-critical accuracy.
struct ReportAccuracy: CallQACommand {
  static let configuration = CommandConfiguration(
    commandName: "accuracy",
    abstract: Terminal.help(.abstractCopcErrorGroup),
    usage: """
      callqa report accuracy [--period YYYY-MM | --from DATE --to DATE] [--team T | --agent A]
                             [--scorecard KEY] [--kind monitoring|test-call] [--format table|json|csv|xlsx|html]
                             [--confidence 0.95] [--output FILE] [--lang zh|en] [--db PATH]
      """,
    discussion: Terminal.help(.discussionReportAccuracy))

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var filter: ReportFilterOptions
  @OptionGroup var output: ReportOutputOptions
  @OptionGroup var confidence: ConfidenceOptions
  @OptionGroup var language: LanguageOptions

  func execute() throws {
    let db = try database.openReadOnly()
    let report = try db.accuracy(db.readable(filter.filter, for: db.terminalActor(), what: .phrase(.whatAccuracy)), confidence: confidence.level)
    try output.emit(report.document(language.resolved), json: report, head: try db.auditHead(), language: language)
  }
}
