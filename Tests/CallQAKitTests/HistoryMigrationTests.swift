import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("Upgrading a database made before calibration and disputes existed")
struct HistoryMigrationTests {
  /// One submitted evaluation (id 1) and its people, call and scorecard, as raw rows of the
  /// foundation's schema.
  static let oneSubmittedEvaluation = """
    INSERT INTO scorecards (id, key, version, fingerprint, title, definition, imported_at) VALUES (1, 'k', 1, 'f', 't', '{}', 'now');
    INSERT INTO agents (id, code, name, created_at) VALUES (1, 'A1', 'A', 'now');
    INSERT INTO inspectors (id, code, name, created_at) VALUES (1, 'QA1', 'Q', 'now');
    INSERT INTO calls (id, external_id, agent_id, started_at) VALUES (1, 'C-1', 1, '2026-11-03T09:00:00+08:00');
    INSERT INTO evaluations (id, call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score, final_score,
      critical_failed, passed, created_at, submitted_at, updated_at)
    VALUES (1, 1, 1, 1, 1, 'monitoring', 'submitted', 90, 90, 0, 1, 'now', 'now', 'now');
    INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points) VALUES (1, 'i', 's', 0, 'yes', 5, 5);

    """

  @Test func existingSubmittedEvaluationsBecomeProtected() throws {
    // Given a database at the foundation's schema with a submitted evaluation
    let queue = try DatabaseQueue(configuration: QADatabase.configuration())
    try Migrations.migrator.migrate(queue, upTo: "Create core tables")
    try queue.write { db in
      try db.execute(sql: Self.oneSubmittedEvaluation + "UPDATE evaluations SET final_score = 91 WHERE id = 1;")
    }
    // When the rest of the migrations run
    let db = try QADatabase(writer: queue)
    #expect(try db.appliedMigrations().contains("Add calibration sessions, disputes, revisions and immutable history"))
    // Then the old row has no session nor revision link and can no longer be rewritten
    let record = try #require(try queue.read { db in try EvaluationRecord.fetchOne(db, key: 1) })
    #expect(record.calibrationSessionId == nil && record.revisionOf == nil && record.finalScore == 91)
    #expect(throws: DatabaseError.self) {
      try queue.write { db in try db.execute(sql: "UPDATE evaluations SET final_score = 100 WHERE id = 1") }
    }
    #expect(throws: DatabaseError.self) {
      try queue.write { db in try db.execute(sql: "UPDATE item_scores SET earned = 0 WHERE evaluation_id = 1") }
    }
  }

  @Test func emptySessionShowsNothingToCompare() throws {
    let store = try TestStore()
    try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    let session = try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: nil, actor: "lead")
    let comparison = try store.db.calibrationComparison(session: session.id)
    #expect(comparison.referenceFinal == nil)
    #expect(comparison.inspectors.isEmpty)
    #expect(comparison.items.allSatisfy { $0.reference == nil && !$0.disagreement })
    // One rater: the mean is that rater, deviation 0
    try store.db.scoreCalibration(session: session.id, inspector: "QA2", sheet: TestStore.sheet(tone: 10), actor: "QA2")
    let single = try store.db.calibrationComparison(session: session.id)
    #expect(single.referenceFinal == 80)
    #expect(single.inspectors.map(\.signedDeviation) == [0])
    #expect(try store.db.calibrationReport().items.allSatisfy { $0.alpha == nil && $0.sessions == 0 })
  }
}
