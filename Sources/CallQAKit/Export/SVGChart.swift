import Foundation

/// Draws a ``ReportChart`` as a self-contained inline SVG (no scripts, no external fonts).
public enum SVGChart {
  static let palette = ["#2f6db5", "#d9822b", "#3a9d5d", "#b5404a", "#7a5cb8", "#5f6b7a"]
  static let width = 900.0

  /// The chart as an `<svg>` element.
  public static func svg(_ chart: ReportChart) -> String {
    switch chart.kind {
    case .pareto: return pareto(chart)
    case .bars: return bars(chart)
    case .line: return line(chart)
    }
  }

  static func n(_ value: Double) -> String { String(format: "%.1f", value) }

  static func open(height: Double, title: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
      + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(HTMLEscape.text(title))\">"
      + "<title>\(HTMLEscape.text(title))</title>"
  }

  /// A label cut to `columns` display columns.
  static func short(_ label: String, _ columns: Int) -> String {
    HTMLEscape.text(DisplayWidth.truncate(label, to: columns))
  }

  /// A rounded-up axis maximum (1, 2, 2.5, 5 × 10ⁿ).
  static func niceMax(_ value: Double) -> Double {
    guard value > 0 else { return 1 }
    let magnitude = pow(10, floor(log10(value)))
    for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
    return 10 * magnitude
  }

  /// Vertical bars (first series) with the cumulative share (second series, 0–100 %) as a line.
  static func pareto(_ chart: ReportChart) -> String {
    let values = chart.series.first?.values.map { $0 ?? 0 } ?? []
    let cumulative = chart.series.count > 1 ? chart.series[1].values : []
    let height = 420.0, left = 110.0, right = 60.0, top = 20.0, bottom = 150.0
    let plotW = width - left - right, plotH = height - top - bottom
    let maxValue = niceMax(values.max() ?? 0)
    let slot = plotW / Double(max(values.count, 1))
    var svg = open(height: height, title: chart.title)
    svg += axes(left: left, top: top, plotW: plotW, plotH: plotH, maxValue: maxValue, unit: chart.unit)
    for tick in stride(from: 0.0, through: 100, by: 25) {
      let y = top + plotH * (1 - tick / 100)
      svg += "<text x=\"\(n(left + plotW + 6))\" y=\"\(n(y + 4))\" class=\"axis\">\(Int(tick))%</text>"
    }
    var points: [String] = []
    for (i, value) in values.enumerated() {
      let h = plotH * value / maxValue
      let x = left + slot * Double(i)
      svg +=
        "<rect class=\"bar\" x=\"\(n(x + slot * 0.15))\" y=\"\(n(top + plotH - h))\" width=\"\(n(slot * 0.7))\" "
        + "height=\"\(n(h))\" fill=\"\(palette[0])\"><title>\(HTMLEscape.text(chart.labels[i])): \(String(format: "%.2f", value))</title></rect>"
      let cx = x + slot / 2, ly = top + plotH + 12
      svg +=
        "<text class=\"label\" x=\"\(n(cx))\" y=\"\(n(ly))\" transform=\"rotate(-40 \(n(cx)) \(n(ly)))\" text-anchor=\"end\">"
        + "\(short(chart.labels[i], 22))</text>"
      if i < cumulative.count, let share = cumulative[i] {
        points.append("\(n(cx)),\(n(top + plotH * (1 - share / 100)))")
      }
    }
    if !points.isEmpty {
      svg += "<polyline class=\"cumulative\" fill=\"none\" stroke=\"\(palette[1])\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
      for point in points {
        let xy = point.split(separator: ",")
        svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"\(palette[1])\"/>"
      }
      let y80 = top + plotH * 0.2
      svg += "<line x1=\"\(n(left))\" y1=\"\(n(y80))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y80))\" class=\"reference\"/>"
      svg += "<text class=\"axis\" x=\"\(n(left + plotW - 4))\" y=\"\(n(y80 - 4))\" text-anchor=\"end\">80%</text>"
    }
    svg += legend(chart.series.map(\.name), x: left, y: height - 8)
    return svg + "</svg>"
  }

  /// Horizontal bars, one per label, values written at the bar end; an optional dashed reference.
  static func bars(_ chart: ReportChart) -> String {
    let values = chart.series.first?.values ?? []
    let rowH = 24.0, left = 230.0, right = 70.0, top = 10.0
    let height = top + rowH * Double(max(values.count, 1)) + 30
    let plotW = width - left - right
    let maxValue = niceMax(max(values.compactMap { $0 }.max() ?? 0, chart.reference ?? 0))
    var svg = open(height: height, title: chart.title)
    for (i, value) in values.enumerated() {
      let y = top + rowH * Double(i)
      svg += "<text class=\"label\" x=\"\(n(left - 8))\" y=\"\(n(y + rowH * 0.65))\" text-anchor=\"end\">\(short(chart.labels[i], 30))</text>"
      guard let value else {
        svg += "<text class=\"axis\" x=\"\(n(left + 4))\" y=\"\(n(y + rowH * 0.65))\">—</text>"
        continue
      }
      let w = plotW * max(0, value) / maxValue
      svg +=
        "<rect class=\"bar\" x=\"\(n(left))\" y=\"\(n(y + 3))\" width=\"\(n(w))\" height=\"\(n(rowH - 6))\" fill=\"\(palette[0])\">"
        + "<title>\(HTMLEscape.text(chart.labels[i])): \(String(format: "%.1f", value))</title></rect>"
      svg += "<text class=\"value\" x=\"\(n(left + w + 4))\" y=\"\(n(y + rowH * 0.65))\">\(String(format: "%.1f", value))</text>"
    }
    if let reference = chart.reference {
      let x = left + plotW * reference / maxValue
      svg += "<line class=\"reference\" x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(height - 24))\"/>"
      svg += "<text class=\"axis\" x=\"\(n(x))\" y=\"\(n(height - 10))\" text-anchor=\"middle\">centre \(String(format: "%.1f", reference))</text>"
    }
    return svg + "</svg>"
  }

  /// One polyline per series over evenly spaced labels.
  static func line(_ chart: ReportChart) -> String {
    let height = 340.0, left = 60.0, right = 30.0, top = 20.0, bottom = 70.0
    let plotW = width - left - right, plotH = height - top - bottom
    let all = chart.series.flatMap { $0.values.compactMap { $0 } }
    let maxValue = (all.max() ?? 0) <= 100 && (all.max() ?? 0) > 20 ? 100 : niceMax(all.max() ?? 0)
    let count = chart.labels.count
    func x(_ i: Int) -> Double { count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count - 1) }
    var svg = open(height: height, title: chart.title)
    svg += axes(left: left, top: top, plotW: plotW, plotH: plotH, maxValue: maxValue, unit: chart.unit)
    let every = max(1, count / 12)
    for (i, label) in chart.labels.enumerated() where i % every == 0 {
      svg += "<text class=\"label\" x=\"\(n(x(i)))\" y=\"\(n(top + plotH + 18))\" text-anchor=\"middle\">\(short(label, 10))</text>"
    }
    for (s, series) in chart.series.enumerated() {
      let colour = palette[s % palette.count]
      var segment: [String] = []
      func flush() {
        if segment.count > 1 {
          svg += "<polyline class=\"series\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
        }
        segment = []
      }
      for (i, value) in series.values.enumerated() {
        guard let value else {
          flush()
          continue
        }
        let y = top + plotH * (1 - value / maxValue)
        segment.append("\(n(x(i))),\(n(y))")
        svg +=
          "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y))\" r=\"3\" fill=\"\(colour)\"><title>\(HTMLEscape.text(series.name)) "
          + "\(HTMLEscape.text(chart.labels[i])): \(String(format: "%.1f", value))</title></circle>"
      }
      flush()
    }
    svg += legend(chart.series.map(\.name), x: left, y: height - 12)
    return svg + "</svg>"
  }

  static func axes(left: Double, top: Double, plotW: Double, plotH: Double, maxValue: Double, unit: String) -> String {
    var svg = ""
    for step in 0...4 {
      let value = maxValue * Double(step) / 4
      let y = top + plotH * (1 - Double(step) / 4)
      svg += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y))\"/>"
      svg +=
        "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\">\(ScoreFormat.plain((value * 100).rounded() / 100))\(HTMLEscape.text(unit))</text>"
    }
    return svg
  }

  static func legend(_ names: [String], x: Double, y: Double) -> String {
    var svg = "", offset = x
    for (i, name) in names.enumerated() {
      svg += "<rect x=\"\(n(offset))\" y=\"\(n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(palette[i % palette.count])\"/>"
      svg += "<text class=\"legend\" x=\"\(n(offset + 16))\" y=\"\(n(y))\">\(HTMLEscape.text(name))</text>"
      offset += 40 + Double(DisplayWidth.of(name)) * 7
    }
    return svg
  }
}
