import CallQAKit

/// Terminal rendering of margin needs (`sample --margin`, `coverage --margin`).
enum MarginView {
  /// `±4.9` or `—`.
  static func halfWidth(_ need: MarginNeed) -> String { need.halfWidth.map { "±" + ScoreFormat.score($0) } ?? "—" }

  /// `7.9 (agent)` or `—`.
  static func spread(_ need: MarginNeed) -> String {
    guard let spread = need.spread else { return "—" }
    return ScoreFormat.score(spread) + " (\(need.spreadFrom ?? ""))"
  }

  static func render(_ plan: SampleMarginPlan) -> String {
    let target = "±" + ScoreFormat.plain(plan.target.margin)
    var table = TextTable([
      .init("agent"), .init("team"), .init("evals \(plan.month)", .right), .init("spread (from)", .right), .init("now", .right),
      .init("needed for \(target)", .right), .init("still needed", .right), .init("this week", .right),
    ])
    for agent in plan.agents {
      let need = agent.need
      table.add([
        need.agent, need.team ?? "", String(need.evaluations), spread(need), halfWidth(need), need.required.map(String.init) ?? "—",
        need.stillNeeded.map(String.init) ?? "—", String(agent.thisWeek),
      ])
    }
    return [
      "margin \(target) at \(plan.target.confidence) on each agent's \(plan.month) mean (\(plan.weeksLeft) week(s) of the month left, this one included)",
      table.render(),
      "spread: the agent's own with at least \(plan.target.minimumOwn) evaluations, else the team's (pooled), else the centre's; this week = max(quota, ⌈still needed / weeks left⌉ beyond this week's done)",
    ].joined(separator: "\n")
  }
}
