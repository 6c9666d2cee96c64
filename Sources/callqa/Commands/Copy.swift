import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa copy --from SOURCE --to TARGET`: a whole database into a new, empty one, on
  /// either engine, read back, compared and checked.
  struct Copy: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCopyBetweenEngines),
      discussion: Terminal.help(.discussionCopy))

    @Option(help: ArgumentHelp(Terminal.help(.helpCopyFrom), valueName: "database")) var from: String
    @Option(help: ArgumentHelp(Terminal.help(.helpCopyTo), valueName: "database")) var to: String
    @Option(name: .customLong("audit-key"), help: ArgumentHelp(Terminal.help(.helpFileKeySeals), valueName: "file"))
    var auditKeyFile: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpProgressLines))) var progress = false
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let source = try DatabaseOptions.location(from)
      let target = try DatabaseOptions.location(to)
      if case .sqlite(let file) = source, !FileManager.default.fileExists(atPath: file) {
        throw CallQAError.notFound(.errNoDatabaseHere, file)
      }
      let key = try DatabaseOptions.auditKey(file: auditKeyFile)
      let sourceDB = try QADatabase(location: source, auditKey: key, mode: .readWrite)
      let targetDB = try QADatabase(location: target, auditKey: key, mode: .create)
      let bars = Bars(lines: progress, words: language)
      let report = try sourceDB.copy(to: targetDB) { step in bars.show(step) }
      bars.finish()
      let doctor = try targetDB.doctor()
      if output.format == .json {
        try printJSON(report)
      } else {
        Console.out(language.words(.copyCopied, report.rows, report.tables.count, report.from, report.to))
        var table = TextTable([.init("table"), .init("rows", .right)])
        for entry in report.tables { table.add([entry.table, String(entry.rows)]) }
        Console.out(table.render())
        Console.out(language.words(.copyVerified, report.to))
        if doctor.healthy {
          Console.out(
            language.words(.copyTargetHealthy, report.to, doctor.evaluationsChecked, doctor.audit.head?.summary ?? "-"))
        }
      }
      if !doctor.healthy {
        Console.out(Doctor.findingsTable(doctor.findings))
        throw ExitCode.failure
      }
      try targetDB.close()
      try sourceDB.close()
    }

    /// One progress bar per table, copying and then comparing.
    final class Bars: @unchecked Sendable {
      let lines: Bool
      let words: LanguageOptions
      private var current: (label: String, bar: ProgressBar?)?

      init(lines: Bool, words: LanguageOptions) {
        self.lines = lines
        self.words = words
      }

      func show(_ step: CopyProgress) {
        let label = words.words(step.verifying ? .copyProgressVerifying : .copyProgressCopying, step.table)
        if current?.label != label {
          current?.bar?.finish()
          current = (label, ProgressBar(label: label, lines: lines))
        }
        current?.bar?.update(step.rows, of: step.total)
      }

      func finish() { current?.bar?.finish() }
    }
  }
}
