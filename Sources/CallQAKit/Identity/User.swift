/// A person who uses callqa, with the one role that decides what they may do.
public struct User: Hashable, Sendable, Encodable {
  public var id: Int64
  /// The name they sign in with (unique, no spaces).
  public var login: String
  public var displayName: String
  public var role: Role
  /// The teams a supervisor leads; empty for every other role.
  public var teams: [String]
  /// The inspector code an inspector scores as; nil for every other role.
  public var inspectorCode: String?
  /// The agent code an agent is; nil for every other role.
  public var agentCode: String?
  /// The operating-system account that acts as this user on the terminal.
  public var osUser: String?
  /// A deactivated user can no longer act; their history stays.
  public var active: Bool
  /// True when a password is set (the hash itself never leaves the store).
  public var hasPassword: Bool

  public init(
    id: Int64, login: String, displayName: String, role: Role, teams: [String] = [], inspectorCode: String? = nil,
    agentCode: String? = nil, osUser: String? = nil, active: Bool = true, hasPassword: Bool = false
  ) {
    self.id = id
    self.login = login
    self.displayName = displayName
    self.role = role
    self.teams = teams
    self.inspectorCode = inspectorCode
    self.agentCode = agentCode
    self.osUser = osUser
    self.active = active
    self.hasPassword = hasPassword
  }

  enum CodingKeys: String, CodingKey {
    case id, login, role, teams, active
    case displayName = "display_name"
    case inspectorCode = "inspector"
    case agentCode = "agent"
    case osUser = "os_user"
    case hasPassword = "has_password"
  }
}

/// What `user add` asks for: a new user and the code or teams their role needs.
public struct NewUser: Hashable, Sendable {
  public var login: String
  public var displayName: String
  public var role: Role
  public var teams: [String]
  public var inspectorCode: String?
  public var agentCode: String?
  public var osUser: String?

  public init(
    login: String, displayName: String, role: Role, teams: [String] = [], inspectorCode: String? = nil,
    agentCode: String? = nil, osUser: String? = nil
  ) {
    self.login = login
    self.displayName = displayName
    self.role = role
    self.teams = teams
    self.inspectorCode = inspectorCode
    self.agentCode = agentCode
    self.osUser = osUser
  }

  /// Checks that the role has exactly the link it needs: an inspector code for an inspector, an
  /// agent code for an agent, teams for a supervisor, and nothing else.
  public func validate() throws {
    guard login.range(of: #"^[A-Za-z0-9._@-]{1,64}$"#, options: .regularExpression) != nil else {
      throw CallQAError(.errLoginUseLetters, login)
    }
    guard !displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw CallQAError(.errUserDisplayName, login)
    }
    let needs: (inspector: Bool, agent: Bool, teams: Bool) = (role == .inspector, role == .agent, role == .supervisor)
    if needs.inspector != (inspectorCode != nil) {
      throw CallQAError(
        needs.inspector ? "user \(login): an inspector needs an inspector code" : "user \(login): only an inspector has an inspector code")
    }
    if needs.agent != (agentCode != nil) {
      throw CallQAError(needs.agent ? "user \(login): an agent needs an agent code" : "user \(login): only an agent has an agent code")
    }
    if needs.teams != !teams.isEmpty {
      throw CallQAError(needs.teams ? "user \(login): a supervisor needs at least one team" : "user \(login): only a supervisor has teams")
    }
  }
}
