import Foundation
import TestOracles
import Testing

@Suite("case export --anonymise, --format zip and the ffmpeg/sox clip path, through the built binary")
struct CaseExportCoverageTests {
  /// Every file under `folder`, relative to it, sorted.
  static func files(_ folder: URL) -> [String] {
    (FileManager.default.subpaths(atPath: folder.path) ?? []).filter { path in
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      return !isDirectory.boolValue
    }.sorted()
  }

  /// The manifest of a json export in `folder`.
  static func manifest(_ cli: CLIHarness, _ folder: String) throws -> [String: Any] {
    let data = try Data(contentsOf: cli.directory.appendingPathComponent("\(folder)/manifest.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  // MARK: --anonymise

  @Test func anonymiseReplacesTheAgentDropsIdsAndRedactsPersonalData() throws {
    // Given CaseCommandTests' two evaluations of A001 王小明 by QA1 李质检 (a mobile number in a note)
    let cli = try CaseCommandTests().prepared()
    defer { cli.cleanUp() }
    // And a case whose own note names the agent and an e-mail address
    try cli.ok(["case", "tag", "1", "--title", "标准服务", "--note", "王小明(A001)留下邮箱 wang.xm@example.com"])
    let secrets = ["A001", "王小明", "QA1", "李质检", "C-1", "13812345678", "wang.xm@example.com"]
    for format in ["json", "html", "md"] {
      // When exported with --anonymise
      let result = try cli.run(["case", "export", "--out", "anon-\(format)", "--format", format, "--anonymise", "--db", cli.database])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("exported 1 case (\(format)) to "), "\(result.stdout)")
      // Then no file of the library holds the agent, the ids or the personal data
      let folder = cli.directory.appendingPathComponent("anon-\(format)")
      let names = Self.files(folder)
      #expect(!names.isEmpty)
      for name in names {
        #expect(!name.contains("王小明") && !name.contains("A001"), "\(name)")
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        for secret in secrets { #expect(!text.contains(secret), "\(format): \(name) contains \(secret)") }
      }
    }
    // And the manifest says who in the agent's place, and what the notes became
    let json = try Self.manifest(cli, "anon-json")
    #expect(json["anonymised"] as? Bool == true)
    let entry = try #require((json["cases"] as? [[String: Any]])?.first)
    #expect(entry["agent"] as? String == "Agent A")
    #expect(entry["call"] is NSNull)
    #expect(entry["inspector"] is NSNull)
    #expect(entry["date"] as? String == "2026-11-03")
    #expect(entry["notes"] as? String == "Agent A(Agent A)留下邮箱 [email redacted]")
    let items = try #require(entry["items"] as? [[String: Any]])
    #expect(items.first { $0["key"] as? String == "acknowledge" }?["note"] as? String == "客户电话[mobile redacted]，坐席及时安抚")
    // In Chinese the label is 坐席 A
    try cli.ok(["case", "export", "--out", "anon-zh", "--format", "json", "--anonymise", "--lang", "zh"])
    #expect((try Self.manifest(cli, "anon-zh")["cases"] as? [[String: Any]])?.first?["agent"] as? String == "坐席 A")

    // Without --anonymise the ids stay, but personal data is still redacted
    try cli.ok(["case", "export", "--out", "plain", "--format", "json"])
    let plain = try #require((try Self.manifest(cli, "plain")["cases"] as? [[String: Any]])?.first)
    #expect(plain["agent"] as? String == "A001")
    #expect(plain["call"] as? String == "C-1")
    #expect(plain["inspector"] as? String == "QA1")
    #expect(plain["notes"] as? String == "王小明(A001)留下邮箱 [email redacted]")
    let text = try String(contentsOf: cli.directory.appendingPathComponent("plain/manifest.json"), encoding: .utf8)
    #expect(!text.contains("13812345678") && !text.contains("wang.xm@example.com"))
  }

  // MARK: --format zip

  /// init, an inspector, call C-1 of A001 with a 4 s WAV and a transcript (imported as a
  /// call log), scored perfect and tagged as case 1 with the clip 00:01–00:03.
  static func recordedCase(_ cli: CLIHarness, recording: String = "call.wav", clip: String = "00:01-00:03") throws {
    try cli.ok(["init"])
    try cli.ok(["inspector", "add", "QA1", "--name", "李质检"])
    try cli.write("call.txt", "[00:00.5] 坐席: 您好\n[00:01.5] 客户: 我的电话是13812345678\n[00:03.5] 坐席: 再见\n")
    try cli.write(
      "calls.csv",
      """
      id,agent,started_at,duration_s,direction,recording,transcript
      C-1,A001,2026-11-03T09:15:00+08:00,240,inbound,\(recording),call.txt

      """)
    try cli.ok(["call", "import", "calls.csv"])
    try cli.write("perfect.yaml", CaseCommandTests.perfect)
    try cli.ok(["score", "--scorecard", "inbound-service", "--agent", "A001", "--call", "C-1", "--inspector", "QA1", "--answers", "perfect.yaml"])
    try cli.ok(["case", "tag", "1", "--title", "标准服务", "--level", "beginner", "--clip", clip])
  }

  @Test(.enabled(if: Python.executable != nil, "python3 is not installed (apt-get install python3)"))
  func zipOpensWithPythonAndHoldsTheLibrary() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try CaseCommandTests.writeTone(to: cli.directory.appendingPathComponent("call.wav"), seconds: 4)
    try Self.recordedCase(cli)
    // When the library is exported as a zip
    let out = try cli.ok(["case", "export", "--out", "lib-2026-11", "--format", "zip"])
    #expect(out.hasPrefix("exported 1 case (zip) to "), "\(out)")
    #expect(out.contains("clips: 1 trimmed\n"), "\(out)")
    let zip = cli.directory.appendingPathComponent("lib-2026-11.zip").path
    // Then Python's zipfile opens it, every CRC holds, and it has one folder named after the archive
    let script = #"""
      import io, json, sys, wave, zipfile
      z = zipfile.ZipFile(sys.argv[1])
      assert z.testzip() is None, z.testzip()
      names = sorted(n for n in z.namelist() if not n.endswith('/'))
      manifest = json.loads(z.read('lib-2026-11/manifest.json'))
      clip = wave.open(io.BytesIO(z.read('lib-2026-11/media/case-0001-clip.wav')))
      page = z.read('lib-2026-11/cases/case-0001-标准服务.html').decode('utf-8')
      print(json.dumps({
        'names': names,
        'cases': [c['id'] for c in manifest['cases']],
        'clip': manifest['cases'][0]['clip'],
        'frames': clip.getnframes(), 'rate': clip.getframerate(),
        'transcript': z.read('lib-2026-11/transcripts/case-0001.txt').decode('utf-8'),
        'audio': 'media/case-0001-clip.wav' in page,
      }))
      """#
    let report = try #require(try CLIHarness.json(try Python.output(script, arguments: [zip])) as? [String: Any])
    #expect(
      report["names"] as? [String] == [
        "lib-2026-11/cases/case-0001-标准服务.html", "lib-2026-11/index.html", "lib-2026-11/manifest.json",
        "lib-2026-11/media/case-0001-clip.wav", "lib-2026-11/transcripts/case-0001.txt",
      ])
    #expect(report["cases"] as? [Int] == [1])
    let clip = try #require(report["clip"] as? [String: Any])
    #expect(clip["status"] as? String == "trimmed")
    #expect(clip["start"] as? Double == 1)
    #expect(clip["end"] as? Double == 3)
    // 2 s of 8 kHz audio, to the sample
    #expect(report["frames"] as? Int == 16000)
    #expect(report["rate"] as? Int == 8000)
    // The transcript is cut to the clip and redacted
    #expect(report["transcript"] as? String == "[00:01.5] 客户: 我的电话是[mobile redacted]\n")
    #expect(report["audio"] as? Bool == true)
    // Nothing else was written beside it
    #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasPrefix("lib") } == ["lib-2026-11.zip"])
  }

  // MARK: The ffmpeg and sox clip path

  /// Writes an executable `/bin/sh` script `name` into `folder` that records its arguments, one
  /// a line, in `name-args.txt` beside itself, then writes `cut by NAME` to its output file
  /// (`output` picks it from the arguments) and exits with `status`. Uses shell built-ins only,
  /// so it runs with a PATH that holds nothing else.
  static func fakeTool(_ name: String, in folder: URL, output: String, status: Int = 0) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let script = """
      #!/bin/sh
      printf '%s\\n' "$@" > "${0%/*}/\(name)-args.txt"
      \(output)
      [ -n "$out" ] && printf 'cut by \(name)' > "$out"
      exit \(status)

      """
    let url = folder.appendingPathComponent(name)
    try Data(script.utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
  }

  /// ffmpeg's output is its last argument; sox's the second.
  static let ffmpegOutput = #"for out; do :; done"#
  static let soxOutput = #"out="$2""#

  static func arguments(_ folder: URL, _ name: String) throws -> [String]? {
    let url = folder.appendingPathComponent("\(name)-args.txt")
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  @Test func aNonWAVClipIsCutByFfmpegWithTheClipsStartAndDuration() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    // Given an MP3 recording (never cut natively) and the clip 00:45–03:10
    try cli.write("call.mp3", "ID3 not really an mp3")
    try Self.recordedCase(cli, recording: "call.mp3", clip: "00:45-03:10")
    // And a fake ffmpeg first on PATH
    let bin = cli.directory.appendingPathComponent("bin")
    try Self.fakeTool("ffmpeg", in: bin, output: Self.ffmpegOutput)
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    // When the library is exported
    let result = try cli.run(["case", "export", "--out", "lib", "--format", "json", "--db", cli.database], environment: ["PATH": path])
    #expect(result.status == 0, "\(result.stderr)")
    // Then callqa ran ffmpeg on the recording from 45 s for 145 s, into the staged clip file
    let arguments = try #require(try Self.arguments(bin, "ffmpeg"), "ffmpeg was not called")
    #expect(
      Array(arguments.prefix(10)) == [
        "-nostdin", "-v", "error", "-y", "-ss", "45.0", "-i", cli.directory.appendingPathComponent("call.mp3").path, "-t", "145.0",
      ])
    #expect(arguments.count == 11)
    #expect(arguments.last?.hasSuffix("/library/media/case-0001-clip.mp3") == true, "\(arguments)")
    #expect(arguments.last?.contains("/.lib.partial-") == true, "\(arguments)")
    // And what ffmpeg wrote is the exported clip, reported as converted — no problem, no warning
    #expect(try String(contentsOf: cli.directory.appendingPathComponent("lib/media/case-0001-clip.mp3"), encoding: .utf8) == "cut by ffmpeg")
    #expect(result.stdout.hasSuffix("clips: 1 converted\n"), "\(result.stdout)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    let manifest = try Self.manifest(cli, "lib")
    let clip = try #require((manifest["cases"] as? [[String: Any]])?.first?["clip"] as? [String: Any])
    #expect(clip["status"] as? String == "converted")
    #expect(clip["message"] as? String == "cut with ffmpeg")
    #expect(clip["file"] as? String == "media/case-0001-clip.mp3")
    #expect(manifest["problems"] as? [String] == [])
  }

  @Test func whenFfmpegFailsSoxCutsAndWithNeitherTheWholeFileIsCopied() throws {
    let cli = try CLIHarness()
    defer { cli.cleanUp() }
    try cli.write("call.mp3", "ID3 not really an mp3")
    try Self.recordedCase(cli, recording: "call.mp3", clip: "00:45-03:10")
    // Given a PATH holding only fake tools: an ffmpeg that fails, and a sox
    let bin = cli.directory.appendingPathComponent("bin")
    try Self.fakeTool("ffmpeg", in: bin, output: "out=", status: 1)
    try Self.fakeTool("sox", in: bin, output: Self.soxOutput)
    let sox = try cli.run(["case", "export", "--out", "lib", "--format", "json", "--db", cli.database], environment: ["PATH": bin.path])
    #expect(sox.status == 0, "\(sox.stderr)")
    // Then ffmpeg was tried first, then sox cut from 45 s for 145 s
    #expect(try Self.arguments(bin, "ffmpeg")?.contains("45.0") == true)
    let arguments = try #require(try Self.arguments(bin, "sox"), "sox was not called")
    #expect(arguments.count == 5)
    #expect(arguments.first == cli.directory.appendingPathComponent("call.mp3").path)
    #expect(arguments[1].hasSuffix("/library/media/case-0001-clip.mp3"))
    #expect(Array(arguments.suffix(3)) == ["trim", "45.0", "145.0"])
    #expect(try String(contentsOf: cli.directory.appendingPathComponent("lib/media/case-0001-clip.mp3"), encoding: .utf8) == "cut by sox")
    #expect(sox.stdout.hasSuffix("clips: 1 converted\n"), "\(sox.stdout)")
    let clip = try #require((try Self.manifest(cli, "lib")["cases"] as? [[String: Any]])?.first?["clip"] as? [String: Any])
    #expect(clip["message"] as? String == "cut with sox")

    // When sox fails too, the whole recording is copied and the page says what to play
    try FileManager.default.removeItem(at: bin)
    try Self.fakeTool("ffmpeg", in: bin, output: "out=", status: 1)
    try Self.fakeTool("sox", in: bin, output: "out=", status: 2)
    let whole = try cli.run(
      ["case", "export", "--out", "lib", "--format", "json", "--force", "--db", cli.database],
      environment: ["PATH": bin.path])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(try Self.arguments(bin, "sox") != nil)
    #expect(whole.stderr == "warning: case 1: whole recording: play from 00:45 to 03:10\n")
    #expect(whole.stdout.contains("clips: 1 whole-recording\n1 problem noted in the index\n"), "\(whole.stdout)")
    #expect(try Data(contentsOf: cli.directory.appendingPathComponent("lib/media/case-0001-clip.mp3")) == Data("ID3 not really an mp3".utf8))
    let manifest = try Self.manifest(cli, "lib")
    #expect(manifest["problems"] as? [String] == ["case 1: whole recording: play from 00:45 to 03:10"])
  }
}
