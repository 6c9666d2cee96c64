import Foundation
import Testing

/// Listening and reading while scoring (issue #18): `p`, `s` and `t` in `callqa score`,
/// through the built binary with stdin piped and a stand-in player first on PATH that
/// records how it was started and whether it was stopped.
@Suite("callqa score: p plays the recording from the item's evidence, s stops it, t shows the transcript")
struct ListeningWhileScoringTests {
  /// init, agent A001, inspector QA1, and call C-1 with a 30-second WAV and the good-call
  /// transcript (the agent answers at 00:03.2, asks for a rating at 00:23.5 on line 6).
  static func prepared() throws -> CLIHarness {
    let cli = try InteractiveScoringTests.prepared()
    try cli.write("C-1.txt", try AutoscoreEndToEndTests.fixture("zh-good.txt"))
    try Self.silentWAV(seconds: 30).write(to: cli.directory.appendingPathComponent("C-1.wav"))
    try cli.write(
      "calls.csv",
      """
      id,agent,started_at,duration_s,direction,recording,transcript
      C-1,A001,2026-11-03T09:15:00+08:00,30,inbound,C-1.wav,C-1.txt

      """)
    try cli.ok(["call", "import", "calls.csv"])
    return cli
  }

  /// A mono 8 kHz 16-bit WAV of silence.
  static func silentWAV(seconds: Int) -> Data {
    let frames = seconds * 8000
    var wav = Data()
    wav.append(contentsOf: Array("RIFF".utf8))
    wav.append(contentsOf: CallQueryEndToEndTests.le32(36 + frames * 2))
    wav.append(contentsOf: Array("WAVEfmt ".utf8))
    wav.append(
      contentsOf: CallQueryEndToEndTests.le32(16) + CallQueryEndToEndTests.le16(1) + CallQueryEndToEndTests.le16(1)
        + CallQueryEndToEndTests.le32(8000) + CallQueryEndToEndTests.le32(16000) + CallQueryEndToEndTests.le16(2)
        + CallQueryEndToEndTests.le16(16))
    wav.append(contentsOf: Array("data".utf8))
    wav.append(contentsOf: CallQueryEndToEndTests.le32(frames * 2))
    wav.append(Data(count: frames * 2))
    return wav
  }

  /// A folder with an executable `name` that appends its arguments (one a line, after a
  /// `start` line) to `plays.txt` and keeps running until SIGTERM, which it records as
  /// `stopped`; with `exitStatus` it exits at once with that status instead.
  static func player(_ cli: CLIHarness, _ name: String, exitStatus: Int? = nil) throws -> String {
    let bin = cli.directory.appendingPathComponent("bin-\(name)")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    let log = cli.directory.appendingPathComponent("plays.txt").path
    var script = "#!/bin/sh\necho start >> '\(log)'\nfor a in \"$@\"; do echo \"$a\" >> '\(log)'; done\n"
    if let exitStatus {
      script += "exit \(exitStatus)\n"
    } else {
      script += "trap 'kill $child; echo stopped >> \(log); exit 0' TERM\n/bin/sleep 30 &\nchild=$!\nwait $child\n"
    }
    try Data(script.utf8).write(to: bin.appendingPathComponent(name))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent(name).path)
    return bin.path
  }

  static func plays(_ cli: CLIHarness) throws -> [String] {
    let url = cli.directory.appendingPathComponent("plays.txt")
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test func playStopAndTranscriptOnTheItemsEvidence() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let recording = cli.directory.appendingPathComponent("C-1.wav").standardizedFileURL.path
    let bin = try Self.player(cli, "ffplay")
    let input = [
      "t",  // three-rings: the transcript from its evidence (line 1)
      "p", "s", "s",  // play from the evidence, stop, nothing left to stop
      "p 0:25", "p 40", "p soon",  // a moment typed, one past the end, one not a time
      "?",
      "y", "10",  // three-rings, greeting
      "p",  // enunciation has no evidence: from the start
      "5",
      "p", "t", "t",  // closing: its evidence is on line 6 at 00:23.5
    ]
    let result = try cli.run(
      InteractiveScoringTests.scoreArguments("inbound-service") + ["--db", cli.database],
      stdin: InteractiveScoringTests.input(input), environment: ["PATH": bin])
    let out = result.stdout
    // The session opens by naming what can be heard and read, and the input ends with the draft kept
    #expect(result.status != 0 && result.stderr.contains("draft #1 kept"), "\(result.stderr)")
    #expect(out.contains("recording \(recording) (00:30.0): p plays, s stops"), "\(out)")
    #expect(out.contains("transcript: 7 utterances; t shows the part around the item"))
    #expect(out.contains("    p plays from 00:00.2 (the evidence is at 00:03.2, line 1)"), "\(out)")
    // t shows the utterances around the evidence, the evidence marked
    #expect(out.contains("  ▸1  [00:03.2] 坐席: 您好，很高兴为您服务，工号1234，请问有什么可以帮您？"), "\(out)")
    #expect(out.contains("   7  [00:28.5] 客户: 没有了，再见。"))
    #expect(out.contains("  utterances 1–7 of 7; t: from the start"))
    // p plays in the background from the evidence's lead-in; s stops it
    #expect(out.contains("▶ playing from 00:00.2 with ffplay (s stops)"))
    #expect(out.contains("■ stopped") && out.contains("nothing is playing"))
    #expect(out.contains("▶ playing from 00:25.0 with ffplay"))
    #expect(out.contains("✗ the recording is 00:30.0 long: 00:40.0 is past its end"))
    #expect(out.contains("✗ 'soon' is not a time: write p 65 or p 1:05"))
    // The help lists the listening keys with the session's own
    #expect(out.contains("  p               play the recording from this item's evidence (p 1:05 from a time)"), "\(out)")
    #expect(out.contains("  t               show the transcript around this item (t again: the next lines)"))
    // A listening key is not an answer: three-rings was answered by the y after them
    #expect(out.contains("✓ three-rings = yes"))
    #expect(out.contains("    p plays from 00:20.5 (the evidence is at 00:23.5, line 6)"), "\(out)")
    #expect(out.contains("▶ playing from 00:20.5 with ffplay"))
    #expect(out.contains("   4  [00:17.0] 坐席: 您本月的费用是８８元，包括套餐费和流量费。"))
    #expect(out.contains("  ▸6  [00:23.5] 坐席: 请问还有其他需要吗？稍后请您对我的服务进行评价。"))
    #expect(out.contains("▶ playing from 00:00.0 with ffplay"))
    #expect(out.contains("  utterances 4–7 of 7; t: from the start"))
    #expect(out.contains("  utterances 1–7 of 7; t: from the start"))
    // The player was started with the offsets and stopped each time, including at the end
    let log = try Self.plays(cli)
    let starts = log.enumerated().filter { $0.element == "start" }.map { log[$0.offset + 4] }
    #expect(starts == ["0.2", "25", "0", "20.5"], "\(log)")
    #expect(log.filter { $0 == "stopped" }.count == 4, "\(log)")
    #expect(Array(log.prefix(6)) == ["start", "-nodisp", "-autoexit", "-ss", "0.2", recording])
    // The draft holds the three answers and nothing from the listening keys
    let answered = try InteractiveScoringTests.sqlite(cli.database, "SELECT COUNT(*) FROM item_scores WHERE evaluation_id = 1 AND answer IS NOT NULL;")
    #expect(answered.trimmingCharacters(in: .whitespacesAndNewlines) == "3")
  }

  @Test func withoutAPlayerTheSessionSaysWhatToInstallAndGoesOn() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let result = try cli.run(
      InteractiveScoringTests.scoreArguments("inbound-service") + ["--db", cli.database],
      stdin: InteractiveScoringTests.input(["p", "y"]), environment: ["PATH": cli.directory.path])
    #expect(result.stdout.contains("no audio player found: install ffmpeg (ffplay), mpv or sox (play) to listen while scoring"))
    #expect(result.stdout.contains("✗ no audio player found"))
    #expect(result.stdout.contains("✓ three-rings = yes"))
  }

  @Test func aPlayerThatGivesUpAtOnceIsReported() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    let bin = try Self.player(cli, "play", exitStatus: 3)
    let result = try cli.run(
      InteractiveScoringTests.scoreArguments("inbound-service") + ["--db", cli.database],
      stdin: InteractiveScoringTests.input(["p"]), environment: ["PATH": bin])
    #expect(result.stdout.contains("✗ play stopped at once with status 3: is there an audio output?"), "\(result.stdout)")
    #expect(try Self.plays(cli).contains("trim"))
  }

  @Test func aMissingRecordingAndTranscriptAreSaidNotSilent() throws {
    let cli = try Self.prepared()
    defer { cli.cleanUp() }
    try FileManager.default.removeItem(at: cli.directory.appendingPathComponent("C-1.wav"))
    try FileManager.default.removeItem(at: cli.directory.appendingPathComponent("C-1.txt"))
    let result = try cli.run(
      InteractiveScoringTests.scoreArguments("inbound-service") + ["--db", cli.database],
      stdin: InteractiveScoringTests.input(["p", "t"]))
    let recording = cli.directory.appendingPathComponent("C-1.wav").standardizedFileURL.path
    #expect(result.stdout.contains("recording \(recording) is missing: there is nothing to play"), "\(result.stdout)")
    #expect(result.stdout.contains("transcript cannot be read: "))
    #expect(result.stdout.contains("✗ the recording \(recording) is missing"))
    #expect(result.stdout.contains("✗ transcript cannot be read"))
  }
}
