import Foundation
import TestOracles
import Testing

/// The forges of issue 24's probe, made with the sqlite3 shell on a demo centre, and what
/// `callqa audit verify` and `callqa doctor` say about them.
@Suite("audit verify and doctor through the built binary: forges with the sqlite3 shell")
struct AuditChainEndToEndTests {
  static func sqlite(_ path: String, _ sql: String) throws -> CLIHarness.Result {
    let tool = try #require(Tools.which("sqlite3"), "sqlite3 is not installed (apt-get install sqlite3)")
    let result = try Tools.run(tool, [path, sql])
    return CLIHarness.Result(status: result.status, stdout: result.output, stderr: result.output)
  }

  static func centre() throws -> CLIHarness {
    let cli = try CLIHarness()
    try cli.ok(["demo", "--agents", "2", "--months", "1", "--last-month", "2026-10"])
    return cli
  }

  @Test func replaceIsRefusedAndAForgeBehindPutBackTriggersIsNamed() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let verified = try cli.ok(["audit", "verify"])
    #expect(verified.hasPrefix("ok: ") && verified.contains("evaluations match their digests"), "\(verified)")
    let head = try #require(verified.split(separator: "\n").first { $0.hasPrefix("head: #") })

    // The probe's REPLACE over a submitted evaluation is refused by the schema itself
    let target = try Self.sqlite(cli.database, "SELECT id FROM evaluations WHERE passed = 0 AND status = 'submitted' LIMIT 1;")
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!target.isEmpty)
    let replace = try Self.sqlite(
      cli.database,
      "INSERT OR REPLACE INTO evaluations SELECT * FROM evaluations WHERE id = \(target);")
    #expect(replace.status != 0 && replace.stderr.contains("submitted evaluations cannot be replaced"), "\(replace.stderr)")
    #expect(try cli.ok(["audit", "verify"]) == verified)

    // Drop the insert trigger, replace an item row with full points, put the trigger back
    let saved = try Self.sqlite(cli.database, "SELECT sql FROM sqlite_master WHERE name = 'item_scores_history_insert';").stdout
    #expect(saved.contains("CREATE TRIGGER"))
    let forged = try Self.sqlite(
      cli.database,
      """
      DROP TRIGGER item_scores_history_insert;
      INSERT OR REPLACE INTO item_scores SELECT evaluation_id, item, section, position, answer, points, points, na, 0,
        critical_failed, note, proposed, overridden, causes FROM item_scores WHERE evaluation_id = \(target) AND earned < points LIMIT 1;
      \(saved);
      """)
    #expect(forged.status == 0, "\(forged.stderr)")

    let broken = try cli.run(["audit", "verify", "--db", cli.database])
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("evaluation-digest") && broken.stdout.contains(" \(target) "), "\(broken.stdout)")
    let json = try #require(try CLIHarness.json(try cli.run(["audit", "verify", "--format", "json", "--db", cli.database]).stdout) as? [String: Any])
    let findings = try #require(json["findings"] as? [[String: Any]])
    #expect(findings.map { $0["check"] as? String } == ["evaluation-digest"])
    #expect(findings.first?["evaluation"] as? Int == Int(target))
    let doctor = try cli.run(["doctor", "--db", cli.database])
    #expect(doctor.status == 1 && doctor.stdout.contains("evaluation-digest"), "\(doctor.stdout)")
    // The head is unchanged: the forge touched no audit row, the digest is what shows it
    #expect(
      try cli.run(["audit", "verify", "--format", "json", "--db", cli.database]).stdout.contains(
        String(head.dropFirst("head: #".count).split(separator: " ")[1])))
  }

  @Test func aDroppedTriggerThenAnUpdateIsNamed() throws {
    let cli = try Self.centre()
    defer { cli.cleanUp() }
    let target = try Self.sqlite(cli.database, "SELECT id FROM evaluations WHERE status = 'submitted' ORDER BY id DESC LIMIT 1;")
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let update = try Self.sqlite(
      cli.database,
      "DROP TRIGGER evaluations_history_update; UPDATE evaluations SET final_score = 100, passed = 1 WHERE id = \(target);")
    #expect(update.status == 0, "\(update.stderr)")
    let doctor = try cli.run(["doctor", "--db", cli.database])
    #expect(doctor.status == 1)
    #expect(doctor.stdout.contains("trigger evaluations_history_update is missing"), "\(doctor.stdout)")
    #expect(doctor.stdout.contains("evaluation-digest") && doctor.stdout.contains(" \(target) "))
  }

  @Test func aKeyedChainRefusesKeylessWritesAndReportsSealsItCannotCheck() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    let key = try cli.write("audit.key", "0123456789abcdef0123456789abcdef\n")
    let env = ["CALLQA_AUDIT_KEY": key]
    #expect(try cli.run(["init", "--db", cli.database], environment: env).status == 0)
    #expect(try cli.run(["agent", "add", "A1", "--name", "One", "--db", cli.database], environment: env).status == 0)
    let keyed = try cli.run(["audit", "verify", "--db", cli.database], environment: env)
    #expect(keyed.status == 0 && keyed.stdout.contains("sealed") && keyed.stdout.contains("head: #"), "\(keyed.stdout)")
    let keyless = try cli.ok(["audit", "verify"])
    #expect(keyless.contains("sealed rows not checked: give the audit key with --audit-key FILE"), "\(keyless)")
    let refused = try cli.run(["agent", "add", "A2", "--name", "Two", "--db", cli.database])
    #expect(refused.status == 77 && refused.stderr.contains("sealed with an audit key"), "\(refused.stderr)")
    #expect(try cli.run(["agent", "add", "A2", "--name", "Two", "--audit-key", key, "--db", cli.database]).status == 0)
    let short = try cli.write("short.key", "abc")
    let bad = try cli.run(["audit", "verify", "--audit-key", short, "--db", cli.database])
    #expect(bad.status == 1 && bad.stderr.contains("at least 16 bytes"), "\(bad.stderr)")
  }
}
