import Foundation

/// Runs python3 scripts for independent checks of written files (openpyxl, html.parser).
public enum Python {
  /// The first python3 on PATH (the one `pip install` in .ci/run installs into).
  public static let executable: String? = {
    Tools.which("python3")
  }()

  /// True when python3 can import `module`.
  public static func has(_ module: String) -> Bool {
    guard let result = try? run("import \(module)", arguments: []) else { return false }
    return result.status == 0
  }

  public static var hasOpenpyxl: Bool { has("openpyxl") }

  /// Runs `script` with `arguments` (sys.argv[1…]); returns status and stdout+stderr.
  public static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    try launch(["-c", script] + arguments)
  }

  /// Runs the script file at `path` with `arguments`; returns status and stdout+stderr.
  public static func runFile(_ path: String, arguments: [String]) throws -> (status: Int32, output: String) {
    try launch([path] + arguments)
  }

  private static func launch(_ arguments: [String]) throws -> (status: Int32, output: String) {
    guard let executable else { return (127, "python3 not found") }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Runs `script` and returns its output, throwing when python3 fails.
  public static func output(_ script: String, arguments: [String]) throws -> String {
    let result = try run(script, arguments: arguments)
    guard result.status == 0 else { throw OracleError("python3 failed: \(result.output)") }
    return result.output
  }
}
