import Foundation

/// Writes report tables as CSV that Excel opens correctly: UTF-8 with a byte-order mark,
/// RFC 4180 quoting, CRLF line ends, and text cells that could start a formula neutralised.
public enum CSVWriter {
  /// The UTF-8 byte-order mark Excel needs to read Chinese text correctly.
  public static let byteOrderMark = "\u{FEFF}"

  /// Rows of text as CSV, starting with the BOM, CRLF line ends: what commands without a
  /// report table (sample queues, coaching tasks, review queues) write. A field that reads
  /// as a number stays as it is; other text that could start a formula is neutralised.
  public static func csv(header: [String], rows: [[String]]) -> String {
    let lines = ([header] + rows).map { fields in
      line(fields.map { Double($0) == nil ? neutralised($0) : $0 })
    }
    return byteOrderMark + lines.joined(separator: "\r\n") + "\r\n"
  }

  /// Fields joined as one CSV line (no line end), each quoted where needed.
  public static func line(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",")
  }

  /// The table as CSV text, starting with the BOM; numbers are written unformatted.
  public static func csv(_ table: ReportTable) -> String {
    let table = table.spreadingIntervals()
    var lines = [table.columns.map { field($0.title) }.joined(separator: ",")]
    for row in table.rows {
      lines.append(
        table.columns.indices.map { i in
          guard i < row.count else { return "" }
          switch row[i] {
          case .text(let text): return field(neutralised(text))
          case .number(let value, _), .percent(let value), .estimate(let value, _, _): return number(value)
          case .integer(let value): return String(value)
          case .empty: return ""
          }
        }.joined(separator: ","))
    }
    return byteOrderMark + lines.joined(separator: "\r\n") + "\r\n"
  }

  /// Writes ``csv(_:)`` to `path` (``SafeFile``).
  public static func write(_ table: ReportTable, to path: String) throws {
    try SafeFile.write(Data(csv(table).utf8), to: path)
  }

  /// Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first)
  /// gets a leading apostrophe, so a cell such as `=HYPERLINK(…)` stays text.
  public static func neutralised(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
    return "'" + text
  }

  /// A number to at most six decimals without trailing zeros (`80`, `87.25`, `-2.5`), so
  /// binary noise such as `80.00000000000001` does not reach the spreadsheet.
  static func number(_ value: Double) -> String {
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// A field quoted when it holds a comma, quote or line break; quotes doubled (RFC 4180).
  public static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
