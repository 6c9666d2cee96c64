import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("doctor, backup and restore")
struct MaintenanceTests {
  /// A file database in a temporary folder with two submitted evaluations.
  static func fileFixture() throws -> (QADatabase, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-maint-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let db = try QADatabase(path: folder.appendingPathComponent("qa.sqlite").path)
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "t") }
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "t")
    try db.addInspector(code: "QA1", name: "李质检", actor: "t")
    let inbound = try db.scorecard(reference: "inbound-service")
    for call in ["C-1", "C-2"] {
      var answers = StoreFixture.perfectAnswers(inbound.scorecard)
      answers["greeting"] = .level(5)
      try db.submit(
        EvaluationSubmission(
          scorecard: inbound, agentCode: "A001", inspectorCode: "QA1", call: CallInput(externalId: call),
          kind: .monitoring, sheet: AnswerSheet(answers: answers), actor: "QA1"))
    }
    return (db, folder)
  }

  @Test func healthyDatabasePasses() throws {
    let (db, folder) = try Self.fileFixture()
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = try db.doctor()
    #expect(report.healthy && report.evaluationsChecked == 2)
  }

  @Test func detectsACorruptedScoreAMissingItemRowAndAMissingAuditRow() throws {
    let (db, folder) = try Self.fileFixture()
    defer { try? FileManager.default.removeItem(at: folder) }
    // Raw writes that bypass the store, as a stray tool or a bug would.
    try db.write { db in
      // (The history triggers forbid exactly this; drop them to simulate a tool that did.)
      for trigger in ["evaluations_history_update", "item_scores_history_delete", "audit_log_append_only_delete"] {
        try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
      }
      try db.execute(sql: "UPDATE evaluations SET final_score = 99 WHERE id = 1")
      try db.execute(sql: "DELETE FROM item_scores WHERE evaluation_id = 2 AND item = 'closing'")
      try db.execute(sql: "DELETE FROM audit_log WHERE entity = 'evaluation' AND entity_id = 2")
    }
    let report = try db.doctor()
    let checks = Set(report.findings.map { "\($0.check)#\($0.evaluation ?? 0)" })
    // The audit chain sees the dropped triggers and evaluation 1 differing from its digest too
    // (evaluation 2's digest went with its audit row); the summaries no longer add up to the
    // changed final score.
    #expect(
      checks == [
        "score-mismatch#1", "missing-items#2", "missing-audit#2", "history-trigger#0", "evaluation-digest#1", "summaries#0",
      ],
      "\(report.findings)")
    #expect(report.findings.first { $0.check == "missing-items" }?.message == "no item row for closing")
  }

  @Test func backupIsConsistentAndRestoreRoundTrips() throws {
    let (db, folder) = try Self.fileFixture()
    defer { try? FileManager.default.removeItem(at: folder) }
    let backup = folder.appendingPathComponent("backup.sqlite").path
    try db.backup(to: backup)
    // Changes after the backup are undone by restoring it.
    try db.addAgent(AgentInput(code: "A002", name: "后来的人", team: nil), actor: "t")
    let restored = try QADatabase(path: folder.appendingPathComponent("other.sqlite").path)
    try restored.restore(from: backup, actor: "test")
    #expect(try restored.agents().map(\.code) == ["A001"])
    #expect(try restored.evaluations(EvaluationFilter()).count == 2)
    #expect(try restored.doctor().healthy)
    // A file that is not a database is refused before anything changes.
    let junk = folder.appendingPathComponent("junk.sqlite")
    try Data("not a database".utf8).write(to: junk)
    #expect(throws: CallQAError.self) { try restored.restore(from: junk.path, actor: "test") }
    #expect(try restored.evaluations(EvaluationFilter()).count == 2)
  }
}
