import Foundation

/// Draws a ``ReportChart`` as a self-contained inline SVG (no scripts, no external fonts).
///
/// Every label is placed from an estimate of its width (``DisplayWidth`` columns × 7 px at
/// the 12 px chart font, so a Chinese character counts 14 px), never cut: long item titles
/// wrap onto a second line, period labels are thinned until they fit, and the browser tests
/// check from the DOM that no two labels overlap and none leaves the view box.
public enum SVGChart {
  static let palette = ["#2f6db5", "#d9822b", "#3a9d5d", "#b5404a", "#7a5cb8", "#5f6b7a"]
  static let width = 900.0
  /// Estimated pixels per display column at the chart font size.
  static let column = 7.0
  /// Widest label column of a horizontal chart, in display columns; longer labels wrap.
  static let labelColumns = 44

  /// The chart as an `<svg>` element; `id` makes its internal ids unique within a page.
  public static func svg(_ chart: ReportChart, id: String = "chart") -> String {
    switch chart.kind {
    case .pareto: return pareto(chart, id: id)
    case .bars: return bars(chart, id: id)
    case .line: return line(chart, id: id)
    }
  }

  static func n(_ value: Double) -> String { String(format: "%.1f", value) }
  static func e(_ text: String) -> String { HTMLEscape.text(text) }
  static func textWidth(_ text: String) -> Double { Double(DisplayWidth.of(text)) * column }

  static func open(height: Double, chart: ReportChart, id: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
      + "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"
      + "<title id=\"\(id)-title\">\(e(chart.title))</title><desc id=\"\(id)-desc\">\(e(chart.summary))</desc>"
  }

  static func text(_ content: String, x: Double, y: Double, cls: String, anchor: String = "start", extra: String = "") -> String {
    "<text class=\"\(cls)\" x=\"\(n(x))\" y=\"\(n(y))\"\(anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")\(extra)>\(e(content))</text>"
  }

  /// `label` broken into lines of at most `columns` display columns (at spaces when it can).
  static func wrap(_ label: String, _ columns: Int) -> [String] {
    guard DisplayWidth.of(label) > columns else { return [label] }
    var lines: [String] = [], current = ""
    for character in label {
      if DisplayWidth.of(current) + DisplayWidth.width(of: character) > columns {
        if let space = current.lastIndex(of: " "), current.distance(from: space, to: current.endIndex) < 14 {
          lines.append(String(current[..<space]))
          current = String(current[current.index(after: space)...])
        } else {
          lines.append(current)
          current = ""
        }
      }
      current.append(character)
    }
    if !current.isEmpty { lines.append(current) }
    return lines.map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// A rounded-up axis maximum (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ), so the longest
  /// bar fills most of the plot.
  static func niceMax(_ value: Double) -> Double {
    guard value > 0 else { return 1 }
    let magnitude = pow(10, floor(log10(value)))
    for step in [1.0, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * magnitude >= value { return step * magnitude }
    return 10 * magnitude
  }

  /// An axis fitted to `low…high`: padded by a tenth of the span, a nice step giving 3 to 6
  /// intervals, bounds on the step, never below 0 for data that is not.
  static func niceRange(_ low: Double, _ high: Double) -> (low: Double, high: Double, step: Double) {
    let pad = max((high - low) * 0.1, max(abs(high), abs(low)) * 0.05, 0.05)
    let lo = low >= 0 ? max(0, low - pad) : low - pad, hi = high + pad
    let span = hi - lo
    let magnitude = pow(10, floor(log10(span / 4)))
    var step = 10 * magnitude
    for factor in [1.0, 2, 2.5, 5, 10] where span / (factor * magnitude) <= 6 {
      step = factor * magnitude
      break
    }
    return (floor(lo / step) * step, ceil(hi / step) * step, step)
  }

  static func tick(_ value: Double, _ unit: String) -> String {
    ScoreFormat.plain((value * 100).rounded() / 100) + unit
  }

  /// Horizontal labels on the left, one row per label (wrapped), returning each row's top
  /// and height and the left edge of the plot.
  static func rows(_ labels: [String], top: Double) -> (svg: String, tops: [Double], heights: [Double], left: Double) {
    let wrapped = labels.map { wrap($0, labelColumns) }
    let widest = wrapped.flatMap { $0 }.map(textWidth).max() ?? 0
    let left = min(Double(labelColumns) * column, widest) + 20
    var svg = "", tops: [Double] = [], heights: [Double] = [], y = top
    for lines in wrapped {
      let height = max(26, Double(lines.count) * 17 + 9)
      tops.append(y)
      heights.append(height)
      let first = y + height / 2 - Double(lines.count - 1) * 8.5 + 4
      for (i, line) in lines.enumerated() {
        svg += text(line, x: left - 10, y: first + Double(i) * 17, cls: "label", anchor: "end")
      }
      y += height
    }
    return (svg, tops, heights, left)
  }

  /// Legend entries in a row (wrapping to a new row when full); returns the SVG and its height.
  static func legend(_ entries: [(swatch: String, name: String)], x: Double, y: Double) -> (svg: String, height: Double) {
    var svg = "", offset = x, row = y
    for (swatch, name) in entries {
      let itemWidth = 22 + textWidth(name) + 18
      if offset + itemWidth > width - 8, offset > x {
        offset = x
        row += 20
      }
      svg += swatch.replacingOccurrences(of: "{x}", with: n(offset)).replacingOccurrences(of: "{y}", with: n(row - 10))
      svg += text(name, x: offset + 20, y: row, cls: "legend")
      offset += itemWidth
    }
    return (svg, row - y + 20)
  }

  static func box(_ colour: String) -> String { "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"12\" fill=\"\(colour)\"/>" }

  /// A short horizontal line swatch for a legend.
  static func lineSwatch(_ cls: String, _ colour: String? = nil) -> String {
    "<path class=\"\(cls)\" d=\"M{x} {y}m0 6h16\"\(colour.map { " stroke=\"\($0)\" stroke-width=\"2\" fill=\"none\"" } ?? "")/>"
  }

  /// Horizontal bars, largest first (as given), full titles on the left; the cumulative
  /// share (second series, 0–100 %) as a line on the top axis with the 80 % marker; marked
  /// rows (critical failures) in red with ⚠.
  static func pareto(_ chart: ReportChart, id: String) -> String {
    let values = chart.series.first?.values.map { $0 ?? 0 } ?? []
    let cumulative = chart.series.count > 1 ? chart.series[1].values : []
    let top = 34.0, right = 60.0
    let layout = rows(chart.labels, top: top)
    let left = layout.left, plotW = width - left - right
    let plotBottom = (layout.tops.last ?? top) + (layout.heights.last ?? 0)
    let maxValue = niceMax(values.max() ?? 0)
    var body = layout.svg
    // The share axis on top: 0, 20, 40, 60, 100 % and the 80 % marker.
    for share in [0.0, 20, 40, 60, 100] {
      let x = left + plotW * share / 100
      body += text("\(Int(share))%", x: x, y: top - 10, cls: "axis", anchor: share == 0 ? "start" : share == 100 ? "end" : "middle")
    }
    // The value axis below.
    for step in 0...4 {
      let value = maxValue * Double(step) / 4, x = left + plotW * Double(step) / 4
      body += "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\"/>"
      body += text(tick(value, chart.unit), x: x, y: plotBottom + 16, cls: "axis", anchor: step == 0 ? "start" : "middle")
    }
    var points: [(Double, Double)] = []
    for (i, value) in values.enumerated() {
      let w = plotW * value / maxValue, rowTop = layout.tops[i], h = layout.heights[i]
      let marked = i < chart.marked.count && chart.marked[i]
      let colour = marked ? palette[3] : palette[0]
      body +=
        "<rect class=\"bar\" x=\"\(n(left))\" y=\"\(n(rowTop + 5))\" width=\"\(n(w))\" height=\"\(n(h - 10))\" fill=\"\(colour)\">"
        + "<title>\(e(chart.labels[i])): \(String(format: "%.2f", value))</title></rect>"
      body += text((marked ? "⚠ " : "") + String(format: "%.2f", value), x: left + w + 4, y: rowTop + h / 2 + 4, cls: "value")
      if i < cumulative.count, let share = cumulative[i] { points.append((left + plotW * share / 100, rowTop + h / 2)) }
    }
    let x80 = left + plotW * 0.8
    body += "<line class=\"marker\" x1=\"\(n(x80))\" y1=\"\(n(top - 4))\" x2=\"\(n(x80))\" y2=\"\(n(plotBottom))\"/>"
    body += text(chart.shareMarker, x: x80, y: top - 10, cls: "marker-label", anchor: "middle")
    if !points.isEmpty {
      let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
      body += "<polyline class=\"cumulative\" fill=\"none\" stroke=\"\(palette[1])\" stroke-width=\"2\" points=\"\(list)\"/>"
      for (x, y) in points { body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3\" fill=\"\(palette[1])\"/>" }
    }
    var entries: [(String, String)] = [(box(palette[0]), chart.series.first?.name ?? "")]
    if chart.series.count > 1 { entries.append((lineSwatch("cumulative", palette[1]), chart.series[1].name)) }
    if chart.marked.contains(true) { entries.append((box(palette[3]), "⚠ " + chart.markLegend)) }
    let legend = self.legend(entries, x: 8, y: plotBottom + 44)
    return open(height: plotBottom + 30 + legend.height, chart: chart, id: id) + body + legend.svg + "</svg>"
  }

  /// Horizontal bars, one per label in the order given, values at the bar ends; the pass
  /// line (dashed, labelled above the plot) and the mean (solid, labelled below the axis);
  /// marked bars (partial indices) hatched.
  static func bars(_ chart: ReportChart, id: String) -> String {
    let values = chart.series.first?.values ?? []
    // Room above the plot for the pass line's label, when there is one.
    let top = chart.lines.contains { $0.style == .pass } ? 30.0 : 12.0, right = 70.0
    let layout = rows(chart.labels, top: top)
    let left = layout.left, plotW = width - left - right
    let plotBottom = (layout.tops.last ?? top) + (layout.heights.last ?? 0)
    let maxValue = niceMax(max(values.compactMap { $0 }.max() ?? 0, chart.lines.map(\.value).max() ?? 0))
    let hatch = "\(id)-hatch"
    var body =
      "<defs><pattern id=\"\(hatch)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
      + "<rect width=\"6\" height=\"6\" fill=\"#9dbbe0\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(palette[0])\" stroke-width=\"3\"/>"
      + "</pattern></defs>"
    body += layout.svg
    for step in 0...4 {
      let value = maxValue * Double(step) / 4, x = left + plotW * Double(step) / 4
      body += "<line class=\"grid\" x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\"/>"
      body += text(tick(value, chart.unit), x: x, y: plotBottom + 16, cls: "axis", anchor: step == 0 ? "start" : "middle")
    }
    for (i, value) in values.enumerated() {
      let rowTop = layout.tops[i], h = layout.heights[i]
      guard let value else {
        body += text("—", x: left + 4, y: rowTop + h / 2 + 4, cls: "axis")
        continue
      }
      let marked = i < chart.marked.count && chart.marked[i]
      let w = plotW * max(0, value) / maxValue
      body +=
        "<rect class=\"bar\" x=\"\(n(left))\" y=\"\(n(rowTop + 5))\" width=\"\(n(w))\" height=\"\(n(h - 10))\" "
        + "fill=\"\(marked ? "url(#\(hatch))" : palette[0])\"><title>\(e(chart.labels[i])): \(String(format: "%.1f", value))</title></rect>"
      body += text(String(format: "%.1f", value), x: left + w + 4, y: rowTop + h / 2 + 4, cls: "value")
    }
    var below = plotBottom + 16
    for line in chart.lines {
      let x = left + plotW * line.value / maxValue
      let cls = line.style == .pass ? "pass" : "mean"
      body += "<line class=\"\(cls)\" x1=\"\(n(x))\" y1=\"\(n(top - 4))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom + (line.style == .pass ? 0 : 22)))\"/>"
      let labelWidth = textWidth(line.label)
      let anchorX = min(max(x, labelWidth / 2 + 4), width - labelWidth / 2 - 4)
      if line.style == .pass {
        body += text(line.label, x: anchorX, y: top - 10, cls: "pass-label", anchor: "middle")
      } else {
        below = plotBottom + 36
        body += text(line.label, x: anchorX, y: below, cls: "mean-label", anchor: "middle")
      }
    }
    var height = below + 14
    if chart.marked.contains(true) {
      let legend = self.legend([("<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"12\" fill=\"url(#\(hatch))\"/>", chart.markLegend)], x: 8, y: below + 24)
      body += legend.svg
      height = below + 10 + legend.height
    }
    return open(height: height, chart: chart, id: id) + body + "</svg>"
  }

  /// One polyline per series over evenly spaced periods, on an axis fitted to the data and
  /// the pass line; period labels thinned until they fit, the legend below.
  static func line(_ chart: ReportChart, id: String) -> String {
    let top = 20.0, right = 30.0, plotH = 220.0
    let all = chart.series.flatMap { $0.values.compactMap { $0 } } + chart.lines.map(\.value)
    let range = niceRange(all.min() ?? 0, all.max() ?? 1)
    let tickLabels = stride(from: range.low, through: range.high + range.step / 2, by: range.step).map { ($0, tick($0, chart.unit)) }
    let left = (tickLabels.map { textWidth($0.1) }.max() ?? 20) + 16
    let plotW = width - left - right
    let count = chart.labels.count
    let inset = 24.0
    func x(_ i: Int) -> Double { count <= 1 ? left + plotW / 2 : left + inset + (plotW - 2 * inset) * Double(i) / Double(count - 1) }
    func y(_ value: Double) -> Double { top + plotH * (1 - (value - range.low) / (range.high - range.low)) }
    var body = ""
    for (value, label) in tickLabels {
      body += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(value)))\" x2=\"\(n(left + plotW))\" y2=\"\(n(y(value)))\"/>"
      body += text(label, x: left - 6, y: y(value) + 4, cls: "axis", anchor: "end")
    }
    // Periods: every k-th label, k the smallest that leaves room between labels.
    let spacing = count <= 1 ? plotW : (plotW - 2 * inset) / Double(count - 1)
    let widest = (chart.labels.map(textWidth).max() ?? 0) + 12
    let every = max(1, Int(ceil(widest / spacing)))
    for (i, label) in chart.labels.enumerated() where i % every == 0 || (i == count - 1 && (count - 1) % every >= every / 2 + 1) {
      body += text(label, x: x(i), y: top + plotH + 18, cls: "period", anchor: "middle")
    }
    for line in chart.lines {
      let ly = y(line.value)
      body += "<line class=\"\(line.style == .pass ? "pass" : "mean")\" x1=\"\(n(left))\" y1=\"\(n(ly))\" x2=\"\(n(left + plotW))\" y2=\"\(n(ly))\"/>"
      body += text(line.label, x: left + plotW - 4, y: ly - 5, cls: line.style == .pass ? "pass-label" : "mean-label", anchor: "end")
    }
    for (s, series) in chart.series.enumerated() {
      let colour = palette[s % palette.count]
      var segment: [String] = []
      func flush() {
        if segment.count > 1 {
          body += "<polyline class=\"series\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>"
        }
        segment = []
      }
      for (i, value) in series.values.enumerated() {
        guard let value else {
          flush()
          continue
        }
        segment.append("\(n(x(i))),\(n(y(value)))")
        body +=
          "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(value)))\" r=\"3\" fill=\"\(colour)\"><title>\(e(series.name)) "
          + "\(e(chart.labels[i])): \(String(format: "%.1f", value))</title></circle>"
      }
      flush()
    }
    let entries = chart.series.enumerated().map { (lineSwatch("series", palette[$0.offset % palette.count]), $0.element.name) }
    let legend = self.legend(entries, x: left, y: top + plotH + 46)
    return open(height: top + plotH + 32 + legend.height, chart: chart, id: id) + body + legend.svg + "</svg>"
  }
}
