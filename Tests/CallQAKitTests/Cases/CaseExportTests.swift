import Foundation
import TestOracles
import Testing
import ZIPFoundation

@testable import CallQAKit

@Suite("Case library export: md, html, json, zip")
struct CaseExportTests {
  /// Personal data planted in notes, comments, titles and transcripts; none may leave.
  static let secrets = ["13812345678", "wang@example.com", "0755-88889999", "11010519491231002X", "6222021234567890128"]

  /// Three cases on disk: (1) exemplary, WAV clip 1.5–4.25 s, timed transcript, title `../../etc/x`;
  /// (2) cautionary, recording missing, untimed transcript, an HTML-ish title;
  /// (3) exemplary, an MP3 (relative path) that can only be copied whole without ffmpeg/sox.
  struct Library {
    let fixture: CaseFixture
    var root: URL { fixture.directory }

    init() throws {
      fixture = try CaseFixture(onDisk: true)
      let wav = fixture.directory.appendingPathComponent("tone.wav")
      try SineWAV.write(to: wav, seconds: 6, sampleRate: 8000)
      try FileManager.default.createDirectory(at: fixture.directory.appendingPathComponent("rec"), withIntermediateDirectories: true)
      try Data((0..<4000).map { UInt8($0 % 251) }).write(to: fixture.directory.appendingPathComponent("rec/call3.mp3"))
      let transcript = """
        [00:00.5] 坐席: 您好，工号1024为您服务。
        [00:01.5] 客户: 我的手机是13812345678，
        身份证11010519491231002X。
        [00:03.0] 坐席: 好的，已为您登记。
        [00:05.0] 坐席: 感谢来电，再见。
        """
      let one = try fixture.score(
        CaseFixture.perfect, call: "C-1", duration: 6, recording: wav.path, transcript: transcript,
        notes: ["acknowledge": "客户留了邮箱 wang@example.com"], comment: "王小明表现优秀，回访 0755-88889999")
      let two = try fixture.score(
        CaseFixture.weak, call: "C-2", agent: "A002", startedAt: "2026-11-04T10:00:00+08:00", recording: "missing.wav",
        transcript: "坐席: 请报一下卡号\n客户: 6222021234567890128", notes: ["accurate-info": "报错了资费"])
      let three = try fixture.score(
        CaseFixture.ninetyFive, call: "C-3", startedAt: "2026-11-05T10:00:00+08:00", recording: "rec/call3.mp3")
      try fixture.db.tagCase(
        evaluationId: one, title: "../../etc/x", level: .beginner, skills: ["acknowledge", "greeting"],
        clip: try ClipRange(start: 1.5, end: 4.25), note: "安抚到位，客户电话13812345678", actor: "trainer")
      try fixture.db.tagCase(evaluationId: two, title: "<script>alert(1)</script> 错误资费", kind: .cautionary, actor: "trainer")
      try fixture.db.tagCase(
        evaluationId: three, title: "标准开场", level: .advanced, clip: try ClipRange(start: 1, end: 3), actor: "trainer")
    }

    func export(
      _ format: CaseLibraryFormat, to name: String, anonymise: Bool = false, filter: CaseFilter = CaseFilter(),
      replace: Bool = false, progress: (CaseExportEvent) throws -> Void = { _ in }
    ) throws -> CaseExportSummary {
      try CaseLibraryExporter.export(
        from: fixture.db,
        options: CaseExportOptions(
          output: root.appendingPathComponent(name), format: format, filter: filter, anonymise: anonymise,
          language: "zh", mediaRoot: root, tools: .none, replace: replace),
        actor: "trainer", progress: progress)
    }

    /// Every file under `folder`, relative paths sorted.
    func files(_ folder: String) -> [String] {
      let base = root.appendingPathComponent(folder)
      let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
      var found: [String] = []
      while let url = enumerator?.nextObject() as? URL {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
          found.append(String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
        }
      }
      return found.sorted()
    }

    func text(_ path: String) throws -> String {
      String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }

    /// The top-level names in the fixture folder (to prove nothing else was written).
    func topLevel() throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }
  }

  @Test func htmlLibraryIsCompleteSafeRedactedAndOffline() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    let before = try library.topLevel()
    var events: [CaseExportEvent] = []
    let summary = try library.export(.html, to: "out") { events.append($0) }
    // Only `out` was added beside the database, with no staging folder left over
    #expect(try library.topLevel() == (before + ["out"]).sorted())
    #expect(summary.cases == 3)
    #expect(summary.clips == [.trimmed: 1, .missing: 1, .wholeRecording: 1])
    #expect(summary.problems.count == 2)
    #expect(events.contains(.wrote("index.html")))
    let files = library.files("out")
    #expect(
      files == [
        "cases/case-0001-etc-x.html", "cases/case-0002-script-alert-1-script-错误资费.html", "cases/case-0003-标准开场.html",
        "index.html", "media/case-0001-clip.wav", "media/case-0003-clip.mp3", "transcripts/case-0001.txt",
        "transcripts/case-0002.txt",
      ])
    // The WAV clip holds exactly round(4.25·8000) − round(1.5·8000) = 22000 samples
    let clip = try WAVFile.read(library.root.appendingPathComponent("out/media/case-0001-clip.wav"))
    #expect(clip.frameCount == 22000)
    #expect(clip.sampleRate == 8000 && clip.channels == 1 && clip.bitsPerSample == 16)
    // The MP3 could not be cut here: copied whole, and the page says what to play
    #expect(try Data(contentsOf: library.root.appendingPathComponent("out/media/case-0003-clip.mp3")).count == 4000)
    let page3 = try library.text("out/cases/case-0003-标准开场.html")
    #expect(page3.contains("whole recording: play from 00:01 to 00:03"))
    let index = try library.text("out/index.html")
    #expect(index.contains("<meta charset=\"utf-8\">"))
    #expect(index.contains("培训案例库"))
    #expect(index.contains("按技能") && index.contains("按级别"))
    #expect(index.contains("表示理解"))
    #expect(index.contains("recording not found"))
    #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt; 错误资费"))
    #expect(index.contains("href=\"cases/case-0003-%E6%A0%87%E5%87%86%E5%BC%80%E5%9C%BA.html\""))
    let page1 = try library.text("out/cases/case-0001-etc-x.html")
    #expect(page1.contains("<audio controls preload=\"metadata\" src=\"../media/case-0001-clip.wav\"></audio>"))
    #expect(page1.contains("<h2>录音片段：00:01.5–00:04.25</h2>"))
    #expect(page1.contains("客户留了邮箱 [email redacted]"))
    #expect(page1.contains("安抚到位"))
    // The transcript is cut to 1.5–4.25 s: the 00:00.5 and 00:05.0 lines are gone
    #expect(page1.contains("[00:01.5] 客户: 我的手机是[mobile redacted]，"))
    #expect(!page1.contains("工号1024") && !page1.contains("再见"))
    for file in files where file.hasSuffix(".html") {
      let html = try library.text("out/" + file)
      #expect(!html.contains("<script"), "\(file) carries a script")
      #expect(!html.contains("http://") && !html.contains("https://"), "\(file) refers to the network")
    }
    try Self.expectNoSecrets(library, files.map { "out/" + $0 })
  }

  @Test func markdownLibraryGroupsBySkillAndLevel() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    try library.export(.md, to: "md")
    let index = try library.text("md/index.md")
    #expect(index.contains("## 按技能"))
    #expect(index.contains("### 表示理解（“我理解”而非“好好好”） (acknowledge)\n\n- [../../etc/x](cases/case-0001-etc-x.md) — 正面案例, A001, 2026-11-03, 100.0"))
    #expect(index.contains("### 初级") && index.contains("### 高级") && index.contains("### 不限级别"))
    #expect(index.contains("(cases/case-0001-etc-x.md)"))
    #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt; 错误资费"))
    let page = try library.text("md/cases/case-0002-script-alert-1-script-错误资费.md")
    #expect(page.contains("## 入选理由"))
    #expect(page.contains("录音缺失"))
    #expect(page.contains("| 业务解答准确 | 8 | 8 | 15 | 7.0 | 报错了资费 |"))
    #expect(page.contains("（完整文本：无时间戳，未截取）"))
    try Self.expectNoSecrets(library, library.files("md").map { "md/" + $0 })
  }

  @Test func jsonManifestFollowsTheSchemaAndAnonymises() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    try library.export(.json, to: "json", anonymise: true)
    let files = library.files("json")
    #expect(files == ["manifest.json", "media/case-0001-clip.wav", "media/case-0003-clip.mp3", "transcripts/case-0001.txt", "transcripts/case-0002.txt"])
    let manifest = try #require(try JSONSerialization.jsonObject(with: Data(library.text("json/manifest.json").utf8)) as? [String: Any])
    let cases = try #require(manifest["cases"] as? [[String: Any]])
    #expect(cases.map { $0["agent"] as? String } == ["坐席 A", "坐席 B", "坐席 A"])
    #expect(cases.allSatisfy { $0["call"] is NSNull && $0["inspector"] is NSNull })
    #expect(cases.map { ($0["clip"] as? [String: Any])?["status"] as? String } == ["trimmed", "missing", "whole-recording"])
    #expect(cases[0]["page"] is NSNull)
    #expect((cases[0]["comment"] as? String) == "坐席 A表现优秀，回访 [landline redacted]")
    #expect((manifest["by_level"] as? [[String: Any]])?.map { $0["level"] as? String } == ["beginner", "advanced", "unspecified"])
    #expect(manifest["anonymised"] as? Bool == true)
    for file in files {
      let text = try library.text("json/" + file)
      for name in ["A001", "A002", "王小明", "李娜", "C-1", "QA1"] { #expect(!text.contains(name), "\(name) in \(file)") }
    }
    try Self.expectNoSecrets(library, files.map { "json/" + $0 })
    try Self.validateAgainstSchema(library.root.appendingPathComponent("json/manifest.json"))
  }

  @Test func zipHoldsTheHTMLLibraryAndManifestDeflated() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    let before = try library.topLevel()
    try library.export(.zip, to: "培训 cases.zip")
    #expect(try library.topLevel() == (before + ["培训 cases.zip"]).sorted())
    let archive = try Archive(url: library.root.appendingPathComponent("培训 cases.zip"), accessMode: .read)
    let names = archive.map(\.path).filter { !$0.hasSuffix("/") }.sorted()
    #expect(
      names == [
        "培训-cases/cases/case-0001-etc-x.html", "培训-cases/cases/case-0002-script-alert-1-script-错误资费.html",
        "培训-cases/cases/case-0003-标准开场.html", "培训-cases/index.html", "培训-cases/manifest.json",
        "培训-cases/media/case-0001-clip.wav", "培训-cases/media/case-0003-clip.mp3", "培训-cases/transcripts/case-0001.txt",
        "培训-cases/transcripts/case-0002.txt",
      ])
    let index = try #require(archive["培训-cases/index.html"])
    #expect(index.compressedSize < index.uncompressedSize)
    let extracted = library.root.appendingPathComponent("extracted")
    try FileManager.default.createDirectory(at: extracted, withIntermediateDirectories: true)
    try FileManager.default.unzipItem(at: library.root.appendingPathComponent("培训 cases.zip"), to: extracted)
    #expect(try WAVFile.read(extracted.appendingPathComponent("培训-cases/media/case-0001-clip.wav")).frameCount == 22000)
    let manifest = extracted.appendingPathComponent("培训-cases/manifest.json")
    #expect(try String(decoding: Data(contentsOf: manifest), as: UTF8.self).contains(#""page" : "cases/case-0001-etc-x.html""#))
    try Self.validateAgainstSchema(manifest)
    try Self.expectNoSecrets(library, library.files("extracted").map { "extracted/" + $0 })
  }

  @Test func aZipNamedWithoutAnExtensionGetsDotZip() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    let before = try library.topLevel()
    // Given --out without an extension, the archive is `NAME.zip` and nothing is written at `NAME`
    let summary = try library.export(.zip, to: "培训库")
    #expect(summary.output.lastPathComponent == "培训库.zip")
    #expect(try library.topLevel() == (before + ["培训库.zip"]).sorted())
    let archive = try Archive(url: library.root.appendingPathComponent("培训库.zip"), accessMode: .read)
    #expect(archive["培训库/index.html"] != nil && archive["培训库/manifest.json"] != nil)
    // An existing .zip extension (any case) is kept; another extension gets .zip after it
    let options = { (name: String, format: CaseLibraryFormat) in
      CaseExportOptions(output: URL(fileURLWithPath: "/tmp/\(name)"), format: format, mediaRoot: library.root)
    }
    #expect(options("a.zip", .zip).destination.lastPathComponent == "a.zip")
    #expect(options("a.ZIP", .zip).destination.lastPathComponent == "a.ZIP")
    #expect(options("a.v2", .zip).destination.lastPathComponent == "a.v2.zip")
    // Folder formats use --out as given
    for format in [CaseLibraryFormat.md, .html, .json] { #expect(options("lib", format).destination.lastPathComponent == "lib") }
    // Re-exporting to the same name needs --force and replaces the archive
    #expect(throws: CallQAError.self) { try library.export(.zip, to: "培训库") }
    try library.export(.zip, to: "培训库", replace: true)
    #expect(try library.topLevel() == (before + ["培训库.zip"]).sorted())
  }

  @Test func filtersSelectCasesAndAnEmptySelectionIsAnError() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    let summary = try library.export(.json, to: "only", filter: CaseFilter(kind: .cautionary))
    #expect(summary.cases == 1)
    #expect(library.files("only") == ["manifest.json", "transcripts/case-0002.txt"])
    #expect(throws: CallQAError("no training case matches the filters")) {
      try library.export(.html, to: "none", filter: CaseFilter(skill: "no-such-item"))
    }
    #expect(!FileManager.default.fileExists(atPath: library.root.appendingPathComponent("none").path))
  }

  @Test func anInterruptedExportLeavesNothingAtTheDestination() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    let before = try library.topLevel()
    struct Stop: Error {}
    var written = 0
    // When the export fails after its second file
    #expect(throws: Stop.self) {
      try library.export(.html, to: "out") { event in
        if case .wrote = event { written += 1 }
        if written == 2 { throw Stop() }
      }
    }
    // Then neither the library nor its staging folder exists
    #expect(try library.topLevel() == before)
  }

  @Test func existingLibrariesAreKeptUnlessReplacedAndStaleStagingIsSwept() throws {
    let library = try Library()
    defer { library.fixture.cleanUp() }
    try library.export(.md, to: "out")
    #expect(throws: CallQAError("\(library.root.appendingPathComponent("out").path) already exists (pass --force to replace it)")) {
      try library.export(.html, to: "out")
    }
    #expect(library.files("out").contains("index.md"))
    // --force never replaces a folder that is not a library (here: the one holding the database)
    #expect(throws: CallQAError("refusing to replace \(library.root.path): it is not a case library exported by callqa")) {
      try CaseLibraryExporter.export(
        from: library.fixture.db,
        options: CaseExportOptions(output: library.root, mediaRoot: library.root, tools: .none, replace: true), actor: "trainer")
    }
    #expect(FileManager.default.fileExists(atPath: library.root.appendingPathComponent("qa.sqlite").path))
    // A folder left by a killed export (its process is gone) is removed by the next export
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = library.root.appendingPathComponent(".out.partial-\(dead.processIdentifier)-deadbeef")
    try FileManager.default.createDirectory(at: stale.appendingPathComponent("library"), withIntermediateDirectories: true)
    try library.export(.html, to: "out", replace: true)
    #expect(library.files("out").contains("index.html"))
    #expect(!library.files("out").contains("index.md"))
    #expect(!FileManager.default.fileExists(atPath: stale.path))
  }

  @Test func transcriptFilesAreReadAndShortRecordingsAndMissingFilesAreReported() throws {
    let fixture = try CaseFixture(onDisk: true)
    defer { fixture.cleanUp() }
    // Given a 3-second WAV, a clip of 2–5 s, and a transcript kept in a file beside the database
    try SineWAV.write(to: fixture.directory.appendingPathComponent("short.wav"), seconds: 3, sampleRate: 8000)
    try Data("[00:01] 坐席: 您好\n[00:02.5] 客户: 邮箱 a.b@example.cn\n[00:04] 坐席: 再见".utf8)
      .write(to: fixture.directory.appendingPathComponent("c1.txt"))
    let one = try fixture.score(CaseFixture.perfect, call: "C-1", recording: "short.wav", transcript: "c1.txt")
    let two = try fixture.score(CaseFixture.perfect, call: "C-2", transcript: "gone/c2.txt")
    try fixture.db.tagCase(evaluationId: one, title: "short", clip: try ClipRange(start: 2, end: 5), actor: "t")
    try fixture.db.tagCase(evaluationId: two, title: "no transcript", actor: "t")
    let summary = try CaseLibraryExporter.export(
      from: fixture.db,
      options: CaseExportOptions(
        output: fixture.directory.appendingPathComponent("out"), format: .json,
        mediaRoot: fixture.directory, tools: .none), actor: "trainer")
    // Then the clip stops at the end of the file (1 s = 8000 samples) and both problems are reported
    #expect(try WAVFile.read(fixture.directory.appendingPathComponent("out/media/case-0001-clip.wav")).frameCount == 8000)
    #expect(
      summary.problems == [
        "case 1: the recording is only 00:03 long: the clip stops there", "case 2: transcript not found: gone/c2.txt",
      ])
    let transcript = try String(contentsOf: fixture.directory.appendingPathComponent("out/transcripts/case-0001.txt"), encoding: .utf8)
    #expect(transcript == "[00:02.5] 客户: 邮箱 [email redacted]\n[00:04] 坐席: 再见\n")
    #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("out/transcripts/case-0002.txt").path))
  }

  @Test(.enabled(if: Tools.which("sox") != nil, "sox is not installed (apt-get install sox)"))
  func otherFormatsAreCutWithSox() throws {
    let sox = try #require(Tools.which("sox"))
    let fixture = try CaseFixture(onDisk: true)
    defer { fixture.cleanUp() }
    // Given an AIFF recording (not WAV) of 6 s
    let wav = fixture.directory.appendingPathComponent("tone.wav")
    try SineWAV.write(to: wav, seconds: 6, sampleRate: 8000)
    let aiff = fixture.directory.appendingPathComponent("tone.aiff")
    let convert = Process()
    convert.executableURL = URL(fileURLWithPath: sox)
    convert.arguments = [wav.path, aiff.path]
    try convert.run()
    convert.waitUntilExit()
    let id = try fixture.score(CaseFixture.perfect, call: "C-1", recording: aiff.path)
    try fixture.db.tagCase(evaluationId: id, title: "aiff", clip: try ClipRange(start: 1, end: 3.5), actor: "t")
    // When exported with sox as the only tool
    let summary = try CaseLibraryExporter.export(
      from: fixture.db,
      options: CaseExportOptions(
        output: fixture.directory.appendingPathComponent("out"), format: .json,
        mediaRoot: fixture.directory, tools: AudioTools(sox: sox)), actor: "trainer")
    // Then the clip was converted, and holds 2.5 s = 20000 samples (soxi -s)
    #expect(summary.clips == [.converted: 1])
    let soxi = Process()
    soxi.executableURL = URL(fileURLWithPath: sox)
    soxi.arguments = ["--i", "-s", fixture.directory.appendingPathComponent("out/media/case-0001-clip.aiff").path]
    let pipe = Pipe()
    soxi.standardOutput = pipe
    try soxi.run()
    let samples = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    soxi.waitUntilExit()
    #expect(samples.trimmingCharacters(in: .whitespacesAndNewlines) == "20000")
  }

  static func expectNoSecrets(_ library: Library, _ paths: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    for path in paths where !path.hasSuffix(".wav") && !path.hasSuffix(".mp3") {
      let text = try library.text(path)
      for secret in secrets {
        #expect(!text.contains(secret), "\(secret) leaked into \(path)", sourceLocation: sourceLocation)
      }
    }
  }

  /// Validates `manifest` with python3's jsonschema against Schemas/case-library.schema.json.
  static func validateAgainstSchema(_ manifest: URL) throws {
    let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Schemas/case-library.schema.json")
    // CI installs python3 and jsonschema: without them this check fails, it never passes silently.
    let python = try #require(Tools.which("python3"), "python3 is needed to validate the manifest against its schema")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      "-c",
      """
      import json, sys
      import jsonschema
      schema = json.load(open(sys.argv[1])); jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.validate(json.load(open(sys.argv[2])), schema, cls=jsonschema.Draft202012Validator)
      print("valid")
      """, schema.path, manifest.path,
    ]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0 && output.contains("valid"), "schema validation failed: \(errors)")
  }
}
