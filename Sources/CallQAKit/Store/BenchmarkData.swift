import Foundation
import GRDB

/// A fast, deterministic generator of a big centre for benchmarks: agents in teams, calls,
/// evaluations with their section and item rows and audit rows, disputes (open, and resolved
/// by a revision) and complaints. Answers come from a pool of answer sets per scorecard, checked
/// and scored once (``ScoredSubmission``) and picked according to each agent's skill; every
/// evaluation, revision and dispute is written through the same code as `score`, `evaluation
/// import` and `dispute` (``QADatabase/storeSubmission(_:_:via:context:)``, cached statements),
/// one transaction per batch, so `doctor` finds the database clean.
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

  /// The actor of everything the generator writes.
  /// The benchmark generator acts as the local desk of the new database it fills.
  static let actor = Actor.singleDesk(osUser: "bench")

  /// Why agents dispute a generated evaluation.
  static let disputeReasons = [
    "已按标准问候，录音开头被截断", "客户并未不满，共情项应得分", "转接符合流程", "等待是系统故障所致", "业务解释无误，要求复听",
  ]

  /// `00` … `99`, for timestamps written a million times.
  static let twoDigits = (0..<100).map { $0 < 10 ? "0\($0)" : "\($0)" }

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
    else { throw CallQAError(.errFirstMonthMust, firstMonth) }
    for scorecard in try ShippedScorecards.all() { try database.importScorecard(scorecard, actor: BenchmarkData.actor) }
    var random = Random(state: seed)
    let stored = try database.scorecards()
    // A pool of scored answer sets per scorecard, sorted by raw score (worst first); critical
    // failures (final 0) stay spread over the pool, so skilled agents have a few too.
    var pools: [[ScoredSubmission]] = []
    for scorecard in stored {
      var pool: [ScoredSubmission] = []
      for i in 0..<400 {
        let quality = 0.55 + 0.45 * Double(i) / 400
        let sheet = AnswerSheet(answers: BenchmarkData.answers(scorecard.scorecard, quality: quality, random: &random))
        pool.append(
          try ScoredSubmission(
            EvaluationSubmission(
              scorecard: scorecard, agentCode: "", inspectorCode: "", call: CallInput(externalId: ""), kind: .monitoring,
              sheet: sheet, actor: BenchmarkData.actor)))
      }
      pools.append(pool.sorted { $0.result.rawScore < $1.result.rawScore })
    }
    let skills = (0..<agents).map { _ in random.unit() }
    let agentCodes = (0..<agents).map { String(format: "B%05d", $0) }
    let inspectorCodes = (0..<20).map { "BQA\($0)" }
    try database.write { db in
      let now = Timestamp.nowUTC()
      for (i, code) in agentCodes.enumerated() {
        try db.execute(
          sql: "INSERT INTO agents (code, name, team, active, created_at) VALUES (?, ?, ?, 1, ?)",
          arguments: [code, "坐席\(i)", "Team \(i / 12 + 1)", now])
      }
      for (i, code) in inspectorCodes.enumerated() {
        try db.execute(sql: "INSERT INTO inspectors (code, name, created_at) VALUES (?, ?, ?)", arguments: [code, "质检\(i)", now])
      }
    }
    let agentBase = try database.read { db in
      try Int64.fetchOne(db, sql: "SELECT min(id) FROM agents WHERE code LIKE 'B%'") ?? 1
    }
    let perMonth = max(1, evaluations / max(months, 1))
    var written = 0
    var calls = 0
    for month in 0..<months {
      let y = startYear + (startMonth - 1 + month) / 12, m = (startMonth - 1 + month) % 12 + 1
      let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
      let monthText = String(format: "%04d-%02d", y, m)
      var remaining = month == months - 1 ? evaluations - written : perMonth
      while remaining > 0 {
        let batch = min(remaining, 20_000)
        try database.write { db in
          let context = SubmissionContext()
          var rows = 0
          while rows < batch {
            let agent = random.below(agents)
            let day = 1 + random.below(days), hour = 8 + random.below(12), minute = random.below(60), second = random.below(60)
            calls += 1
            // The call at UTC+8, scored when it starts (its UTC time: the same day, 8 hours earlier).
            let date = "\(monthText)-\(BenchmarkData.twoDigits[day])T", time = ":\(BenchmarkData.twoDigits[minute]):\(BenchmarkData.twoDigits[second])"
            let call = CallInput(
              externalId: "BC\(calls)", startedAt: date + BenchmarkData.twoDigits[hour] + time + "+08:00",
              duration: Double(60 + random.below(900)), direction: "inbound")
            let submittedAt = date + BenchmarkData.twoDigits[hour - 8] + time + "Z"
            // Each team works on one scorecard.
            let pool = pools[(agent / 12) % pools.count]
            let rank = Int((skills[agent] * 0.7 + random.unit() * 0.3) * Double(pool.count - 1))
            let roll = random.unit()
            let kind: EvaluationKind = roll < 0.85 ? .monitoring : roll < 0.97 ? .testCall : .calibration
            let statusRoll = random.unit()
            let inspector = inspectorCodes[random.below(inspectorCodes.count)]
            let scored = pool[rank].about(
              agent: agentCodes[agent], inspector: inspector, call: call, kind: kind, submittedAt: submittedAt)
            let id = try QADatabase.storeSubmission(db, scored, via: .bench, context: context)
            rows += 1
            // About one in 25 is disputed by its agent (calibration scorings cannot be); half of
            // those are still open, the other half re-scored by the team lead with better answers.
            guard kind != .calibration, statusRoll >= 0.96 else { continue }
            let dispute = try QADatabase.openDispute(
              db, evaluation: id, by: agentCodes[agent],
              reason: BenchmarkData.disputeReasons[random.below(BenchmarkData.disputeReasons.count)], actor: agentCodes[agent])
            guard statusRoll >= 0.98, rows < batch else { continue }
            let lead = String(format: "BL%03d", agent / 12 + 1)
            let better = pool[min(pool.count - 1, rank + 20 + random.below(60))]
            _ = try QADatabase.reviseDispute(
              db, id: dispute, sheet: better.submission.sheet, reviewer: lead, note: "复听确认，改判", actor: BenchmarkData.actor,
              context: context)
            rows += 1
          }
          for agent in 0..<agents where remaining == batch && random.unit() < 0.3 {
            try db.execute(
              sql: "INSERT INTO complaints (agent_id, date, valid, created_at) VALUES (?, ?, ?, ?)",
              arguments: [agentBase + Int64(agent), String(format: "%04d-%02d-%02d", y, m, 1 + random.below(days)), random.unit() < 0.85, "bench"])
          }
          try context.finish(db)
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
