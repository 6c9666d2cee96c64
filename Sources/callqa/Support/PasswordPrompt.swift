import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a password from the terminal without echoing it.
enum PasswordPrompt {
  /// The line typed after `prompt`, echo off while typing; nil at end of input.
  static func read(_ prompt: String) -> String? {
    FileHandle.standardError.write(Data(prompt.utf8))
    var saved = termios()
    let isTerminal = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
    if isTerminal {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
    }
    defer {
      if isTerminal {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        FileHandle.standardError.write(Data("\n".utf8))
      }
    }
    return readLine(strippingNewline: true)
  }
}
