import CallQAKit
import Dispatch
import Foundation

/// The small line-reading layer of interactive commands: prints a prompt, reads one line
/// from stdin, the same way on a TTY and from a pipe (no raw mode). When stdin is not a
/// terminal the line read is echoed, so a piped session reads like a typed one.
struct PromptReader {
  let echo = isatty(STDIN_FILENO) == 0

  /// Shows `prompt` and returns the next line, or nil when stdin is closed.
  func read(_ prompt: String) -> String? {
    write(Console.bold(prompt))
    fflush(nil)
    guard let line = Swift.readLine(strippingNewline: true) else {
      write("\n")
      return nil
    }
    if echo { write(line + "\n") }
    return line
  }

  private func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}

/// Ctrl-C during an interactive command: SIGINT is ignored as a signal and handled by a
/// dispatch source, which waits for a database write in progress, says what was kept and
/// exits with status 130. Every answer is already stored, so nothing is lost.
final class InterruptGuard: @unchecked Sendable {
  private let lock = NSLock()
  private var message = "interrupted: nothing was saved"
  private var source: DispatchSourceSignal?

  /// Installs the SIGINT handler for the rest of the process.
  static func install() -> InterruptGuard {
    let guardian = InterruptGuard()
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { guardian.interrupted() }
    source.resume()
    guardian.source = source
    return guardian
  }

  /// What to say when interrupted from now on.
  func setMessage(_ text: String) {
    lock.lock()
    message = text
    lock.unlock()
  }

  /// Runs `body` (a database write) so that Ctrl-C waits for it to finish.
  func protect<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  private func interrupted() {
    lock.lock()
    // No fflush here: the main thread may hold stdin's stdio lock inside readLine, and
    // fflush(nil) would wait for it. Everything is written unbuffered through FileHandle.
    FileHandle.standardError.write(Data("\n\(message)\n".utf8))
    _exit(130)
  }
}
