import Foundation
import GRDB
import Testing

@testable import CallQAKit

@Suite("evaluation import: same results as scoring, atomic, re-runnable")
struct EvaluationImportTests {
  static let options = EvaluationImportOptions(actor: "test")

  /// The parts of an evaluation that scoring decides (not ids or times).
  static func essence(_ d: EvaluationDetail) -> String {
    let items = d.items.map {
      "\($0.key)|\($0.section)|\($0.answer ?? "-")|\($0.earned.map { String($0) } ?? "-")|\($0.points)|\($0.na)|\($0.impact.map { String($0) } ?? "-")|\($0.note ?? "")"
    }
    let sections = d.sections.map { "\($0.key)|\($0.score.map { String($0) } ?? "-")|\($0.weight)|\($0.applicable)" }
    return
      ([
        d.scorecard.key, String(d.scorecard.version), d.agent, d.inspector, d.call, d.callStartedAt ?? "",
        d.kind.rawValue, d.status.rawValue, String(d.rawScore ?? -1), String(d.finalScore ?? -1),
        String(d.criticalFailed ?? false), String(d.passed ?? false), d.band ?? "", d.comment ?? "",
      ] + sections + items).joined(separator: "\n")
  }

  static func allEssences(_ db: QADatabase) throws -> [String: String] {
    var result: [String: String] = [:]
    for summary in try db.evaluations(EvaluationFilter()) {
      let detail = try db.evaluation(id: summary.id)
      result[detail.call] = essence(detail)
    }
    return result
  }

  @Test(arguments: EngineFixture.engines) func jsonlAndCSVImportsEqualScoringTheSameAnswers(_ engine: StoreEngineKind) throws {
    // Given the fixture's three records scored one by one through the `score --answers` path
    let scored = try databaseWithScorecards()
    let records: [(String, String, String, EvaluationKind, String, String, String)] = [
      ("IMP-1", "inbound-service", "A001", .monitoring, "QA1", "C-1", "2026-11-03T09:15:00+08:00"),
      ("IMP-2", "outbound-sales@1", "B007", .testCall, "QA2", "C-2", "2026-11-04T14:02:10+08:00"),
      ("IMP-3", "complaint-handling", "A001", .monitoring, "QA1", "C-3", "2026-11-05T10:00:00+08:00"),
    ]
    for (id, card, agent, kind, inspector, call, started) in records {
      let stored = try scored.scorecard(reference: card)
      let sheet = try AnswerSheet.load(path: try fixturePath("import/\(id).answers.json"), scorecard: stored.scorecard)
      try scored.submit(
        EvaluationSubmission(
          scorecard: stored, agentCode: agent, inspectorCode: inspector,
          call: CallInput(externalId: call, startedAt: started), kind: kind, sheet: sheet,
          createMissingPeople: true, actor: "test"))
    }
    let expected = try Self.allEssences(scored)
    #expect(expected.count == 3)

    for file in ["evaluations.jsonl", "evaluations.csv"] {
      // When the same answers are imported from JSONL and from CSV
      let imported = try databaseWithScorecards(engine: engine)
      let summary = try imported.importEvaluations(path: try fixturePath("import/\(file)"), options: Self.options)
      // Then the stored evaluations are exactly the scored ones
      #expect(summary.added == 3, "\(file)")
      #expect(try Self.allEssences(imported) == expected, "\(file)")
    }
    // And the hand-checked outcomes hold: IMP-3 fails a critical item, IMP-2 loses its compliance section
    let details = try scored.evaluations(EvaluationFilter()).map { try scored.evaluation(id: $0.id) }
    let critical = try #require(details.first { $0.call == "C-3" })
    #expect(critical.finalScore == 0 && critical.criticalFailed == true)
    let sales = try #require(details.first { $0.call == "C-2" })
    #expect(sales.sections.first { $0.key == "compliance" }?.score == 0)
  }

  @Test func jsonlAndCSVOfTheSameRecordsHaveTheSameFingerprints() throws {
    // Given the fixture imported as JSONL
    let db = try databaseWithScorecards()
    _ = try db.importEvaluations(path: try fixturePath("import/evaluations.jsonl"), options: Self.options)
    // When the CSV with the same records (other spellings, other order) is imported too
    let again = try db.importEvaluations(path: try fixturePath("import/evaluations.csv"), options: Self.options)
    // Then nothing is added and nothing is reported as changed
    #expect(again.added == 0 && again.unchanged == 3 && again.changedCount == 0)
  }

  static func generated(_ folder: TemporaryFolder, _ name: String, count: Int = 100) throws -> String {
    let path = folder.path(name)
    let format: ImportRecordWriter.Format = name.hasSuffix(".csv") ? .csv : .jsonl
    let written = try ImportBenchmarkFile.generate(
      evaluations: count, months: 2, lastMonth: .init(year: 2026, month: 10), seed: 7, path: path, format: format)
    #expect(written == count)
    return path
  }

  static func counts(_ db: QADatabase) throws -> [Int] {
    try db.readSQL { db in
      try ["evaluations", "item_scores", "section_scores", "calls", "agents", "inspectors"].map {
        try db.value(Int.self, "SELECT COUNT(*) FROM \($0)") ?? -1
      }
    }
  }

  @Test(arguments: ["data.jsonl", "data.csv"])
  func aBadRecordOnLine57StopsTheImportAndChangesNothing(name: String) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    // Given 100 generated records (a CSV has its header on line 1) with line 57 broken
    let path = try Self.generated(folder, name, count: name.hasSuffix(".csv") ? 99 : 100)
    try editLine(path, 57) { $0.replacingOccurrences(of: "inbound-service@1", with: "no-such-card") }
    let db = try databaseWithScorecards()
    let before = try Self.counts(db)
    // When it is imported
    #expect {
      try db.importEvaluations(path: path, options: Self.options)
    } throws: { error in
      // Then the error names the file and line 57
      (error as? LocatedError)?.description.hasPrefix("\(name):57: unknown scorecard 'no-such-card'") == true
    }
    // And the database is unchanged
    #expect(try Self.counts(db) == before)
  }

  @Test(arguments: EngineFixture.engines) func reimportAddsNothingAndAChangedRecordIsReportedNotOverwritten(_ engine: StoreEngineKind) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.generated(folder, "data.jsonl")
    let db = try databaseWithScorecards(engine: engine)
    let first = try db.importEvaluations(path: path, options: Self.options)
    #expect(first.added == 100 && first.records == 100)
    let stored = try Self.allEssences(db)
    // When the same file is imported again
    let second = try db.importEvaluations(path: path, options: Self.options)
    #expect(second.added == 0 && second.unchanged == 100 && second.changedCount == 0)
    // When line 10 changes an answer under the same external_id
    try editLine(path, 10) { line in
      line.contains(#""three-rings":"yes""#)
        ? line.replacingOccurrences(of: #""three-rings":"yes""#, with: #""three-rings":"no""#)
        : line.replacingOccurrences(of: #""three-rings":"no""#, with: #""three-rings":"yes""#)
    }
    let third = try db.importEvaluations(path: path, options: Self.options)
    // Then it is reported with its line, and the stored evaluations are untouched
    #expect(third.added == 0 && third.unchanged == 99 && third.changedCount == 1)
    #expect(third.changed.first?.line == 10)
    #expect(try Self.allEssences(db) == stored)
  }

  @Test(arguments: EngineFixture.engines) func skipInvalidImportsTheRestAndWritesAReimportableRejectsFile(_ engine: StoreEngineKind) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.generated(folder, "data.jsonl")
    try editLine(path, 57) { $0.replacingOccurrences(of: #""kind":"monitoring""#, with: #""kind":"audit""#) }
    try editLine(path, 58) { $0.replacingOccurrences(of: #""kind":"monitoring""#, with: #""kind":"audit""#) }
    let db = try databaseWithScorecards(engine: engine)
    var options = Self.options
    options.skipInvalid = true
    let summary = try db.importEvaluations(path: path, options: options)
    #expect(summary.added == 98 && summary.rejectedCount == 2)
    #expect(summary.rejected.map(\.line) == [57, 58])
    let rejectsPath = try #require(summary.rejectsFile)
    #expect(rejectsPath == folder.path("data.rejects.jsonl"))
    let rejects = try String(contentsOfFile: rejectsPath, encoding: .utf8)
    #expect(rejects.split(separator: "\n").count == 2)
    #expect(rejects.hasPrefix(#"{"_rejected":"line 57: kind must be monitoring, test-call or calibration, not 'audit'","#))
    // When the rejects are fixed and imported, the set is complete
    try rejects.replacingOccurrences(of: #""kind":"audit""#, with: #""kind":"monitoring""#)
      .write(toFile: rejectsPath, atomically: true, encoding: .utf8)
    let fixed = try db.importEvaluations(path: rejectsPath, options: Self.options)
    #expect(fixed.added == 2)
    #expect(try Self.counts(db)[0] == 100)
  }

  /// On PostgreSQL the score rows are streamed with COPY between records: with a flush every
  /// 50 rows and records refused along the way, the import stores what a SQLite import of the
  /// same file stores, row for row.
  @Test(arguments: EngineFixture.engines)
  func aStreamedImportFlushesBetweenRecordsAndKeepsEveryRow(_ engine: StoreEngineKind) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.generated(folder, "data.jsonl", count: 120)
    // Two records refused inside the write (a call of another agent), after others were kept.
    for line in [31, 77] {
      try editLine(path, line) { $0.replacing(#/"call":\{"id":"[^"]+"/#, with: #""call":{"id":"\#(Self.sharedCall)""#) }
    }
    let reference = try databaseWithScorecards()
    let db = try databaseWithScorecards(engine: engine)
    var options = Self.options
    options.skipInvalid = true
    options.scoreRowsPerCopy = 50
    let expected = try reference.importEvaluations(path: path, options: options)
    let summary = try db.importEvaluations(path: path, options: options)
    #expect(summary.added == expected.added && summary.rejectedCount == expected.rejectedCount)
    #expect(summary.rejectedCount == 1, "\(summary.rejected)")
    #expect(try Self.counts(db) == Self.counts(reference))
    #expect(try Self.allEssences(db) == Self.allEssences(reference))
    #expect(try db.doctor().healthy)
  }

  /// The call id two generated records are pointed at (of different agents, so the second is refused).
  static let sharedCall = "C-SHARED"

  @Test func csvErrorsNameTheColumnOrLine() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let db = try databaseWithScorecards()
    let unknown = folder.path("bad.csv")
    try "external_id,scorecard,kind,agent,inspector,call.id,item.greeting,colour\n".write(toFile: unknown, atomically: true, encoding: .utf8)
    #expect(throws: LocatedError.self) { try db.importEvaluations(path: unknown, options: Self.options) }
    do {
      _ = try db.importEvaluations(path: unknown, options: Self.options)
    } catch let error as LocatedError {
      #expect(error.description.hasPrefix("bad.csv:1:8: unknown column 'colour'"))
    }
    let other = folder.path("evaluations.txt")
    try "x".write(toFile: other, atomically: true, encoding: .utf8)
    #expect(throws: CallQAError.self) { try db.importEvaluations(path: other, options: Self.options) }
  }
}
