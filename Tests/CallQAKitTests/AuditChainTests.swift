import Foundation
import GRDB
import TestOracles
import Testing

@testable import CallQAKit

@Suite("HMAC-SHA256: RFC 4231 vectors and Python's hmac")
struct HMACTests {
  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func rfc4231Vectors() {
    let cases: [([UInt8], [UInt8], String)] = [
      ([UInt8](repeating: 0x0b, count: 20), Self.bytes("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
      (Self.bytes("Jefe"), Self.bytes("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
      ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
      (Array(1...25), [UInt8](repeating: 0xcd, count: 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
      (
        [UInt8](repeating: 0xaa, count: 131), Self.bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
      ),
      (
        [UInt8](repeating: 0xaa, count: 131),
        Self.bytes(
          "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
        ),
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
      ),
    ]
    for (key, message, expected) in cases {
      #expect(HMACSHA256.hex(key: key, message: message) == expected)
    }
  }

  @Test(.enabled(if: Python.executable != nil, "python3 is not installed"))
  func agreesWithPythonOnKeysAndMessagesOfEveryLengthAroundTheBlock() throws {
    var generator = SplitMix64(seed: 24)
    var lines: [String] = []
    var ours: [String] = []
    for keyLength in [0, 1, 16, 63, 64, 65, 200] {
      for messageLength in [0, 1, 55, 56, 64, 119, 1000] {
        let key = (0..<keyLength).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let message = (0..<messageLength).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        lines.append(SHA256.hexDigits(key) + " " + SHA256.hexDigits(message))
        ours.append(HMACSHA256.hex(key: key, message: message))
      }
    }
    let script = """
      import hmac, hashlib, sys
      for line in sys.stdin.read().split("\\n"):
          k, m = line.split(" ")
          print(hmac.new(bytes.fromhex(k), bytes.fromhex(m), hashlib.sha256).hexdigest())
      """
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("hmac-\(UUID().uuidString).txt")
    try lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: input) }
    let output = try Python.output("import sys; sys.stdin = open(sys.argv[1]); exec(sys.argv[2])", arguments: [input.path, script])
    #expect(output.split(separator: "\n").map(String.init) == ours)
  }
}

/// A database file with two submitted evaluations (a pass and a fail), opened through
/// callqa, and an attacker's connection to the same file as the sqlite3 shell would have
/// it: no recursive_triggers, no audit key.
struct ForgeFixture {
  let folder: URL
  let path: String
  let store: TestStore
  var db: QADatabase { store.db }
  let good: Int64
  let bad: Int64

  init(key: AuditKey? = nil) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("forge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("qa.sqlite").path
    store = try TestStore(database: try QADatabase(path: path, auditKey: key))
    good = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    bad = try store.score(call: "C-2", inspector: "QA1", sheet: TestStore.sheet(greet: false, tone: 0, hold: false, slang: 2))
  }

  func attacker() throws -> DatabaseQueue { try DatabaseQueue(path: path) }

  func cleanUp() { try? FileManager.default.removeItem(at: folder) }

  /// A trigger's SQL as the migrations create it.
  static func definition(of trigger: String) throws -> String {
    let reference = try DatabaseQueue(configuration: QADatabase.configuration())
    try Migrations.migrator.migrate(reference)
    return try reference.read { db in
      try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [trigger]) ?? ""
    }
  }

  /// The REPLACE forge of the probe: the good evaluation's rows copied onto the bad one.
  static let copyGoodOntoBad = """
    INSERT OR REPLACE INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed)
      SELECT 2, section, position, raw_score, score, weight, applicable, critical_failed FROM section_scores WHERE evaluation_id = 1;
    INSERT OR REPLACE INTO item_scores (evaluation_id, item, section, position, answer, earned, points, na, impact,
      critical_failed, note, proposed, overridden)
      SELECT 2, item, section, position, answer, earned, points, na, impact, critical_failed, note, proposed, overridden
      FROM item_scores WHERE evaluation_id = 1;
    INSERT OR REPLACE INTO evaluations (id, external_id, call_id, agent_id, scorecard_id, inspector_id, kind, status,
      raw_score, final_score, critical_failed, passed, band, comment, created_at, submitted_at, updated_at,
      calibration_session_id, revision_of, import_fingerprint)
      SELECT 2, NULL, (SELECT call_id FROM evaluations WHERE id = 2), agent_id, scorecard_id, inspector_id, kind, status,
      raw_score, final_score, critical_failed, passed, band, comment, created_at, submitted_at, updated_at,
      calibration_session_id, revision_of, import_fingerprint FROM evaluations WHERE id = 1;
    """

  static let insertTriggers = [
    "evaluations_history_insert", "item_scores_history_insert", "section_scores_history_insert",
  ]
}

@Suite("tamper-evident audit: the hash chain, evaluation digests and REPLACE refused")
struct AuditChainTests {
  @Test func aFreshChainVerifiesAndEachSubmissionCarriesItsDigest() throws {
    let fixture = try ForgeFixture()
    defer { fixture.cleanUp() }
    let verification = try fixture.db.verifyAudit()
    #expect(verification.findings == [])
    #expect(verification.evaluationsChecked == 2)
    let rows = try fixture.attacker().read { db in
      try Row.fetchAll(db, sql: "SELECT id, action, evaluation_digest, chain_hash FROM audit_log ORDER BY id")
    }
    #expect(verification.rowsChecked == rows.count)
    #expect(rows.allSatisfy { ($0["chain_hash"] as String?)?.hasPrefix("sha256:") == true })
    #expect(rows.filter { ($0["action"] as String) == "submit" }.allSatisfy { ($0["evaluation_digest"] as String?) != nil })
    #expect(verification.head == AuditHead(row: rows.last?["id"] ?? 0, hash: rows.last?["chain_hash"] ?? ""))
    // doctor runs the same check and says so
    let doctor = try fixture.db.doctor()
    #expect(doctor.healthy && doctor.audit == verification)
  }

  @Test func replaceOverASubmittedEvaluationIsRefusedForEveryConnection() throws {
    let fixture = try ForgeFixture()
    defer { fixture.cleanUp() }
    let attacker = try fixture.attacker()
    // The sqlite3 shell's connection (recursive_triggers off): the BEFORE INSERT triggers refuse
    for statement in ForgeFixture.copyGoodOntoBad.split(separator: ";").map(String.init)
    where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      #expect(throws: DatabaseError.self) { try attacker.write { db in try db.execute(sql: statement) } }
    }
    #expect(throws: DatabaseError.self) {
      try attacker.write { db in
        try db.execute(sql: "INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity) VALUES (1, 'x', 'x', 'x', 'x')")
      }
    }
    // callqa's own connections turn recursive_triggers on: with the insert triggers gone,
    // REPLACE's implicit delete still runs the delete triggers
    try attacker.write { db in for name in ForgeFixture.insertTriggers { try db.execute(sql: "DROP TRIGGER \(name)") } }
    #expect(throws: CallQAError.self) {
      try fixture.db.write { db in try db.execute(sql: ForgeFixture.copyGoodOntoBad) }
    }
    #expect(try fixture.db.evaluation(id: fixture.bad).passed == false)
  }

  @Test func aReplaceForgeWithTheTriggersPutBackIsReportedNamingTheEvaluation() throws {
    let fixture = try ForgeFixture()
    defer { fixture.cleanUp() }
    let attacker = try fixture.attacker()
    #expect(try fixture.db.evaluation(id: fixture.bad).passed == false)
    // Drop the insert triggers, forge, and put the triggers back exactly as they were
    try attacker.write { db in
      let definitions = try String.fetchAll(
        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('\(ForgeFixture.insertTriggers.joined(separator: "', '"))')")
      for name in ForgeFixture.insertTriggers { try db.execute(sql: "DROP TRIGGER \(name)") }
      try db.execute(sql: ForgeFixture.copyGoodOntoBad)
      for sql in definitions { try db.execute(sql: sql) }
    }
    #expect(try fixture.db.evaluation(id: fixture.bad).passed == true)  // FAIL turned into PASS
    let verification = try fixture.db.verifyAudit()
    #expect(verification.findings.map(\.check) == ["evaluation-digest"])
    #expect(verification.findings.first?.evaluation == fixture.bad)
    // The score recomputation alone cannot see it (the answers were copied with the scores)…
    let doctor = try fixture.db.doctor()
    #expect(!doctor.healthy)
    // … the digest does, and doctor names the evaluation
    #expect(doctor.findings.contains { $0.check == "evaluation-digest" && $0.evaluation == fixture.bad })
  }

  @Test func aDroppedTriggerAndAnUpdateAreReportedNamingTheEvaluation() throws {
    let fixture = try ForgeFixture()
    defer { fixture.cleanUp() }
    try fixture.attacker().write { db in
      try db.execute(sql: "DROP TRIGGER evaluations_history_update")
      try db.execute(sql: "UPDATE evaluations SET final_score = 99, passed = 1 WHERE id = ?", arguments: [fixture.bad])
    }
    let findings = try fixture.db.doctor().findings
    #expect(findings.contains { $0.check == "history-trigger" && $0.message == "trigger evaluations_history_update is missing" })
    #expect(findings.contains { $0.check == "evaluation-digest" && $0.evaluation == fixture.bad })
    // A trigger changed in place (made harmless) is reported too
    try fixture.attacker().write { db in
      try db.execute(sql: "DROP TRIGGER item_scores_history_update")
      try db.execute(sql: "CREATE TRIGGER item_scores_history_update BEFORE UPDATE ON item_scores WHEN 0 BEGIN SELECT 1; END")
    }
    #expect(try fixture.db.verifyAudit().findings.contains { $0.message == "trigger item_scores_history_update differs from its definition" })
  }

  @Test func anAuditRowRewrittenBreaksItsLinkNamingTheEvaluation() throws {
    let fixture = try ForgeFixture()
    defer { fixture.cleanUp() }
    let row = try #require(
      try fixture.attacker().read { db in
        try Int64.fetchOne(db, sql: "SELECT id FROM audit_log WHERE action = 'submit' AND entity_id = ?", arguments: [fixture.bad])
      })
    try fixture.attacker().write { db in
      try db.execute(sql: "DROP TRIGGER audit_log_append_only_update")
      try db.execute(sql: "UPDATE audit_log SET actor = 'someone-else' WHERE id = ?", arguments: [row])
    }
    let findings = try fixture.db.verifyAudit().findings
    #expect(findings.contains { $0.check == "audit-chain" && $0.evaluation == fixture.bad && $0.message.hasPrefix("audit row \(row):") })
  }

  @Test func aKeyedChainRemadeWithoutTheKeyIsDetected() throws {
    let key = try AuditKey(bytes: Array("a key of thirty-two bytes, ok!!!".utf8))
    let fixture = try ForgeFixture(key: key)
    defer { fixture.cleanUp() }
    let intact = try fixture.db.verifyAudit()
    #expect(intact.findings == [] && intact.sealedRows == intact.rowsChecked && intact.uncheckedSealedRows == 0)
    #expect(intact.head?.hash.hasPrefix("hmac-sha256:") == true)
    // Without the key, sealed rows are not checked and nothing can be written
    let keyless = try QADatabase(path: fixture.path)
    #expect(try keyless.verifyAudit().uncheckedSealedRows == intact.rowsChecked)
    #expect(throws: CallQAError.self) { try keyless.addAgent(AgentInput(code: "A9", name: "Nine", team: nil), actor: "x") }

    // The forger rewrites an evaluation, then recomputes every digest and the whole chain
    // without the key, as callqa itself would
    let forger = try DatabaseQueue(path: fixture.path, configuration: QADatabase.configuration())
    try forger.write { db in
      for name in ["evaluations_history_update", "audit_log_append_only_update"] { try db.execute(sql: "DROP TRIGGER \(name)") }
      try db.execute(sql: "UPDATE evaluations SET final_score = 99, passed = 1 WHERE id = ?", arguments: [fixture.bad])
      try QADatabase.rechainAuditLog(db)
    }
    try forger.write { db in
      for name in ["evaluations_history_update", "audit_log_append_only_update"] {
        try db.execute(sql: try ForgeFixture.definition(of: name))
      }
    }
    // Without the key the chain looks whole: only the head, witnessed elsewhere, differs
    let unkeyed = try keyless.verifyAudit()
    #expect(unkeyed.findings == [])
    #expect(unkeyed.head != intact.head)
    // With the key it is reported
    let keyed = try fixture.db.verifyAudit()
    #expect(keyed.findings.map(\.message) == ["no audit row is sealed with the audit key: the chain was made, or re-made, without it"])
    // A forger who keeps the sealed rows and re-makes only the rows after the forgery is caught too
    let other = try ForgeFixture(key: key)
    defer { other.cleanUp() }
    try other.db.addAgent(AgentInput(code: "A9", name: "Nine", team: nil), actor: "x")
    try other.attacker().write { db in
      try db.execute(sql: "DROP TRIGGER audit_log_append_only_update")
      let last = try #require(
        try Row.fetchOne(
          db, sql: "SELECT id, at, actor, action, entity, entity_id, before, after, evaluation_digest FROM audit_log ORDER BY id DESC LIMIT 1"))
      let id: Int64 = last["id"]
      let previous = try #require(try String.fetchOne(db, sql: "SELECT chain_hash FROM audit_log WHERE id = ?", arguments: [id - 1]))
      let forged = AuditChain.plainSeal(QADatabase.chainMessage(previous: previous, content: Array(last.databaseValues)))
      try db.execute(sql: "UPDATE audit_log SET chain_hash = ? WHERE id = ?", arguments: [forged, id])
    }
    #expect(try other.db.verifyAudit().findings.map(\.check) == ["history-trigger", "audit-seal"])
  }

  @Test func theMigrationChainsAnExistingLog() throws {
    let queue = try DatabaseQueue(configuration: QADatabase.configuration())
    try Migrations.migrator.migrate(queue, upTo: "Keep each call's evaluated flag")
    try queue.write { db in
      try db.execute(
        sql: HistoryMigrationTests.oneSubmittedEvaluation + """
          INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES ('now', 'lead', 'create', 'agent', 1);
          INSERT INTO audit_log (at, actor, action, entity, entity_id, after) VALUES ('now', 'QA1', 'submit', 'evaluation', 1, '{}');
          """)
    }
    let db = try QADatabase(writer: queue)
    let verification = try db.verifyAudit()
    #expect(verification.findings == [] && verification.rowsChecked == 2 && verification.evaluationsChecked == 1)
    let digest = try queue.read { db in try String.fetchOne(db, sql: "SELECT evaluation_digest FROM audit_log WHERE id = 2") }
    #expect(digest == (try queue.read { db in try QADatabase.evaluationDigest(db, id: 1) }))
    // And the next row continues the chain
    try db.addAgent(AgentInput(code: "A2", name: "Two", team: nil), actor: "lead")
    #expect(try db.verifyAudit().rowsChecked == 3 && (try db.verifyAudit().findings) == [])
  }
}
