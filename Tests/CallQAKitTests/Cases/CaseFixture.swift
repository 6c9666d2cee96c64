import Foundation
import Testing

@testable import CallQAKit

/// A database with the shipped scorecards, one agent and inspector, and helpers to score calls
/// on `inbound-service` with hand-picked answers.
struct CaseFixture {
  let db: QADatabase
  let directory: URL

  /// Every item at full marks (hold-etiquette, correct-transfer, complaint-recorded N/A): final 100.
  static let perfect: [String: String] = [
    "three-rings": "yes", "greeting": "10", "enunciation": "5", "closing": "yes", "accurate-info": "15",
    "needs-identified": "yes", "solved-within-policy": "yes", "let-customer-finish": "0", "acknowledge": "yes",
    "hold-etiquette": "na", "forbidden-phrases": "0", "first-contact-ownership": "yes", "correct-transfer": "na",
    "complaint-recorded": "na", "identity-verified": "yes", "data-confidential": "yes", "no-abuse": "yes",
  ]

  /// Loses greeting 5 of 10 only: courtesy 20/25 → raw = 100 − 25·5/25 = 95.
  static let ninetyFive = perfect.merging(["greeting": "5"]) { $1 }

  /// A weak call. Impacts (weight/100 · 100 · lost / section points):
  /// accurate-info 30·7/30 = 7, acknowledge 20·5/15 = 6.667, greeting 25·5/25 = 5,
  /// identity-verified 10·5/15 = 3.333 (critical: section), let-customer-finish 20·2/15 = 2.667,
  /// enunciation 25·2/25 = 2. raw = 100 − 26.667 = 73.333; compliance zeroed → final 66.667.
  static let weak = perfect.merging([
    "greeting": "5", "enunciation": "3", "accurate-info": "8", "let-customer-finish": "1", "acknowledge": "no",
    "identity-verified": "no",
  ]) { $1 }

  /// data-confidential "no" (critical: evaluation): final 0.
  static let critical = perfect.merging(["data-confidential": "no"]) { $1 }

  /// An in-memory database (on `engine`: a new PostgreSQL database), or a file database in a
  /// fresh temporary folder.
  init(onDisk: Bool = false, engine: StoreEngineKind = .sqlite) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-cases-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    db = onDisk ? try QADatabase(path: directory.appendingPathComponent("qa.sqlite").path) : try EngineFixture.open(engine)
    for scorecard in try ShippedScorecards.all() { try db.importScorecard(scorecard, actor: "test") }
    try db.addAgent(AgentInput(code: "A001", name: "王小明", team: "一组"), actor: "test")
    try db.addAgent(AgentInput(code: "A002", name: "李娜", team: "二组"), actor: "test")
    try db.addInspector(code: "QA1", name: "李质检", actor: "test")
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  /// Scores one call on inbound-service@1 and returns the evaluation id.
  @discardableResult
  func score(
    _ answers: [String: String], call: String, agent: String = "A001", startedAt: String = "2026-11-03T09:15:00+08:00",
    duration: Double? = nil, recording: String? = nil, transcript: String? = nil, notes: [String: String] = [:],
    comment: String? = nil, kind: EvaluationKind = .monitoring
  ) throws -> Int64 {
    let stored = try db.scorecard(reference: "inbound-service@1")
    var yaml = "answers:\n" + answers.sorted { $0.key < $1.key }.map { "  \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
    if !notes.isEmpty {
      yaml += try "\nnotes:\n" + notes.sorted { $0.key < $1.key }.map { "  \($0.key): \(try jsonString($0.value))" }.joined(separator: "\n")
    }
    if let comment { yaml += "\ncomment: \(try jsonString(comment))" }
    let sheet = try AnswerSheet.parse(text: yaml, file: "answers.yaml", scorecard: stored.scorecard)
    return try db.submit(
      EvaluationSubmission(
        scorecard: stored, agentCode: agent, inspectorCode: "QA1",
        call: CallInput(externalId: call, startedAt: startedAt, duration: duration, recording: recording, transcript: transcript),
        kind: kind, sheet: sheet, actor: "QA1"))
  }

  private func jsonString(_ text: String) throws -> String { try JSONText.encode([text]).dropFirst().dropLast().description }

  /// Rows of the audit log for training cases, oldest first.
  func caseAudit() throws -> [AuditRecord] {
    try db.readSQL { db in try db.fetchAll(AuditRecord.self, "SELECT * FROM audit_log WHERE entity = 'training_case' ORDER BY id") }
  }
}

/// Writes synthetic PCM WAV files: a sine tone, little-endian, written byte by byte here
/// (independently of ``WAVFile``'s writer).
enum SineWAV {
  /// Writes `seconds` of a 440 Hz tone and returns the number of frames.
  @discardableResult
  static func write(
    to url: URL, seconds: Double, sampleRate: Int = 8000, channels: Int = 1, bits: Int = 16, extraChunk: Bool = false
  ) throws -> Int {
    let frames = Int((seconds * Double(sampleRate)).rounded())
    let bytesPerSample = bits / 8
    var samples = Data(capacity: frames * channels * bytesPerSample)
    for frame in 0..<frames {
      let value = sin(2 * Double.pi * 440 * Double(frame) / Double(sampleRate))
      for _ in 0..<channels {
        let scaled = Int(value * Double((1 << (bits - 1)) - 1))
        for byte in 0..<bytesPerSample { samples.append(UInt8(truncatingIfNeeded: scaled >> (8 * byte))) }
      }
    }
    func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var fmt: [UInt8] = le(1, 2) + le(channels, 2) + le(sampleRate, 4)
    fmt += le(sampleRate * channels * bytesPerSample, 4) + le(channels * bytesPerSample, 2) + le(bits, 2)
    var body: [UInt8] = Array("WAVE".utf8) + Array("fmt ".utf8) + le(16, 4) + fmt
    if extraChunk {
      // An odd-sized LIST chunk before the data: readers must skip it and its pad byte.
      let info: [UInt8] = Array("INFOISFT".utf8) + le(3, 4) + Array("ab\0".utf8)
      body += Array("LIST".utf8) + le(info.count, 4) + info + [0]
    }
    body += Array("data".utf8) + le(samples.count, 4)
    var data = Data(Array("RIFF".utf8) + le(body.count + samples.count, 4) + body)
    data.append(samples)
    try data.write(to: url)
    return frames
  }
}
