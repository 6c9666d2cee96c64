import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa user …`: the people who may act, their roles and how they sign in.
  struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "user", abstract: Terminal.help(.abstractUsersRolesAdd),
      discussion: Terminal.help(.discussionUser),
      subcommands: [Add.self, List.self, SetRole.self, Link.self, Deactivate.self, Passwd.self, Token.self])
  }
}

extension Role: ExpressibleByArgument {}

/// `--inspector CODE | --agent CODE | --teams T1,T2`: what a role is linked to.
struct RoleLinkOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Terminal.help(.helpAdminManagerSupervisor))) var role: Role
  @Option(help: ArgumentHelp(Terminal.help(.helpInspectorCodeInspector))) var inspector: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpAgentCodeAgent))) var agent: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpTeamsSupervisorLeads))) var teams: String?

  var teamList: [String] {
    (teams ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}

extension CallQA.UserCommand {
  struct Add: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractAddUser))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @Option(help: ArgumentHelp(Terminal.help(.helpDisplayName))) var name: String
    @OptionGroup var link: RoleLinkOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOsAccountActs))) var osUser: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let user = try db.addUser(
        NewUser(
          login: login, displayName: name, role: link.role, teams: link.teamList, inspectorCode: link.inspector,
          agentCode: link.agent, osUser: osUser), actor: db.terminalActor())
      if output.format == .json { return try printJSON(user) }
      let words = language.words
      Console.out(words(.outUserAdded, user.login, roleName(user.role, words), user.osUser.map { words(.outUserOsAccountSuffix, $0) } ?? ""))
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListUsers))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let users = try db.users()
      if output.format == .json { return try printJSON(users) }
      if users.isEmpty {
        return Console.out(language.words[.outNoUsers])
      }
      let words = language.words
      var table = TextTable([
        .init(words[.outLogin]), .init(words[.outName]), .init(words[.outRole]), .init(words[.outLinkedTo]), .init(words[.outOsAccount]),
        .init(words[.outActive]), .init(words[.outPassword]),
      ])
      for user in users {
        let link =
          user.inspectorCode.map { words(.outLinkInspector, $0) } ?? user.agentCode.map { words(.outLinkAgent, $0) } ?? user.teams.joined(separator: ",")
        table.add([
          user.login, user.displayName, roleName(user.role, words), link, user.osUser ?? "", words[user.active ? .outYes : .outNo],
          user.hasPassword ? words[.outPasswordSet] : "",
        ])
      }
      Console.out(table.render())
    }
  }

  struct SetRole: CallQACommand {
    static let configuration = CommandConfiguration(commandName: "set-role", abstract: Terminal.help(.abstractChangeUserS))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @OptionGroup var link: RoleLinkOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let user = try db.setRole(
        login: login, to: link.role, teams: link.teamList, inspectorCode: link.inspector, agentCode: link.agent,
        actor: db.terminalActor())
      Console.out(language.words(.outUserRole, user.login, roleName(user.role, language.words)))
    }
  }

  struct Link: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractLinkUserOs))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @Option(help: ArgumentHelp(Terminal.help(.helpOsAccount))) var osUser: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpUnlinkUserFrom))) var none = false
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      guard (osUser != nil) != none else { throw ValidationError(Terminal.words(.errPassExactlyOne)) }
    }

    func execute() throws {
      let db = try database.open()
      let user = try db.setOSUser(login: login, to: osUser, actor: db.terminalActor())
      Console.out(user.osUser.map { language.words(.outUserLinked, user.login, $0) } ?? language.words(.outUserUnlinked, user.login))
    }
  }

  struct Deactivate: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractDeactivateUserTheir))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let user = try db.deactivateUser(login: login, actor: db.terminalActor())
      Console.out(language.words(.outUserDeactivated, user.login))
    }
  }

  struct Passwd: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractSetUserS))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpLoginName))) var login: String
    @Flag(help: ArgumentHelp(Terminal.help(.helpReadPasswordFrom))) var passwordStdin = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let actor = try db.terminalActor()
      let password: String
      if passwordStdin {
        guard let line = readLine(strippingNewline: true) else { throw CallQAError(.errNoPasswordStdin) }
        password = line
      } else {
        guard let first = PasswordPrompt.read(language.words(.outPasswordPrompt, login)),
          let second = PasswordPrompt.read(language.words[.outPasswordAgain])
        else { throw CallQAError(.errInputEndedPassword) }
        guard first == second else { throw CallQAError(.errTwoPasswordsDiffer) }
        password = first
      }
      try db.setPassword(login: login, password: password, actor: actor)
      Console.out(language.words(.outPasswordChanged, login))
    }
  }
}

/// A role as the terminal names it: the role's code in English (`supervisor`), its name in Chinese.
func roleName(_ role: Role, _ words: Messages) -> String {
  switch role {
  case .admin: return words[.roleAdmin]
  case .manager: return words[.roleManager]
  case .supervisor: return words[.roleSupervisor]
  case .trainer: return words[.roleTrainer]
  case .inspector: return words[.roleInspector]
  case .agent: return words[.roleAgent]
  }
}
