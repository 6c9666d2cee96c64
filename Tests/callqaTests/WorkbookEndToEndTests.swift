import Foundation
import TestOracles
import Testing

/// Every workbook callqa writes, exported from the demo centre through the built binary and
/// read back by openpyxl and by LibreOffice headless, cell by cell against the report's CSV.
@Suite("every exported workbook opens in openpyxl and LibreOffice with the CSV's cells")
struct WorkbookEndToEndTests {
  /// Each report that writes XLSX, by a file stem and its arguments.
  static let reports: [(String, [String])] = [
    ("weak-areas", ["report", "weak-areas", "--period", "2026-10"]),
    ("weak-areas-team", ["report", "weak-areas", "--period", "2026-10", "--team", "呼入1组"]),
    ("sections", ["report", "weak-areas", "--by", "section"]),
    ("trend", ["report", "trend", "--by", "week"]),
    ("trend-item", ["report", "trend", "--item", "greeting"]),
    ("agents", ["report", "agents", "--period", "2026-10"]),
    ("leaderboard", ["report", "leaderboard", "--period", "2026-10"]),
    ("mentoring", ["report", "leaderboard", "--period", "2026-10", "--mentoring"]),
    ("inspectors", ["report", "inspectors"]),
    ("auto-rules", ["report", "auto-rules"]),
    ("quality", ["quality", "--period", "2026-10"]),
    ("performance", ["performance", "--period", "2026-10"]),
    ("coverage", ["coverage", "--period", "2026-10"]),
    ("coverage-week", ["coverage", "--week", "2026-W40"]),
    ("calls", ["call", "list", "--period", "2026-10", "--team", "呼入1组"]),
    ("evaluations", ["evaluation", "list", "--period", "2026-10", "--limit", "200", "--offset", "20"]),
    ("drill-down", ["evaluation", "list", "--period", "2026-10", "--item", "greeting", "--lost"]),
  ]

  @Test(
    .enabled(
      if: Python.hasOpenpyxl && LibreOffice.isInstalled,
      "needs python3 with openpyxl and LibreOffice (pip install openpyxl; apt-get install libreoffice-calc-nogui)"))
  func everyReportWorkbookMatchesItsCSV() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["demo", "--agents", "16", "--months", "3", "--last-month", "2026-10"])
    var pairs: [(xlsx: String, csv: String?)] = []
    for (stem, arguments) in Self.reports {
      let xlsx = cli.directory.appendingPathComponent("\(stem).xlsx").path
      let csv = cli.directory.appendingPathComponent("\(stem).csv").path
      try cli.ok(arguments + ["--format", "xlsx", "--output", xlsx])
      try cli.ok(arguments + ["--format", "csv", "--output", csv])
      pairs.append((xlsx, csv))
    }
    let verdict = try WorkbookOracle.check(pairs, useLibreOffice: true)
    #expect(verdict.problems == [])
    #expect(verdict.sheets.count == Self.reports.count)
    #expect(verdict.sheets["quality.xlsx"]?.last == "About")
    // the demo's reports are not empty: the comparison compared something
    #expect((verdict.rows["agents.xlsx"] ?? 0) > 10)
    #expect((verdict.rows["weak-areas.xlsx"] ?? 0) > 10)
  }

  /// Commands that write CSV without a report table (queues, task lists).
  static let csvCommands: [[String]] = [
    ["sample", "--week", "2026-W40"],
    ["coaching", "list"],
    ["autoscore", "--period", "2026-10"],
  ]

  @Test func everyCSVHasTheBOMAndCRLFLineEnds() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.ok(["demo", "--agents", "8", "--months", "2", "--last-month", "2026-10"])
    try cli.ok(["coaching", "generate", "--period", "2026-10"])
    for arguments in Self.reports.map(\.1) + Self.csvCommands {
      let csv = try cli.ok(arguments + ["--format", "csv"])
      let name = arguments.joined(separator: " ")
      #expect(csv.hasPrefix("\u{FEFF}"), "\(name): no byte-order mark")
      #expect(csv.hasSuffix("\r\n"), "\(name): does not end with CRLF")
      let bytes = Array(csv.utf8)
      let bare = bytes.indices.filter { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }
      #expect(bare.isEmpty, "\(name): \(bare.count) line feeds without a carriage return")
    }
  }
}
