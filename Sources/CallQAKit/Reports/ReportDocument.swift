/// One cell of a report table, typed so that CSV, XLSX and HTML keep numbers as numbers.
public enum ReportCell: Hashable, Sendable {
  case text(String)
  /// A number shown with `decimals` places (the XLSX number format follows it).
  case number(Double, decimals: Int)
  case integer(Int)
  /// A rate in percentage points (79.4 means 79.4 %): shown and written to CSV as the number
  /// of points with one decimal, stored in XLSX as the fraction with a `0.0%` format.
  case percent(Double)
  /// No value (an index that cannot be computed, a centre figure that does not apply).
  case empty
  /// A figure to one decimal with its confidence interval (a rate in percentage points when
  /// `percent`). Shown as `88.7 ±4.9`, as `85.0 [70.2, 93.0]` when the bounds are not symmetric
  /// at one decimal, as `88.7 (n=1)` without an interval; CSV and XLSX get three columns
  /// (the figure, `… low`, `… high`; see ``ReportTable/spreadingIntervals()``).
  case estimate(Double, IntervalEstimate, percent: Bool)

  /// A figure with its interval, or empty when there is no figure.
  public static func withInterval(_ value: Double?, _ interval: IntervalEstimate?, percent: Bool = false) -> ReportCell {
    guard let value else { return .empty }
    guard let interval else { return percent ? .percent(value) : .number(value, decimals: 1) }
    return .estimate(value, interval, percent: percent)
  }

  /// A score or percentage to one decimal, or empty when nil.
  public static func score(_ value: Double?) -> ReportCell {
    value.map { .number($0, decimals: 1) } ?? .empty
  }

  /// A yes/no flag as every report shows one: the flag's word when set, empty otherwise
  /// (never `true`/`false` text).
  public static func flag(_ isSet: Bool, _ word: String) -> ReportCell {
    .text(isSet ? word : "")
  }

  /// A rate in percentage points to one decimal, or empty when nil.
  public static func rate(_ value: Double?) -> ReportCell {
    value.map { .percent($0) } ?? .empty
  }

  /// The text shown in terminal tables and HTML.
  public var display: String {
    switch self {
    case .text(let text): return text
    case .percent(let value):
      return ReportCell.number(value, decimals: 1).display
    case .number(let value, let decimals):
      let text = String(format: "%.\(decimals)f", value)
      // -0.00: a tiny negative rounds to zero and shows without a sign.
      return text.hasPrefix("-") && text.allSatisfy({ "-0.".contains($0) }) ? String(text.dropFirst()) : text
    case .integer(let value): return String(value)
    case .empty: return "—"
    case .estimate(let value, let interval, _):
      let shown = ReportCell.number(value, decimals: 1).display
      guard let (low, high) = interval.bounds else { return "\(shown) (n=\(interval.n))" }
      let below = String(format: "%.1f", value - low), above = String(format: "%.1f", high - value)
      if below == above { return "\(shown) ±\(above)" }
      return "\(shown) [\(ReportCell.number(low, decimals: 1).display), \(ReportCell.number(high, decimals: 1).display)]"
    }
  }

  /// The numeric value, when the cell holds one.
  public var numericValue: Double? {
    switch self {
    case .number(let value, _), .percent(let value), .estimate(let value, _, _): return value
    case .integer(let value): return Double(value)
    case .text, .empty: return nil
    }
  }
}

/// A column of a report table.
public struct ReportColumn: Hashable, Sendable {
  public var title: String
  /// Numeric columns are right-aligned.
  public var numeric: Bool

  public init(_ title: String, numeric: Bool = false) {
    self.title = title
    self.numeric = numeric
  }
}

/// A titled table of a report: one worksheet in XLSX, one `<table>` in HTML.
public struct ReportTable: Hashable, Sendable {
  /// Short name (XLSX sheet name, at most 31 characters).
  public var name: String
  public var title: String
  public var columns: [ReportColumn]
  public var rows: [[ReportCell]]
  /// The language of the titles (and of the `… low`/`… high` columns files get).
  public var language: Language

  public init(name: String, title: String, columns: [ReportColumn], rows: [[ReportCell]] = [], language: Language = .en) {
    self.name = name
    self.title = title
    self.columns = columns
    self.rows = rows
    self.language = language
  }

  /// The table as files hold it: every column with an interval becomes three numeric columns —
  /// the figure, `<title> low` and `<title> high` (empty without an interval) — so a spreadsheet
  /// gets numbers, never `88.7 ±4.9` text.
  public func spreadingIntervals() -> ReportTable {
    let spread = columns.indices.map { c in
      rows.contains { row in
        guard c < row.count, case .estimate = row[c] else { return false }
        return true
      }
    }
    guard spread.contains(true) else { return self }
    var table = ReportTable(name: name, title: title, columns: [], language: language)
    let words = Messages(language)
    for (c, column) in columns.enumerated() {
      table.columns.append(column)
      if spread[c] {
        table.columns += [ReportColumn(words(.colLow, column.title), numeric: true), ReportColumn(words(.colHigh, column.title), numeric: true)]
      }
    }
    table.rows = rows.map { row in
      var cells: [ReportCell] = []
      for c in columns.indices {
        let cell = c < row.count ? row[c] : .empty
        guard spread[c] else {
          cells.append(cell)
          continue
        }
        if case .estimate(let value, let interval, let percent) = cell {
          func figure(_ x: Double?) -> ReportCell { x.map { percent ? .percent($0) : .number($0, decimals: 1) } ?? .empty }
          cells += [figure(value), figure(interval.ciLow), figure(interval.ciHigh)]
        } else {
          cells += [cell, .empty, .empty]
        }
      }
      return cells
    }
    return table
  }
}

/// A chart drawn as inline SVG in the HTML report. Every word on it (title, description,
/// legends, line labels) comes in the report's language; the drawing is ``SVGChart``'s.
public struct ReportChart: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// Horizontal bars, largest first, with the cumulative share (second series, 0–100 %)
    /// as a line on its own axis and the 80 % marker (weak areas).
    case pareto
    /// Horizontal bars, one per label, in the order given (sorted by the report).
    case bars
    /// One line per series over ordered labels (trends), on an axis fitted to the data.
    case line
  }

  /// A named list of values, one per label; nil leaves a gap.
  public struct Series: Hashable, Sendable {
    public var name: String
    public var values: [Double?]
    public init(name: String, values: [Double?]) {
      self.name = name
      self.values = values
    }
  }

  /// A line across the plot at `value`: the pass score (dashed) or a mean (solid).
  public struct Line: Hashable, Sendable {
    public enum Style: Hashable, Sendable { case pass, mean }
    public var value: Double
    public var label: String
    public var style: Style
    public init(_ value: Double, label: String, style: Style) {
      self.value = value
      self.label = label
      self.style = style
    }
  }

  public var kind: Kind
  public var title: String
  /// What the chart shows, in a sentence (the SVG's `<desc>`, for screen readers).
  public var summary: String
  public var labels: [String]
  public var series: [Series]
  /// Unit shown after values (`%`, `pts`).
  public var unit: String
  /// Lines across the plot (pass score, centre mean).
  public var lines: [Line]
  /// Labels marked (a critical item, a partial index), with the legend word for the mark.
  public var marked: [Bool]
  public var markLegend: String
  /// The legend word of the 80 % marker of a Pareto chart.
  public var shareMarker: String

  public init(
    kind: Kind, title: String, summary: String = "", labels: [String], series: [Series], unit: String = "", lines: [Line] = [],
    marked: [Bool] = [], markLegend: String = "", shareMarker: String = "80 %"
  ) {
    self.kind = kind
    self.title = title
    self.summary = summary
    self.labels = labels
    self.series = series
    self.unit = unit
    self.lines = lines
    self.marked = marked
    self.markLegend = markLegend
    self.shareMarker = shareMarker
  }

  /// The pass line, when drawn.
  public var pass: Double? { lines.first { $0.style == .pass }?.value }
}

/// A report ready to be written in any format: title, explanatory notes, tables and charts.
///
/// The first table is the report's main table (the only one written to CSV).
public struct ReportDocument: Hashable, Sendable {
  public var title: String
  /// Filters in effect, in words (`period 2026-11 · team 一组`).
  public var scope: String
  /// Lines printed under the table (identities, rules, definitions).
  public var notes: [String]
  public var tables: [ReportTable]
  public var charts: [ReportChart]
  /// The language every word of the document is in.
  public var language: Language

  public init(
    title: String, scope: String, notes: [String] = [], tables: [ReportTable], charts: [ReportChart] = [], language: Language = .en
  ) {
    self.title = title
    self.scope = scope
    self.notes = notes
    self.tables = tables
    self.charts = charts
    self.language = language
  }
}
