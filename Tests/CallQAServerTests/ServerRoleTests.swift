import CallQAKit
import Foundation
import Hummingbird
import HummingbirdTesting
import TestOracles
import Testing

@testable import CallQAServer

/// Issue 21: the servers connect to PostgreSQL as a role given rights with `callqa init
/// --grant` — it scores calls, and a forbidden UPDATE through it fails, as does every way of
/// turning the history triggers off.
@Suite(.enabled(if: PostgresServer.available, "\(PostgresServer.needed)"))
struct ServerRoleTests {
  /// A new database owned by a new login role, a second login role for the servers, and the
  /// URLs of both.
  static func ownerAndServerRoles() throws -> (owner: String, server: String, serverRole: String, database: String) {
    let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
    let owner = "owner_\(suffix)"
    let server = "serve_\(suffix)"
    let database = "roles_\(suffix)"
    try PostgresServer.psql("CREATE ROLE \(owner) LOGIN")
    try PostgresServer.psql("CREATE ROLE \(server) LOGIN")
    try PostgresServer.psql("CREATE DATABASE \(database) OWNER \(owner)")
    let admin = try #require(PostgresServer.adminURL)
    return (
      PostgresServer.url(admin, database: database, user: owner), PostgresServer.url(admin, database: database, user: server),
      server, database
    )
  }

  @Test func theServersRoleScoresCallsAndCannotRewriteHistoryOrTurnItsTriggersOff() async throws {
    let (ownerURL, serverURL, serverRole, database) = try Self.ownerAndServerRoles()
    // The owner creates (migrates) the database and grants the servers' role its rights.
    let owner = try QADatabase(location: try DatabaseLocation(ownerURL))
    try owner.grantServerRole(serverRole)
    // A server connected as that role: the fixture's people and scorecards, a sign-in, an evaluation.
    let harness = try ServerHarness(database: try QADatabase(location: try DatabaseLocation(serverURL)))
    let id = try await harness.test { client in
      let qa1 = try await client.signIn("qa1")
      let created = try await client.send(.post, "/api/evaluations", as: qa1, json: evaluationBody(call: "C-ROLE"))
      #expect(created.status == .created, "\(created.text)")
      return try created.object()["id"] as? Int ?? 0
    }
    #expect(id > 0)
    let before = try PostgresServer.psql("SELECT final_score FROM evaluations WHERE id = \(id)", database: database, user: serverRole)

    // Through the servers' role: every rewrite of history fails, and so does every way around the triggers.
    let forbidden: [(sql: String, answer: String)] = [
      ("UPDATE evaluations SET final_score = 0 WHERE id = \(id)", "submitted evaluations cannot be changed"),
      ("DELETE FROM item_scores WHERE evaluation_id = \(id)", "item scores of a submitted evaluation cannot be deleted"),
      ("UPDATE audit_log SET actor = 'someone else'", "the audit log is append-only"),
      ("ALTER TABLE evaluations DISABLE TRIGGER ALL", "must be owner"),
      ("DROP TRIGGER evaluations_history_update ON evaluations", "must be owner"),
      ("SET session_replication_role = replica", "permission denied"),
      ("TRUNCATE audit_log", "permission denied"),
      ("ALTER TABLE evaluations OWNER TO \(serverRole)", "must be owner"),
    ]
    for (sql, answer) in forbidden {
      let refused = #expect(throws: OracleError.self, "\(sql)") {
        try PostgresServer.psql(sql, database: database, user: serverRole)
      }
      #expect(refused?.description.contains(answer) == true, "\(sql): \(refused?.description ?? "")")
    }
    let after = try PostgresServer.psql("SELECT final_score FROM evaluations WHERE id = \(id)", database: database, user: serverRole)
    #expect(after == before)
    #expect(try owner.doctor().healthy)

    // A table a later version adds is the servers' to use too (default privileges).
    try PostgresServer.psql("CREATE TABLE later_step (id INTEGER)", database: database, user: ownerURL.roleName)
    try PostgresServer.psql("INSERT INTO later_step VALUES (1)", database: database, user: serverRole)
  }

  @Test func aRoleThatCouldTurnTheTriggersOffIsRefusedInOneLine() throws {
    let (ownerURL, _, serverRole, _) = try Self.ownerAndServerRoles()
    let owner = try QADatabase(location: try DatabaseLocation(ownerURL))
    let adminURL = try #require(PostgresServer.adminURL)
    let admin = try #require(URLComponents(string: adminURL)?.user)
    let refusals: [(role: String, message: String)] = [
      (ownerURL.roleName, "role \(ownerURL.roleName) owns callqa's tables, so it could turn the history triggers off"),
      (admin, "role \(admin) is a superuser, so it could turn the history triggers off"),
      ("nobody_here", "no role nobody_here on this PostgreSQL server: create it first"),
      ("Serve-Role", "'Serve-Role' is not a role name"),
    ]
    for (role, message) in refusals {
      let error = #expect(throws: CallQAError.self) { try owner.grantServerRole(role) }
      #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "")")
    }
    let sqlite = try QADatabase.inMemory()
    let local = #expect(throws: CallQAError.self) { try sqlite.grantServerRole(serverRole) }
    #expect(local?.message.hasPrefix("roles and grants are PostgreSQL's") == true)
    // Nothing was granted: the servers' role cannot read a table.
    let denied = #expect(throws: OracleError.self) {
      try PostgresServer.psql("SELECT count(*) FROM evaluations", database: ownerURL.databaseName, user: serverRole)
    }
    #expect(denied?.description.contains("permission denied") == true)
  }
}

extension ServerRoleTests {
  @Test func initGrantsTheRoleFromTheCommandLineAndAFileIsRefusedBeforeItIsMade() throws {
    let (ownerURL, _, serverRole, database) = try Self.ownerAndServerRoles()
    let callqa = ServeEndToEndTests.executable.path
    let granted = try Tools.run(callqa, ["init", "--db", ownerURL, "--grant", serverRole])
    #expect(granted.status == 0, "\(granted.output)")
    #expect(granted.output.contains("granted role \(serverRole) what a server needs on \(ownerURL)"), "\(granted.output)")
    let count = try PostgresServer.psql("SELECT count(*) FROM scorecards", database: database, user: serverRole)
    #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    // Refused in one line, before a scorecard is loaded.
    let strong = try Tools.run(callqa, ["init", "--db", ownerURL, "--grant", ownerURL.roleName, "--latest-scorecards"])
    #expect(strong.status != 0 && strong.output.contains("owns callqa's tables") && !strong.output.contains("loaded:"), "\(strong.output)")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("grant-\(UUID().uuidString).sqlite").path
    let local = try Tools.run(callqa, ["init", "--db", file, "--grant", serverRole])
    #expect(local.status == 64 && local.output.contains("roles and grants are PostgreSQL's"), "\(local.output)")
    #expect(!FileManager.default.fileExists(atPath: file))
    let pool = try Tools.run(callqa, ["serve", "--db", ownerURL, "--pool", "0"])
    #expect(pool.status == 64 && pool.output.contains("--pool must be between 1 and 200"), "\(pool.output)")
  }
}

extension String {
  /// The user of a PostgreSQL URL.
  fileprivate var roleName: String { URLComponents(string: self)?.user ?? "" }
  /// The database of a PostgreSQL URL.
  fileprivate var databaseName: String { String(URLComponents(string: self)?.path.dropFirst() ?? "") }
}
