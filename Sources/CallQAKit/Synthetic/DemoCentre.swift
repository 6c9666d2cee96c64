import Foundation

/// The people of a generated demo centre: teams with supervisors, agents with their own
/// strengths and weaknesses, and inspectors who are slightly stricter or milder.
public struct DemoCentre: Sendable {
  public struct Team: Sendable {
    public var name: String
    public var supervisor: String
    /// The scorecard this team's calls are scored on.
    public var scorecard: String
    public var direction: String
  }

  public struct Agent: Sendable {
    public var code: String
    public var name: String
    public var team: Int
    /// Probability of meeting the standard, per section key.
    public var skill: [String: Double]
    /// Items this agent often gets wrong.
    public var weakItems: Set<String>
    /// Expected complaints per month.
    public var complaintRate: Double
    /// Scored less often than the weekly quota asks (a coverage gap for reports to find).
    public var underCovered: Bool
  }

  public struct Inspector: Sendable {
    public var code: String
    public var name: String
    /// Subtracted from the agent's chance of meeting each standard (negative: milder).
    public var strictness: Double
  }

  public var teams: [Team]
  public var agents: [Agent]
  public var inspectors: [Inspector]

  static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
  static let given = [
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀兰", "霞", "平", "刚", "桂英", "晓东", "思远", "雨婷", "佳怡", "子轩", "欣怡", "浩然",
  ]

  /// Team kinds, cycled: two inbound service teams, then outbound sales, then complaints.
  static let teamKinds: [(label: String, scorecard: String, direction: String)] = [
    ("呼入", "inbound-service", "inbound"), ("呼入", "inbound-service", "inbound"),
    ("外呼", "outbound-sales", "outbound"), ("投诉", "complaint-handling", "inbound"),
  ]

  /// A centre of `count` agents (about eight per team), deterministic for `seed`. Teams use
  /// the scorecards of `scorecards` (by key); `only` gives every team that one scorecard;
  /// `coverageGaps` marks about one agent in eight as scored below the quota.
  public static func make(
    agents count: Int, seed: UInt64, scorecards: [String: Scorecard], only: String? = nil, coverageGaps: Bool = true
  ) -> DemoCentre {
    var rng = SeededGenerator.derived(seed, 1)
    func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
    func name() -> String { String(pick(surnames)) + pick(given) }
    let teamCount = max(1, (count + 7) / 8)
    var perKind: [String: Int] = [:]
    var teams: [Team] = []
    for index in 0..<teamCount {
      var kind = teamKinds[index % teamKinds.count]
      if let only { kind = ("呼入", only, "inbound") }
      if scorecards[kind.scorecard] == nil { kind = teamKinds[0] }
      perKind[kind.label, default: 0] += 1
      teams.append(
        Team(
          name: "\(kind.label)\(perKind[kind.label] ?? 1)组", supervisor: name(), scorecard: kind.scorecard,
          direction: kind.direction))
    }
    var agents: [Agent] = []
    for index in 0..<count {
      let team = index % teamCount
      let base = 0.80 + 0.17 * rng.unit()
      var skill: [String: Double] = [:]
      var weak: Set<String> = []
      if let scorecard = scorecards[teams[team].scorecard] {
        for section in scorecard.sections {
          skill[section.key] = min(0.99, max(0.5, base + (rng.unit() - 0.5) * 0.2))
        }
        let items = scorecard.allItems.map(\.item).filter { $0.critical == .none }
        for _ in 0..<Int(rng.next() % 3) where !items.isEmpty { weak.insert(pick(items).key) }
      }
      agents.append(
        Agent(
          code: String(format: "A%04d", index + 1), name: name(), team: team, skill: skill, weakItems: weak,
          complaintRate: 0.05 + (0.97 - base) * 4 * rng.unit(), underCovered: coverageGaps && rng.unit() < 0.12))
    }
    let inspectorCount = min(max(4, count / 25), 400)
    var inspectors: [Inspector] = []
    for index in 0..<inspectorCount {
      inspectors.append(
        Inspector(
          code: String(format: "QA%02d", index + 1), name: name(), strictness: (rng.unit() - 0.5) * 0.08))
    }
    return DemoCentre(teams: teams, agents: agents, inspectors: inspectors)
  }
}
