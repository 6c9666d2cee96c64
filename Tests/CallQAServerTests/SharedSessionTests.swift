import CallQAKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestOracles
import Testing

@testable import CallQAServer

/// Two `callqa serve` instances on one database behave as one: a session signed in on one is
/// live on the other and ends on both, a restart signs nobody out, and the sign-in throttle
/// counts failures on either (issue 21's "stateless servers"). Run on a SQLite file and, where
/// there is a server, on PostgreSQL.
@Suite struct SharedSessionTests {
  /// Where the two servers' database lives: a SQLite file, and a new PostgreSQL database.
  static let engines: [String] = PostgresServer.available ? ["sqlite", "postgresql"] : ["sqlite"]

  /// A connection to the database at `location`, as a server process opens it.
  static func connection(_ location: String) throws -> QADatabase {
    try QADatabase(location: try DatabaseLocation(location))
  }

  static func location(_ engine: String) throws -> String {
    switch engine {
    case "postgresql": return try PostgresServer.freshDatabase()
    default:
      return FileManager.default.temporaryDirectory.appendingPathComponent("callqa-shared-\(UUID().uuidString).sqlite").path
    }
  }

  static func server(_ db: QADatabase, _ options: ServerOptions) throws -> some ApplicationProtocol {
    var logger = Logger(label: "callqa-shared-test")
    logger.logLevel = .warning
    return Application(router: try buildRouter(database: db, options: options, logger: logger).router)
  }

  @Test(arguments: engines)
  func aSessionSignedInOnOneServerIsLiveOnTheOtherAndEndsOnBoth(_ engine: String) async throws {
    let location = try Self.location(engine)
    let options = ServerOptions(loginFailuresPerUser: 3, loginFailuresPerAddress: 100)
    let first = try ServerHarness(options: options, database: try Self.connection(location))
    let second = try Self.server(try Self.connection(location), options)
    let session = try await first.test { client in try await client.signIn("mgr") }
    // The other server knows the session, and a third one started later (a restart) too.
    try await second.test(.router) { client in
      let me = try await client.send(.get, "/api/session", as: session)
      #expect(me.status == .ok, "\(me.text)")
      let body = try me.object()
      #expect((body["user"] as? [String: Any])?["login"] as? String == "mgr" && body["via"] as? String == "session", "\(me.text)")
    }
    let restarted = try Self.server(try Self.connection(location), options)
    try await restarted.test(.router) { client in
      let me = try await client.send(.get, "/api/session", as: session)
      #expect(me.status == .ok)
      // Signed out on the restarted server…
      let out = try await client.send(.delete, "/api/session", as: session)
      #expect(out.status == .noContent)
    }
    // …the session is gone on every server.
    try await first.test { client in
      let me = try await client.send(.get, "/api/session", as: session)
      #expect(me.status == .unauthorized)
    }
    #expect(try first.db.sessionCount() == 0)
  }

  @Test(arguments: engines)
  func failedSignInsOnEitherServerCountTowardsOneThrottle(_ engine: String) async throws {
    let location = try Self.location(engine)
    let options = ServerOptions(loginFailuresPerUser: 3, loginFailuresPerAddress: 100)
    let first = try ServerHarness(options: options, database: try Self.connection(location))
    let second = try Self.server(try Self.connection(location), options)
    let wrong = #"{"login":"qa1","password":"nope"}"#
    try await first.test { client in
      for _ in 0..<2 {
        let refused = try await client.send(.post, "/api/session", json: wrong)
        #expect(refused.status == .unauthorized)
      }
    }
    try await second.test(.router) { client in
      let refused = try await client.send(.post, "/api/session", json: wrong)
      #expect(refused.status == .unauthorized)
      // The fourth attempt, with the right password, waits: three failures across both servers.
      let throttled = try await client.send(.post, "/api/session", json: #"{"login":"qa1","password":"password-qa1"}"#)
      #expect(throttled.status == .tooManyRequests, "\(throttled.text)")
    }
    try await first.test { client in
      let throttled = try await client.send(.post, "/api/session", json: #"{"login":"qa1","password":"password-qa1"}"#)
      #expect(throttled.status == .tooManyRequests, "\(throttled.text)")
    }
  }
}
