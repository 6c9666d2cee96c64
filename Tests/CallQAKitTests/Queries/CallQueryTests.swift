import Foundation
import GRDB
import Testing
@testable import CallQAKit

@Suite("call list: every filter, paging, and call show against a hand-built call log")
struct CallQueryTests {
  func calls(_ db: QADatabase, _ filter: CallFilter) throws -> [String] {
    try db.callPage(filter).rows.map(\.call)
  }

  @Test(arguments: EngineFixture.engines) func everyFilterNarrowsToTheCallsItNames(_ engine: StoreEngineKind) throws {
    // Given the call log of QueryFixture
    let f = try QueryFixture(engine)
    // Then each filter alone returns exactly its calls, newest first
    let expected: [(CallFilter, [String])] = [
      (CallFilter(), QueryFixture.callsNewestFirst),
      (CallFilter(agent: "A1"), ["K9", "K2", "K1", "K7"]),
      (CallFilter(team: "T2"), ["K6", "K5"]),
      (CallFilter(from: "2026-11-01"), ["K9", "K8", "K6", "K5", "K4", "K3", "K2", "K1"]),
      (CallFilter(to: "2026-10-31"), ["K7"]),
      (CallFilter(from: "2026-11-05", to: "2026-11-15"), ["K4", "K3", "K2"]),
      (CallFilter(period: "2026-10"), ["K7"]),
      (CallFilter(direction: "outbound"), ["K6", "K2"]),
      (CallFilter(minDuration: 200), ["K8", "K5", "K4", "K2"]),
      (CallFilter(maxDuration: 90), ["K6", "K3", "K7"]),
      (CallFilter(minDuration: 45, maxDuration: 120), ["K3", "K1", "K7"]),
      (CallFilter(evaluated: true), ["K9", "K8", "K5", "K4", "K3", "K2", "K1"]),
      (CallFilter(evaluated: false), ["K6", "K7"]),
      (CallFilter(hasRecording: true), ["K3", "K1"]),
      (CallFilter(hasTranscript: true), ["K5", "K1"]),
      (CallFilter(complaint: true), ["K6", "K3"]),
      (CallFilter(team: "T1", hasRecording: true), ["K3", "K1"]),
      (CallFilter(agent: "A1", period: "2026-11", evaluated: true), ["K9", "K2", "K1"]),
      (CallFilter(team: "T2", direction: "outbound", complaint: true), ["K6"]),
    ]
    for (filter, calls) in expected {
      #expect(try self.calls(f.db, filter) == calls, "\(filter.description)")
    }
  }

  @Test(arguments: EngineFixture.engines) func rowsCarryCountsAndTheLatestCountedScore(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    let rows = try f.db.callPage(CallFilter()).rows
    let byCall = Dictionary(uniqueKeysWithValues: rows.map { ($0.call, $0) })
    // K5: a monitoring evaluation (83.3) and a calibration one, which never counts
    #expect(byCall["K5"]?.evaluations == 2)
    #expect(abs((byCall["K5"]?.finalScore ?? 0) - 250.0 / 3) < 1e-9)
    // K8's only evaluation was revised, K9's is a draft: evaluated, but no counted score
    #expect(byCall["K8"]?.evaluations == 1 && byCall["K8"]?.finalScore == nil)
    #expect(byCall["K9"]?.evaluations == 1 && byCall["K9"]?.finalScore == nil)
    #expect(byCall["K3"]?.finalScore == 0 && byCall["K3"]?.complaints == 1)
    #expect(byCall["K6"]?.evaluations == 0 && byCall["K6"]?.complaints == 1)
    #expect(byCall["K1"]?.recording == "rec/K1.wav" && byCall["K1"]?.transcript == "K1.txt")
    #expect(byCall["K1"]?.team == "T1" && byCall["K1"]?.duration == 120 && byCall["K1"]?.direction == "inbound")
  }

  @Test(arguments: EngineFixture.engines) func pagesNeverOverlapOrSkip(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    for size in 1...4 {
      var seen: [String] = []
      var offset = 0
      while true {
        let page = try f.db.callPage(CallFilter(limit: size, offset: offset))
        #expect(page.rows.count <= size)
        seen += page.rows.map(\.call)
        guard let next = page.nextOffset else { break }
        #expect(page.rows.count == size)
        offset = next
      }
      #expect(seen == QueryFixture.callsNewestFirst, "pages of \(size)")
    }
    // Calls started at the same moment keep one order (by id) on every page
    let same = try QueryFixture(engine)
    for id in ["S1", "S2", "S3"] {
      try same.db.addCall(CallInput(externalId: id, startedAt: "2026-12-01T09:00:00+08:00"), agentCode: "A1", actor: "test")
    }
    let firstTwo = try calls(same.db, CallFilter(limit: 2))
    let next = try calls(same.db, CallFilter(limit: 2, offset: 2))
    #expect(firstTwo == ["S3", "S2"] && next == ["S1", "K9"])
    // A page past the end is empty, not an error
    let past = try f.db.callPage(CallFilter(limit: 5, offset: 40))
    #expect(past.rows.isEmpty && !past.hasMore)
  }

  @Test(arguments: EngineFixture.engines) func unknownNamesAndBadValuesAreRefused(_ engine: StoreEngineKind) throws {
    let f = try QueryFixture(engine)
    let refusals: [(CallFilter, String)] = [
      (CallFilter(agent: "NOPE"), "unknown agent 'NOPE'"),
      (CallFilter(team: "nope"), "no team 'nope'"),
      (CallFilter(direction: "sideways"), "no calls with direction 'sideways'"),
      (CallFilter(from: "2026-02-30"), "from must be a date YYYY-MM-DD, not '2026-02-30'"),
      (CallFilter(period: "2026-13"), "period must be a month YYYY-MM, not '2026-13'"),
      (CallFilter(minDuration: -1), "minimum duration must be a number of seconds ≥ 0, not -1"),
      (CallFilter(minDuration: 100, maxDuration: 50), "minimum duration 100 s is above the maximum duration 50 s"),
      (CallFilter(limit: 0), "a page holds at least 1 row: limit 0 is not allowed"),
      (CallFilter(limit: -3), "a page holds at least 1 row: limit -3 is not allowed"),
      (CallFilter(offset: -1), "offset must be 0 or more, not -1"),
    ]
    for (filter, message) in refusals {
      // The message, whatever the kind (unknown names are "not found", bad values "invalid input")
      let error = try #require(throws: CallQAError.self) { try f.db.callPage(filter) }
      #expect(error.message == message)
    }
    // No library message names a command-line flag
    for (_, message) in refusals { #expect(!message.contains("--")) }
  }

  @Test(arguments: EngineFixture.engines) func showGathersTheCallWithItsFilesEvaluationsComplaintsAndCases(_ engine: StoreEngineKind) throws {
    // Given K1's recording (a 2.5 s WAV) and transcript on disk, K3's recording missing
    let f = try QueryFixture(engine)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-show-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("rec"), withIntermediateDirectories: true)
    try Self.wav(seconds: 2.5).write(to: folder.appendingPathComponent("rec/K1.wav"))
    let lines = (1...7).map { "[00:0\($0).0] \($0 % 2 == 1 ? "坐席" : "客户"): 第\($0)句" }
    try Data(lines.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("K1.txt"))
    let media = CallMedia(baseDirectory: folder.path)
    // When K1 is shown with the transcript's second page of 3
    let detail = try f.db.callDetail("K1", media: media, transcriptOffset: 3, transcriptLimit: 3)
    // Then it has the call's facts, the recording's duration from the WAV header, the page
    #expect(detail.agent == "A1" && detail.team == "T1" && detail.duration == 120 && detail.direction == "inbound")
    let recording = try #require(detail.recording)
    #expect(recording.exists && recording.path == folder.appendingPathComponent("rec/K1.wav").standardizedFileURL.path)
    #expect(abs((recording.duration ?? 0) - 2.5) < 1e-9)
    let transcript = try #require(detail.transcript)
    #expect(transcript.utterances == 7 && transcript.page.rows.map(\.number) == [4, 5, 6])
    #expect(transcript.page.rows.first?.text == "第4句" && transcript.page.rows.first?.start == 4)
    #expect(transcript.page.nextOffset == 6)
    // every evaluation, the complaints and cases linked to the call
    #expect(f.names(detail.evaluations) == ["E1"])
    #expect(detail.cases.map(\.title) == ["满分示范"] && detail.cases.first?.evaluation == f.ids["E1"])
    #expect(detail.complaints.isEmpty)
    let k5 = try f.db.callDetail("K5", media: media)
    #expect(f.names(k5.evaluations) == ["E5", "E6"])
    #expect(k5.transcript?.exists == false && k5.recording == nil)
    let k3 = try f.db.callDetail("K3", media: media)
    #expect(k3.recording?.exists == false && k3.recording?.duration == nil && k3.transcript == nil)
    #expect(k3.complaints.map(\.valid) == [false])
    #expect(try f.db.callDetail("K6", media: media).complaints.map(\.note) == ["态度冷淡"])
    #expect(throws: CallQAError("no call 'K404'")) { try f.db.callDetail("K404", media: media) }
    // A file that is not a WAV says why its duration is unknown
    try Data("ID3 not audio".utf8).write(to: folder.appendingPathComponent("rec/K1.wav"))
    let mp3 = try f.db.callDetail("K1", media: media).recording
    #expect(mp3?.exists == true && mp3?.duration == nil)
    #expect(mp3?.problem == "duration unknown: K1.wav: not a RIFF/WAVE file")
  }

  @Test func playersAreFoundInOrderWithTheirArguments() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-players-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (first, second) = (folder.appendingPathComponent("a"), folder.appendingPathComponent("b"))
    for dir in [first, second] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
    func install(_ name: String, in dir: URL) throws {
      let url = dir.appendingPathComponent(name)
      try Data("#!/bin/sh\n".utf8).write(to: url)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
    let path = "\(first.path):\(second.path)"
    #expect(AudioPlayer.find(path: path) == nil)
    #expect(throws: CallQAError("no audio player found: install ffmpeg (ffplay), mpv or sox (play)")) {
      try AudioPlayer.require(path: path)
    }
    try install("play", in: first)
    #expect(AudioPlayer.find(path: path)?.kind == .play)
    try install("ffplay", in: second)
    // ffplay comes first whatever folder it is in
    #expect(AudioPlayer.find(path: path) == AudioPlayer(kind: .ffplay, executable: second.appendingPathComponent("ffplay").path))
    let file = "/rec/K1.wav"
    #expect(AudioPlayer(kind: .ffplay, executable: "ffplay").arguments(file: file, start: 80) == ["-nodisp", "-autoexit", "-ss", "80", file])
    #expect(AudioPlayer(kind: .ffplay, executable: "ffplay").arguments(file: file, start: nil) == ["-nodisp", "-autoexit", file])
    #expect(AudioPlayer(kind: .mpv, executable: "mpv").arguments(file: file, start: 80.5) == ["--start=80.5", file])
    #expect(AudioPlayer(kind: .play, executable: "play").arguments(file: file, start: 80) == [file, "trim", "80"])
    #expect(AudioPlayer(kind: .play, executable: "play").arguments(file: file, start: nil) == [file])
  }

  /// A mono 8 kHz 16-bit PCM WAV of silence.
  static func wav(seconds: Double) -> Data {
    let frames = Int(seconds * 8000)
    return WAVFile.header(format: WAVFile.pcmFormat(channels: 1, sampleRate: 8000, bitsPerSample: 16), dataLength: frames * 2)
      + Data(count: frames * 2)
  }
}
