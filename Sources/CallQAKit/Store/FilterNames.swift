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

  public init(team: String? = nil, agent: String? = nil, inspector: String? = nil, scorecard: String? = nil) {
    self.team = team
    self.agent = agent
    self.inspector = inspector
    self.scorecard = scorecard
  }

  /// Throws `no team 'T'`, `unknown agent 'A'`, `unknown inspector 'I'` or
  /// `unknown scorecard 'S'` for the first name given that does not exist (also for a
  /// malformed scorecard reference).
  func check(_ db: Database) throws {
    if let team, try !exists(db, "SELECT 1 FROM agents WHERE team = ?", [team]) {
      throw CallQAError.notFound("no team '\(team)'")
    }
    if let agent, try !exists(db, "SELECT 1 FROM agents WHERE code = ?", [agent]) {
      throw CallQAError.notFound("unknown agent '\(agent)'")
    }
    if let inspector, try !exists(db, "SELECT 1 FROM inspectors WHERE code = ?", [inspector]) {
      throw CallQAError.notFound("unknown inspector '\(inspector)'")
    }
    if let scorecard {
      let (key, version) = try QADatabase.parseReference(scorecard)
      let found = try version.map { try exists(db, "SELECT 1 FROM scorecards WHERE key = ? AND version = ?", [key, $0]) }
        ?? exists(db, "SELECT 1 FROM scorecards WHERE key = ?", [key])
      if !found { throw CallQAError.notFound("unknown scorecard '\(scorecard)'") }
    }
  }

  private func exists(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (\(sql))", arguments: arguments) == true
  }
}

extension QADatabase {
  /// Checks the names of a filter (see ``FilterNames``) for a command that narrows by them
  /// outside the reads that already do.
  public func check(_ names: FilterNames) throws {
    try read { db in try names.check(db) }
  }
}
