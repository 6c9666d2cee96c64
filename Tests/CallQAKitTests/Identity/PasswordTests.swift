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
