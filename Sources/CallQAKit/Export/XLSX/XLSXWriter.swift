import Foundation
import ZIPFoundation

/// Writes a report as an Excel workbook (Office Open XML, written by callqa itself over
/// ZIPFoundation; no system library): one worksheet per table with a bold header row, an
/// autofilter and the header frozen, typed numeric cells with number formats, column widths
/// fitted to the content (Chinese counted double), and a last "About" sheet with the title,
/// scope and notes.
///
/// Every report, sheet and list that exports XLSX goes through ``write(_:to:)``. What Excel
/// cannot hold (more rows than a sheet, a longer text than a cell) is refused with an error
/// and nothing is written; the file appears only when complete (``SafeFile``: written beside
/// the target, flushed, then renamed over it).
public enum XLSXWriter {
  /// Writes `document` to `path`, replacing any file there.
  public static func write(_ document: ReportDocument, to path: String) throws {
    try SafeFile.checkTarget(path)
    let fileManager = FileManager.default
    // The parts are written beside the target, on the disk the workbook goes to.
    let target = URL(fileURLWithPath: path)
    let work = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).callqa-parts-\(UUID().uuidString.prefix(8).lowercased())")
    defer { try? fileManager.removeItem(at: work) }
    do {
      try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
    } catch {
      throw CallQAError(.errCannotCreateTemporaryFolder, error.localizedDescription)
    }

    var entries: [XLSXPackage.SheetEntry] = []
    var used: Set<String> = []
    do {
      for table in document.tables {
        let name = sheetName(table.name, used: &used)
        let range = try writeTable(table, name: name, to: work.appendingPathComponent("sheet\(entries.count + 1).xml"))
        entries.append(.init(name: name, filterRange: range))
      }
      let aboutName = sheetName(Messages(document.language)[.aboutSheet], used: &used)
      try writeAbout(document, name: aboutName, to: work.appendingPathComponent("sheet\(entries.count + 1).xml"))
      entries.append(.init(name: aboutName, filterRange: nil))
    } catch let failure as XLSXSheetStream.WriteFailure {
      throw SafeFile.failure(path, failure.underlying)
    }

    try SafeFile.replace(path) { staged in
      try? fileManager.removeItem(at: staged)  // the archive is created afresh
      let archive: Archive
      do {
        archive = try Archive(url: staged, accessMode: .create)
      } catch {
        throw SafeFile.failure(path, error)
      }
      func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(
          with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
          provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
      }
      do {
        try add("[Content_Types].xml", XLSXPackage.contentTypes(sheetCount: entries.count))
        try add("_rels/.rels", XLSXPackage.rootRelationships)
        try add("docProps/core.xml", XLSXPackage.coreProperties(title: document.title))
        try add("docProps/app.xml", XLSXPackage.appProperties)
        try add("xl/workbook.xml", XLSXPackage.workbook(entries))
        try add("xl/_rels/workbook.xml.rels", XLSXPackage.workbookRelationships(sheetCount: entries.count))
        try add("xl/styles.xml", XLSXStyle.part)
        for index in entries.indices {
          try archive.addEntry(
            with: "xl/worksheets/sheet\(index + 1).xml", fileURL: work.appendingPathComponent("sheet\(index + 1).xml"),
            compressionMethod: .deflate)
        }
      } catch {
        throw SafeFile.failure(path, error)
      }
    }
  }

  /// Writes one report table as a sheet; returns its autofilter range for the workbook.
  private static func writeTable(_ table: ReportTable, name: String, to url: URL) throws -> String? {
    let table = table.spreadingIntervals()
    guard table.rows.count + 1 <= XLSXLimits.rows else {
      throw CallQAError(.errTableHasRows, table.title, table.rows.count, XLSXLimits.rows - 1)
    }
    var sheet = try XLSXSheetStream(
      url: url, sheetName: name, columnWidths: columnWidths(table), frozenHeader: true,
      filterColumns: table.columns.isEmpty ? nil : table.columns.count)
    try sheet.append(table.columns.map { .text($0.title, style: XLSXStyle.header) })
    for row in table.rows {
      try sheet.append(row.prefix(table.columns.count).map(cell))
    }
    let range = sheet.absoluteFilterRange
    try sheet.finish()
    return range
  }

  private static func writeAbout(_ document: ReportDocument, name: String, to url: URL) throws {
    var sheet = try XLSXSheetStream(url: url, sheetName: name, columnWidths: [100], frozenHeader: false, filterColumns: nil)
    for (index, line) in ([document.title, document.scope] + document.notes).enumerated() {
      try sheet.append([.text(line, style: index == 0 ? XLSXStyle.header : 0)])
    }
    try sheet.finish()
  }

  private static func cell(_ cell: ReportCell) -> XLSXSheetStream.Cell {
    switch cell {
    case .text(let text): return .text(text, style: 0)
    case .number(let value, let decimals): return .number(value, style: XLSXStyle.number(decimals: decimals))
    case .integer(let value): return .number(Double(value), style: XLSXStyle.number(decimals: 0))
    case .percent(let points), .estimate(let points, _, percent: true): return .number(points / 100, style: XLSXStyle.percent)
    case .estimate(let value, _, percent: false): return .number(value, style: XLSXStyle.number(decimals: 1))
    case .empty: return .empty
    }
  }

  /// Column widths in Excel's character units: the widest cell or the header (plus room for
  /// the filter button), Chinese and other wide characters counted as two, at most 60.
  static func columnWidths(_ table: ReportTable) -> [Double] {
    table.columns.indices.map { c in
      let widest = table.rows.reduce(0) { widest, row in
        c < row.count ? max(widest, DisplayWidth.of(row[c].display)) : widest
      }
      return Double(min(60, max(DisplayWidth.of(table.columns[c].title) + 4, widest + 2)))
    }
  }

  /// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`, not starting or
  /// ending with an apostrophe, not Excel's reserved `History`; uniqueness ignores case.
  static func sheetName(_ name: String, used: inout Set<String>) -> String {
    let forbidden = Set("[]:*?/\\")
    var base = String(name.filter { !forbidden.contains($0) && !$0.isNewline }.prefix(XLSXLimits.sheetNameCharacters))
    while base.hasPrefix("'") { base.removeFirst() }
    while base.hasSuffix("'") { base.removeLast() }
    if base.isEmpty || base.lowercased() == "history" { base = base.isEmpty ? "Sheet" : base + " 1" }
    var candidate = base
    var n = 2
    while used.contains(candidate.lowercased()) {
      let suffix = " \(n)"
      candidate = String(base.prefix(XLSXLimits.sheetNameCharacters - suffix.count)) + suffix
      n += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }
}
