import Foundation

/// Writes a report as one self-contained HTML file: inline CSS, inline SVG charts, no
/// scripts and no network access, printable, every text escaped. The markup is also
/// well-formed XML, so it can be checked with any XML parser.
public enum HTMLReportWriter {
  /// The complete HTML document.
  public static func html(_ document: ReportDocument, generatedAt: String = Timestamp.nowLocal()) -> String {
    let e = HTMLEscape.text
    let words = Messages(document.language)
    var body = "<h1>\(e(document.title))</h1>\n<p class=\"scope\">\(e(document.scope))</p>\n"
    for note in document.notes { body += "<p class=\"note\">\(e(note))</p>\n" }
    for (index, chart) in document.charts.enumerated() {
      body += "<figure>\n<figcaption>\(e(chart.title))</figcaption>\n\(SVGChart.svg(chart, id: "chart\(index + 1)"))\n</figure>\n"
    }
    for table in document.tables { body += self.table(table, words: words) }
    body += "<footer>\(e(words(.generatedBy, generatedAt)))</footer>\n"
    return """
      <!DOCTYPE html>
      <html lang="\(document.language.tag)">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>\(e(document.title)) — \(e(document.scope))</title>
      <style>\(style)</style>
      </head>
      <body>
      \(body)</body>
      </html>

      """
  }

  /// Writes ``html(_:generatedAt:)`` to `path` (``SafeFile``).
  public static func write(_ document: ReportDocument, to path: String) throws {
    try SafeFile.write(Data(html(document).utf8), to: path)
  }

  static func table(_ table: ReportTable, words: Messages) -> String {
    let e = HTMLEscape.text
    var html = "<section>\n<h2>\(e(table.title))</h2>\n<table>\n<thead><tr>"
    for column in table.columns { html += "<th\(column.numeric ? " class=\"num\"" : "")>\(e(column.title))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      html += "<tr>"
      for (i, column) in table.columns.enumerated() {
        let cell = i < row.count ? row[i] : .empty
        html += "<td\(column.numeric ? " class=\"num\"" : "")>\(e(cell.display))</td>"
      }
      html += "</tr>\n"
    }
    if table.rows.isEmpty { html += "<tr><td colspan=\"\(max(1, table.columns.count))\" class=\"empty\">\(e(words[.noRows]))</td></tr>\n" }
    return html + "</tbody>\n</table>\n</section>\n"
  }

  static let style = """
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
    margin:24px auto;max-width:960px;color:#1d2733;padding:0 12px}
    h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
    .scope{color:#5f6b7a;margin:0 0 8px}.note{margin:2px 0;color:#33414f;font-size:13px}
    figure{margin:16px 0}figcaption{font-weight:600;margin-bottom:4px}
    svg.chart{display:block;width:100%;max-width:900px;height:auto;font-size:12px}
    svg .axis,svg .legend,svg .period{fill:#5f6b7a}svg .label{fill:#1d2733}svg .value{fill:#1d2733}
    svg .grid{stroke:#e3e8ee}svg .pass,svg .marker{stroke:#b5404a;stroke-width:1.5;stroke-dasharray:5 3}
    svg .mean{stroke:#33414f;stroke-width:1.5}svg .pass-label,svg .marker-label{fill:#b5404a;font-weight:600}
    svg .mean-label{fill:#33414f;font-weight:600}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{border-bottom:1px solid #e3e8ee;padding:4px 6px;text-align:left;vertical-align:top}
    th{background:#f2f5f9;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    td.empty{color:#8a96a3;text-align:center}
    footer{margin-top:24px;color:#8a96a3;font-size:12px}
    @page{size:A4;margin:12mm}
    @media print{body{margin:0;max-width:none;padding:0}th{position:static}figure,tr{break-inside:avoid}
    svg.chart{max-width:100%}table{font-size:10px}td{overflow-wrap:anywhere;}}
    """
}
