@testable import CallQAKit
import Foundation
import TestOracles
import Testing

@Suite("XLSX writer: Office Open XML written in Swift, read back by openpyxl and LibreOffice")
struct XLSXWriterTests {
  static func temporary(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
  }

  /// Two sheets with Chinese names that break Excel's rules, hostile and awkward text, and
  /// every number format.
  static let document = ReportDocument(
    title: "质检周报 <2026>", scope: "period 2026-11 · team 呼入1组",
    notes: ["note with & and <b>"],
    tables: [
      ReportTable(
        name: "呼入1组/质检:周报[2026]*?", title: "一",
        columns: [.init("文本"), .init("整数", numeric: true), .init("一位", numeric: true), .init("两位", numeric: true), .init("通过率", numeric: true)],
        rows: [
          [.text("王小明"), .integer(12), .number(87.25, decimals: 1), .number(-2.5, decimals: 2), .percent(79.4)],
          [.text("<script>alert(\"x\")</script> & 'q'"), .integer(-3), .number(0.1 + 0.2, decimals: 1), .empty, .percent(100)],
          [.text("  leading and trailing  "), .empty, .number(100, decimals: 1), .number(1e-7, decimals: 2), .empty],
          [.text("line one\nline two"), .integer(0), .empty, .number(33.333333333, decimals: 2), .percent(0)],
          [.text("控制\u{1}字符 and _x0041_ literal"), .integer(1), .number(5, decimals: 0), .number(5, decimals: 6), .percent(12.5)],
        ]),
      ReportTable(
        name: "这是一个非常非常非常非常非常非常非常非常非常长的工作表名称超过三十一个字", title: "二",
        columns: [.init("a")], rows: [[.text("x")]]),
      ReportTable(name: "呼入1组/质检:周报[2026]*?", title: "三", columns: [.init("b")], rows: [[.text("y")]]),
    ])

  @Test(.enabled(if: Python.hasOpenpyxl, "python3 with openpyxl is not installed (pip install openpyxl)"))
  func cellsTypesFormatsAndSheetNamesReadBackExactly() throws {
    let path = Self.temporary("weekly.xlsx")
    try XLSXWriter.write(Self.document, to: path)
    let script = """
      import sys, json, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      ws = wb.worksheets[0]
      out = {"sheets": wb.sheetnames,
             "rows": [[c.value for c in row] for row in ws.iter_rows()],
             "formats": [[c.number_format for c in row] for row in ws.iter_rows(min_row=2)],
             "bold": [c.font.b for c in ws[1]], "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
             "widths": [ws.column_dimensions[k].width for k in "ABCDE"],
             "about": [c.value for c in wb["About"]["A"]], "title": wb.properties.title}
      print(json.dumps(out, ensure_ascii=False))
      """
    let output = try Python.output(script, arguments: [path])
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(json["sheets"] as? [String] == ["呼入1组质检周报2026", "这是一个非常非常非常非常非常非常非常非常非常长的工作表名称超过", "呼入1组质检周报2026 2", "About"])
    let rows = try #require(json["rows"] as? [[Any]])
    #expect(rows.count == 6)
    #expect(rows[0] as? [String] == ["文本", "整数", "一位", "两位", "通过率"])
    #expect(rows[1][0] as? String == "王小明")
    #expect(rows[1][1] as? Int == 12)
    #expect(rows[1][2] as? Double == 87.25)
    #expect(rows[1][3] as? Double == -2.5)
    #expect(abs((rows[1][4] as? Double ?? 0) - 0.794) < 1e-12)
    #expect(rows[2][0] as? String == "<script>alert(\"x\")</script> & 'q'")
    #expect(rows[2][3] is NSNull)
    #expect(rows[2][4] as? Int == 1)
    #expect(rows[3][0] as? String == "  leading and trailing  ")
    #expect(rows[3][3] as? Double == 1e-7)
    #expect(rows[4][0] as? String == "line one\nline two")
    // A control character travels as Excel's _xHHHH_ escape (and a literal "_x0041_" is
    // itself escaped); Excel and LibreOffice decode it, openpyxl shows it as stored.
    #expect(rows[5][0] as? String == "控制_x0001_字符 and _x005F_x0041_ literal")
    let formats = try #require(json["formats"] as? [[String]])
    #expect(formats[0] == ["General", "0", "0.0", "0.00", "0.0%"])
    #expect(formats[4][3] == "0.000000")
    #expect(json["bold"] as? [Bool] == [true, true, true, true, true])
    #expect(json["freeze"] as? String == "A2")
    #expect(json["filter"] as? String == "A1:E6")
    let widths = try #require(json["widths"] as? [Double])
    // "<script>…" is 33 columns wide, + 2; 王小明 alone would be 6 + 2
    #expect(widths[0] == 35)
    #expect(widths[1] == 8)  // 整数 (4 columns) + 4 for the filter button
    #expect(json["about"] as? [String] == ["质检周报 <2026>", "period 2026-11 · team 呼入1组", "note with & and <b>"])
    #expect(json["title"] as? String == "质检周报 <2026>")
  }

  @Test(.enabled(if: LibreOffice.isInstalled && Python.hasOpenpyxl, "LibreOffice (apt-get install libreoffice-calc-nogui) or openpyxl is missing"))
  func libreOfficeOpensEverySheet() throws {
    let path = Self.temporary("weekly.xlsx")
    try XLSXWriter.write(Self.document, to: path)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try LibreOffice.convertToCSV([path], into: folder)
    let first = try String(contentsOfFile: folder + "/weekly-呼入1组质检周报2026.csv", encoding: .utf8)
    #expect(first.hasPrefix("文本,整数,一位,两位,通过率\n王小明,12,87.25,-2.5,79.4%\n"))
    #expect(first.contains("\"<script>alert(\"\"x\"\")</script> & 'q'\",-3,"))
    #expect(first.contains("控制\u{1}字符 and _x0041_ literal,1,5,5,12.5%"))
    #expect(FileManager.default.fileExists(atPath: folder + "/weekly-About.csv"))
    #expect(FileManager.default.fileExists(atPath: folder + "/weekly-这是一个非常非常非常非常非常非常非常非常非常长的工作表名称超过.csv"))
  }

  @Test func aCellLongerThanExcelHoldsIsRefusedAndNothingIsWritten() throws {
    let path = Self.temporary("long.xlsx")
    try Data("previous report".utf8).write(to: URL(fileURLWithPath: path))
    let long = String(repeating: "字", count: XLSXLimits.cellCharacters + 1)
    let document = ReportDocument(
      title: "t", scope: "s", tables: [ReportTable(name: "Notes", title: "Notes", columns: [.init("note")], rows: [[.text("ok")], [.text(long)]])])
    #expect(throws: CallQAError("sheet 'Notes' cell A3 holds 32768 characters; an Excel cell holds at most 32767")) {
      try XLSXWriter.write(document, to: path)
    }
    // the file that was there is intact, and no partial file is left beside it
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous report")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["long.xlsx"])
  }

  @Test func moreRowsThanASheetHoldsAreRefused() throws {
    let path = Self.temporary("big.xlsx")
    let rows = [[ReportCell]](repeating: [.integer(1)], count: XLSXLimits.rows)
    let document = ReportDocument(
      title: "t", scope: "s", tables: [ReportTable(name: "Big", title: "Big table", columns: [.init("n", numeric: true)], rows: rows)])
    #expect(throws: CallQAError("table 'Big table' has 1048576 rows; an Excel sheet holds at most 1048575 below its header: narrow the report or export CSV")) {
      try XLSXWriter.write(document, to: path)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test(.enabled(if: Python.hasOpenpyxl, "python3 with openpyxl is not installed (pip install openpyxl)"))
  func aHundredThousandRowSheetIsComplete() throws {
    let path = Self.temporary("many.xlsx")
    let rows = (0..<100_000).map { [ReportCell.integer($0), .text("坐席\($0)"), .number(Double($0) / 8, decimals: 2)] }
    let document = ReportDocument(
      title: "t", scope: "s",
      tables: [ReportTable(name: "Many", title: "Many", columns: [.init("n", numeric: true), .init("name"), .init("v", numeric: true)], rows: rows)])
    try XLSXWriter.write(document, to: path)
    let script = """
      import sys, openpyxl
      ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Many"]
      last = None; count = 0
      for row in ws.iter_rows(values_only=True):
          count += 1; last = row
      print(count, last[0], last[1], last[2])
      """
    let output = try Python.output(script, arguments: [path])
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "100001 99999 坐席99999 12499.875")
  }

  @Test func columnLettersAndSheetNames() {
    var used: Set<String> = []
    #expect(XLSXWriter.sheetName("'History'", used: &used) == "History 1")
    #expect(XLSXWriter.sheetName("''", used: &used) == "Sheet")
    #expect(XLSXWriter.sheetName("history 1", used: &used) == "history 1 2")
  }
}
