import CallQAKit
import Foundation
import Hummingbird
import HummingbirdTesting
import TeamFixtures
import TestOracles
import Testing

@testable import CallQAServer

/// The pages in a real browser: the system Chromium driven by Playwright (PyPI; its driver
/// ships in the wheel, no browser is downloaded), against the server listening on a free
/// loopback port in this process. Screenshots go to `.build/screenshots/` (or
/// `$CALLQA_SCREENSHOTS`); the README's are a copy of one run.
@Suite("team server: a real browser scores, acknowledges, disputes and reviews", .serialized)
struct BrowserEndToEndTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var ready: Bool { Chromium.isInstalled && Python.has("playwright") }

  @Test(.enabled(if: ready, "needs chromium (apt-get install chromium) and Playwright (pip install playwright)"))
  func inspectorAgentAndManagerThroughThePages() async throws {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callqa-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let harness = try ServerHarness(options: ServerOptions(mediaRoot: folder.path), path: folder.appendingPathComponent("team.sqlite").path)
    let f = harness.fixture
    // A call with a recording (10 s of tone) and a transcript with times, and a history to chart.
    try Self.tone(seconds: 10).write(to: folder.appendingPathComponent("C-E2E.wav"))
    try """
    [00:00.5] 坐席: 您好，这里是客服中心，工号一零一，请问有什么可以帮您？
    [00:03.0] 客户: 我的宽带从昨天开始就上不了网。
    [00:05.5] 坐席: 非常抱歉给您带来不便，我马上为您查询。
    [00:08.0] 客户: 好的，谢谢。
    """.write(to: folder.appendingPathComponent("C-E2E.txt"), atomically: true, encoding: .utf8)
    try f.db.addCall(
      CallInput(externalId: "C-E2E", startedAt: TeamFixture.callTime, duration: 40, recording: "C-E2E.wav", transcript: "C-E2E.txt"),
      agentCode: "A1", actor: f["mgr"])
    // The manager hands this week's sample to QA1: the call is in their queue.
    let week = try ReportPeriod.parse(PageRoutes.currentWeek())
    try f.db.assign(AssignRequest(sample: SampleRequest(week: week, perAgent: 1), inspectors: ["QA1"]), actor: f["mgr"])
    try f.scored(call: "C-H1", sheet: TeamFixture.sheet(greet: false))
    try f.scored(call: "C-H2", agent: "A2", sheet: TeamFixture.sheet(tone: 10, slang: 1))
    try f.db.tagCase(evaluationId: try f.scored(call: "C-H3"), title: "标准开场白", force: true, actor: f["trn"])

    let shots =
      ProcessInfo.processInfo.environment["CALLQA_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
      ?? Self.packageRoot.appendingPathComponent(".build/screenshots")
    let script = Self.packageRoot.appendingPathComponent("Tests/CallQAServerTests/Browser/walkthrough.py").path
    let output = try await harness.app.test(.live) { client in
      let port = try #require(client.port)
      return try await Self.python([script, "http://localhost:\(port)", shots.path, "C-E2E", Attempt.period])
    }
    #expect(output.status == 0, "\(output.text)")
    let lines = output.text.split(separator: "\n").map(String.init)
    #expect(lines.last == "RESULT ok", "\(output.text)")
    #expect(lines.filter { $0.hasPrefix("ok ") }.count == 8, "\(output.text)")
    #expect(!lines.contains { $0.hasPrefix("FAIL") })

    // What the browser did is in the database: one submitted evaluation of the call, by QA1,
    // acknowledged by A1, disputed and upheld, the note stored as typed.
    let rows = try f.db.evaluations(EvaluationFilter(agent: "A1")).filter { $0.call == "C-E2E" }
    #expect(rows.count == 1)
    let detail = try f.db.evaluation(id: try #require(rows.first?.id))
    #expect(detail.inspector == "QA1")
    #expect(detail.status == .submitted)
    #expect(detail.finalScore == 100)
    #expect(detail.items.first { $0.key == "greet" }?.note == #"<script>alert("x")</script>"><img src=x onerror=alert(1)>"#)
    #expect(detail.receipt?.acknowledgedBy == "a1")
    let disputes = try f.db.disputes(evaluation: detail.id)
    #expect(disputes.map(\.status) == [.upheld])
    #expect(disputes.first?.resolvedBy == "mgr")
    for name in ["01-sign-in", "03-scoring-page", "05-agent-evaluations", "08-manager-dashboard", "13-admin-scorecard-upload"] {
      let png = try Data(contentsOf: shots.appendingPathComponent("\(name).png"))
      #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png")
    }
  }

  /// A mono 16-bit 8 kHz WAV of a quiet 440 Hz tone.
  static func tone(seconds: Int) -> Data {
    let rate = 8000, samples = rate * seconds
    var data = Data()
    func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    data.append(contentsOf: Array("RIFF".utf8))
    append(UInt32(36 + samples * 2))
    data.append(contentsOf: Array("WAVEfmt ".utf8))
    append(UInt32(16))
    append(UInt16(1))
    append(UInt16(1))
    append(UInt32(rate))
    append(UInt32(rate * 2))
    append(UInt16(2))
    append(UInt16(16))
    data.append(contentsOf: Array("data".utf8))
    append(UInt32(samples * 2))
    for index in 0..<samples { append(Int16(2000 * sin(2 * Double.pi * 440 * Double(index) / Double(rate)))) }
    return data
  }

  /// Runs python3 with `arguments` without holding a thread of the server while it waits;
  /// stdout and stderr go to a file read at the end.
  static func python(_ arguments: [String]) async throws -> (status: Int32, text: String) {
    let python = try #require(Python.executable)
    let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("callqa-browser-\(UUID().uuidString).log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    let handle = try FileHandle(forWritingTo: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    try handle.close()
    return (status, String(decoding: try Data(contentsOf: log), as: UTF8.self))
  }
}
