import Foundation
import Testing

@testable import CallQAKit

/// The team server's sessions and sign-in throttle as the database keeps them, on both engines.
@Suite struct EngineSessionTests {
  static let limits = SessionLimits(idleTimeout: 600, lifetime: 3600)
  static let start = Date(timeIntervalSince1970: 1_796_000_000)

  @Test(arguments: EngineFixture.engines)
  func sessionsAreKeptByDigestRefreshedAndExpire(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    let (id, csrf) = try db.createSession(login: "mgr", limits: Self.limits, now: Self.start)
    #expect(id.count == 64 && csrf.count == 64 && id != csrf)
    // Only the cookie's SHA-256 is stored.
    let stored = try db.readSQL { session in try session.value(String.self, "SELECT token_sha256 FROM server_sessions") }
    #expect(stored == SHA256.hex(Array(id.utf8)))
    let plain = try db.readSQL { session in try session.value(Int.self, "SELECT count(*) FROM server_sessions WHERE token_sha256 = ?", id) }
    #expect(plain == 0)
    #expect(try db.session(id: id, limits: Self.limits, now: Self.start) == ServerSession(login: "mgr", csrf: csrf))
    #expect(try db.session(id: String(repeating: "0", count: 64), limits: Self.limits, now: Self.start) == nil)
    // Requests within the idle timeout keep it alive past one idle period; the lifetime ends it.
    for minutes in stride(from: 9, through: 54, by: 9) {
      #expect(try db.session(id: id, limits: Self.limits, now: Self.start + Double(minutes) * 60) != nil, "\(minutes) min")
    }
    #expect(try db.session(id: id, limits: Self.limits, now: Self.start + 3600) == nil)
    #expect(try db.sessionCount() == 0, "an expired session is removed when found")
    // Idle too long
    let (idle, _) = try db.createSession(login: "qa1", limits: Self.limits, now: Self.start)
    #expect(try db.session(id: idle, limits: Self.limits, now: Self.start + 601) == nil)
    // Signed out
    let (other, _) = try db.createSession(login: "qa2", limits: Self.limits, now: Self.start)
    try db.endSession(id: other)
    #expect(try db.session(id: other, limits: Self.limits, now: Self.start) == nil)
    // Creating a session sweeps the expired ones.
    _ = try db.createSession(login: "old", limits: Self.limits, now: Self.start)
    _ = try db.createSession(login: "new", limits: Self.limits, now: Self.start + 7200)
    #expect(try db.sessionCount() == 1)
  }

  @Test(arguments: EngineFixture.engines)
  func theThrottleCountsFailuresPerLoginAndAddressWithinTheWindow(_ engine: StoreEngineKind) throws {
    let db = try EngineFixture.open(engine)
    let limits = SignInLimits(perLogin: 3, perAddress: 5, window: 900)
    for second in 0..<3 {
      #expect(try db.signInWait(login: "QA1", address: "10.0.0.1", limits: limits, now: Self.start + Double(second)) == nil)
      try db.recordSignInFailure(login: "QA1", address: "10.0.0.1", limits: limits, now: Self.start + Double(second))
    }
    // The login is throttled (case aside) until its oldest failure leaves the window.
    #expect(try db.signInWait(login: "qa1", address: "10.0.0.9", limits: limits, now: Self.start + 100) == 800)
    #expect(try db.signInWait(login: "qa1", address: "10.0.0.9", limits: limits, now: Self.start + 901) == nil)
    // Two more from the address throttle it for every login.
    for login in ["qa2", "qa3"] { try db.recordSignInFailure(login: login, address: "10.0.0.1", limits: limits, now: Self.start + 10) }
    #expect(try db.signInWait(login: "mgr", address: "10.0.0.1", limits: limits, now: Self.start + 20) == 880)
    // A success clears the login's failures, not the address's.
    try db.clearSignInFailures(login: "qa1")
    #expect(try db.signInWait(login: "qa1", address: "10.0.0.2", limits: limits, now: Self.start + 20) == nil)
    #expect(try db.signInWait(login: "qa1", address: "10.0.0.1", limits: limits, now: Self.start + 20) == 880)
  }
}
