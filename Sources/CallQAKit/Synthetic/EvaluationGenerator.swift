import Foundation

/// Generates realistic evaluation records for a ``DemoCentre``: every agent gets monitoring
/// and test-call evaluations each month, with answers drawn from the agent's skills and the
/// inspector's strictness, N/A where a scorecard allows it, rare critical failures and
/// Chinese notes on lost points. Deterministic for a seed; records stream, nothing is kept.
public struct EvaluationGenerator: Sequence, IteratorProtocol {
  /// A calendar month.
  public struct Month: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) {
      self.year = year
      self.month = month
    }

    /// `YYYY-MM`.
    public var text: String { String(format: "%04d-%02d", year, month) }

    /// `count` consecutive months ending with `last`, oldest first.
    public static func range(endingWith last: Month, count: Int) -> [Month] {
      (0..<count).reversed().map { back in
        let index = last.year * 12 + (last.month - 1) - back
        return Month(year: index / 12, month: index % 12 + 1)
      }
    }
  }

  let centre: DemoCentre
  let scorecards: [String: Scorecard]
  let months: [Month]
  let seed: UInt64
  /// Monitoring and test-call evaluations per agent and month (agents marked
  /// ``DemoCentre/Agent/underCovered`` get fewer, so coverage reports show gaps).
  let monitoringPerMonth: Int
  let testCallsPerMonth: Int
  let limit: Int?
  private var month = 0, agent = 0, slot = 0, produced = 0

  public init(
    centre: DemoCentre, scorecards: [String: Scorecard], months: [Month], seed: UInt64,
    monitoringPerMonth: Int = 10, testCallsPerMonth: Int = 10, limit: Int? = nil
  ) {
    self.centre = centre
    self.scorecards = scorecards
    self.months = months
    self.seed = seed
    self.monitoringPerMonth = monitoringPerMonth
    self.testCallsPerMonth = testCallsPerMonth
    self.limit = limit
  }

  /// Evaluations per agent and month for an agent who meets the quota.
  public var perAgentMonth: Int { monitoringPerMonth + testCallsPerMonth }

  /// (monitoring, test calls) per month for `agent`.
  public func slots(for agent: DemoCentre.Agent) -> (monitoring: Int, testCalls: Int) {
    guard agent.underCovered else { return (monitoringPerMonth, testCallsPerMonth) }
    return ((monitoringPerMonth * 7 + 9) / 10, testCallsPerMonth / 2)
  }

  /// Evaluations the generator yields in all (before `limit`).
  public var total: Int {
    centre.agents.reduce(0) { sum, agent in
      let (m, t) = slots(for: agent)
      return sum + (m + t) * months.count
    }
  }

  /// The call id of an agent's `slot`-th evaluated call in a month (complaints refer to it).
  public static func callId(_ month: Month, agent: String, slot: Int) -> String {
    String(format: "C%04d%02d-%@-%d", month.year, month.month, agent, slot + 1)
  }

  static let notePhrases = ["未达标准", "需加强练习", "客户明显不满", "录音中段出现", "已与坐席面谈反馈"]
  static let goodComments = ["整体表现优秀，可作为范例", "服务热情，流程规范", "表达清晰，客户满意"]
  static let weakComments = ["情绪安抚不足，需辅导", "业务知识欠缺，建议复训", "流程不规范，已反馈组长"]

  public mutating func next() -> EvaluationImportRecord? {
    if let limit, produced >= limit { return nil }
    guard !centre.agents.isEmpty, month < months.count else { return nil }
    let current = centre.agents[agent]
    let (monitoring, testCalls) = slots(for: current)
    let record = make(months[month], current, slot: slot, monitoring: monitoring, count: monitoring + testCalls)
    produced += 1
    slot += 1
    if slot >= monitoring + testCalls {
      slot = 0
      agent += 1
      if agent == centre.agents.count {
        agent = 0
        month += 1
      }
    }
    return record
  }

  private func make(
    _ month: Month, _ agent: DemoCentre.Agent, slot: Int, monitoring: Int, count: Int
  ) -> EvaluationImportRecord? {
    var rng = SeededGenerator.derived(seed, 2, month.year * 12 + month.month, Int(agent.code.dropFirst()) ?? 0, slot)
    let team = centre.teams[agent.team]
    guard let scorecard = scorecards[team.scorecard] else { return nil }
    let inspector = centre.inspectors[Int(rng.next() % UInt64(centre.inspectors.count))]
    let isTestCall = slot >= monitoring
    var answers: [(key: String, value: RawAnswer)] = []
    var notes: [(key: String, value: String)] = []
    var lost = 0
    for (section, item) in scorecard.allItems {
      var p = (agent.skill[section.key] ?? 0.9) - inspector.strictness
      if agent.weakItems.contains(item.key) { p -= 0.35 }
      let u = rng.unit()
      if item.na && rng.unit() < 0.12 {
        answers.append((item.key, .text("na")))
        continue
      }
      let answer: RawAnswer
      switch item.type {
      case .yesno:
        let failed = item.critical == .none ? u >= p : u < (1 - p) * 0.05
        answer = .text(failed ? "no" : "yes")
        if failed { lost += 1 }
      case .scale:
        let levels = item.levels.map(\.score).sorted(by: >)
        let index = u < p ? 0 : (u < p + (1 - p) * 0.7 ? Swift.min(1, levels.count - 1) : levels.count - 1)
        answer = .number(levels[index])
        if index > 0 { lost += 1 }
      case .deduction:
        let count = u < p ? 0 : (rng.unit() < 0.7 ? 1 : 2)
        answer = .number(Double(count))
        if count > 0 { lost += 1 }
      }
      answers.append((item.key, answer))
      let missed: Bool = {
        switch answer {
        case .text(let text): return text == "no"
        case .number(let value): return item.type == .deduction ? value > 0 : value < item.points
        case .bool(let value): return !value
        }
      }()
      if missed && rng.unit() < 0.6 {
        let phrase = EvaluationGenerator.notePhrases[Int(rng.next() % UInt64(EvaluationGenerator.notePhrases.count))]
        notes.append((item.key, "\(item.title.resolve("zh"))：\(phrase)"))
      }
    }
    var comment: String?
    if rng.unit() < 0.3 {
      let pool = lost <= 1 ? EvaluationGenerator.goodComments : EvaluationGenerator.weakComments
      comment = pool[Int(rng.next() % UInt64(pool.count))]
    }
    // Spread over the month so every week has some: slot i of n falls in the i-th n-th of it.
    let index = isTestCall ? slot - monitoring : slot
    let share = isTestCall ? count - monitoring : monitoring
    let day = Swift.min(27, 1 + index * 27 / Swift.max(1, share) + Int(rng.next() % UInt64(Swift.max(1, 27 / Swift.max(1, share)))))
    let started = String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00", month.year, month.month, day, 8 + Int(rng.next() % 12),
      Int(rng.next() % 60), Int(rng.next() % 60))
    let submitted = String(format: "%04d-%02d-%02dT%02d:%02d:00+08:00", month.year, month.month, day + 1, 9 + Int(rng.next() % 8), Int(rng.next() % 60))
    let callId = EvaluationGenerator.callId(month, agent: agent.code, slot: slot)
    return EvaluationImportRecord(
      externalId: "EV-" + callId.dropFirst(), scorecard: scorecard.reference,
      kind: isTestCall ? EvaluationKind.testCall.rawValue : EvaluationKind.monitoring.rawValue, agent: agent.code,
      inspector: inspector.code,
      call: CallInput(
        externalId: callId, startedAt: started, duration: Double(60 + Int(rng.next() % 840)),
        direction: isTestCall ? "inbound" : team.direction),
      answers: answers, notes: notes, comment: comment, submittedAt: submitted)
  }
}
