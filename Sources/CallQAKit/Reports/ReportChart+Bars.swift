extension ReportChart {
  /// Horizontal bars in the order given (sorted by the caller, highest first), with the pass
  /// line when `pass` is given and the mean of the values shown (labelled `meanLabel`: the
  /// centre's mean when every agent is shown).
  public static func sortedBars(
    _ words: Messages, title: String, summary: String, labels: [String], values: [Double?], name: String, pass: Double? = nil,
    marked: [Bool] = [], markLegend: String = "", unit: String = "", meanLabel: MessageKey = .chartCentreMean
  ) -> ReportChart {
    var lines: [Line] = []
    if let pass { lines.append(.init(pass, label: words(.chartPass, ScoreFormat.plain(pass)), style: .pass)) }
    let known = values.compactMap { $0 }
    if !known.isEmpty {
      let mean = known.reduce(0, +) / Double(known.count)
      lines.append(.init(mean, label: words(meanLabel, ScoreFormat.score(mean)), style: .mean))
    }
    return ReportChart(
      kind: .bars, title: title, summary: summary, labels: labels, series: [.init(name: name, values: values)], unit: unit, lines: lines,
      marked: marked, markLegend: markLegend)
  }
}

extension Array {
  /// The elements by `value`, highest first, those without a value last (stable otherwise).
  func sortedForChart(_ value: (Element) -> Double?) -> [Element] {
    enumerated().sorted { a, b in
      switch (value(a.element), value(b.element)) {
      case (let x?, let y?): return x != y ? x > y : a.offset < b.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
  }
}

extension ReportChart {
  /// The chart as reports drew it before issue 17: `reference` becomes a mean line labelled
  /// with its value only. New charts pass their ``Line``s (with words from the catalogue).
  @available(*, deprecated, message: "pass lines: with labels from the catalogue (ReportChart.sortedBars)")
  public init(kind: Kind, title: String, labels: [String], series: [Series], unit: String = "", reference: Double?) {
    self.init(
      kind: kind, title: title, labels: labels, series: series, unit: unit,
      lines: reference.map { [Line($0, label: ScoreFormat.score($0), style: .mean)] } ?? [])
  }
}
