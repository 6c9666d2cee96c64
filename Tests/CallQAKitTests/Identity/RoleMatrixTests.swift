import CallQAKit
import Foundation
import TeamFixtures
import Testing

@Suite("Who may do what: every write action as every role, through the library")
struct RoleMatrixTests {
  /// The README's roles table, read from the README: a ✓ or a qualified cell ("own code",
  /// "their teams") allows the role.
  static func readmeTable() throws -> [Action: Set<Role>] {
    let readme = try String(
      contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../README.md").path, encoding: .utf8)
    var table: [Action: Set<Role>] = [:]
    let columns: [Role] = [.admin, .manager, .supervisor, .trainer, .inspector, .agent]
    for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      guard cells.count == 9, let key = cells[1].split(separator: "`").first, let action = Action(rawValue: String(key)) else {
        continue
      }
      table[action] = Set(zip(columns, cells[2...7]).filter { !$0.1.isEmpty }.map(\.0))
    }
    return table
  }

  @Test func theReadmeTableIsThePolicyTable() throws {
    let readme = try Self.readmeTable()
    #expect(Set(readme.keys) == Set(Action.allCases), "every action has a README row")
    for action in Action.allCases { #expect(readme[action] == Policy.table[action], "\(action.rawValue)") }
    #expect(Set(Attempt.all.map(\.action)) == Set(Action.allCases), "the matrix tries every action")
  }

  @Test(arguments: Attempt.all.map(\.action.rawValue))
  func everyRoleIsAllowedOrRefusedExactlyAsTheTableSays(_ raw: String) throws {
    let attempt = try #require(Attempt.all.first { $0.action.rawValue == raw })
    let allowed = Policy.table[attempt.action] ?? []
    for (role, login) in TeamFixture.roleLogins {
      let fixture = try TeamFixture()
      let subject = try attempt.prepare(fixture)
      let before = try fixture.db.auditLog().count
      do {
        try attempt.run(fixture, fixture[login], subject)
        #expect(allowed.contains(role), "\(login) (\(role)) was allowed to \(raw)")
      } catch let error as CallQAError where error.kind == .forbidden {
        #expect(!allowed.contains(role), "\(login) (\(role)) was refused \(raw): \(error.message)")
        // One line naming who, nothing written but the refusal's own audit row
        #expect(error.message.hasPrefix("\(login) (\(role.rawValue)) "), "\(error.message)")
        #expect(!error.message.contains("\n"))
        let after = try fixture.db.auditLog()
        #expect(after.count == before + 1 && after.last?.action == "refused" && after.last?.actor == login)
      }
    }
    // A deactivated user is refused everything
    let fixture = try TeamFixture()
    let subject = try attempt.prepare(fixture)
    #expect(throws: CallQAError.forbidden("old (manager) is deactivated")) { try attempt.run(fixture, fixture["old"], subject) }
    // And so is the single desk once the database has users
    #expect(throws: CallQAError.self) { try attempt.run(fixture, .singleDesk(osUser: "someone"), subject) }
  }

  @Test func anOSAccountWithNoUserIsRefusedAndTheSingleDeskEndsWithTheFirstUser() throws {
    let fixture = try TeamFixture()
    #expect(throws: CallQAError.self) { try fixture.db.actor(osUser: "nobody") }
    #expect(try fixture.db.actor(osUser: "os-qa1").login == "qa1")
    #expect(throws: CallQAError.forbidden("old (manager) is deactivated")) { try fixture.db.actor(osUser: "os-old") }
  }
}
