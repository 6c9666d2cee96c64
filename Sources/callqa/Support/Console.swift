import ArgumentParser
import CallQAKit
import Foundation

/// Terminal output helpers: stdout for data, stderr for messages, colour only on a TTY.
enum Console {
  /// A line for a person: control characters shown escaped (``TerminalText``), callqa's own
  /// colours kept.
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data((TerminalText.escapedLines(text, keepingColours: true) + "\n").utf8))
  }

  /// `text` exactly as given, as data (a CSV document that ends with its own CRLF, JSON).
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data((TerminalText.escapedLines(text, keepingColours: true) + "\n").utf8))
  }

  /// Whether stdout should carry ANSI colours (a TTY, NO_COLOR unset, TERM not dumb).
  static var colourEnabled: Bool {
    let env = ProcessInfo.processInfo.environment
    return isatty(STDOUT_FILENO) == 1 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
  }

  static func paint(_ text: String, _ code: String) -> String {
    colourEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  static func bold(_ text: String) -> String { paint(text, "1") }
  static func red(_ text: String) -> String { paint(text, "31") }
  static func green(_ text: String) -> String { paint(text, "32") }
  static func dim(_ text: String) -> String { paint(text, "2") }
}

/// The language of what the terminal prints around a command's own output: error lines,
/// usage errors and `--help`. It is resolved as the commands resolve theirs
/// (``Language/resolve(flag:environment:)``), with the `--lang` flag read from the raw command
/// line, because help and parse errors are written before (or without) a parsed command.
enum Terminal {
  /// The language in effect for this process.
  static var language: Language {
    Language.resolve(flag: languageFlag(in: CommandLine.arguments), environment: ProcessInfo.processInfo.environment)
  }

  /// Its words.
  static var words: Messages { Messages(language) }

  /// The value of `--lang X` or `--lang=X` among `arguments` (the last one wins), nil when absent.
  static func languageFlag(in arguments: [String]) -> String? {
    var found: String?
    for (index, argument) in arguments.enumerated() {
      if argument == "--" { break }
      if argument == "--lang", index + 1 < arguments.count { found = arguments[index + 1] }
      if argument.hasPrefix("--lang=") { found = String(argument.dropFirst("--lang=".count)) }
    }
    return found
  }

  /// A `--help` text from the catalogue, in the terminal's language.
  static func help(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> String {
    LocalizedMessage(key, arguments).rendered(words)
  }
}

/// A command whose failures print one line on stderr and exit non-zero, in the language of its
/// `--lang` option (every command has one: ``HelpTextTests``).
protocol CallQACommand: ParsableCommand {
  /// The command's `--lang` option (and the environment behind it).
  var language: LanguageOptions { get }
  func execute() throws
}

extension CallQACommand {
  func run() throws {
    do {
      try execute()
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch let error as CleanExit {
      throw error
    } catch {
      let words = language.words
      Console.err(words(.errorLine, describe(error, words)))
      throw ExitCode(exitStatus(for: error))
    }
  }
}

/// The exit status of a failure (README: "Exit codes"): 1 for a request that cannot be
/// done as given (invalid, not found, conflicting), 77 when the person may not do it, 75
/// when the database was busy (try again), 74 for any other storage failure.
func exitStatus(for error: any Error) -> Int32 {
  guard let error = error as? CallQAError else { return 1 }
  switch error.kind {
  case .invalidInput, .notFound, .conflict: return 1
  case .forbidden: return 77
  case .storage(.busy): return 75
  case .storage: return 74
  }
}

/// One line describing any error we may meet, callqa's own in the language of `words`
/// (English unless said otherwise).
func describe(_ error: any Error, _ words: Messages = Messages(.en)) -> String {
  switch error {
  case let error as CallQAError: return error.message(words)
  case let error as LocatedError: return error.description(words)
  case let error as AnswerError: return error.message(words)
  case let error as CustomStringConvertible:
    // One line, without the statement an SQLite error quotes (it used to cut the line mid-SQL)
    var line = error.description.split(separator: "\n").first.map(String.init) ?? "\(error)"
    if let statement = line.range(of: " - while executing") { line = String(line[..<statement.lowerBound]) }
    return line.count > 200 ? String(line.prefix(199)) + "…" : line
  default: return "\(error)"
  }
}

/// Prints any Encodable as pretty JSON on stdout, as data: JSON escapes control characters
/// itself, and its strings must stay exactly as stored.
func printJSON<T: Encodable>(_ value: T) throws {
  Console.write(try JSONText.pretty(value) + "\n")
}
