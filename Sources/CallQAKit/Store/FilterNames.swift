import GRDB

/// The team, agent, inspector and scorecard a list or report is narrowed to.
///
/// The one rule for filters: each name given must exist, so that a typo is refused with a
/// one-line error instead of giving an empty table. Every read that takes such a filter
/// (evaluation and case lists, coverage, sampling, coaching, the performance sheet, the
/// quality index and the reports, agent lists, auto-QA screening) checks it here, inside its
/// own read transaction.
public struct FilterNames: Hashable, Sendable {
  /// A team name as set on agents.
  public var team: String?
  /// An agent code.
  public var agent: String?
  /// An inspector code.
  public var inspector: String?
  /// A scorecard `KEY` (any version) or `KEY@VERSION`.
  public var scorecard: String?
  /// A grade band label, in any language of a stored scorecard (of `scorecard` when given).
  public var band: String?
  /// An item key of a stored scorecard (of `scorecard` when given).
  public var item: String?
  /// A call direction as stored from the telephony system (`inbound`, `outbound`, …).
  public var direction: String?

  public init(
    team: String? = nil, agent: String? = nil, inspector: String? = nil, scorecard: String? = nil,
    band: String? = nil, item: String? = nil, direction: String? = nil
  ) {
    self.team = team
    self.agent = agent
    self.inspector = inspector
    self.scorecard = scorecard
    self.band = band
    self.item = item
    self.direction = direction
  }

  /// Throws `no team 'T'`, `unknown agent 'A'`, `unknown inspector 'I'`,
  /// `unknown scorecard 'S'`, `unknown band 'B' (…)`, `unknown item 'K'` or
  /// `no calls with direction 'D'` for the first name given that does not exist (also for a
  /// malformed scorecard reference).
  func check(_ db: any SQLSession) throws {
    if let team, try !exists(db, "SELECT 1 FROM agents WHERE team = ?", [team]) {
      throw CallQAError.notFound(.errNoTeam, team)
    }
    if let agent, try !exists(db, "SELECT 1 FROM agents WHERE code = ?", [agent]) {
      throw CallQAError.notFound(.errUnknownAgent, agent)
    }
    if let inspector, try !exists(db, "SELECT 1 FROM inspectors WHERE code = ?", [inspector]) {
      throw CallQAError.notFound(.errUnknownInspector, inspector)
    }
    if let scorecard {
      let (key, version) = try QADatabase.parseReference(scorecard)
      let found =
        try version.map { try exists(db, "SELECT 1 FROM scorecards WHERE key = ? AND version = ?", [key, $0]) }
        ?? exists(db, "SELECT 1 FROM scorecards WHERE key = ?", [key])
      if !found { throw CallQAError.notFound(.errUnknownScorecard, scorecard) }
    }
    if band != nil || item != nil {
      let definitions = try Self.definitions(db, scorecard: scorecard)
      if let band, Self.bandLabels(band, in: definitions).isEmpty {
        var known: [String] = []
        for label in definitions.flatMap({ $0.bands.map { $0.label.resolve("en") } }) where !known.contains(label) {
          known.append(label)
        }
        let hint =
          known.isEmpty
          ? scorecard.map { LocalizedMessage(.hintScorecardHasNoBands, [$0]) } ?? LocalizedMessage(.hintNoScorecardHasBands, [])
          : LocalizedMessage(.hintBands, [MessageArgument.list(known)])
        throw CallQAError(.errUnknownBand, band, hint)
      }
      if let item, !definitions.contains(where: { $0.item(item) != nil }) {
        throw CallQAError(.errUnknownItem, item)
      }
    }
    if let direction, try !exists(db, "SELECT 1 FROM calls WHERE direction = ?", [direction]) {
      throw CallQAError(.errNoCallsDirection, direction)
    }
  }

  /// The stored definitions of `scorecard` (`KEY`: every version; `KEY@VERSION`), or of every
  /// scorecard when nil.
  static func definitions(_ session: any SQLSession, scorecard: String?) throws -> [Scorecard] {
    let order = "ORDER BY key, version"
    let records: [ScorecardRecord]
    if let scorecard {
      let (key, version) = try QADatabase.parseReference(scorecard)
      records =
        try version.map {
          try session.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards WHERE key = ? AND version = ? \(order)", key, $0)
        } ?? session.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards WHERE key = ? \(order)", key)
    } else {
      records = try session.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards \(order)")
    }
    return try records.map { try $0.scorecard() }
  }

  /// The stored labels (English, as evaluations keep them) of the bands that `band` names in
  /// any of its languages, case aside.
  static func bandLabels(_ band: String, in definitions: [Scorecard]) -> [String] {
    let wanted = band.lowercased()
    var labels: [String] = []
    for definition in definitions {
      for grade in definition.bands where grade.label.values.values.contains(where: { $0.lowercased() == wanted }) {
        let stored = grade.label.resolve("en")
        if !labels.contains(stored) { labels.append(stored) }
      }
    }
    return labels
  }

  private func exists(_ db: any SQLSession, _ sql: String, _ arguments: [any SQLValueConvertible]) throws -> Bool {
    try db.rows("SELECT CASE WHEN EXISTS (\(sql)) THEN 1 ELSE 0 END", arguments.map(\.sqlValue)).first.map { try $0[0] as Int } == 1
  }
}

extension QADatabase {
  /// Checks the names of a filter (see ``FilterNames``) for a command that narrows by them
  /// outside the reads that already do.
  public func check(_ names: FilterNames) throws {
    try readSQL { session in try names.check(session) }
  }
}
