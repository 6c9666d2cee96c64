/// The report summaries (README "Report summaries"): derived tables kept in step with every
/// write that changes the counted evaluations, so that a manager report costs the same at 1M
/// evaluations as at 1k.
///
/// Three tables share one key — grain, period, agent, scorecard version, kind:
///
/// - `summary_evaluations`: evaluations, Σ final, Σ final², Σ raw, passes, critical fails,
///   exemplary ones and passed-and-exemplary ones;
/// - `summary_sections` (+ section): applicable sections, Σ score, Σ score², failed sections;
/// - `summary_items` (+ item): the item rows that lost points or were N/A, the N/A ones among
///   them, Σ impact, Σ points lost, critical fails (as the `item_scores_lost` index holds them).
///
/// Two grains: `agent-month` (period `YYYY-MM`, one row per agent) answers any report for
/// whole months, a team or an agent; `centre-day` (period `YYYY-MM-DD`, agent 0) answers the
/// whole centre's weak areas and trends for any days. The period is the call's local date
/// (`calls.started_at` keeps its offset); a call without a date has the period `''`, which only
/// a report over all dates counts. A key whose count falls to 0 has no row.
///
/// Only counted evaluations (``CountedEvaluation``) ever enter: drafts, calibration scorings
/// and second opinions never do; a revision's evaluation leaves when its revision enters.
/// Sums are doubles: a summary's Σ equals the detail query's to rounding (relative 1e-9).
enum ReportSummaries {
  enum Grain: String, CaseIterable {
    case agentMonth = "agent-month"
    case centreDay = "centre-day"
  }

  /// The agent id of a `centre-day` row.
  static let centre: Int64 = 0

  /// The schema, created by the migration "Add report summaries".
  static let schema = """
    CREATE TABLE summary_evaluations (
      grain TEXT NOT NULL CHECK (grain IN ('agent-month', 'centre-day')),
      period TEXT NOT NULL,
      agent_id INTEGER NOT NULL,
      scorecard_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'test-call')),
      evaluations INTEGER NOT NULL,
      final_sum REAL NOT NULL,
      final_squares REAL NOT NULL,
      raw_sum REAL NOT NULL,
      passed INTEGER NOT NULL,
      critical INTEGER NOT NULL,
      exemplary INTEGER NOT NULL,
      passed_exemplary INTEGER NOT NULL,
      PRIMARY KEY (grain, period, agent_id, scorecard_id, kind)
    ) WITHOUT ROWID;
    CREATE TABLE summary_sections (
      grain TEXT NOT NULL CHECK (grain IN ('agent-month', 'centre-day')),
      period TEXT NOT NULL,
      agent_id INTEGER NOT NULL,
      scorecard_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'test-call')),
      section TEXT NOT NULL,
      applicable INTEGER NOT NULL,
      score_sum REAL NOT NULL,
      score_squares REAL NOT NULL,
      failed INTEGER NOT NULL,
      PRIMARY KEY (grain, period, agent_id, scorecard_id, kind, section)
    ) WITHOUT ROWID;
    CREATE TABLE summary_items (
      grain TEXT NOT NULL CHECK (grain IN ('agent-month', 'centre-day')),
      period TEXT NOT NULL,
      agent_id INTEGER NOT NULL,
      scorecard_id INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'test-call')),
      item TEXT NOT NULL,
      lost_rows INTEGER NOT NULL,
      na INTEGER NOT NULL,
      impact REAL NOT NULL,
      lost REAL NOT NULL,
      critical INTEGER NOT NULL,
      PRIMARY KEY (grain, period, agent_id, scorecard_id, kind, item)
    ) WITHOUT ROWID;
    """

  static let tables = ["summary_evaluations", "summary_sections", "summary_items"]

  // MARK: - What one evaluation adds

  /// What one counted evaluation adds to (or, leaving, takes from) the summaries.
  struct Contribution {
    struct Section {
      var key: String
      var score: Double?
      var rawScore: Double?
    }
    struct Item {
      var key: String
      var na: Bool
      var impact: Double
      var lost: Double
      var critical: Bool
    }
    /// The call's local day, `''` without a date.
    var day: String
    var agent: Int64
    var scorecard: Int64
    var kind: String
    var final: Double
    var raw: Double
    var passed: Bool
    var critical: Bool
    var exemplary: Bool
    /// Applicable sections only.
    var sections: [Section]
    /// Item rows that lost points or were N/A only.
    var items: [Item]

    /// A scored evaluation as the write path stores it.
    init(day: String, agent: Int64, scorecard: Int64, kind: EvaluationKind, result: EvaluationResult, exemplaryScore: Double) {
      self.day = day
      self.agent = agent
      self.scorecard = scorecard
      self.kind = kind.rawValue
      final = result.finalScore
      raw = result.rawScore
      passed = result.passed
      critical = result.criticalFailed
      exemplary = result.finalScore + 1e-9 >= exemplaryScore
      sections = result.sections.filter(\.applicable).map { Section(key: $0.key, score: $0.score, rawScore: $0.rawScore) }
      items = result.items.compactMap { item in
        let na = item.isNotApplicable
        guard na || (item.earned.map { $0 < item.points } ?? false) else { return nil }
        return Item(key: item.key, na: na, impact: item.impact, lost: item.earned.map { item.points - $0 } ?? 0, critical: item.criticalFailed)
      }
    }

    /// A stored evaluation, read back (the one a revision replaces).
    init?(_ db: any SQLSession, evaluation id: Int64, exemplaryScore: (Int64) throws -> Double) throws {
      guard
        let row = try db.row(
          """
          SELECT coalesce(substr(c.started_at, 1, 10), '') AS day, e.agent_id, e.scorecard_id, e.kind, e.final_score,
                 e.raw_score, e.passed, e.critical_failed
          FROM evaluations e JOIN calls c ON c.id = e.call_id
          WHERE e.id = ? AND \(CountedEvaluation.condition)
          """, id)
      else { return nil }
      day = try row["day"]
      agent = try row["agent_id"]
      scorecard = try row["scorecard_id"]
      kind = try row["kind"]
      final = try row["final_score"]
      raw = try row["raw_score"]
      passed = try row["passed"]
      critical = try row["critical_failed"]
      exemplary = final + 1e-9 >= (try exemplaryScore(scorecard))
      sections = try db.rows("SELECT section, score, raw_score FROM section_scores WHERE evaluation_id = ? AND applicable = 1", id)
        .map { Section(key: try $0["section"], score: try $0["score"], rawScore: try $0["raw_score"]) }
      items = try db.rows(
        """
        SELECT item, na, impact, points - earned AS lost, critical_failed FROM item_scores
        WHERE evaluation_id = ? AND (na = 1 OR earned < points)
        """, id
      ).map { row in
        Item(
          key: try row["item"], na: try row["na"], impact: try row["impact"] ?? 0, lost: try row["lost"] ?? 0,
          critical: try row["critical_failed"])
      }
    }
  }

  // MARK: - Deltas, written in batches

  struct Key: Hashable {
    var grain: Grain
    var period: String
    var agent: Int64
    var scorecard: Int64
    var kind: String
  }

  struct EntryKey: Hashable {
    var key: Key
    var entry: String
  }

  struct EvaluationSums: Equatable {
    var evaluations = 0, final = 0.0, squares = 0.0, raw = 0.0, passed = 0, critical = 0, exemplary = 0, passedExemplary = 0
  }

  struct SectionSums: Equatable {
    var applicable = 0, score = 0.0, squares = 0.0, failed = 0
  }

  struct ItemSums: Equatable {
    var rows = 0, na = 0, impact = 0.0, lost = 0.0, critical = 0
  }

  /// Changes to the summaries not yet written: added up in memory per key and written with one
  /// UPSERT per key (``flush(_:)``), in the transaction of the writes they come from.
  final class Delta {
    var evaluations: [Key: EvaluationSums] = [:]
    var sections: [EntryKey: SectionSums] = [:]
    var items: [EntryKey: ItemSums] = [:]

    var isEmpty: Bool { evaluations.isEmpty && sections.isEmpty && items.isEmpty }
    var count: Int { evaluations.count + sections.count + items.count }

    /// Adds `c` (sign +1) or takes it away (sign −1) at every grain.
    func add(_ c: Contribution, sign: Int) {
      let s = Double(sign)
      for key in [
        Key(grain: .agentMonth, period: String(c.day.prefix(7)), agent: c.agent, scorecard: c.scorecard, kind: c.kind),
        Key(grain: .centreDay, period: c.day, agent: ReportSummaries.centre, scorecard: c.scorecard, kind: c.kind),
      ] {
        var e = evaluations[key] ?? EvaluationSums()
        e.evaluations += sign
        e.final += s * c.final
        e.squares += s * c.final * c.final
        e.raw += s * c.raw
        e.passed += c.passed ? sign : 0
        e.critical += c.critical ? sign : 0
        e.exemplary += c.exemplary ? sign : 0
        e.passedExemplary += c.passed && c.exemplary ? sign : 0
        evaluations[key] = e
        for section in c.sections {
          let k = EntryKey(key: key, entry: section.key)
          var sums = sections[k] ?? SectionSums()
          sums.applicable += sign
          sums.score += s * (section.score ?? 0)
          sums.squares += s * (section.score.map { $0 * $0 } ?? 0)
          sums.failed += (section.rawScore.map { $0 < 100 - 1e-9 } ?? false) ? sign : 0
          sections[k] = sums
        }
        for item in c.items {
          let k = EntryKey(key: key, entry: item.key)
          var sums = items[k] ?? ItemSums()
          sums.rows += sign
          sums.na += item.na ? sign : 0
          sums.impact += s * item.impact
          sums.lost += s * item.lost
          sums.critical += item.critical ? sign : 0
          items[k] = sums
        }
      }
    }

    /// Writes every change (one UPSERT per key; a key whose count reaches 0 is deleted) and
    /// empties the delta.
    func flush(_ db: any SQLSession) throws {
      let keyColumns = "grain, period, agent_id, scorecard_id, kind"
      // Each sum names its table: PostgreSQL finds a bare column ambiguous beside `excluded`.
      func added(_ table: String, _ columns: [String]) -> String {
        columns.map { "\($0) = \(table).\($0) + excluded.\($0)" }.joined(separator: ", ")
      }
      func upsert(_ table: String, entry: String?, _ columns: [String]) -> String {
        let key = keyColumns + (entry.map { ", " + $0 } ?? "")
        let count = 5 + (entry == nil ? 0 : 1) + columns.count
        return """
          INSERT INTO \(table) (\(key), \(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: count).joined(separator: ", ")))
          ON CONFLICT (\(key)) DO UPDATE SET \(added(table, columns))
          """
      }
      let evaluationUpsert = upsert(
        "summary_evaluations", entry: nil,
        ["evaluations", "final_sum", "final_squares", "raw_sum", "passed", "critical", "exemplary", "passed_exemplary"])
      let sectionUpsert = upsert("summary_sections", entry: "section", ["applicable", "score_sum", "score_squares", "failed"])
      let itemUpsert = upsert("summary_items", entry: "item", ["lost_rows", "na", "impact", "lost", "critical"])
      func keyArguments(_ key: Key) -> [SQLValue] {
        [.text(key.grain.rawValue), .text(key.period), .integer(key.agent), .integer(key.scorecard), .text(key.kind)]
      }
      var emptied: [(table: String, column: String, key: Key, entry: String?)] = []
      for (key, e) in evaluations where e != EvaluationSums() {
        try db.execute(
          evaluationUpsert,
          keyArguments(key) + [
            e.evaluations.sqlValue, e.final.sqlValue, e.squares.sqlValue, e.raw.sqlValue, e.passed.sqlValue, e.critical.sqlValue,
            e.exemplary.sqlValue, e.passedExemplary.sqlValue,
          ])
        if e.evaluations < 0 { emptied.append(("summary_evaluations", "evaluations", key, nil)) }
      }
      for (k, e) in sections where e != SectionSums() {
        try db.execute(
          sectionUpsert,
          keyArguments(k.key) + [k.entry.sqlValue, e.applicable.sqlValue, e.score.sqlValue, e.squares.sqlValue, e.failed.sqlValue])
        if e.applicable < 0 { emptied.append(("summary_sections", "applicable", k.key, k.entry)) }
      }
      for (k, e) in items where e != ItemSums() {
        try db.execute(
          itemUpsert,
          keyArguments(k.key) + [
            k.entry.sqlValue, e.rows.sqlValue, e.na.sqlValue, e.impact.sqlValue, e.lost.sqlValue, e.critical.sqlValue,
          ])
        if e.rows < 0 { emptied.append(("summary_items", "lost_rows", k.key, k.entry)) }
      }
      for (table, column, key, entry) in emptied {
        let keyCondition = "grain = ? AND period = ? AND agent_id = ? AND scorecard_id = ? AND kind = ?"
        var arguments = keyArguments(key)
        var sql = "DELETE FROM \(table) WHERE \(keyCondition) AND \(column) <= 0"
        if let entry {
          sql += " AND \(table == "summary_sections" ? "section" : "item") = ?"
          arguments.append(.text(entry))
        }
        try db.execute(sql, arguments)
      }
      evaluations = [:]
      sections = [:]
      items = [:]
    }
  }

  /// Adds (or takes away) one evaluation: into `context`'s delta for bulk writers (written when
  /// it grows large and when the writer calls ``SubmissionContext/finish(_:)``), at once otherwise.
  static func record(_ db: any SQLSession, _ contribution: Contribution, sign: Int, context: SubmissionContext?) throws {
    if let context {
      context.summaries.add(contribution, sign: sign)
      if context.summaries.count > 50_000 { try context.summaries.flush(db) }
    } else {
      let delta = Delta()
      delta.add(contribution, sign: sign)
      try delta.flush(db)
    }
  }
}

// MARK: - Recomputed from the detail rows

extension ReportSummaries {
  /// The exemplary line of every stored scorecard version, as a `thresholds(id, exemplary)`
  /// CTE with its arguments (a version whose definition cannot be read counts nothing exemplary,
  /// as in the leaderboard). The values are cast: PostgreSQL types a bare parameter in
  /// `VALUES` as text.
  static func thresholds(_ db: any SQLSession) throws -> (sql: String, arguments: [SQLValue]) {
    var values: [String] = ["(CAST(0 AS BIGINT), CAST(1e300 AS DOUBLE PRECISION))"]
    var arguments: [SQLValue] = []
    for record in try db.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards ORDER BY id") {
      guard let id = record.id, let scorecard = try? record.scorecard() else { continue }
      values.append("(CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION))")
      arguments += [id.sqlValue, scorecard.exemplaryScore.sqlValue]
    }
    return ("thresholds(id, exemplary) AS (VALUES \(values.joined(separator: ", ")))", arguments)
  }

  /// The period of a call at `grain`, as SQL over the calls alias `c`.
  static func period(_ grain: Grain) -> String {
    "coalesce(substr(c.started_at, 1, \(grain == .agentMonth ? 7 : 10)), '')"
  }

  static func agent(_ grain: Grain) -> String { grain == .agentMonth ? "e.agent_id" : "CAST(0 AS BIGINT)" }

  /// How many rows of the group meet `condition` (an integer on both engines; PostgreSQL
  /// sums no booleans).
  static func countWhere(_ condition: String) -> String { "count(CASE WHEN \(condition) THEN 1 END)" }

  /// Every summary row of `table` as the detail rows give it, in key order: the SELECT that
  /// ``rebuild(_:)`` inserts and ``differences(_:limit:)`` compares (key columns first).
  static func detailQuery(_ table: String, _ db: any SQLSession) throws -> (sql: String, arguments: [SQLValue]) {
    let total = db.engine.total
    let exemplary = "e.final_score + 1e-9 >= coalesce(t.exemplary, 1e300)"
    let selects = try Grain.allCases.map { grain -> String in
      let key = "CAST('\(grain.rawValue)' AS TEXT), \(period(grain)), \(agent(grain)), e.scorecard_id, e.kind"
      switch table {
      case "summary_evaluations":
        return """
          SELECT \(key), count(*), \(total("e.final_score")), \(total("e.final_score * e.final_score")),
                 \(total("e.raw_score")), \(countWhere("e.passed = 1")), \(countWhere("e.critical_failed = 1")),
                 \(countWhere(exemplary)), \(countWhere("e.passed = 1 AND \(exemplary)"))
          FROM evaluations e JOIN calls c ON c.id = e.call_id LEFT JOIN thresholds t ON t.id = e.scorecard_id
          WHERE \(CountedEvaluation.condition) GROUP BY 1, 2, 3, 4, 5
          """
      case "summary_sections":
        return """
          SELECT \(key), s.section, count(*), \(total("s.score")), \(total("s.score * s.score")),
                 \(countWhere("s.raw_score < 100 - 1e-9"))
          FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN section_scores s ON s.evaluation_id = e.id
          WHERE \(CountedEvaluation.condition) AND s.applicable = 1 GROUP BY 1, 2, 3, 4, 5, 6
          """
      case "summary_items":
        return """
          SELECT \(key), i.item, count(*), \(countWhere("i.na = 1")), \(total("i.impact")), \(total("i.points - i.earned")),
                 \(countWhere("i.critical_failed = 1"))
          FROM evaluations e JOIN calls c ON c.id = e.call_id JOIN item_scores i ON i.evaluation_id = e.id
          WHERE \(CountedEvaluation.condition) AND (i.na = 1 OR i.earned < i.points) GROUP BY 1, 2, 3, 4, 5, 6
          """
      default:
        throw CallQAError(.errNoSummaryTable, table)
      }
    }
    let (cte, arguments) = try thresholds(db)
    let order = table == "summary_evaluations" ? "1, 2, 3, 4, 5" : "1, 2, 3, 4, 5, 6"
    return ("WITH \(cte) \(selects.joined(separator: " UNION ALL ")) ORDER BY \(order)", arguments)
  }

  /// Replaces every summary row by the detail rows' (in the caller's transaction).
  static func rebuild(_ db: any SQLSession) throws {
    for table in tables {
      try db.execute("DELETE FROM \(table)")
      let (sql, arguments) = try detailQuery(table, db)
      try db.execute("INSERT INTO \(table) \(sql)", arguments)
    }
  }

  /// How the stored summaries differ from the detail rows' (at most `limit` lines per table,
  /// then a count): a missing or extra key, or a figure that differs beyond rounding.
  static func differences(_ db: any SQLSession, limit: Int = 10) throws -> [String] {
    var found: [String] = []
    for table in tables {
      let keyCount = table == "summary_evaluations" ? 5 : 6
      func split(_ row: SQLRow) -> (key: String, values: [SQLValue]) {
        (row.values.prefix(keyCount).map(\.display).joined(separator: " "), Array(row.values.dropFirst(keyCount)))
      }
      var expected: [String: [SQLValue]] = [:]
      let (sql, arguments) = try detailQuery(table, db)
      for row in try db.rows(sql, arguments) {
        let (key, values) = split(row)
        expected[key] = values
      }
      var problems: [String] = []
      var seen: Set<String> = []
      let keyOrder = table == "summary_evaluations" ? "1, 2, 3, 4, 5" : "1, 2, 3, 4, 5, 6"
      for row in try db.rows("SELECT * FROM \(table) ORDER BY \(keyOrder)") {
        let (key, values) = split(row)
        seen.insert(key)
        guard let wanted = expected[key] else {
          problems.append(
            "\(table) [\(key)]: no counted evaluation has this key, but the summary has \(values.map(\.display).joined(separator: ", "))")
          continue
        }
        let columns = Array(row.columns.dropFirst(keyCount))
        let differing = zip(columns, zip(values, wanted)).filter { !same($1.0, $1.1) }
        if !differing.isEmpty {
          problems.append(
            "\(table) [\(key)]: "
              + differing.map { "\($0) \($1.0.display) in the summary, \($1.1.display) from the evaluations" }.joined(separator: "; "))
        }
      }
      for key in expected.keys.sorted() where !seen.contains(key) {
        problems.append("\(table) [\(key)]: missing (the detail rows give \(expected[key]!.map(\.display).joined(separator: ", ")))")
      }
      found += problems.prefix(limit)
      if problems.count > limit { found.append("\(table): \(problems.count - limit) more differences") }
    }
    return found
  }

  /// Equal, or for numbers equal to rounding (relative 1e-9; an integer count equals the same
  /// count read as a real).
  static func same(_ a: SQLValue, _ b: SQLValue) -> Bool {
    if a == b { return true }
    guard let x = Double(sqlValue: a), let y = Double(sqlValue: b) else { return false }
    return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
  }
}

// MARK: - Reading

/// Where a report's figures came from: the summaries or the detail rows (a filter the
/// summaries cannot answer, or a database opened with ``QADatabase/readingDetailOnly()``).
public enum ReportSource: String, Sendable, Hashable {
  case summaries
  case detail
}

/// The manager reports, for ``QADatabase/reportSource(_:_:)``.
public enum ManagerReport: Sendable, Hashable {
  /// quality, agents, leaderboard, performance, coverage of a month: one row per agent.
  case perAgent
  case weakAreas
  case trend(TrendBucket)
}

extension ReportFilter {
  /// The filter as conditions on a summary table (alias `s`) at `grain`, or nil when that grain
  /// cannot answer it: `agent-month` needs whole months (a month, or from the first of a month
  /// to the last of one, or no dates), `centre-day` a filter that names no team and no agent.
  func summaryConditions(_ grain: ReportSummaries.Grain) throws -> (sql: String, arguments: [SQLValue])? {
    var (lower, upper) = startedAtBounds
    switch grain {
    case .agentMonth:
      if let day = lower, day.count != 7 {
        guard day.count == 10, day.hasSuffix("-01") else { return nil }
        lower = String(day.prefix(7))
      }
      if let bound = upper, bound.count != 7 {
        // "YYYY-MM-DD~": whole months when the day is the last of its month.
        let parts = bound.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard bound.count == 11, parts.count == 3, !Timestamp.isValidDate(year: parts[0], month: parts[1], day: parts[2] + 1)
        else { return nil }
        upper = String(bound.prefix(7)) + "~"
      }
    case .centreDay:
      guard !isNarrowed else { return nil }
    }
    var parts = ["s.grain = ?"]
    var arguments: [SQLValue] = [grain.rawValue.sqlValue]
    if let lower {
      parts.append("s.period >= ?")
      arguments.append(lower.sqlValue)
    }
    if let upper {
      parts.append("s.period < ?")
      arguments.append(upper.sqlValue)
    }
    if lower != nil || upper != nil { parts.append("s.period <> ''") }
    if let kind {
      parts.append("s.kind = ?")
      arguments.append(kind.rawValue.sqlValue)
    }
    try addPeopleAndScorecard(on: "s", to: &parts, &arguments)
    return (parts.joined(separator: " AND "), arguments)
  }
}

extension ReportPeriod {
  /// A month as a report filter with its text (nil for a week).
  var monthFilter: (filter: ReportFilter, period: String)? {
    guard case .month = self else { return nil }
    return (ReportFilter(period: description), description)
  }
}

extension QADatabase {
  /// The same database, with every report reading the detail rows (for comparisons: the
  /// benchmark and the tests).
  public func readingDetailOnly() -> QADatabase {
    var copy = self
    copy.readsSummaries = false
    return copy
  }

  /// The grain a report over `filter` reads, or nil for the detail rows.
  func summaryGrain(_ report: ManagerReport, _ filter: ReportFilter) -> ReportSummaries.Grain? {
    guard readsSummaries else { return nil }
    func answers(_ grain: ReportSummaries.Grain) -> Bool { (try? filter.summaryConditions(grain)) != nil }
    switch report {
    case .perAgent:
      return answers(.agentMonth) ? .agentMonth : nil
    case .weakAreas:
      if answers(.centreDay) { return .centreDay }
      return answers(.agentMonth) ? .agentMonth : nil
    case .trend(let bucket):
      if answers(.centreDay) { return .centreDay }
      return bucket == .month && answers(.agentMonth) ? .agentMonth : nil
    }
  }

  /// Whether a report over `filter` reads the summaries or the detail rows.
  public func reportSource(_ report: ManagerReport, _ filter: ReportFilter) -> ReportSource {
    summaryGrain(report, filter) == nil ? .detail : .summaries
  }

  /// Compares every summary with the detail rows (``ReportSummaries/differences(_:limit:)``).
  public func summaryDifferences() throws -> [String] {
    try readSQL { db in try ReportSummaries.differences(db) }
  }

  /// Rebuilds every summary from the detail rows in one transaction; returns the differences
  /// found before.
  @discardableResult
  public func rebuildSummaries(actor: Actor) throws -> [String] {
    try guardedSQL(actor, .restoreDatabase) { db in  // database maintenance: whoever may restore a backup
      let before = try ReportSummaries.differences(db)
      try ReportSummaries.rebuild(db)
      try QADatabase.audit(
        db, actor: actor.auditName, action: "rebuild-summaries", entity: "database", entityId: nil,
        after: try JSONText.object(["differences": String(before.count)]))
      return before
    }
  }
}
