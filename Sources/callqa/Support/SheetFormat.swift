import ArgumentParser
import CallQAKit

/// Output format of the month-end commands: a table, JSON, or CSV for spreadsheets.
enum SheetFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// `--format table|json|csv`.
struct SheetFormatOptions: ParsableArguments {
  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: SheetFormat = .table
}

/// RFC 4180 CSV text: fields with commas, quotes or line breaks are quoted.
enum CSVText {
  static func render(header: [String], rows: [[String]]) -> String {
    ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
  }

  /// A field quoted when needed; text that could start a spreadsheet formula (`=`, `+`, `-`,
  /// `@`) gets a leading apostrophe, numbers stay numbers.
  static func field(_ raw: String) -> String {
    let text = Double(raw) == nil ? CSVWriter.neutralised(raw) : raw
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// A number for CSV: empty when missing, else full precision rounded to 4 decimals.
func csvNumber(_ value: Double?) -> String {
  guard let value else { return "" }
  return String(format: "%.4f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
}
