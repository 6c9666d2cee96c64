import CallQAKit
import Foundation
import TeamFixtures
import TestOracles
import Testing

@Suite("Passwords: bcrypt hashes, checked by Python's bcrypt; sign-in refuses what it should")
struct PasswordTests {
  @Test func aPasswordIsStoredAsABcryptHashAndSignsIn() throws {
    let fixture = try TeamFixture()
    try fixture.db.setPassword(login: "qa1", password: "正确的马电池钉书", actor: fixture["adm"], cost: 4)
    #expect(try fixture.db.user(login: "qa1").hasPassword)
    #expect(try fixture.db.authenticate(login: "qa1", password: "正确的马电池钉书")?.login == "qa1")
    #expect(try fixture.db.authenticate(login: "qa1", password: "正确的马电池钉") == nil)
    #expect(try fixture.db.authenticate(login: "nobody", password: "正确的马电池钉书") == nil)
    // A user sets their own; not another's
    try fixture.db.setPassword(login: "a1", password: "agent-one-pass", actor: fixture["a1"], cost: 4)
    #expect(throws: CallQAError.forbidden("a1 (agent) may not manage users")) {
      try fixture.db.setPassword(login: "qa1", password: "taken-over!", actor: fixture["a1"], cost: 4)
    }
    // A deactivated user cannot sign in
    try fixture.db.setPassword(login: "trn", password: "trainer-pass", actor: fixture["adm"], cost: 4)
    try fixture.db.deactivateUser(login: "trn", actor: fixture["adm"])
    #expect(try fixture.db.authenticate(login: "trn", password: "trainer-pass") == nil)
  }

  @Test func passwordsThatBcryptWouldCutOrThatAreTooShortAreRefused() {
    #expect(throws: CallQAError("a password needs at least 8 characters")) { try PasswordHash.make("short", cost: 4) }
    #expect(throws: CallQAError("a password may have at most 72 bytes (bcrypt reads no more)")) {
      try PasswordHash.make(String(repeating: "密", count: 25), cost: 4)
    }
  }

  @Test(.enabled(if: Python.has("bcrypt"), "python3 with the bcrypt package is not installed"))
  func pythonsBcryptAcceptsOurHashesAndWeAcceptItsHashes() throws {
    let password = "正确的马电池钉 staple"
    let ours = try PasswordHash.make(password, cost: 6)
    #expect(ours.hasPrefix("$2b$06$") && ours.count == 60)
    let check = "import bcrypt, sys; print(bcrypt.checkpw(sys.argv[1].encode(), sys.argv[2].encode()))"
    #expect(try Python.output(check, arguments: [password, ours]).trimmingCharacters(in: .whitespacesAndNewlines) == "True")
    #expect(try Python.output(check, arguments: [password + "x", ours]).trimmingCharacters(in: .whitespacesAndNewlines) == "False")
    let theirs = try Python.output(
      "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(5)).decode())", arguments: [password]
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(PasswordHash.verify(password, hash: theirs))
    #expect(!PasswordHash.verify("wrong", hash: theirs))
    // The default cost is 12: a real, slow hash
    #expect(PasswordHash.defaultCost == 12)
  }
}

@Suite("Team rules: the centre's time zone for new calls, the dispute window")
struct TeamRulesTests {
  @Test func aCallScoredWithoutAStartTimeGetsNowInTheCentresZone() throws {
    let store = try TestStore()
    try store.db.setTeamRule(.timeZone, to: "Asia/Shanghai", actor: "desk")
    let id = try store.db.submit(
      EvaluationSubmission(
        scorecard: try store.db.scorecard(reference: "calib-test@1"), agentCode: "A1", inspectorCode: "QA1",
        call: CallInput(externalId: "C-now"), kind: .monitoring, sheet: TestStore.sheet(), actor: "desk"))
    let started = try #require(try store.db.evaluation(id: id).callStartedAt)
    #expect(started.hasSuffix("+08:00"), "\(started)")
    let (instant, _) = try #require(Timestamp.parse(started))
    #expect(abs(instant.timeIntervalSinceNow) < 600)
    #expect(throws: CallQAError("time_zone must be a time zone name such as Asia/Shanghai, not 'Mars/Olympus'")) {
      try store.db.setTeamRule(.timeZone, to: "Mars/Olympus", actor: "desk")
    }
  }

  @Test func theDisputeWindowClosesAndAHeldBackEvaluationCannotBeDisputedYet() throws {
    let store = try TestStore()
    let id = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    try store.db.releaseEvaluation(id, on: "2099-01-01", actor: "desk")
    #expect(throws: CallQAError.conflict("evaluation \(id) is not released to its agent yet (on 2099-01-01): it cannot be disputed before")) {
      try store.db.openDispute(evaluation: id, by: "A1", reason: "x", actor: "desk")
    }
    try store.db.releaseEvaluation(id, on: "2026-01-01", actor: "desk")
    try store.db.setTeamRule(.disputeWindowDays, to: "10", actor: "desk")
    #expect(
      throws: CallQAError.conflict(
        "the dispute window of evaluation \(id) closed on 2026-01-11 (10 days after it was released to the agent)")
    ) { try store.db.openDispute(evaluation: id, by: "A1", reason: "x", actor: "desk") }
    #expect(throws: CallQAError("dispute_window_days must be a whole number of days from 1 to 365, not '0'")) {
      try store.db.setTeamRule(.disputeWindowDays, to: "0", actor: "desk")
    }
  }
}
