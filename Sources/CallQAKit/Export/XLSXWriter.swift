import CXlsxWriter
import Foundation

/// Writes a report as a real Excel workbook through libxlsxwriter: one worksheet per table,
/// a bold header row with an autofilter, frozen panes below it, column widths fitted to the
/// content (Chinese counted double), typed numeric cells with number formats, and a last
/// "About" sheet with the title, scope and notes.
public enum XLSXWriter {
  /// Writes `document` to `path` (replacing any file there).
  public static func write(_ document: ReportDocument, to path: String) throws {
    guard let workbook = workbook_new(path) else {
      throw CallQAError("\(path): cannot create the workbook")
    }
    let header = workbook_add_format(workbook)
    format_set_bold(header)
    format_set_bg_color(header, 0xE8EEF7)
    format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
    var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
    func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format>? {
      if let format = numberFormats[decimals] { return format }
      let format = workbook_add_format(workbook)
      format_set_num_format(format, decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals))
      numberFormats[decimals] = format
      return format
    }
    var used: Set<String> = []
    for table in document.tables {
      let sheet = workbook_add_worksheet(workbook, sheetName(table.name, used: &used))
      for (column, title) in table.columns.enumerated() {
        worksheet_write_string(sheet, 0, UInt16(column), title.title, header)
      }
      for (r, row) in table.rows.enumerated() {
        let rowIndex = UInt32(r + 1)
        for (c, cell) in row.prefix(table.columns.count).enumerated() {
          let column = UInt16(c)
          switch cell {
          case .text(let text): worksheet_write_string(sheet, rowIndex, column, text, nil)
          case .number(let value, let decimals): worksheet_write_number(sheet, rowIndex, column, value, numberFormat(decimals))
          case .integer(let value): worksheet_write_number(sheet, rowIndex, column, Double(value), numberFormat(0))
          case .empty: break
          }
        }
      }
      for (c, column) in table.columns.enumerated() {
        let widest = table.rows.map { $0.count > c ? DisplayWidth.of($0[c].display) : 0 }.max() ?? 0
        let width = min(60, max(DisplayWidth.of(column.title) + 4, widest + 2))
        worksheet_set_column(sheet, UInt16(c), UInt16(c), Double(width), nil)
      }
      worksheet_freeze_panes(sheet, 1, 0)
      if !table.columns.isEmpty {
        worksheet_autofilter(sheet, 0, 0, UInt32(table.rows.count), UInt16(table.columns.count - 1))
      }
    }
    let about = workbook_add_worksheet(workbook, sheetName("About", used: &used))
    let lines = [document.title, document.scope] + document.notes
    for (r, line) in lines.enumerated() {
      worksheet_write_string(about, UInt32(r), 0, line, r == 0 ? header : nil)
    }
    worksheet_set_column(about, 0, 0, 100, nil)
    let status = workbook_close(workbook)
    guard status == LXW_NO_ERROR else {
      throw CallQAError("\(path): cannot write the workbook (\(String(cString: lxw_strerror(status))))")
    }
  }

  /// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`.
  static func sheetName(_ name: String, used: inout Set<String>) -> String {
    let forbidden = Set("[]:*?/\\")
    var base = String(name.filter { !forbidden.contains($0) }.prefix(31))
    if base.isEmpty { base = "Sheet" }
    var candidate = base
    var n = 2
    while used.contains(candidate.lowercased()) {
      let suffix = " \(n)"
      candidate = String(base.prefix(31 - suffix.count)) + suffix
      n += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }
}
