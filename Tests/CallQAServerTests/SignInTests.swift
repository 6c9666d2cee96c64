import CallQAKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import Testing

@testable import CallQAServer

@Suite("team server: sign-in, sessions, CSRF, tokens, rate limit")
struct SignInTests {
  @Test func healthzAnswersWithoutSignIn() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let response = try await client.send(.get, "/healthz")
      #expect(response.status == .ok)
      #expect(try response.object()["database"] as? String == "ok")
    }
  }

  @Test func sessionCookieIsHttpOnlyLaxAndSecureOnlyWhenAsked() async throws {
    for secure in [false, true] {
      let harness = try ServerHarness(options: ServerOptions(secureCookies: secure))
      try await harness.test { client in
        let response = try await client.send(.post, "/api/session", json: #"{"login":"mgr","password":"password-mgr"}"#)
        #expect(response.status == .ok)
        let header = try #require(response.setCookies.first { $0.hasPrefix("callqa_session=") })
        let attributes = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        #expect(attributes.contains("httponly"))
        #expect(attributes.contains("samesite=lax"))
        #expect(attributes.contains("path=/"))
        #expect(attributes.contains("secure") == secure)
        let body = try response.object()
        #expect((body["csrf_token"] as? String)?.count == 64)
        #expect((body["user"] as? [String: Any])?["role"] as? String == "manager")
      }
    }
  }

  @Test func wrongPasswordUnknownLoginAndDeactivatedUserAreOne401() async throws {
    let harness = try ServerHarness()
    try harness.db.setPassword(login: "old", password: "password-old", actor: harness.fixture["adm"], cost: 4)
    try await harness.test { client in
      for (login, password) in [("mgr", "nope-nope"), ("nobody", "password-x"), ("old", "password-old")] {
        let response = try await client.send(.post, "/api/session", json: #"{"login":"\#(login)","password":"\#(password)"}"#)
        #expect(response.status == .unauthorized, "\(login)")
        #expect(try response.object()["message"] as? String == "wrong login or password")
        #expect(response.cookie("callqa_session") == nil)
      }
    }
  }

  @Test func signInTakesJSONOnly() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let response = try await client.send(.post, "/api/session", body: "login=mgr&password=password-mgr")
      #expect(response.status == .unsupportedMediaType)
      let bad = try await client.send(.post, "/api/session", json: #"{"login":"mgr"}"#)
      #expect(bad.status == .badRequest)
    }
  }

  @Test func loginRateLimitPerUserThenPerAddress() async throws {
    let harness = try ServerHarness(options: ServerOptions(trustProxy: true, loginFailuresPerUser: 3, loginFailuresPerAddress: 5))
    try await harness.test { client in
      func attempt(_ login: String, _ password: String, from address: String) async throws -> TestResponse {
        try await client.send(
          .post, "/api/session", json: #"{"login":"\#(login)","password":"\#(password)"}"#,
          headers: [HTTPField.Name("X-Forwarded-For")!: address])
      }
      for _ in 0..<3 { #expect(try await attempt("mgr", "wrong-one", from: "10.0.0.1").status == .unauthorized) }
      // The login is now throttled, even with the right password and from another address.
      let throttled = try await attempt("mgr", "password-mgr", from: "10.0.0.2")
      #expect(throttled.status == .tooManyRequests)
      #expect(Int(throttled.headers[.retryAfter] ?? "") ?? 0 > 0)
      #expect(throttled.errorCode == "too_many_requests")
      // Another user from the first address still may, until the address has failed 5 times.
      #expect(try await attempt("sup", "password-sup", from: "10.0.0.1").status == .ok)
      for _ in 0..<2 { #expect(try await attempt("trn", "wrong-one", from: "10.0.0.1").status == .unauthorized) }
      #expect(try await attempt("qa1", "password-qa1", from: "10.0.0.1").status == .tooManyRequests)
      #expect(try await attempt("qa1", "password-qa1", from: "10.0.0.3").status == .ok)
    }
  }

  @Test func signOutEndsTheSessionAndNeedsCSRF() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let session = try await client.signIn("mgr")
      #expect(try await client.send(.get, "/api/session", as: session).status == .ok)
      let refused = try await client.send(.delete, "/api/session", as: session.withoutCSRF())
      #expect(refused.status == .forbidden)
      #expect(refused.errorCode == "csrf")
      let out = try await client.send(.delete, "/api/session", as: session)
      #expect(out.status == .noContent)
      let expired = try #require(out.setCookies.first { $0.hasPrefix("callqa_session=") })
      #expect(expired.lowercased().contains("max-age=0"))
      #expect(try await client.send(.get, "/api/session", as: session).status == .unauthorized)
    }
  }

  @Test func cookieWritesNeedTheSessionsCSRFTokenTokensDoNot() async throws {
    let harness = try ServerHarness()
    let token = try harness.db.createAPIToken(login: "qa1", actor: harness.fixture["adm"]).token
    try await harness.test { client in
      let session = try await client.signIn("qa1")
      let missing = try await client.send(.post, "/api/evaluations", as: session.withoutCSRF(), json: evaluationBody(call: "C-csrf"))
      #expect(missing.status == .forbidden)
      #expect(missing.errorCode == "csrf")
      guard case .session(let cookie, _, _) = session else { return }
      let wrong = try await client.send(
        .post, "/api/evaluations", as: .session(cookie: cookie, csrf: String(repeating: "0", count: 64)), json: evaluationBody(call: "C-csrf"))
      #expect(wrong.status == .forbidden)
      #expect(try harness.db.evaluations(EvaluationFilter(agent: "A1")).isEmpty)
      #expect(try await client.send(.post, "/api/evaluations", as: session, json: evaluationBody(call: "C-csrf")).status == .created)
      #expect(try await client.send(.post, "/api/evaluations", as: .token(token), json: evaluationBody(call: "C-token")).status == .created)
    }
  }

  @Test func tokensActAsTheirUserUntilRevokedOrDeactivated() async throws {
    let harness = try ServerHarness()
    let adm = harness.fixture["adm"]
    let token = try harness.db.createAPIToken(login: "mgr", label: "script", actor: adm).token
    #expect(token.hasPrefix("cqa_") && token.count == 68)
    try await harness.test { client in
      let me = try await client.send(.get, "/api/session", as: .token(token))
      #expect(me.status == .ok)
      #expect(try me.object()["via"] as? String == "token")
      #expect(try await client.send(.get, "/api/session", as: .token("cqa_" + String(repeating: "a", count: 64))).status == .unauthorized)
      #expect(try await client.send(.get, "/api/session", headers: [.authorization: "Basic bWdyOng="]).status == .unauthorized)
      try harness.db.revokeAPITokens(login: "mgr", actor: adm)
      #expect(try await client.send(.get, "/api/session", as: .token(token)).status == .unauthorized)
      let second = try harness.db.createAPIToken(login: "qa2", actor: adm).token
      #expect(try await client.send(.get, "/api/session", as: .token(second)).status == .ok)
      try harness.db.deactivateUser(login: "qa2", actor: adm)
      #expect(try await client.send(.get, "/api/session", as: .token(second)).status == .unauthorized)
    }
  }

  @Test func aDeactivatedUsersSessionEnds() async throws {
    let harness = try ServerHarness()
    try await harness.test { client in
      let session = try await client.signIn("qa2")
      #expect(try await client.send(.get, "/api/evaluations", as: session).status == .ok)
      try harness.db.deactivateUser(login: "qa2", actor: harness.fixture["adm"])
      #expect(try await client.send(.get, "/api/evaluations", as: session).status == .unauthorized)
    }
  }

  @Test func onlyTheTokensDigestIsStored() async throws {
    let path = NSTemporaryDirectory() + "callqa-token-\(UUID().uuidString).sqlite"
    defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    let harness = try ServerHarness(path: path)
    let token = try harness.db.createAPIToken(login: "a1", actor: harness.fixture["a1"]).token
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
    #expect(bytes.range(of: Data(token.utf8)) == nil)
    #expect(bytes.range(of: Data(SHA256.hex(Array(token.utf8)).utf8)) != nil)
  }
}
