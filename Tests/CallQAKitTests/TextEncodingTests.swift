import Foundation
import Testing

@testable import CallQAKit

/// User files that are not UTF-8 are refused at the first bad byte, and a file saved as
/// GBK/GB18030 by a Chinese Windows is named as such, in every reader of user files.
@Suite("text encoding: GBK files are recognised, every non-UTF-8 file is refused at file:line:column")
struct TextEncodingTests {
  /// GBK bytes (as Python's `'…'.encode('gbk')` writes them).
  static let wangXiaoming: [UInt8] = [0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7]  // 王小明
  static let yiZu: [UInt8] = [0xD2, 0xBB, 0xD7, 0xE9]  // 一组
  static let liZhijian: [UInt8] = [0xC0, 0xEE, 0xD6, 0xCA, 0xBC, 0xEC]  // 李质检

  static let gbkCSV = "not UTF-8 — this looks like GBK/GB18030 (Chinese Windows); save it as UTF-8 (in Excel: Save As → CSV UTF-8) and import again"
  static let gbkImport = "not UTF-8 — this looks like GBK/GB18030 (Chinese Windows); save it as UTF-8 and import again"
  static let gbkFile = "not UTF-8 — this looks like GBK/GB18030 (Chinese Windows); save it as UTF-8 and try again"

  static func write(_ folder: TemporaryFolder, _ name: String, _ parts: [[UInt8]]) throws -> String {
    let path = folder.path(name)
    try Data(parts.flatMap { $0 }).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func aGBKAgentsFileIsRefusedAtItsFirstChineseCharacterAndNothingIsWritten() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.write(
      folder, "agents.csv",
      [
        Self.ascii("code,name,team\r\nA001,"), Self.wangXiaoming, Self.ascii(","), Self.yiZu, Self.ascii("\r\n"),
      ])
    let db = try databaseWithScorecards()
    #expect(throws: LocatedError(SourceLocation(file: "agents.csv", line: 2, column: 6), Self.gbkCSV)) {
      try db.importAgents(path: path, actor: "t")
    }
    #expect(try db.agents().isEmpty)
  }

  @Test func everyCSVImportAndTheCSVEvaluationImportSayGBK() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let db = try databaseWithScorecards()
    // A BOM, a first line in ASCII, then a GBK note in the third column
    let complaints = try Self.write(
      folder, "complaints.csv",
      [
        [0xEF, 0xBB, 0xBF], Self.ascii("agent,date,note\nA001,2026-11-03,"), Self.liZhijian, Self.ascii("\n"),
      ])
    #expect(throws: LocatedError(SourceLocation(file: "complaints.csv", line: 2, column: 17), Self.gbkCSV)) {
      try db.importComplaints(path: complaints, actor: "t")
    }
    let calls = try Self.write(
      folder, "calls.csv", [Self.ascii("id,agent,started_at,recording\nC-1,A001,2026-11-03T09:15:00+08:00,"), Self.yiZu, Self.ascii(".wav\n")])
    #expect(throws: LocatedError(SourceLocation(file: "calls.csv", line: 2, column: 36), Self.gbkCSV)) {
      try db.importCalls(path: calls, actor: "t")
    }
    let evaluations = try Self.write(
      folder, "evaluations.csv",
      [
        Self.ascii("external_id,scorecard,kind,agent,inspector,call.id,item.greeting,comment\nX1,inbound-service,monitoring,A001,QA1,C-1,10,"),
        Self.liZhijian, Self.ascii("\n"),
      ])
    #expect(throws: LocatedError(SourceLocation(file: "evaluations.csv", line: 2, column: 47), Self.gbkCSV)) {
      try db.importEvaluations(path: evaluations, options: EvaluationImportOptions(skipInvalid: true, actor: "t"))
    }
    #expect(try EvaluationImportTests.counts(db) == [0, 0, 0, 0, 0, 0])
  }

  @Test func aGBKJSONLineStopsTheImportEvenWithSkipInvalid() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try Self.write(
      folder, "evaluations.jsonl",
      [
        Self.ascii("\n{\"external_id\": \"X1\", \"comment\": \""), Self.liZhijian, Self.ascii("\"}\n"),
      ])
    let db = try databaseWithScorecards()
    #expect(throws: LocatedError(SourceLocation(file: "evaluations.jsonl", line: 2, column: 35), Self.gbkImport)) {
      try db.importEvaluations(path: path, options: EvaluationImportOptions(skipInvalid: true, actor: "t"))
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path("evaluations.rejects.jsonl")))
  }

  @Test func scorecardsAnswersPlansAndTranscriptsSayGBKToo() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let yaml = try Self.write(folder, "card.yaml", [Self.ascii("key: x\nversion: 1\ntitle: {zh: "), Self.wangXiaoming, Self.ascii("}\n")])
    #expect(throws: LocatedError(SourceLocation(file: "card.yaml", line: 3, column: 13), Self.gbkFile)) {
      try ScorecardLoader.load(path: yaml)
    }
    let card = try #require(try ShippedScorecards.all().first { $0.key == "inbound-service" })
    let answers = try Self.write(folder, "answers.yaml", [Self.ascii("answers:\n  greeting: 10\ncomment: "), Self.yiZu, Self.ascii("\n")])
    #expect(throws: LocatedError(SourceLocation(file: "answers.yaml", line: 3, column: 10), Self.gbkFile)) {
      try AnswerSheet.load(path: answers, scorecard: card)
    }
    let plan = try Self.write(folder, "performance-plan.yaml", [Self.ascii("kind: performance-plan\ntitle: "), Self.yiZu, Self.ascii("\n")])
    #expect(throws: LocatedError(SourceLocation(file: "performance-plan.yaml", line: 2, column: 8), Self.gbkFile)) {
      try PerformancePlanLoader.load(path: plan)
    }
    let transcript = try Self.write(folder, "c1.txt", [Self.ascii("[00:01] Agent: "), Self.wangXiaoming, Self.ascii("\n")])
    #expect(throws: LocatedError(SourceLocation(file: "c1.txt", line: 1, column: 16), Self.gbkFile)) {
      try TranscriptReader.load(path: transcript)
    }
  }

  @Test func otherBytesAreNotUTF8WithoutTheWordGBK() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    // Latin-1 "café au lait": é (E9) followed by a space is not GB18030 either
    let path = try Self.write(folder, "latin1.csv", [Self.ascii("code,name\nA1,caf"), [0xE9], Self.ascii(" au lait\n")])
    #expect(
      throws: LocatedError(
        SourceLocation(file: "latin1.csv", line: 2, column: 7), "not UTF-8 — save it as UTF-8 (in Excel: Save As → CSV UTF-8) and import again")
    ) {
      try databaseWithScorecards().importAgents(path: path, actor: "t")
    }
  }

  @Test func aBadRecordStartingInAnEarlierChunkIsLocatedExactly() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    // One quoted field of 100,000 characters over two lines (the reader's chunks are 64 KiB),
    // then a GBK field on the record's second line
    let long = String(repeating: "x", count: 50_000)
    let path = try Self.write(
      folder, "long.csv",
      [
        Self.ascii("code,name,note\nA1,\"\(long)\n\(long)\","), Self.yiZu, Self.ascii("\n"),
      ])
    var reader = try CSVReader(path: path)
    while reader.next() != nil {}
    #expect(reader.error == LocatedError(SourceLocation(file: "long.csv", line: 3, column: 50_003), Self.gbkCSV))
  }

  @Test func wellFormedUTF8FollowsRFC3629() {
    #expect(TextEncoding.firstInvalidOffset(Array("王小明 ok ✓ 😀".utf8)) == nil)
    #expect(TextEncoding.firstInvalidOffset([0x61, 0xC0, 0x80]) == 1, "overlong")
    #expect(TextEncoding.firstInvalidOffset([0xED, 0xA0, 0x80]) == 0, "surrogate")
    #expect(TextEncoding.firstInvalidOffset([0xF4, 0x90, 0x80, 0x80]) == 0, "above U+10FFFF")
    #expect(TextEncoding.firstInvalidOffset([0x61, 0x62, 0xE4, 0xB8]) == 2, "truncated")
    #expect(TextEncoding.firstInvalidOffset([0xE4, 0xB8, 0x41]) == 0, "bad continuation")
    #expect(TextEncoding.looksLikeGB18030(ArraySlice(Self.wangXiaoming)))
    #expect(!TextEncoding.looksLikeGB18030(ArraySlice([0x63, 0x61, 0x66, 0xE9, 0x20])))
  }
}
