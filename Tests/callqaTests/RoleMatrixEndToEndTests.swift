import CallQAKit
import Foundation
import TeamFixtures
import Testing

/// The role matrix through the built binary: the OS account running the tests is linked in
/// turn to each role's user, and the binary decides who acts from its real uid alone.
@Suite("Who may do what: every write action as every role, through the built binary")
struct RoleMatrixEndToEndTests {
  /// This process's OS account, which the binary it starts runs as.
  static let account: String = {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "?" }
    return String(cString: name)
  }()

  /// A team database in a fresh folder, the action's subject prepared, the files its command
  /// line reads written, and the OS account linked to `login` (nobody when nil).
  static func prepared(_ attempt: Attempt, as login: String?) throws -> (CLIHarness, TeamFixture, Int64?) {
    let cli = try CLIHarness()
    let fixture = try TeamFixture(path: cli.database)
    let subject = try attempt.prepare(fixture)
    try cli.write("answers.yaml", Attempt.answersYAML)
    try cli.write("calib-test.yaml", TeamFixture.scorecardYAML)
    try cli.write("evaluations.jsonl", Attempt.importRecord + "\n")
    try fixture.db.backup(to: cli.directory.appendingPathComponent("backup.sqlite").path)
    if let login { try fixture.db.setOSUser(login: login, to: account, actor: fixture["adm"]) }
    return (cli, fixture, subject)
  }

  @Test(arguments: Attempt.all.map(\.action.rawValue))
  func everyRoleIsAllowedOrRefusedExactlyAsTheTableSays(_ raw: String) throws {
    let attempt = try #require(Attempt.all.first { $0.action.rawValue == raw })
    let allowed = Policy.table[attempt.action] ?? []
    for (role, login) in TeamFixture.roleLogins.sorted(by: { $0.value < $1.value }) {
      let (cli, fixture, subject) = try Self.prepared(attempt, as: login)
      defer { cli.cleanUp() }
      let before = try fixture.db.auditLog().count
      let arguments = attempt.arguments(subject, cli.directory.path) + ["--db", cli.database]
      let result = try cli.run(arguments)
      if allowed.contains(role) {
        #expect(result.status == 0, "\(login) (\(role)) should be allowed: callqa \(arguments.joined(separator: " ")): \(result.stderr)")
      } else {
        #expect(result.status == 77, "\(login) (\(role)) should be refused: callqa \(arguments.joined(separator: " ")) → \(result.status)")
        #expect(result.stderr.hasPrefix("error: \(login) (\(role.rawValue)) "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        let after = try fixture.db.auditLog()
        #expect(after.count == before + 1 && after.last?.action == "refused", "only the refusal is written")
      }
    }
    // An OS account linked to no user may do nothing, and nothing is written
    let (cli, fixture, subject) = try Self.prepared(attempt, as: nil)
    defer { cli.cleanUp() }
    let before = try fixture.db.auditLog().count
    let result = try cli.run(attempt.arguments(subject, cli.directory.path) + ["--db", cli.database])
    #expect(result.status == 77)
    #expect(result.stderr == "error: the OS account '\(Self.account)' is not linked to a callqa user of this database: an admin links it to one\n")
    #expect(try fixture.db.auditLog().count == before)
  }
}
