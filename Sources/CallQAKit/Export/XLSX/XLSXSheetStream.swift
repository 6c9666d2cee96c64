import Foundation

/// Writes one worksheet part (`xl/worksheets/sheetN.xml`) to a file row by row, through a
/// small buffer, so a sheet of a million rows never exists as one string in memory.
///
/// The caller gives the column widths and the frozen/filtered header up front (SpreadsheetML
/// puts `<cols>` before `<sheetData>` and `<autoFilter>` after it), then appends rows.
struct XLSXSheetStream {
  /// One cell to write: text, a number with its style, or nothing.
  enum Cell {
    case text(String, style: Int)
    case number(Double, style: Int)
    case empty
  }

  /// The file system refused a write of a part; ``XLSXWriter`` names the workbook and why.
  struct WriteFailure: Error { var underlying: any Error }

  private let handle: FileHandle
  private let sheetName: String
  private var buffer = ""
  private(set) var rowCount = 0
  private let filterColumns: Int?

  /// Starts the part at `url` (created or truncated). `frozenHeader` freezes the first row;
  /// `filterColumns`, when given, puts an autofilter over that many columns of all rows.
  init(url: URL, sheetName: String, columnWidths: [Double], frozenHeader: Bool, filterColumns: Int?) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw CallQAError(.errCannotCreateTemporary, url.path)
    }
    handle = try FileHandle(forWritingTo: url)
    self.sheetName = sheetName
    self.filterColumns = filterColumns
    buffer += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    buffer += "<worksheet xmlns=\"\(XLSXPackage.mainNamespace)\" xmlns:r=\"\(XLSXPackage.relationshipNamespace)\">"
    if frozenHeader {
      buffer += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
      buffer += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
    } else {
      buffer += "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
    }
    buffer += "<sheetFormatPr defaultRowHeight=\"15\"/>"
    if !columnWidths.isEmpty {
      buffer += "<cols>"
      for (index, width) in columnWidths.enumerated() {
        buffer += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
      }
      buffer += "</cols>"
    }
    buffer += "<sheetData>"
  }

  /// Appends the next row. Throws when the sheet is full or a text is longer than a cell holds.
  mutating func append(_ cells: [Cell]) throws {
    guard rowCount < XLSXLimits.rows else {
      throw CallQAError(.errSheetHasMore, sheetName, XLSXLimits.rows)
    }
    guard cells.count <= XLSXLimits.columns else {
      throw CallQAError(.errSheetHasColumns, sheetName, cells.count, XLSXLimits.columns)
    }
    let row = rowCount
    buffer += "<row r=\"\(row + 1)\">"
    for (column, cell) in cells.enumerated() {
      let reference = XLSXText.reference(row: row, column: column)
      switch cell {
      case .text(let text, let style):
        let length = text.utf16.count
        guard length <= XLSXLimits.cellCharacters else {
          throw CallQAError(.errSheetCellHolds, sheetName, reference, length, XLSXLimits.cellCharacters)
        }
        let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
        buffer += "<c r=\"\(reference)\"\(styleAttribute(style)) t=\"inlineStr\"><is><t\(preserve ? " xml:space=\"preserve\"" : "")>"
        buffer += XLSXText.escaped(text)
        buffer += "</t></is></c>"
      case .number(let value, let style):
        guard value.isFinite else { continue }
        buffer += "<c r=\"\(reference)\"\(styleAttribute(style))><v>\(Self.number(value))</v></c>"
      case .empty:
        continue
      }
    }
    buffer += "</row>"
    rowCount += 1
    if buffer.utf8.count > 1 << 16 { try flush() }
  }

  /// Closes the sheet (autofilter over every written row) and the file.
  mutating func finish() throws {
    buffer += "</sheetData>"
    if let columns = filterColumns, columns > 0 {
      buffer += "<autoFilter ref=\"\(filterRange(columns: columns))\"/>"
    }
    buffer += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
    buffer += "</worksheet>"
    try flush()
    try handle.close()
  }

  /// The filtered range in absolute A1 form (`$A$1:$D$10`), for the workbook's defined name.
  var absoluteFilterRange: String? {
    guard let columns = filterColumns, columns > 0 else { return nil }
    return "$A$1:$\(XLSXText.columnName(columns - 1))$\(max(rowCount, 1))"
  }

  private func filterRange(columns: Int) -> String {
    "A1:" + XLSXText.reference(row: max(rowCount, 1) - 1, column: columns - 1)
  }

  /// A number as SpreadsheetML stores it: whole numbers without a fraction (`12`, not
  /// `12.0`), others in the shortest form that reads back as the same Double.
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  private func styleAttribute(_ style: Int) -> String {
    style == 0 ? "" : " s=\"\(style)\""
  }

  private mutating func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: Data(buffer.utf8))
    } catch {
      throw WriteFailure(underlying: error)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
