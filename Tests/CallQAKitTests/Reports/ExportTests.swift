import Foundation
import TestOracles
import Testing
@testable import CallQAKit

@Suite("CSV, XLSX and HTML export")
struct ExportTests {
  static func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("callqa-export-\(UUID().uuidString)-\(name)").path
  }

  static let tricky = ReportTable(
    name: "Tricky", title: "Tricky",
    columns: [.init("名字"), .init("note"), .init("score", numeric: true), .init("n", numeric: true)],
    rows: [
      [.text("王小明"), .text("=HYPERLINK(\"http://x\")"), .number(-2.5, decimals: 1), .integer(3)],
      [.text("a, \"b\"\nc"), .text("@SUM(A1)"), .empty, .integer(-4)],
      [.text("+1"), .text("-2"), .number(87.25, decimals: 2), .integer(0)],
    ])

  @Test func csvHasBOMQuotesAndNeutralisesFormulas() throws {
    let csv = CSVWriter.csv(Self.tricky)
    #expect(csv.hasPrefix("\u{FEFF}名字,note,score,n\r\n"))
    // Round trip through the project's reader
    var reader = CSVReader(text: csv)
    var records: [[String]] = []
    while let record = reader.next() { records.append(record.fields) }
    #expect(reader.error == nil)
    #expect(records.count == 4)
    #expect(records[0] == ["名字", "note", "score", "n"])
    #expect(records[1] == ["王小明", "'=HYPERLINK(\"http://x\")", "-2.5", "3"])
    #expect(records[2] == ["a, \"b\"\nc", "'@SUM(A1)", "", "-4"])
    #expect(records[3] == ["'+1", "'-2", "87.25", "0"])
  }

  @Test func weakAreasCSVRoundTrip() throws {
    let db = try ReportFixture().db
    let document = try db.weakAreas(ReportFilter(period: "2026-11"), language: "zh").document(.en)
    let path = Self.temporary("weak.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try CSVWriter.write(document.tables[0], to: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    var reader = try CSVReader(path: path)
    let table = try #require(try CSVTable.header(of: &reader, file: "weak.csv", required: ["item", "mean lost", "title"]))
    var rows: [[String: String]] = []
    while let record = reader.next() { rows.append(try table.row(record)) }
    #expect(rows.map { $0["item"] ?? "" } == ["info", "tone", "forbidden", "greet", "extra"])
    #expect(rows[0]["title"] == "信息准确")
    #expect(Double(rows[0]["mean lost"] ?? "") == 8)
    #expect(rows[4]["applied"] == "3")
  }

  @Test(.enabled(if: Python.hasOpenpyxl, "python3 with openpyxl is not installed (pip install openpyxl)"))
  func xlsxOpensInOpenpyxlWithTypedCellsAndChinese() throws {
    let db = try ReportFixture().db
    let document = try db.quality(period: "2026-11").document(.en)
    let path = Self.temporary("quality.xlsx")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try XLSXWriter.write(document, to: path)
    let script = """
      import sys, json, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      out = {"sheets": wb.sheetnames}
      ws = wb["Quality index"]
      out["header"] = [c.value for c in ws[1]]
      out["freeze"] = ws.freeze_panes
      out["rows"] = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
      out["types"] = [c.data_type for c in ws[2]]
      out["format"] = ws.cell(row=2, column=5).number_format
      out["width"] = ws.column_dimensions["C"].width
      out["gaps"] = [[c.value for c in row] for row in wb["Coverage gaps"].iter_rows(min_row=2)]
      print(json.dumps(out, ensure_ascii=False))
      """
    let result = try Python.run(script, arguments: [path])
    #expect(result.status == 0, "\(result.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(json["sheets"] as? [String] == ["Quality index", "Coverage gaps", "About"])
    #expect((json["header"] as? [String])?.prefix(3) == ["row", "agent", "name"])
    #expect(json["freeze"] as? String == "A2")
    #expect(json["format"] as? String == "0.0")
    #expect((json["width"] as? Double ?? 0) >= 8)
    let rows = try #require(json["rows"] as? [[Any]])
    #expect(rows.count == 3 + 2 + 1)  // agents, teams, centre
    #expect(rows[0][1] as? String == "A1")
    #expect(rows[0][2] as? String == "王小明")
    // Each figure with an interval is three numeric columns: the figure, its low and its high bound.
    #expect(
      (json["header"] as? [String])?.dropFirst(4).prefix(7) == [
        "M monitoring", "M monitoring low", "M monitoring high", "M n", "T test call", "T test call low", "T test call high",
      ])
    // numbers are numbers, not text: index of A1 = 83.33 − 4
    #expect(abs((rows[0][14] as? Double ?? 0) - (250.0 / 3 - 4)) < 1e-9)
    #expect(rows[0][7] as? Int == 1)
    #expect((json["types"] as? [String])?[4] == "n")
    // A2 has no test-call mean: empty cells, and A1's single monitoring evaluation has no interval
    #expect(rows[1][8] is NSNull && rows[1][9] is NSNull)
    #expect(rows[0][5] is NSNull && rows[0][6] is NSNull)
    #expect((json["gaps"] as? [[Any]])?.first?[1] as? String == "赵敏")
  }

  /// `src`, `href`, `xlink:href` and CSS `url(…)` values that point at http(s) or `//`.
  static func externalReferences(_ html: String) -> [String] {
    let pattern = #"(?:\b(?:src|href|xlink:href)\s*=\s*["']?|url\(\s*["']?)((?:https?:)?//[^"'\s>)]*)"#
    let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
      Range($0.range(at: 1), in: html).map { String(html[$0]) }
    }
  }

  @Test(.enabled(if: Python.executable != nil, "python3 is not installed"))
  func htmlIsWellFormedWithEscapedTextAndCharts() throws {
    let db = try ReportFixture().db
    var document = try db.weakAreas(ReportFilter(period: "2026-11"), language: "zh").document(.zh)
    document.notes.append("<script>alert('x')</script> & 质检")
    let html = HTMLReportWriter.html(document, generatedAt: "2026-12-01T09:00:00+08:00")
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 质检"))
    // Self-contained: no attribute or stylesheet loads anything (the SVG namespace is a name, not a link).
    #expect(Self.externalReferences(html) == [])
    #expect(Self.externalReferences(#"<img src="https://x/y.png"><a href='http://z'>"#).count == 2)
    #expect(!html.contains("<link") && !html.contains("src="))
    let path = Self.temporary("weak.html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(html.utf8).write(to: URL(fileURLWithPath: path))
    // Parsed as XML (stricter than HTML): well-formed, one Pareto chart with 5 bars and a line
    let script = """
      import sys, json, xml.etree.ElementTree as ET
      root = ET.parse(sys.argv[1]).getroot()
      svg = "{http://www.w3.org/2000/svg}"
      charts = root.findall(".//" + svg + "svg")
      out = {
        "charts": len(charts),
        "bars": len(charts[0].findall(".//" + svg + "rect[@class='bar']")),
        "lines": len(charts[0].findall(".//" + svg + "polyline")),
        "labels": [t.text for t in charts[0].findall(".//" + svg + "text[@class='label']")],
        "cells": [td.text for td in root.iter("td")][:4],
        "lang": root.get("lang"),
      }
      print(json.dumps(out, ensure_ascii=False))
      """
    let result = try Python.run(script, arguments: [path])
    #expect(result.status == 0, "\(result.output)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(json["charts"] as? Int == 1)
    #expect(json["bars"] as? Int == 5)
    #expect(json["lines"] as? Int == 1)
    #expect((json["labels"] as? [String])?.first == "信息准确")
    #expect(json["cells"] as? [String] == ["1", "mini", "info", "信息准确"])
    #expect(json["lang"] as? String == "zh-Hans")
  }

  @Test func chartsOfEveryKind() throws {
    let db = try ReportFixture().db
    let trend = HTMLReportWriter.html(try db.trend(ReportFilter(), by: .month, item: "greet").document(.en))
    #expect(trend.components(separatedBy: "<svg").count - 1 == 2)
    #expect(trend.contains("class=\"series\""))
    let quality = HTMLReportWriter.html(try db.quality(period: "2026-11").document(.en))
    #expect(quality.components(separatedBy: "class=\"bar\"").count - 1 == 3)
    #expect(quality.contains("王小明 (A1)"))
    #expect(quality.contains("class=\"mean\""))
  }

  @Test func cellDisplay() {
    #expect(ReportCell.number(-0.0004, decimals: 2).display == "0.00")
    // -0.25 and 87.25 are exact in binary: printf rounds the tie to even
    #expect(ReportCell.number(-0.25, decimals: 1).display == "-0.2")
    #expect(ReportCell.number(87.25, decimals: 1).display == "87.2")
    #expect(ReportCell.number(87.26, decimals: 1).display == "87.3")
    #expect(ReportCell.score(nil).display == "—")
    #expect(ReportCell.integer(-4).display == "-4")
  }

  @Test func sheetNamesAreValidAndUnique() {
    var used: Set<String> = []
    #expect(XLSXWriter.sheetName("Weak areas", used: &used) == "Weak areas")
    #expect(XLSXWriter.sheetName("weak areas", used: &used) == "weak areas 2")
    #expect(XLSXWriter.sheetName("a[b]:c*?/\\d", used: &used) == "abcd")
    #expect(XLSXWriter.sheetName(String(repeating: "质", count: 40), used: &used).count == 31)
  }
}
