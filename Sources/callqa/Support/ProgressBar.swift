import Foundation

/// Progress on stderr: a one-line bar on a terminal, or — when a script asks for it — one
/// `progress: LABEL DONE/TOTAL` line per percent, which a script can wait for.
final class ProgressBar: @unchecked Sendable {
  private let label: String
  private let lines: Bool
  private let lock = NSLock()
  private var lastPercent = -1

  /// A bar when stderr is a TTY; progress lines when `lines` is set (`--progress`); else nil,
  /// so scripts and CI get clean output.
  init?(label: String, lines: Bool = false) {
    guard lines || isatty(STDERR_FILENO) == 1 else { return nil }
    self.label = label
    self.lines = lines
  }

  func update(_ done: Int, of total: Int) {
    guard total > 0 else { return }
    let percent = min(100, done * 100 / total)
    lock.lock()
    defer { lock.unlock() }
    guard percent != lastPercent else { return }
    lastPercent = percent
    if lines {
      FileHandle.standardError.write(Data("progress: \(label) \(done)/\(total)\n".utf8))
      return
    }
    let width = 30
    let filled = width * percent / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
  }

  func finish() {
    guard !lines else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
