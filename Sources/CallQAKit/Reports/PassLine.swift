extension QADatabase {
  /// The pass score a chart draws across its bars or lines: the named scorecard's (`KEY` or
  /// `KEY@VERSION`), else the one most stored scorecards share (the higher on a tie); nil
  /// when no scorecard is stored.
  public func passLine(scorecard: String? = nil) throws -> Double? {
    let stored = try scorecards().map(\.scorecard)
    if let scorecard {
      let key = scorecard.split(separator: "@").first.map(String.init) ?? scorecard
      if let match = stored.last(where: { $0.reference == scorecard }) ?? stored.filter({ $0.key == key }).max(by: { $0.version < $1.version }) {
        return match.passScore
      }
    }
    let counts = Dictionary(grouping: stored, by: \.passScore).mapValues(\.count)
    return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key
  }
}
