/// Who may do what: the one place the CLI and the team server ask.
///
/// ``table`` is the role × action table (the README prints the same table, and a test holds
/// them equal); the subject rules below it are the checks a role alone cannot answer (whose
/// draft, whose evaluation, which team). Single-desk mode (``Actor/singleDesk(osUser:)``)
/// passes every check: the desk is trusted as a whole.
public enum Policy {
  /// The roles allowed each action.
  public static let table: [Action: Set<Role>] = [
    .manageUsers: [.admin],
    .changeSettings: [.admin],
    .importScorecard: [.admin, .manager],
    .managePeople: [.admin, .manager],
    .importCallData: [.admin, .manager, .supervisor],
    .scoreCall: [.inspector],
    .secondOpinion: [.inspector],
    .importEvaluations: [.admin, .inspector],
    .discardDraft: [.admin, .inspector],
    .reassignDraft: [.admin],
    .assignCalls: [.manager, .supervisor],
    .releaseEvaluation: [.manager, .supervisor],
    .acknowledgeEvaluation: [.agent],
    .openDispute: [.supervisor, .agent],
    .resolveDispute: [.manager, .supervisor, .inspector],
    .createCalibration: [.manager, .supervisor],
    .scoreCalibration: [.inspector],
    .tagCase: [.manager, .trainer, .inspector],
    .untagCase: [.manager, .trainer],
    .exportCases: [.manager, .trainer],
    .generateCoaching: [.manager, .supervisor],
    .completeCoaching: [.manager, .supervisor, .trainer],
    .buildDemo: [.admin],
    .restoreDatabase: [.admin],
  ]

  /// True when `actor`'s role may take `action` at all (before the subject rules).
  public static func allows(_ actor: Actor, _ action: Action) -> Bool {
    actor.isSingleDesk || (actor.user?.active == true && table[action, default: []].contains(actor.role))
  }

  /// Throws a forbidden error naming who and what unless the role may take `action`.
  public static func require(_ actor: Actor, _ action: Action) throws {
    guard !allows(actor, action) else { return }
    if actor.user?.active == false { throw refusal(actor, .errDeactivated2) }
    throw refusal(actor, .errMay, LocalizedMessage(action.phraseKey, []))
  }

  /// "QA1 (inspector) <what>": the one shape of every refusal (`what` is `key` with `arguments`).
  public static func refusal(_ actor: Actor, _ key: MessageKey, _ arguments: any CustomStringConvertible...) -> CallQAError {
    .forbidden(.errRefusal, actor.login, actor.role.rawValue, LocalizedMessage(key, arguments))
  }

  // MARK: - Subject rules

  /// The inspector code `actor` scores as. In single-desk mode the typed code is trusted and
  /// required; otherwise it is the actor's own, and a different typed code is refused.
  public static func inspectorCode(for actor: Actor, typed: String?) throws -> String {
    guard let user = actor.user else {
      guard let typed, !typed.isEmpty else { throw CallQAError(.errNoInspectorName) }
      return typed
    }
    guard let own = user.inspectorCode else { throw refusal(actor, .errInspectorOnlyInspectors) }
    if let typed, typed != own { throw refusal(actor, .errMayScoreInspector, typed, own) }
    return own
  }

  /// Only the draft's own inspector continues or submits it. In single-desk mode an inspector
  /// code typed for the session (`typed`) must be the draft's.
  public static func requireDraftOwner(_ actor: Actor, draft: Int64, owner: String, typed: String? = nil) throws {
    guard let user = actor.user else {
      if let typed, typed != owner {
        throw CallQAError.forbidden(.errMayContinueSubmit, typed, draft, owner)
      }
      return
    }
    guard user.inspectorCode == owner else {
      throw refusal(actor, .errMayContinueSubmitDraft, draft, owner)
    }
  }

  /// The agent's own evaluation (agents), or one of a team the supervisor leads.
  public static func requireAgentOrTeam(_ actor: Actor, agent: String, team: String?, what: MessageArgument) throws {
    guard let user = actor.user else { return }
    switch user.role {
    case .agent where user.agentCode == agent: return
    case .supervisor where team.map(user.teams.contains) == true: return
    case .agent: throw refusal(actor, .errMayAgentS, what, agent)
    case .supervisor: throw refusal(actor, .errMayAgentTheir, what, agent)
    default: return
    }
  }

  /// A supervisor acts only on one of their teams (named); everyone else on any or none.
  public static func requireOwnTeam(_ actor: Actor, _ team: String?, what: MessageArgument) throws {
    guard let user = actor.user, user.role == .supervisor else { return }
    guard let team, user.teams.contains(team) else {
      throw refusal(actor, .errMayOnlyOne, what, MessageArgument.list(user.teams))
    }
  }

  /// A dispute's reviewer is neither the agent nor the inspector who wrote the evaluation, and
  /// a supervisor reviews only disputes of their teams.
  public static func requireReviewer(_ actor: Actor, agent: String, team: String?, inspector: String) throws {
    guard let user = actor.user else { return }
    if user.agentCode == agent { throw refusal(actor, .errMayResolveDisputeTheir) }
    if user.inspectorCode == inspector {
      throw refusal(actor, .errMayResolveDisputeAboutEvaluation)
    }
    if user.role == .supervisor, team.map(user.teams.contains) != true {
      throw refusal(actor, .errMayResolveDisputeAgent, agent)
    }
  }

  /// Whose evaluations `actor` may read.
  public static func readScope(_ actor: Actor) -> ReadScope {
    guard let user = actor.user, user.active else { return actor.isSingleDesk ? .everything : .nothing }
    switch user.role {
    case .admin, .manager, .inspector: return .everything
    case .supervisor: return .teams(user.teams)
    case .agent: return user.agentCode.map(ReadScope.agent) ?? .nothing
    case .trainer: return .cases
    }
  }
}

/// Whose evaluations, calls and disputes a person may read (``Policy/readScope(_:)``).
public enum ReadScope: Hashable, Sendable {
  /// Managers, inspectors, admins and the single desk.
  case everything
  /// A supervisor's teams.
  case teams([String])
  /// An agent's own.
  case agent(String)
  /// A trainer: training cases and the evaluations behind them.
  case cases
  /// A deactivated user.
  case nothing
}
