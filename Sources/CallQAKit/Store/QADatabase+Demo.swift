import Foundation
import GRDB

/// What `callqa demo` builds.
public struct DemoOptions: Sendable {
  public var agents: Int
  public var months: Int
  public var seed: UInt64
  /// The last month with calls.
  public var lastMonth: EvaluationGenerator.Month
  /// Evaluations per write transaction.
  public var batchSize: Int
  /// Who builds it (an admin, or the local desk of a new database).
  public var actor: Actor

  public init(
    agents: Int = 32, months: Int = 3, seed: UInt64 = 42, lastMonth: EvaluationGenerator.Month,
    batchSize: Int = 5000, actor: Actor = .singleDesk(osUser: nil)
  ) {
    self.agents = agents
    self.months = months
    self.seed = seed
    self.lastMonth = lastMonth
    self.batchSize = batchSize
    self.actor = actor
  }
}

/// Counts of a built demo and one line per team, for the summary `callqa demo` prints.
public struct DemoSummary: Sendable, Encodable {
  public struct TeamLine: Sendable, Encodable {
    public var team: String
    public var supervisor: String
    public var scorecard: String
    public var agents: Int
    public var evaluations: Int
    public var meanFinal: Double
    public var passRate: Double
  }

  public var firstMonth: String
  public var lastMonth: String
  public var agents = 0
  public var inspectors = 0
  public var calls = 0
  public var evaluations = 0
  public var testCalls = 0
  public var criticalFailures = 0
  public var notApplicable = 0
  public var complaints = 0
  public var trainingCases = 0
  public var teams: [TeamLine] = []
  /// Inspector code, name and the mean final score they gave (strictness shows here).
  public var inspectorMeans: [(code: String, name: String, mean: Double)] = []
  /// The items that cost the most points overall: scorecard, item, mean points lost per evaluation.
  public var costliestItems: [(scorecard: String, item: String, meanLost: Double)] = []

  enum CodingKeys: String, CodingKey {
    case firstMonth, lastMonth, agents, inspectors, calls, evaluations, testCalls, criticalFailures, notApplicable
    case complaints, trainingCases, teams
  }
}

extension QADatabase {
  /// Builds a deterministic demo centre in this (empty) database: the shipped scorecards,
  /// teams with supervisors, agents, inspectors, calls with monitoring and test-call
  /// evaluations (checked and scored like imported records, stored through the one write path), complaints and a few
  /// training cases. Evaluations are written in batches of `batchSize` per transaction.
  public func buildDemo(_ options: DemoOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> DemoSummary {
    try authorize(options.actor, .buildDemo)
    let shipped = try ShippedScorecards.all()
    for scorecard in shipped { try importScorecard(scorecard, actor: options.actor) }
    let byKey = Dictionary(uniqueKeysWithValues: shipped.map { ($0.key, $0) })
    let centre = DemoCentre.make(agents: options.agents, seed: options.seed, scorecards: byKey)
    let months = EvaluationGenerator.Month.range(endingWith: options.lastMonth, count: options.months)
    try write { db in
      let now = Timestamp.nowUTC()
      // The demo centre is in China: calls scored without a start time get Beijing time.
      try db.execute(sql: "INSERT OR IGNORE INTO settings (key, value) VALUES ('time_zone', 'Asia/Shanghai')")
      for team in centre.teams {
        try db.execute(
          sql: "INSERT INTO teams (name, supervisor, created_at) VALUES (?, ?, ?)",
          arguments: [team.name, team.supervisor, now])
      }
      for agent in centre.agents {
        _ = try QADatabase.insertAgent(
          db, AgentInput(code: agent.code, name: agent.name, team: centre.teams[agent.team].name), actor: options.actor.auditName)
      }
      for inspector in centre.inspectors {
        _ = try QADatabase.insertInspector(db, code: inspector.code, name: inspector.name, actor: options.actor.auditName)
      }
    }
    var generator = EvaluationGenerator(centre: centre, scorecards: byKey, months: months, seed: options.seed)
    let total = generator.total
    let validator = ImportValidator(scorecards: try scorecards(), actor: options.actor)
    var written = 0
    var finished = false
    while !finished {
      try write { db in
        let context = SubmissionContext()
        for _ in 0..<options.batchSize {
          guard let record = generator.next() else {
            finished = true
            break
          }
          _ = try QADatabase.storeSubmission(db, try validator.prepare(record), via: .demo, context: context)
          written += 1
        }
        try context.finish(db)
      }
      progress?(written, total)
    }
    try write { db in
      try QADatabase.insertDemoComplaints(db, centre: centre, months: months, options: options, generator: generator)
      try QADatabase.insertDemoAgentMonths(db, centre: centre, months: months, seed: options.seed)
      try QADatabase.audit(
        db, actor: options.actor.auditName, action: "demo", entity: "database", entityId: nil,
        after: try JSONText.object([
          "agents": String(options.agents), "months": String(options.months), "seed": String(options.seed),
          "last_month": options.lastMonth.text, "evaluations": String(written),
        ]))
    }
    try tagDemoCases(scorecards: byKey, actor: options.actor)
    return try demoSummary(first: months.first?.text ?? "", last: options.lastMonth.text)
  }

  static let complaintNotes = ["客户投诉坐席态度冷淡", "客户反映问题未解决", "客户投诉等待时间过长", "客户称坐席中途挂机", "客户对解释不满意"]

  static func insertDemoComplaints(
    _ db: Database, centre: DemoCentre, months: [EvaluationGenerator.Month], options: DemoOptions,
    generator: EvaluationGenerator
  ) throws {
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO complaints (agent_id, date, call_id, valid, note, created_at)
        VALUES ((SELECT id FROM agents WHERE code = ?), ?, (SELECT id FROM calls WHERE external_id = ?), ?, ?, ?)
        """)
    let now = Timestamp.nowUTC()
    for (m, month) in months.enumerated() {
      for (a, agent) in centre.agents.enumerated() {
        var rng = SeededGenerator.derived(options.seed, 3, m, a)
        for _ in 0..<3 where rng.unit() < agent.complaintRate / 3 {
          let day = 1 + Int(rng.next() % 28)
          let call =
            rng.unit() < 0.6
            ? EvaluationGenerator.callId(
              month, agent: agent.code, slot: Int(rng.next() % UInt64(max(1, generator.slots(for: agent).monitoring))))
            : nil
          let note = complaintNotes[Int(rng.next() % UInt64(complaintNotes.count))]
          try insert.execute(arguments: [
            agent.code, String(format: "%@-%02d", month.text, day), call, rng.unit() < 0.85, note, now,
          ])
        }
      }
    }
  }

  /// Operational figures of every agent and month (calls handled against a target, complaint
  /// contacts, training score and absences, attendance), so the monthly performance sheet is complete.
  static func insertDemoAgentMonths(
    _ db: Database, centre: DemoCentre, months: [EvaluationGenerator.Month], seed: UInt64
  ) throws {
    let insert = try db.cachedStatement(
      sql: """
        INSERT INTO agent_months (agent_id, month, calls_handled, complaint_contacts, target, training_score,
          training_absences, attendance, updated_at)
        VALUES ((SELECT id FROM agents WHERE code = ?), ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let now = Timestamp.nowUTC()
    for (m, month) in months.enumerated() {
      for (a, agent) in centre.agents.enumerated() {
        var rng = SeededGenerator.derived(seed, 4, m, a)
        let skill = agent.skill.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value } / Double(max(1, agent.skill.count))
        let handled = 800 + Int(rng.next() % 500)
        let complaints = handled * (3 + Int(rng.next() % 6)) / 100
        let training = (min(100, 60 + 40 * skill + (rng.unit() - 0.5) * 10) * 10).rounded() / 10
        let absences = rng.unit() < 0.8 ? 0 : 1 + Int(rng.next() % 2)
        let attendance = (1000 - Double(rng.next() % 60)) / 10
        try insert.execute(arguments: [
          agent.code, month.text, handled, complaints, 1100, training, absences, attendance, now,
        ])
      }
    }
  }

  /// An exemplary case the demo tags: the best monitoring call on `scorecard` at or above its
  /// exemplary score with full marks on every one of `skills` (item keys of that scorecard).
  struct DemoExemplaryCase {
    var title: String
    var scorecard: String
    var skills: [String]
  }

  /// One exemplary case per shipped team scorecard, each titled after the skills it shows.
  static let demoExemplaryCases = [
    DemoExemplaryCase(title: "标准开头语与情绪安抚范例", scorecard: "inbound-service", skills: ["greeting", "acknowledge"]),
    DemoExemplaryCase(
      title: "先了解需求再准确推荐产品范例", scorecard: "outbound-sales", skills: ["needs-discovery", "product-accuracy"]),
    DemoExemplaryCase(
      title: "专业解释政策、给出解决方案范例", scorecard: "complaint-handling",
      skills: ["policy-accuracy", "solution-within-policy"]),
  ]

  /// Titles of cautionary cases by the critical item the call failed.
  static let demoCautionaryTitles = [
    "identity-verified": "关键项失误：未核实身份即透露账户信息",
    "data-confidential": "关键项失误：泄露客户信息",
    "no-abuse": "关键项失误：对客户使用不当用语",
    "no-false-promises": "关键项失误：向客户作虚假承诺",
    "do-not-call": "关键项失误：无视客户拒绝再次来电的要求",
    "never-ask-apology": "关键项失误：要求客户道歉",
  ]

  /// Tags the demo's training cases through ``tagCase`` (its validation and audit rows): the
  /// exemplary cases of ``demoExemplaryCases`` whose scorecard has a fitting call, and the latest
  /// evaluation-critical failure as a cautionary case, titled after and teaching the critical
  /// item(s) it failed. Every skill is an item of the case's own scorecard.
  func tagDemoCases(scorecards: [String: Scorecard], actor: Actor) throws {
    var picks: [(id: Int64, title: String, kind: CaseKind, skills: [String], level: CaseLevel, note: String)] = []
    try read { db in
      for spec in QADatabase.demoExemplaryCases {
        guard let scorecard = scorecards[spec.scorecard] else { continue }
        let marks = Array(repeating: "?", count: spec.skills.count).joined(separator: ", ")
        let arguments: StatementArguments =
          [spec.scorecard, scorecard.exemplaryScore - Evaluator.thresholdTolerance]
          + StatementArguments(spec.skills) + [spec.skills.count]
        guard
          let id = try Int64.fetchOne(
            db,
            sql: """
              SELECT e.id FROM evaluations e JOIN scorecards s ON s.id = e.scorecard_id
              WHERE e.status = 'submitted' AND e.kind = 'monitoring' AND s.key = ? AND e.final_score >= ?
                AND (SELECT COUNT(*) FROM item_scores i WHERE i.evaluation_id = e.id AND i.na = 0
                     AND i.earned >= i.points AND i.item IN (\(marks))) = ?
              ORDER BY e.final_score DESC, e.id LIMIT 1
              """, arguments: arguments)
        else { continue }
        picks.append((id, spec.title, .exemplary, spec.skills, .beginner, "新员工培训素材"))
      }
      guard
        let failed = try Int64.fetchOne(
          db,
          sql: """
            SELECT id FROM evaluations WHERE status = 'submitted' AND critical_failed = 1 ORDER BY id DESC LIMIT 1
            """)
      else { return }
      let items = try String.fetchAll(
        db,
        sql: """
          SELECT item FROM item_scores WHERE evaluation_id = ? AND critical_failed = 1 ORDER BY position
          """, arguments: [failed])
      guard let first = items.first else { return }
      let key = try String.fetchOne(
        db,
        sql: """
          SELECT s.key FROM evaluations e JOIN scorecards s ON s.id = e.scorecard_id WHERE e.id = ?
          """, arguments: [failed])
      let itemTitle = key.flatMap { scorecards[$0]?.item(first)?.title.resolve("zh") } ?? first
      let title = QADatabase.demoCautionaryTitles[first] ?? "关键项失误：\(itemTitle)未做到"
      picks.append((failed, title, .cautionary, items, .intermediate, "反面案例，用于合规培训"))
    }
    for pick in picks {
      try tagCase(
        evaluationId: pick.id, title: pick.title, kind: pick.kind, level: pick.level, skills: pick.skills,
        clip: nil, note: pick.note, force: false, actor: actor, authorizedBy: .buildDemo)
    }
  }

  func demoSummary(first: String, last: String) throws -> DemoSummary {
    try read { db in
      var summary = DemoSummary(firstMonth: first, lastMonth: last)
      func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
      summary.agents = try count("SELECT COUNT(*) FROM agents")
      summary.inspectors = try count("SELECT COUNT(*) FROM inspectors")
      summary.calls = try count("SELECT COUNT(*) FROM calls")
      summary.evaluations = try count("SELECT COUNT(*) FROM evaluations")
      summary.testCalls = try count("SELECT COUNT(*) FROM evaluations WHERE kind = 'test-call'")
      summary.criticalFailures = try count("SELECT COUNT(*) FROM evaluations WHERE critical_failed = 1")
      summary.notApplicable = try count("SELECT COUNT(*) FROM item_scores WHERE na = 1")
      summary.complaints = try count("SELECT COUNT(*) FROM complaints")
      summary.trainingCases = try count("SELECT COUNT(*) FROM training_cases")
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT t.name, t.supervisor, MIN(sc.key) AS scorecard, COUNT(DISTINCT a.id) AS agents,
                 COUNT(e.id) AS evaluations, AVG(e.final_score) AS mean, AVG(e.passed) AS pass_rate
          FROM teams t JOIN agents a ON a.team = t.name
          LEFT JOIN evaluations e ON e.agent_id = a.id AND e.status = 'submitted'
          LEFT JOIN scorecards sc ON sc.id = e.scorecard_id
          GROUP BY t.name ORDER BY t.rowid
          """)
      summary.teams = rows.map {
        DemoSummary.TeamLine(
          team: $0["name"], supervisor: $0["supervisor"], scorecard: $0["scorecard"] ?? "", agents: $0["agents"],
          evaluations: $0["evaluations"], meanFinal: $0["mean"] ?? 0, passRate: ($0["pass_rate"] ?? 0) * 100)
      }
      summary.inspectorMeans = try Row.fetchAll(
        db,
        sql: """
          SELECT i.code, i.name, AVG(e.final_score) AS mean FROM inspectors i
          JOIN evaluations e ON e.inspector_id = i.id GROUP BY i.id ORDER BY i.code
          """
      ).map { ($0["code"], $0["name"], $0["mean"]) }
      summary.costliestItems = try Row.fetchAll(
        db,
        sql: """
          SELECT sc.key, s.item, SUM(s.impact) / COUNT(*) AS lost FROM item_scores s
          JOIN evaluations e ON e.id = s.evaluation_id JOIN scorecards sc ON sc.id = e.scorecard_id
          GROUP BY sc.key, s.item ORDER BY lost DESC LIMIT 3
          """
      ).map { ($0["key"], $0["item"], $0["lost"]) }
      return summary
    }
  }
}
