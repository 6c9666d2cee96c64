import Foundation

extension QADatabase {
  /// The team and agent a list or report is narrowed to, as `actor` may read it
  /// (``Policy/readScope(_:)``): managers, inspectors and admins as asked; a supervisor within
  /// their teams (their only team when none is named); an agent their own evaluations; a
  /// trainer and a deactivated user nothing of this kind. `what` names the read in a refusal.
  public func readable(team: String?, agent: String?, for actor: Actor, what: MessageArgument) throws -> (team: String?, agent: String?) {
    switch Policy.readScope(actor) {
    case .everything:
      return (team, agent)
    case .teams(let teams):
      if let agent {
        let agentTeam = try readSQL { db in try db.value(String.self, "SELECT team FROM agents WHERE code = ?", agent) }
        guard let agentTeam, teams.contains(agentTeam) else {
          throw Policy.refusal(actor, .errMayReadAgent, what, agent)
        }
        return (team, agent)
      }
      if let team {
        guard teams.contains(team) else { throw Policy.refusal(actor, .errMayReadTeam, what, team) }
        return (team, nil)
      }
      guard teams.count == 1 else {
        throw Policy.refusal(actor, .errLeadsSeveralTeams, MessageArgument.list(teams), what)
      }
      return (teams[0], nil)
    case .agent(let own):
      if let agent, agent != own { throw Policy.refusal(actor, .errMayReadAgent2, what, agent) }
      if team != nil { throw Policy.refusal(actor, .errMayReadOnly, what) }
      return (nil, own)
    case .cases, .nothing:
      throw Policy.refusal(actor, .errMayRead, what)
    }
  }

  /// ``readable(team:agent:for:what:)`` applied to an evaluation list; an agent's list also
  /// holds only what has been released to them.
  public func readable(_ filter: EvaluationFilter, for actor: Actor) throws -> EvaluationFilter {
    var scoped = filter
    (scoped.team, scoped.agent) = try readable(team: filter.team, agent: filter.agent, for: actor, what: .phrase(.whatEvaluations))
    if case .agent = Policy.readScope(actor) { scoped.releasedBy = Timestamp.nowUTC() }
    return scoped
  }

  /// ``readable(team:agent:for:what:)`` applied to a report filter.
  public func readable(_ filter: ReportFilter, for actor: Actor, what: MessageArgument) throws -> ReportFilter {
    var scoped = filter
    (scoped.team, scoped.agent) = try readable(team: filter.team, agent: filter.agent, for: actor, what: what)
    return scoped
  }

  /// Refuses a read of evaluation `id` that `actor` may not see: a supervisor reads their
  /// teams', an agent their own once released to them, a trainer those behind a training case.
  public func requireReadable(evaluation id: Int64, by actor: Actor) throws {
    let scope = Policy.readScope(actor)
    if scope == .everything { return }
    let allowed: Bool = try readSQL { db in
      let parties = try QADatabase.parties(db, evaluation: id)
      switch scope {
      case .everything: return true
      case .teams(let teams): return parties.team.map(teams.contains) == true
      case .agent(let own):
        guard parties.agent == own, let released = try QADatabase.releaseTime(db, evaluation: id) else { return false }
        return (Timestamp.parse(released)?.0).map { $0 <= Date() } ?? true
      case .cases:
        return try db.value(Int.self, "SELECT 1 FROM training_cases WHERE evaluation_id = ?", id) == 1
      case .nothing: return false
      }
    }
    guard allowed else { throw Policy.refusal(actor, .errMayReadEvaluation, id) }
  }
}

extension QADatabase {
  /// The team a team-level report (quality index, leaderboard, performance sheet, coverage,
  /// coaching) is narrowed to for `actor`: as asked for managers, inspectors and admins; one of
  /// a supervisor's teams; refused to agents (who read their own evaluations) and trainers.
  public func readableTeam(_ team: String?, for actor: Actor, what: MessageArgument) throws -> String? {
    if case .agent = Policy.readScope(actor) { throw Policy.refusal(actor, .errMayReadAgents, what) }
    return try readable(team: team, agent: nil, for: actor, what: what).team
  }

  /// Refuses `what` (the audit trail, centre-wide lists) to anyone who may not read everything.
  public func requireReadsEverything(_ actor: Actor, what: MessageArgument) throws {
    guard Policy.readScope(actor) == .everything else { throw Policy.refusal(actor, .errMayRead, what) }
  }
}
