import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("Disputes, revisions and the immutable history")
struct DisputeTests {
  @Test(arguments: EngineFixture.engines) func reviseKeepsTheOldVersionAndTheAuditTrailAndUsesTheOriginalScorecardVersion(_ engine: StoreEngineKind) throws {
    // Given an evaluation scored on calib-test@1 (greet no → 40/50 = 80) and a newer version 2
    // in which greet is worth 30 points
    let store = try TestStore(database: try EngineFixture.open(engine))
    let original = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet(greet: false))
    try store.db.importScorecard(try ScorecardLoader.load(path: TestStore.fixture("calib-test-v2.yaml")), actor: "test")
    #expect(try store.db.evaluation(id: original).finalScore == 80)
    // When the agent disputes it
    let dispute = try store.db.openDispute(evaluation: original, by: "A1", reason: "I did greet", actor: "A1")
    #expect(dispute.status == .open)
    #expect(try store.db.evaluation(id: original).status == .disputed)
    // Disputed evaluations still count until resolved
    #expect(try store.db.inspectorDrift().rows.first?.meanFinal == 80)
    #expect(try store.db.inspectorDrift().rows.first?.disputed == 1)
    // And the reviewer revises it with greet yes (one slang word stays)
    let resolved = try store.db.reviseDispute(
      id: dispute.id, sheet: TestStore.sheet(slang: 1), reviewer: "LEAD", note: "greeting heard at 0:03", actor: "LEAD")
    // Then a new evaluation holds the score recomputed with version 1: 45/50 = 90
    // (version 2 would give 65/70 = 92.9), with greet worth 10 points as in version 1
    let revisionId = try #require(resolved.revision)
    let revision = try store.db.evaluation(id: revisionId)
    #expect(revision.scorecard.version == 1)
    #expect(revision.finalScore == 90)
    #expect(revision.items.first { $0.key == "greet" }?.points == 10)
    #expect(revision.status == .submitted)
    #expect(resolved.status == .revised)
    #expect(resolved.revisedFinalScore == 90)
    // And the old version stays readable, unchanged but for its status
    let old = try store.db.evaluation(id: original)
    #expect(old.status == .revised)
    #expect(old.finalScore == 80)
    #expect(old.items.first { $0.key == "greet" }?.answer == "no")
    let history = try store.db.history(ofEvaluation: original)
    #expect(history.revisedBy == revisionId)
    #expect(try store.db.history(ofEvaluation: revisionId).revisionOf == original)
    // And reports use the revision
    let drift = try store.db.inspectorDrift()
    #expect(drift.rows.count == 1)
    #expect(drift.rows.first?.evaluations == 1)
    #expect(drift.rows.first?.meanFinal == 90)
    #expect(drift.rows.first?.disputed == 0)
    // And the audit trail of either version shows submit, dispute, the revision's submission
    // (the one shape of every submission, linked to what it revises), resolution and revision
    let audit = try store.db.auditLog(evaluation: revisionId)
    #expect(audit.map(\.action) == ["submit", "dispute", "submit", "resolve", "revise"])
    #expect(audit.map(\.entityId) == [original, original, revisionId, dispute.id, original])
    guard case .object(let submitted)? = audit[2].after else {
      Issue.record("the revision's submission audit row has no after object")
      return
    }
    #expect(submitted["via"] == .string("revision"))
    #expect(submitted["revision_of"] == .number(Double(original)))
    #expect(submitted["dispute"] == .number(Double(dispute.id)))
    #expect(submitted["final_score"] == .number(90))
    #expect(audit == (try store.db.auditLog(evaluation: original)))
    let revise = try #require(audit.first { $0.action == "revise" })
    guard case .object(let before)? = revise.before, case .object(let after)? = revise.after else {
      Issue.record("revise audit row without before/after objects")
      return
    }
    #expect(before["final_score"] == .string("80.0"))
    #expect(after["final_score"] == .string("90.0"))
    #expect(revise.actor == "local-admin (LEAD)")
  }

  @Test(arguments: EngineFixture.engines) func upholdReturnsToSubmitted(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    let id = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet(slang: 2))
    let dispute = try store.db.openDispute(evaluation: id, by: "A1", reason: "too harsh", actor: "A1")
    let resolved = try store.db.upholdDispute(id: dispute.id, reviewer: "LEAD", note: "two slang words heard", actor: "LEAD")
    #expect(resolved.status == .upheld && resolved.revision == nil)
    #expect(try store.db.evaluation(id: id).status == .submitted)
    #expect(try store.db.auditLog(evaluation: id).map(\.action) == ["submit", "dispute", "resolve", "uphold"])
    // A resolved dispute cannot be resolved again; a new dispute can be opened
    #expect(throws: CallQAError.self) {
      try store.db.upholdDispute(id: dispute.id, reviewer: "LEAD", note: nil, actor: "LEAD")
    }
    let again = try store.db.openDispute(evaluation: id, by: "A1", reason: "second look", actor: "A1")
    #expect(try store.db.disputes(status: .open).map(\.id) == [again.id])
    // A limit keeps the newest
    #expect(try store.db.disputes().map(\.id) == [again.id, dispute.id])
    #expect(try store.db.disputes(limit: 1).map(\.id) == [again.id])
    #expect(try store.db.disputes(status: .upheld, limit: 1).map(\.id) == [dispute.id])
  }

  @Test(arguments: EngineFixture.engines) func disputeRules(_ engine: StoreEngineKind) throws {
    let store = try TestStore(database: try EngineFixture.open(engine))
    let id = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: id, by: "A2", reason: "not mine", actor: "A2") }
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: id, by: "A1", reason: "  ", actor: "A1") }
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: 999, by: "A1", reason: "x", actor: "A1") }
    let dispute = try store.db.openDispute(evaluation: id, by: "A1", reason: "x", actor: "A1")
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: id, by: "A1", reason: "again", actor: "A1") }
    let revised = try store.db.reviseDispute(id: dispute.id, sheet: TestStore.sheet(tone: 10), reviewer: "LEAD", note: nil, actor: "LEAD")
    // The revised version cannot be disputed; its revision can
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: id, by: "A1", reason: "x", actor: "A1") }
    #expect(try store.db.openDispute(evaluation: try #require(revised.revision), by: "A1", reason: "x", actor: "A1").status == .open)
    // Calibration scorings cannot be disputed
    let session = try store.db.createCalibrationSession(call: "C-1", scorecard: "calib-test", expert: nil, actor: "lead")
    let calibration = try store.db.scoreCalibration(session: session.id, inspector: "QA2", sheet: TestStore.sheet(), actor: "QA2")
    #expect(throws: CallQAError.self) { try store.db.openDispute(evaluation: calibration, by: "A1", reason: "x", actor: "A1") }
  }

  @Test func rawUpdatesOfSubmittedRowsFail() throws {
    let store = try TestStore()
    let id = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    let statements: [String] = [
      "UPDATE evaluations SET final_score = 10 WHERE id = ?",
      "UPDATE evaluations SET passed = 0, raw_score = 1 WHERE id = ?",
      "UPDATE evaluations SET status = 'draft' WHERE id = ?",
      "UPDATE evaluations SET inspector_id = inspector_id + 1 WHERE id = ?",
      "DELETE FROM evaluations WHERE id = ?",
      "UPDATE item_scores SET earned = 0 WHERE evaluation_id = ?",
      "DELETE FROM item_scores WHERE evaluation_id = ?",
      "UPDATE section_scores SET score = 0 WHERE evaluation_id = ?",
      "DELETE FROM section_scores WHERE evaluation_id = ?",
      "UPDATE audit_log SET actor = 'someone else' WHERE entity_id = ?",
      "DELETE FROM audit_log WHERE entity_id = ?",
    ]
    for sql in statements {
      #expect(throws: CallQAError.self, "\(sql) should fail") {
        try store.db.write { db in try db.execute(sql: sql, arguments: [id]) }
      }
    }
    // Nothing changed
    let detail = try store.db.evaluation(id: id)
    #expect(detail.finalScore == 100 && detail.status == .submitted && detail.items.count == 4)
    // The allowed status changes pass the trigger
    try store.db.write { db in
      try db.execute(sql: "UPDATE evaluations SET status = 'disputed', updated_at = 'now' WHERE id = ?", arguments: [id])
      try db.execute(sql: "UPDATE evaluations SET status = 'submitted' WHERE id = ?", arguments: [id])
    }
  }

  @Test func draftsStayEditableUntilSubmitted() throws {
    // Given a draft written the way interactive scoring does: an evaluation row and item rows
    let store = try TestStore()
    let seed = try store.score(call: "C-1", inspector: "QA1", sheet: TestStore.sheet())
    let draftId: Int64 = try store.db.write { db in
      try db.execute(
        sql: """
          INSERT INTO evaluations (call_id, agent_id, scorecard_id, inspector_id, kind, status, created_at, updated_at)
          SELECT call_id, agent_id, scorecard_id, inspector_id, 'test-call', 'draft', 'now', 'now' FROM evaluations WHERE id = ?
          """, arguments: [seed])
      let id = db.lastInsertedRowID
      try db.execute(sql: "INSERT INTO item_scores (evaluation_id, item, section, position, points) VALUES (?, 'greet', 's1', 0, 10)", arguments: [id])
      return id
    }
    // When it is edited and deleted rows are replaced
    try store.db.write { db in
      try db.execute(sql: "UPDATE item_scores SET answer = 'yes', earned = 10 WHERE evaluation_id = ?", arguments: [draftId])
      try db.execute(sql: "UPDATE evaluations SET comment = 'half way' WHERE id = ?", arguments: [draftId])
      try db.execute(sql: "DELETE FROM item_scores WHERE evaluation_id = ?", arguments: [draftId])
      try db.execute(
        sql: "INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points) VALUES (?, 'greet', 's1', 0, 'yes', 10, 10)",
        arguments: [draftId])
    }
    // And finally submitted with its scores in one transaction
    try store.db.write { db in
      try db.execute(sql: "UPDATE item_scores SET impact = 0 WHERE evaluation_id = ?", arguments: [draftId])
      try db.execute(
        sql: """
          UPDATE evaluations SET status = 'submitted', raw_score = 100, final_score = 100, critical_failed = 0,
            passed = 1, submitted_at = 'now' WHERE id = ?
          """, arguments: [draftId])
    }
    // Then it is frozen like any submitted evaluation
    #expect(throws: CallQAError.self) {
      try store.db.write { db in try db.execute(sql: "UPDATE evaluations SET final_score = 0 WHERE id = ?", arguments: [draftId]) }
    }
    #expect(throws: CallQAError.self) {
      try store.db.write { db in try db.execute(sql: "UPDATE item_scores SET earned = 0 WHERE evaluation_id = ?", arguments: [draftId]) }
    }
    // And a draft can be deleted (with its item rows)
    let other: Int64 = try store.db.write { db in
      try db.execute(
        sql: """
          INSERT INTO evaluations (call_id, agent_id, scorecard_id, inspector_id, kind, status, created_at, updated_at)
          SELECT call_id, agent_id, scorecard_id, inspector_id, 'test-call', 'draft', 'now', 'now' FROM evaluations WHERE id = ?
          """, arguments: [seed])
      let id = db.lastInsertedRowID
      try db.execute(sql: "INSERT INTO item_scores (evaluation_id, item, section, position, points) VALUES (?, 'greet', 's1', 0, 10)", arguments: [id])
      return id
    }
    try store.db.write { db in try db.execute(sql: "DELETE FROM evaluations WHERE id = ?", arguments: [other]) }
    #expect(try store.db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM item_scores WHERE evaluation_id = ?", arguments: [other]) } == 0)
  }
}
