import Foundation

/// A one-line progress bar on stderr, shown only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
  private let label: String
  private let lock = NSLock()
  private var lastPercent = -1

  /// A bar, or nil when stderr is not a TTY (scripts and CI get clean output).
  init?(label: String) {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    self.label = label
  }

  func update(_ done: Int, of total: Int) {
    guard total > 0 else { return }
    let percent = min(100, done * 100 / total)
    lock.lock()
    defer { lock.unlock() }
    guard percent != lastPercent else { return }
    lastPercent = percent
    let width = 30
    let filled = width * percent / 100
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
  }

  func finish() {
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
