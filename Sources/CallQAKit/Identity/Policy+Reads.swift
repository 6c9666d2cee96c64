extension Policy {
  /// Refuses the case library (`case list`, the team server's case pages) to readers scoped to
  /// a team or to their own evaluations — supervisors and agents — and to deactivated users:
  /// managers, inspectors, admins, trainers and the single desk read it.
  public static func requireCaseReader(_ actor: Actor) throws {
    switch readScope(actor) {
    case .everything, .cases: return
    case .teams, .agent, .nothing: throw refusal(actor, .errMayReadCase)
    }
  }

  /// Refuses the list of users to anyone who may not manage them.
  public static func requireUserReader(_ actor: Actor) throws {
    guard allows(actor, .manageUsers) else { throw refusal(actor, .errMayListUsers) }
  }
}
