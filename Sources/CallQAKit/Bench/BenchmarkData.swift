import Foundation
import GRDB

/// A fast, deterministic generator of a big centre for benchmarks: agents in teams, calls,
/// evaluations scored by the real ``Evaluator`` (with their section and item rows), and
/// complaints. Results come from a pool of scored answer sets per scorecard, picked according
/// to each agent's skill, and are bulk-inserted with prepared statements, one transaction per batch.
public struct BenchmarkData: Sendable {
  public var agents: Int
  public var months: Int
  /// Total evaluations to create (spread evenly over agents and months).
  public var evaluations: Int
  /// First month, `YYYY-MM`.
  public var firstMonth: String
  public var seed: UInt64

  public init(agents: Int = 500, months: Int = 12, evaluations: Int = 1_000_000, firstMonth: String = "2025-12", seed: UInt64 = 42) {
    self.agents = agents
    self.months = months
    self.evaluations = evaluations
    self.firstMonth = firstMonth
    self.seed = seed
  }

  /// Deterministic SplitMix64.
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
  }

  /// Random answers for one evaluation: most items answered well, some N/A where allowed.
  static func answers(_ scorecard: Scorecard, quality: Double, random: inout Random) -> [String: Answer] {
    var answers: [String: Answer] = [:]
    for (_, item) in scorecard.allItems {
      if item.na, random.unit() < 0.12 {
        answers[item.key] = .notApplicable
        continue
      }
      let good = random.unit() < quality
      switch item.type {
      case .yesno:
        let critical = item.critical != .none
        answers[item.key] = good || (critical && random.unit() < 0.9) ? .yes : .no
      case .scale:
        let levels = item.levels.map(\.score).sorted(by: >)
        answers[item.key] = .level(good ? levels[0] : levels[min(levels.count - 1, 1 + random.below(levels.count - 1))])
      case .deduction:
        answers[item.key] = .count(good ? 0 : 1 + random.below(2))
      }
    }
    return answers
  }

  /// Fills `database` (already migrated) and returns the number of evaluations written.
  ///
  /// - Parameter progress: called after each batch with the evaluations written so far.
  @discardableResult
  public func generate(into database: QADatabase, progress: (Int) -> Void = { _ in }) throws -> Int {
    guard ReportPeriod.monthBounds(firstMonth) != nil, let startYear = Int(firstMonth.prefix(4)),
      let startMonth = Int(firstMonth.suffix(2))
    else { throw CallQAError("first month must be YYYY-MM, not '\(firstMonth)'") }
    for scorecard in try ShippedScorecards.all() { try database.importScorecard(scorecard, actor: "bench") }
    var random = Random(state: seed)
    let stored = try database.scorecards()
    // A pool of scored results per scorecard, sorted by raw score (worst first); critical
    // failures (final 0) stay spread over the pool, so skilled agents have a few too.
    var pools: [(id: Int64, results: [EvaluationResult])] = []
    for scorecard in stored {
      var results: [EvaluationResult] = []
      for i in 0..<400 {
        let quality = 0.55 + 0.45 * Double(i) / 400
        results.append(try Evaluator.evaluate(scorecard.scorecard, answers: BenchmarkData.answers(scorecard.scorecard, quality: quality, random: &random)))
      }
      pools.append((scorecard.id, results.sorted { $0.rawScore < $1.rawScore }))
    }
    let skills = (0..<agents).map { _ in random.unit() }
    try database.write { db in
      let now = Timestamp.nowUTC()
      for i in 0..<agents {
        try db.execute(
          sql: "INSERT INTO agents (code, name, team, active, created_at) VALUES (?, ?, ?, 1, ?)",
          arguments: [String(format: "B%05d", i), "坐席\(i)", "Team \(i / 12 + 1)", now])
      }
      for i in 0..<20 {
        try db.execute(sql: "INSERT INTO inspectors (code, name, created_at) VALUES (?, ?, ?)", arguments: ["BQA\(i)", "质检\(i)", now])
      }
    }
    let (agentBase, inspectorBase) = try database.read { db in
      (try Int64.fetchOne(db, sql: "SELECT min(id) FROM agents WHERE code LIKE 'B%'") ?? 1,
       try Int64.fetchOne(db, sql: "SELECT min(id) FROM inspectors WHERE code LIKE 'BQA%'") ?? 1)
    }
    let perMonth = max(1, evaluations / max(months, 1))
    var written = 0
    for month in 0..<months {
      let y = startYear + (startMonth - 1 + month) / 12, m = (startMonth - 1 + month) % 12 + 1
      let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
      var remaining = month == months - 1 ? evaluations - written : perMonth
      while remaining > 0 {
        let batch = min(remaining, 20_000)
        try database.write { db in
          let call = try db.makeStatement(sql: "INSERT INTO calls (id, external_id, agent_id, started_at, duration, direction) VALUES (?, ?, ?, ?, ?, 'inbound')")
          let evaluation = try db.makeStatement(sql: """
            INSERT INTO evaluations (id, call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score,
              final_score, critical_failed, passed, band, created_at, submitted_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
          let section = try db.makeStatement(sql: """
            INSERT INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
          let item = try db.makeStatement(sql: """
            INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points, na, impact, critical_failed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
          let baseId = try Int64.fetchOne(db, sql: "SELECT max(max(coalesce((SELECT max(id) FROM calls), 0), coalesce((SELECT max(id) FROM evaluations), 0)))") ?? 0
          for n in 0..<batch {
            let id = baseId + Int64(n) + 1
            let agent = random.below(agents)
            let started = String(
              format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, 1 + random.below(days), 8 + random.below(12),
              random.below(60), random.below(60))
            try call.execute(arguments: [id, "BC\(id)", agentBase + Int64(agent), started, Double(60 + random.below(900))])
            // Each team works on one scorecard.
            let pool = pools[(agent / 12) % pools.count]
            let spread = (skills[agent] * 0.7 + random.unit() * 0.3) * Double(pool.results.count - 1)
            let result = pool.results[Int(spread)]
            let roll = random.unit()
            let kind = roll < 0.85 ? "monitoring" : roll < 0.97 ? "test-call" : "calibration"
            let statusRoll = random.unit()
            let status = statusRoll < 0.96 ? "submitted" : statusRoll < 0.98 ? "disputed" : "revised"
            try evaluation.execute(arguments: [
              id, id, agentBase + Int64(agent), pool.id, inspectorBase + Int64(random.below(20)), kind, status,
              result.rawScore, result.finalScore, result.criticalFailed, result.passed, result.band, started,
              started, started,
            ])
            for (position, s) in result.sections.enumerated() {
              try section.execute(arguments: [id, s.key, position, s.rawScore, s.score, s.weight, s.applicable, s.criticalFailed])
            }
            for (position, i) in result.items.enumerated() {
              try item.execute(arguments: [
                id, i.key, i.section, position, i.answer.text, i.earned, i.points, i.isNotApplicable, i.impact, i.criticalFailed,
              ])
            }
          }
          for agent in 0..<agents where remaining == batch && random.unit() < 0.3 {
            try db.execute(
              sql: "INSERT INTO complaints (agent_id, date, valid, created_at) VALUES (?, ?, ?, ?)",
              arguments: [agentBase + Int64(agent), String(format: "%04d-%02d-%02d", y, m, 1 + random.below(days)), random.unit() < 0.85, "bench"])
          }
        }
        remaining -= batch
        written += batch
        progress(written)
      }
    }
    // Give the query planner statistics, as `PRAGMA optimize` would on a database in use.
    try database.write { db in try db.execute(sql: "ANALYZE") }
    return written
  }
}
