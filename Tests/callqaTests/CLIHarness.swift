import Foundation
import Testing

/// Runs the built `callqa` binary end to end, in a fresh temporary folder per test.
struct CLIHarness {
  /// The result of one run.
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// A fresh working folder; removed by ``cleanUp()``.
  let directory: URL
  /// `--db` path inside ``directory``.
  var database: String { directory.appendingPathComponent("qa.sqlite").path }

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  /// The executable of this very build: the test target depends on it, so SwiftPM builds it
  /// into the same products folder as the test bundle (`.build/<triple>/<config>/`). There is
  /// no fallback: a missing binary stops the tests instead of running a stale one.
  static let executable: URL = {
    let products = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [Bundle.main.bundleURL, products] + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
    for folder in candidates {
      let candidate = folder.appendingPathComponent("callqa")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    preconditionFailure("the callqa binary of this build is not in \(candidates.map(\.path)): run the tests with `swift test`")
  }()

  /// Writes `text` to a file in the working folder and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// Runs `callqa arguments…` with `stdin` piped in; the environment gets `NO_COLOR=1`
  /// and no `CALLQA_DB`/`CALLQA_INSPECTOR` unless given in `environment`.
  func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
    let process = Process()
    process.executableURL = CLIHarness.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env.removeValue(forKey: "CALLQA_DB")
    env.removeValue(forKey: "CALLQA_INSPECTOR")
    // English unless a test asks for another language (issue 17: the language follows these).
    for name in ["CALLQA_LANG", "LC_ALL", "LC_MESSAGES"] { env.removeValue(forKey: name) }
    env["LANG"] = "C"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes before waiting so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// Runs with `--db` appended and expects success; returns stdout.
  @discardableResult
  func ok(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try run(arguments + ["--db", database], stdin: stdin)
    #expect(result.status == 0, "callqa \(arguments.joined(separator: " ")) failed: \(result.stderr)", sourceLocation: sourceLocation)
    return result.stdout
  }

  /// Runs with `--db` appended and expects failure; returns stderr.
  @discardableResult
  func fails(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = try run(arguments + ["--db", database], stdin: stdin)
    #expect(result.status != 0, "callqa \(arguments.joined(separator: " ")) should fail", sourceLocation: sourceLocation)
    return result.stderr
  }

  /// Parses stdout JSON.
  static func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
  }
}

extension CLIHarness {
  /// The audit actor of a single-desk database run by this test process's OS account
  /// (`local-admin (root)` in CI), which is who the built binary acts as.
  static var deskActor: String {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "local-admin" }
    return "local-admin (\(String(cString: name)))"
  }
}
