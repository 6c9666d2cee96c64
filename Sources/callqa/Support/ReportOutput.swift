import ArgumentParser
import CallQAKit
import Foundation

/// Output formats of reports.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, xlsx, html
}

/// `--format table|json|csv|xlsx|html` and `--output FILE`, shared by every report.
struct ReportOutputOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpOutputFormatTableJson)))
  var format: ReportFormat = .table

  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpWriteFileRequired)))
  var output: String?

  func validate() throws {
    if output == nil, format == .xlsx || format == .html {
      throw ValidationError(Terminal.words(.errFormatWritesFile, format.rawValue))
    }
  }

  /// Writes the report in the chosen format; `json` is the report's own stable JSON. The
  /// audit chain's `head` ends the notes of a table, sheet or page: a copy kept elsewhere
  /// witnesses the history the report was made from (`callqa audit verify` prints it too).
  func emit<Report: Encodable>(_ document: ReportDocument, json report: Report, head: AuditHead? = nil, language: LanguageOptions) throws {
    var document = document
    let words = language.words
    if let head { document.notes.append(words(.auditHead, head.summary)) }
    // One clear line before any work, whatever the format, instead of a file system error:
    // a missing folder, a symbolic link or a folder at the target.
    if let output { try SafeFile.checkTarget(output) }
    switch format {
    case .table: try deliver(TerminalText.escapedLines(ReportText.render(document), keepingColours: true), words)
    case .json: try deliver(JSONText.pretty(report), words)
    case .csv:
      guard let table = document.tables.first else { return }
      if let output {
        try CSVWriter.write(table, to: output)
        Console.err(words(.wrote, output))
      } else {
        Console.write(CSVWriter.csv(table))
      }
    case .xlsx, .html:
      guard let output else { throw CallQAError(.errOutputFileRequired) }
      if format == .xlsx { try XLSXWriter.write(document, to: output) } else { try HTMLReportWriter.write(document, to: output) }
      Console.err(words(.wrote, output))
    }
  }

  /// Writes `text` (made terminal-safe by the caller where it is for a person) to the file,
  /// or to stdout as it is.
  private func deliver(_ text: String, _ words: Messages) throws {
    guard let output else { return Console.write(text + "\n") }
    try SafeFile.write(Data((text + "\n").utf8), to: output)
    Console.err(words(.wrote, output))
  }
}

/// Terminal rendering of a report: title, scope, each table, then the notes.
enum ReportText {
  static func render(_ document: ReportDocument) -> String {
    var lines = [Console.bold(document.title) + "  " + Console.dim(document.scope)]
    for (index, table) in document.tables.enumerated() {
      if index > 0 || document.tables.count > 1 {
        lines.append("")
        lines.append(Console.bold(table.title))
      }
      if table.rows.isEmpty {
        lines.append(Messages(document.language)[.noneInTable])
        continue
      }
      var text = TextTable(table.columns.map { TextTable.Column($0.title, $0.numeric ? .right : .left, maxWidth: $0.numeric ? nil : 40) })
      for row in table.rows { text.add(row.map(\.display)) }
      lines.append(text.render())
    }
    if !document.notes.isEmpty { lines.append("") }
    lines += document.notes
    return lines.joined(separator: "\n")
  }
}
