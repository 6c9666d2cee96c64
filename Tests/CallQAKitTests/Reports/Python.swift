import CallQAKit
import Foundation

/// Runs python3 scripts for independent checks of written files (openpyxl, html.parser).
enum Python {
  /// The first python3 on PATH (the one `pip install` in .ci/run installs into).
  static let executable: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  /// True when python3 can import `module`.
  static func has(_ module: String) -> Bool {
    guard let result = try? run("import \(module)", arguments: []) else { return false }
    return result.status == 0
  }

  static var hasOpenpyxl: Bool { has("openpyxl") }

  /// Runs `script` with `arguments` (sys.argv[1…]); returns status and stdout+stderr.
  static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    guard let executable else { return (127, "python3 not found") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs `script` and returns its output, throwing when python3 fails.
  static func output(_ script: String, arguments: [String]) throws -> String {
    let result = try run(script, arguments: arguments)
    guard result.status == 0 else { throw CallQAError("python3 failed: \(result.output)") }
    return result.output
  }
}
