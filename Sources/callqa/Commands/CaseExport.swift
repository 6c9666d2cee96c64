import ArgumentParser
import CallQAKit
import Foundation

extension CallQA.CaseCommand {
  struct Export: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractExportCaseLibrary),
      discussion: Terminal.help(.discussionCaseExport))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var filters: CaseFilterOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMdHtmlJson)))
    var out: String
    @Option(help: ArgumentHelp(Terminal.help(.helpMdHtmlJsonZip))) var format: CaseLibraryFormat = .html
    @Flag(help: ArgumentHelp(Terminal.help(.helpReplaceAgentsLabels))) var anonymise = false
    @Option(help: ArgumentHelp(Terminal.help(.helpFolderRelativeRecording)))
    var media: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpReplaceExistingLibrary))) var force = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpPrintEveryFile))) var verbose = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()  // read-write: a refused export is recorded in the audit trail
      let databaseFolder = URL(fileURLWithPath: database.path).deletingLastPathComponent()
      let options = CaseExportOptions(
        output: URL(fileURLWithPath: out).standardizedFileURL, format: format, filter: filters.filter,
        anonymise: anonymise, language: language.language,
        mediaRoot: media.map { URL(fileURLWithPath: $0) } ?? databaseFolder, tools: .detect(), replace: force)
      let summary = try CaseLibraryExporter.export(from: db, options: options, actor: db.terminalActor()) { event in
        switch event {
        case .wrote(let path): if verbose { Console.err("wrote \(path)") }
        case .problem(let message): Console.err("warning: \(message)")
        }
      }
      let clips = summary.clips.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
      Console.out("exported \(summary.cases) case\(summary.cases == 1 ? "" : "s") (\(format.rawValue)) to \(summary.output.path)")
      Console.out("clips: \(clips.joined(separator: ", "))")
      if !summary.problems.isEmpty { Console.out("\(summary.problems.count) problem\(summary.problems.count == 1 ? "" : "s") noted in the index") }
    }
  }
}
