/// Who is acting: a callqa user, or — on a database with no users yet — the local desk.
///
/// Front ends never build an actor from a name someone typed: the terminal resolves it from
/// the operating-system account running the process (``QADatabase/actor(osUser:)``), the team
/// server from the signed-in session. Every write in the library takes one, checks it with the
/// ``Policy`` and records ``auditName`` as the audit row's actor.
public struct Actor: Hashable, Sendable {
  /// The user; nil in single-desk mode.
  public let user: User?
  /// The operating-system account behind a terminal actor, when known.
  public let osUser: String?

  /// A signed-in or mapped user.
  public init(user: User, osUser: String? = nil) {
    self.user = user
    self.osUser = osUser
  }

  private init(singleDeskAs osUser: String?) {
    self.user = nil
    self.osUser = osUser
  }

  /// The built-in local admin of a database that has no users yet (the demo, a lone
  /// inspector's desk). It may do everything, and its codes (`--inspector`, `--by`) are
  /// trusted as typed: single-desk mode trusts whoever can open the file.
  public static func singleDesk(osUser: String?) -> Actor { Actor(singleDeskAs: osUser) }

  /// True in single-desk mode.
  public var isSingleDesk: Bool { user == nil }

  /// The role in effect (single-desk mode acts as admin).
  public var role: Role { user?.role ?? .admin }

  /// The login, or `local-admin` in single-desk mode.
  public var login: String { user?.login ?? "local-admin" }

  /// What the audit trail records: the login, with the OS account in single-desk mode.
  public var auditName: String {
    if let user { return user.login }
    return osUser.map { "local-admin (\($0))" } ?? "local-admin"
  }
}
