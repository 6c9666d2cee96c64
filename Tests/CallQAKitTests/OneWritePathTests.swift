import Foundation
import GRDB
import Testing

@testable import CallQAKit

/// Every way an evaluation is submitted — an answers file, an interactive draft, an import, a
/// calibration scoring, a revision, the demo and the benchmark generator — goes through
/// ``QADatabase/storeSubmission(_:_:via:context:)``: the same answers give the same evaluation,
/// section and item rows and one audit row of the same shape, whatever the path.
@Suite("one write path: every path stores the same rows and audit shape for the same answers")
struct OneWritePathTests {
  /// What a path stored for one evaluation, without ids, timestamps and who/which call.
  struct Stored: Equatable, CustomStringConvertible {
    var evaluation: Row
    var sections: [Row]
    var items: [Row]
    /// The keys of the submission audit row's `after`, in stored order.
    var auditKeys: [String]
    /// Its values that depend on the answers only.
    var auditScores: [String]

    var description: String { "\(evaluation)\n\(sections)\n\(items)\n\(auditKeys)\n\(auditScores)" }
  }

  /// The submission audit row's `after` (exactly one per evaluation), parsed.
  static func audit(_ db: Database, _ id: Int64) throws -> (keys: [String], values: [String: Any]) {
    let rows = try String.fetchAll(
      db,
      sql: """
        SELECT after FROM audit_log WHERE entity = 'evaluation' AND entity_id = ? AND action = 'submit'
        """, arguments: [id])
    guard rows.count == 1, let text = rows.first,
      let values = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    else { throw CallQAError("evaluation \(id): \(rows.count) submission audit rows") }
    // Keys in stored order: every value is a string, number, boolean or null, so a key is a
    // quoted string followed by a colon.
    let keys = try NSRegularExpression(pattern: #""([a-z_]+)":"#)
      .matches(in: text, range: NSRange(text.startIndex..., in: text))
      .compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    return (keys, values)
  }

  static func stored(_ db: QADatabase, _ id: Int64) throws -> Stored {
    try db.read { db in
      guard
        let evaluation = try Row.fetchOne(
          db,
          sql: """
            SELECT status, raw_score, final_score, critical_failed, passed, band, comment FROM evaluations WHERE id = ?
            """, arguments: [id])
      else { throw CallQAError("no evaluation \(id)") }
      let sections = try Row.fetchAll(
        db,
        sql: """
          SELECT section, position, raw_score, score, weight, applicable, critical_failed
          FROM section_scores WHERE evaluation_id = ? ORDER BY position
          """, arguments: [id])
      let items = try Row.fetchAll(
        db,
        sql: """
          SELECT item, section, position, answer, earned, points, na, impact, critical_failed, note, proposed, overridden
          FROM item_scores WHERE evaluation_id = ? ORDER BY position
          """, arguments: [id])
      let (keys, values) = try audit(db, id)
      let scores = ["scorecard", "status", "raw_score", "final_score", "passed"].map { "\($0)=\(values[$0] ?? "missing")" }
      return Stored(evaluation: evaluation, sections: sections, items: items, auditKeys: keys, auditScores: scores)
    }
  }

  /// The answers and notes an evaluation was stored with.
  static func sheet(_ db: QADatabase, _ id: Int64) throws -> (StoredScorecard, AnswerSheet) {
    let stored = try db.scorecard(ofEvaluation: id)
    let detail = try db.evaluation(id: id)
    var answers: [String: Answer] = [:]
    var notes: [String: String] = [:]
    for item in detail.items {
      let scorecardItem = try #require(stored.scorecard.item(item.key))
      answers[item.key] = try scorecardItem.storedAnswer(try #require(item.answer))
      if let note = item.note { notes[item.key] = note }
    }
    return (stored, AnswerSheet(answers: answers, notes: notes, comment: detail.comment))
  }

  /// Submits `sheet` on scorecard `reference` through the five paths of a working database
  /// (answers file, draft, import, calibration, revision) and returns what each stored, by path.
  static func everyPath(_ reference: String, _ sheet: AnswerSheet) throws -> [String: Stored] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-onepath-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = try QADatabase(path: folder.appendingPathComponent("qa.sqlite").path)
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "test") }
    try db.addAgent(AgentInput(code: "A1", name: "王小明", team: "一组"), actor: "test")
    for code in ["QA1", "QA2", "LEAD"] { try db.addInspector(code: code, name: code, actor: "test") }
    let stored = try db.scorecard(reference: reference)
    let card = stored.scorecard
    let started = "2026-11-03T09:15:00+08:00"
    var ids: [String: Int64] = [:]

    // An answers file (JSON is YAML), parsed by the answers-file reader, then `score --answers`
    let file: [String: Any] = [
      "answers": sheet.answers.mapValues(\.text), "notes": sheet.notes, "comment": sheet.comment ?? NSNull(),
    ]
    let text = String(decoding: try JSONSerialization.data(withJSONObject: file, options: [.sortedKeys]), as: UTF8.self)
    let parsed = try AnswerSheet.parse(text: text, file: "answers.json", scorecard: card)
    #expect(parsed == sheet)
    ids["answers"] = try db.submit(
      EvaluationSubmission(
        scorecard: stored, agentCode: "A1", inspectorCode: "QA1", call: CallInput(externalId: "C-ANSWERS", startedAt: started),
        kind: .monitoring, sheet: parsed, actor: "QA1"))

    // The interactive draft, answered item by item (a draft has no comment)
    if sheet.comment == nil {
      let draft = try db.createDraft(
        DraftInput(
          scorecard: stored, agentCode: "A1", inspectorCode: "QA1", call: CallInput(externalId: "C-DRAFT", startedAt: started),
          actor: "QA1"))
      for (_, item) in card.allItems {
        try db.recordDraftAnswer(draft: draft, item: item.key, answer: try #require(sheet.answers[item.key]), actor: "QA1")
        if let note = sheet.notes[item.key] { try db.recordDraftNote(draft: draft, item: item.key, note: note, actor: "QA1") }
      }
      #expect(try db.submitDraft(draft, actor: "QA1") == (try Evaluator.evaluate(card, answers: sheet.answers, notes: sheet.notes)))
      ids["draft"] = draft
    }

    // An import file
    let path = folder.appendingPathComponent("evaluations.jsonl").path
    let writer = try ImportRecordWriter(path: path, format: .jsonl, itemKeys: card.allItems.map(\.item.key))
    try writer.write(
      EvaluationImportRecord(
        externalId: "EV-1", scorecard: reference, kind: "monitoring", agent: "A1", inspector: "QA1",
        call: CallInput(externalId: "C-IMPORT", startedAt: started),
        answers: card.allItems.map { ($0.item.key, RawAnswer.text(sheet.answers[$0.item.key]?.text ?? "")) },
        notes: sheet.notes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, comment: sheet.comment))
    try writer.close()
    #expect(try db.importEvaluations(path: path, options: EvaluationImportOptions(actor: "test")).added == 1)
    ids["import"] = try db.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM evaluations WHERE external_id = 'EV-1'") }

    // A calibration scoring of a session on a call
    let session = try db.createCalibrationSession(call: "C-ANSWERS", scorecard: card.reference, expert: nil, actor: "test")
    ids["calibration"] = try db.scoreCalibration(session: session.id, inspector: "QA2", sheet: sheet, actor: "QA2")

    // A revision through a dispute: the original is scored with other answers
    var other = sheet.answers
    let flip = try #require(card.allItems.first { $0.item.type == .yesno && $0.item.critical == .none }?.item.key)
    other[flip] = sheet.answers[flip] == .yes ? .no : .yes
    let original = try db.submit(
      EvaluationSubmission(
        scorecard: stored, agentCode: "A1", inspectorCode: "QA1", call: CallInput(externalId: "C-REVISED", startedAt: started),
        kind: .monitoring, sheet: AnswerSheet(answers: other, notes: sheet.notes, comment: sheet.comment), actor: "QA1"))
    let dispute = try db.openDispute(evaluation: original, by: "A1", reason: "复听", actor: "A1")
    let resolved = try db.reviseDispute(id: dispute.id, sheet: sheet, reviewer: "LEAD", note: nil, actor: "LEAD")
    let revision = try #require(resolved.revision)
    ids["revision"] = revision

    // Every path wrote its own links, and only there
    try db.read { db in
      func value(_ id: Int64, _ column: String) throws -> DatabaseValue {
        try DatabaseValue.fetchOne(db, sql: "SELECT \(column) FROM evaluations WHERE id = ?", arguments: [id]) ?? .null
      }
      for (path, id) in ids {
        #expect(try value(id, "revision_of") == (path == "revision" ? original.databaseValue : .null), "\(path)")
        #expect(try value(id, "calibration_session_id") == (path == "calibration" ? session.id.databaseValue : .null), "\(path)")
        #expect(try value(id, "external_id") == (path == "import" ? "EV-1".databaseValue : .null), "\(path)")
        #expect(try value(id, "kind") == (path == "calibration" ? "calibration" : "monitoring").databaseValue, "\(path)")
        let after = try Self.audit(db, id).values
        #expect(after["via"] as? String == path, "\(path)")
        #expect((after["revision_of"] as? Int).map(Int64.init) == (path == "revision" ? original : nil), "\(path)")
        #expect((after["dispute"] as? Int).map(Int64.init) == (path == "revision" ? dispute.id : nil), "\(path)")
        #expect((after["calibration_session"] as? Int).map(Int64.init) == (path == "calibration" ? session.id : nil), "\(path)")
        #expect(after["source"] as? String == (path == "import" ? "evaluations.jsonl" : nil), "\(path)")
        #expect(after["line"] as? Int == (path == "import" ? 1 : nil), "\(path)")
        #expect(after["external_id"] as? String == (path == "import" ? "EV-1" : nil), "\(path)")
      }
      // A submitted draft keeps its id: its own "create" row, then the one submission row
      if let draft = ids["draft"] {
        #expect(
          try String.fetchAll(
            db,
            sql: """
              SELECT action FROM audit_log WHERE entity = 'evaluation' AND entity_id = ? ORDER BY id
              """, arguments: [draft]) == ["create", "submit"])
      }
    }
    #expect(try db.doctor().healthy)
    return try ids.mapValues { try Self.stored(db, $0) }
  }

  /// Checks that every path stored `reference` (what the demo or bench stored for these answers).
  static func expectSame(_ reference: Stored, _ paths: [String: Stored], expected: Set<String>) {
    #expect(Set(paths.keys) == expected)
    for (path, stored) in paths.sorted(by: { $0.key < $1.key }) {
      #expect(stored.evaluation == reference.evaluation, "\(path)")
      #expect(stored.sections == reference.sections, "\(path)")
      #expect(stored.items == reference.items, "\(path)")
      #expect(stored.auditKeys == reference.auditKeys, "\(path)")
      #expect(stored.auditScores == reference.auditScores, "\(path)")
    }
  }

  static let shape = [
    "via", "scorecard", "agent", "inspector", "call", "kind", "status", "raw_score", "final_score", "passed",
    "external_id", "fingerprint", "source", "line", "revision_of", "dispute", "second_opinion", "calibration_session",
  ]

  @Test func theDemoAndEveryOtherPathStoreTheSameRowsAndAuditShape() throws {
    // Given a demo evaluation with notes on lost points (and no comment, which a draft cannot hold)
    let demo = try QADatabase.inMemory()
    _ = try demo.buildDemo(DemoOptions(agents: 8, months: 1, seed: 3, lastMonth: .init(year: 2026, month: 10)))
    let id = try #require(
      try demo.read { db in
        try Int64.fetchOne(
          db,
          sql: """
            SELECT e.id FROM evaluations e WHERE e.comment IS NULL AND e.kind = 'monitoring'
              AND (SELECT COUNT(*) FROM item_scores i WHERE i.evaluation_id = e.id AND i.note IS NOT NULL) > 0
              AND (SELECT COUNT(*) FROM item_scores i WHERE i.evaluation_id = e.id AND i.na = 1) > 0
            ORDER BY e.id LIMIT 1
            """)
      })
    let reference = try Self.stored(demo, id)
    #expect(reference.auditKeys == Self.shape)
    let (scorecard, sheet) = try Self.sheet(demo, id)
    #expect(!sheet.notes.isEmpty)
    // When the same answers are submitted through every other path, each stores the same rows
    let paths = try Self.everyPath(scorecard.scorecard.reference, sheet)
    Self.expectSame(reference, paths, expected: ["answers", "draft", "import", "calibration", "revision"])
  }

  @Test func theBenchAndEveryOtherPathStoreTheSameRowsAndAuditShape() throws {
    // Given a generated benchmark centre, which is doctor-clean (every row audited)
    let bench = try QADatabase.inMemory()
    try BenchmarkData(agents: 12, months: 1, evaluations: 300, firstMonth: "2026-03", seed: 5).generate(into: bench)
    let report = try bench.doctor()
    #expect(report.evaluationsChecked == 300)
    #expect(report.findings.isEmpty, "\(report.findings.prefix(3))")
    // with open disputes and revisions linked to what they revise, audited like `dispute resolve`
    let counts = try bench.read { db in
      try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM evaluations GROUP BY status ORDER BY status")
        .map { "\($0["status"] as String)=\($0["n"] as Int)" }
    }
    #expect(counts.count == 3, "\(counts)")
    let links = try bench.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT d.status AS dispute, o.status AS original, r.status AS revision, r.revision_of = o.id AS linked,
            (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'evaluation' AND a.entity_id = o.id AND a.action = 'revise') AS revise,
            (SELECT COUNT(*) FROM audit_log a WHERE a.entity = 'dispute' AND a.entity_id = d.id AND a.action = 'resolve') AS resolve
          FROM disputes d JOIN evaluations o ON o.id = d.evaluation_id LEFT JOIN evaluations r ON r.id = d.revision_id
          """)
    }
    func text(_ row: Row, _ column: String) -> String? { row[column] }
    #expect(links.contains { text($0, "dispute") == "open" } && links.contains { text($0, "dispute") == "revised" })
    for row in links {
      if text(row, "dispute") == "open" {
        #expect(text(row, "original") == "disputed")
      } else {
        #expect(text(row, "original") == "revised" && text(row, "revision") == "submitted")
        #expect(row["linked"] as Bool? == true)
        #expect(row["revise"] as Int? == 1 && row["resolve"] as Int? == 1)
      }
    }
    // Given a plain generated monitoring evaluation and a revision
    for via in ["bench", "revision"] {
      let id = try #require(
        try bench.read { db in
          try Int64.fetchOne(
            db,
            sql: """
              SELECT e.id FROM evaluations e JOIN audit_log a ON a.entity = 'evaluation' AND a.entity_id = e.id AND a.action = 'submit'
              WHERE e.kind = 'monitoring' AND e.status = 'submitted' AND json_extract(a.after, '$.via') = ?
              ORDER BY e.id LIMIT 1
              """, arguments: [via])
        })
      let reference = try Self.stored(bench, id)
      #expect(reference.auditKeys == Self.shape)
      let (scorecard, sheet) = try Self.sheet(bench, id)
      // When the same answers are submitted through every other path, each stores the same rows
      let paths = try Self.everyPath(scorecard.scorecard.reference, sheet)
      Self.expectSame(reference, paths, expected: ["answers", "draft", "import", "calibration", "revision"])
    }
  }

  @Test func aSheetWithACommentIsStoredAlikeByEveryPathThatTakesOne() throws {
    let card = try #require(try ShippedScorecards.all().first { $0.key == "complaint-handling" })
    var answers: [String: Answer] = [:]
    for (_, item) in card.allItems {
      switch item.type {
      case .yesno: answers[item.key] = item.na ? .notApplicable : .yes
      case .scale: answers[item.key] = .level(item.levels.map(\.score).min() ?? 0)
      case .deduction: answers[item.key] = .count(1)
      }
    }
    let sheet = AnswerSheet(answers: answers, notes: [card.allItems[0].item.key: "客户抱怨时说了“好好好”"], comment: "整体不错")
    let paths = try Self.everyPath(card.reference, sheet)
    let reference = try #require(paths["answers"])
    #expect(reference.auditKeys == Self.shape)
    Self.expectSame(reference, paths, expected: ["answers", "import", "calibration", "revision"])
  }

  @Test func answersThatAreNotTheScorecardsAreRefusedOnEveryPathBeforeAnythingIsWritten() throws {
    let db = try QADatabase.inMemory()
    for card in try ShippedScorecards.all() { try db.importScorecard(card, actor: "test") }
    try db.addAgent(AgentInput(code: "A1", name: "王小明", team: nil), actor: "test")
    try db.addInspector(code: "QA1", name: "QA1", actor: "test")
    try db.addInspector(code: "LEAD", name: "LEAD", actor: "test")
    let stored = try db.scorecard(reference: "inbound-service")
    let good = StoreFixture.perfectAnswers(stored.scorecard)
    func submission(_ answers: [String: Answer], notes: [String: String] = [:]) -> EvaluationSubmission {
      EvaluationSubmission(
        scorecard: stored, agentCode: "A1", inspectorCode: "QA1", call: CallInput(externalId: "C-1"), kind: .monitoring,
        sheet: AnswerSheet(answers: answers, notes: notes), actor: "QA1")
    }
    let id = try db.submit(submission(good))
    let dispute = try db.openDispute(evaluation: id, by: "A1", reason: "复听", actor: "A1")
    let bad: [([String: Answer], [String: String], String)] = [
      (good.merging(["greeting": .level(7)]) { $1 }, [:], "item 'greeting': 7 is not a level score (allowed: 10, 5, 0)"),
      (good.merging(["three-rings": .notApplicable]) { $1 }, [:], "item 'three-rings': N/A is not allowed for this item"),
      (good.merging(["greeting": .yes]) { $1 }, [:], "item 'greeting': 'yes' is not an answer for a scale item"),
      (good.merging(["let-customer-finish": .count(-1)]) { $1 }, [:], "item 'let-customer-finish': the occurrence count cannot be negative (-1)"),
      (good.merging(["no-such-item": .yes]) { $1 }, [:], "unknown item 'no-such-item' (not on scorecard inbound-service@1)"),
      (good.filter { $0.key != "closing" }, [:], "no answer for item 'closing'"),
      (good, ["no-such-item": "x"], "note for unknown item 'no-such-item'"),
    ]
    let before = try Self.counts(db)
    for (answers, notes, message) in bad {
      #expect(throws: CallQAError(message)) { try db.submit(submission(answers, notes: notes)) }
      #expect(throws: CallQAError(message)) {
        try db.reviseDispute(id: dispute.id, sheet: AnswerSheet(answers: answers, notes: notes), reviewer: "LEAD", note: nil, actor: "LEAD")
      }
    }
    #expect(try Self.counts(db) == before)
    #expect(try db.dispute(id: dispute.id).status == .open)
  }

  static func counts(_ db: QADatabase) throws -> [Int] {
    try db.read { db in
      try ["evaluations", "item_scores", "section_scores", "audit_log", "calls", "disputes"].map {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
      }
    }
  }
}
