import ArgumentParser
import CallQAKit

/// Output format of the month-end commands: a table, JSON, or CSV for spreadsheets.
enum SheetFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// `--format table|json|csv`.
struct SheetFormatOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(Terminal.help(.helpOutputFormatTableJsonCsv)))
  var format: SheetFormat = .table
}

/// A number for CSV: empty when missing, else full precision rounded to 4 decimals.
func csvNumber(_ value: Double?) -> String {
  guard let value else { return "" }
  return String(format: "%.4f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
}
