import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.EvaluationCommand {
  /// `callqa evaluation import FILE`: bulk import of submitted evaluations.
  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractImportSubmittedEvaluations),
      discussion: Terminal.help(.discussionEvaluationImport))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpJsonlCsvFile))) var file: String
    @Flag(help: ArgumentHelp(Terminal.help(.helpImportValidRecords))) var skipInvalid = false
    @Option(help: ArgumentHelp(Terminal.help(.helpRejectsFileDefault))) var rejects: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpPrintProgressFile)))
    var progress = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let progress = ProgressBar(label: (file as NSString).lastPathComponent, lines: self.progress)
      var options = EvaluationImportOptions(skipInvalid: skipInvalid, rejectsPath: rejects, actor: try db.terminalActor())
      if let progress {
        options.progress = { @Sendable done, total in progress.update(done, of: total) }
      }
      let summary = try db.importEvaluations(path: file, options: options)
      progress?.finish()
      let words = language.words
      for conflict in summary.changed {
        Console.err(words(.outImportWarning, summary.file, conflict.line, conflict.externalId))
      }
      for rejection in summary.rejected {
        Console.err(words(.outImportRejected, summary.file, rejection.line, rejection.reason))
      }
      let more = summary.rejectedCount - summary.rejected.count + summary.changedCount - summary.changed.count
      if more > 0 { Console.err(words(.outImportMore, more)) }
      if output.format == .json { return try printJSON(summary) }
      guard summary.records > 0 else { return Console.out(noRecordsLine(summary.file, words)) }
      var line = words(.outImportSummary, summary.file, summary.records, summary.added, summary.unchanged)
      if summary.changedCount > 0 { line += words(.outImportChanged, summary.changedCount) }
      if summary.rejectedCount > 0 { line += words(.outImportRejectedCount, summary.rejectedCount) }
      if summary.agentsCreated > 0 { line += words[.outListSeparator] + words(.outNewAgents, summary.agentsCreated) }
      if summary.inspectorsCreated > 0 { line += words[.outListSeparator] + words(.outNewInspectors, summary.inspectorsCreated) }
      Console.out(line)
      if let path = summary.rejectsFile { Console.out(words(.outRejectsFile, path)) }
    }
  }
}
