/// A position in a text file, 1-based. `column` may be nil when only the line is known.
public struct SourceLocation: Hashable, Sendable {
  public var file: String
  public var line: Int
  public var column: Int?

  public init(file: String, line: Int, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column` (or `file:line`).
  public var description: String {
    if let column { return "\(file):\(line):\(column)" }
    return "\(file):\(line)"
  }
}

/// An error in a file the user gave us, printed as `file:line:column: message`.
///
/// The message is a catalogue key with its arguments (``LocalizedMessage``): ``message(_:)``
/// renders it in a reader's language, ``message`` and ``description`` in English.
public struct LocatedError: Error, Hashable, Sendable, CustomStringConvertible {
  public var location: SourceLocation
  /// What is wrong there, in any language.
  public var text: LocalizedMessage

  /// `key` with `arguments` at `location` (arguments as in ``LocalizedMessage/init(_:_:)``).
  public init(_ location: SourceLocation, _ key: MessageKey, _ arguments: any CustomStringConvertible...) {
    self.location = location
    self.text = LocalizedMessage(key, arguments)
  }

  /// `text` at `location`.
  public init(_ location: SourceLocation, text: LocalizedMessage) {
    self.location = location
    self.text = text
  }

  /// Another error's message at `location`, in the reader's language.
  public init(_ location: SourceLocation, _ error: CallQAError) {
    self.location = location
    self.text = error.text
  }

  /// Text that is not callqa's own (a parser's or the system's words), shown as it is; also
  /// what a test compares a thrown error with (equality reads the English message).
  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.text = .verbatim(message)
  }

  /// The message in English.
  public var message: String { text.description }

  /// The message in the language of `words`.
  public func message(_ words: Messages) -> String { text.rendered(words) }

  /// `file:line:column: message` in the language of `words`.
  public func description(_ words: Messages) -> String { "\(location.description)\(words.colon)\(message(words))" }

  /// The whole error as a message, for an argument of another one.
  public var localized: LocalizedMessage { LocalizedMessage(.locatedError, [location.description, text]) }

  public var description: String { "\(location.description): \(message)" }

  /// Equal when they say the same in English at the same place, however they were made.
  public static func == (a: LocatedError, b: LocatedError) -> Bool { a.location == b.location && a.message == b.message }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(location)
    hasher.combine(message)
  }
}

/// A domain error with a message meant for the user (one line, no stack trace) and a kind a
/// caller can switch on: the terminal turns it into an exit code, a server into an HTTP
/// status. No message names a command-line flag.
///
/// The message is a catalogue key with its arguments (``LocalizedMessage``), so the terminal
/// and the pages show it in their reader's language (``message(_:)``); ``message`` and
/// ``description`` stay English for logs, JSON bodies and tests. `CallQAError(String)` remains
/// for text that is not callqa's own (SQLite's words): library code throws keys.
public struct CallQAError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, for a caller to act on.
  public enum Kind: Hashable, Sendable {
    /// The request is wrong as given: a bad value, a rule of the data broken (HTTP 400/422).
    case invalidInput
    /// What it names does not exist: an agent, an evaluation, a team (HTTP 404).
    case notFound
    /// It clashes with what is stored: already scored, already tagged, already resolved (HTTP 409).
    case conflict
    /// The person acting may not do it (HTTP 403).
    case forbidden
    /// The database could not do it (HTTP 503 for busy, 500 otherwise).
    case storage(StorageProblem)
  }

  /// Why the database failed, from SQLite's result code.
  public enum StorageProblem: Hashable, Sendable {
    /// Another process held the write lock longer than the busy timeout.
    case busy
    /// The file or its folder cannot be written.
    case readOnly
    /// The file is damaged or is not a database.
    case corrupt
    /// The disk (or the quota) is full.
    case full
    /// Anything else SQLite reported.
    case other
  }

  public var kind: Kind
  /// What went wrong, in any language.
  public var text: LocalizedMessage

  /// `key` with `arguments` (arguments as in ``LocalizedMessage/init(_:_:)``; a nested
  /// error renders in the same language), of `kind` (invalid input unless said otherwise).
  public init(_ key: MessageKey, _ arguments: any CustomStringConvertible..., kind: Kind = .invalidInput) {
    self.text = LocalizedMessage(key, arguments)
    self.kind = kind
  }

  /// `text` of `kind`.
  public init(text: LocalizedMessage, kind: Kind = .invalidInput) {
    self.text = text
    self.kind = kind
  }

  /// Text that is not callqa's own (what SQLite or the system said), shown as it is in every
  /// language. Library code throws keys (``init(_:_:kind:)``).
  public init(_ message: String, kind: Kind = .invalidInput) {
    self.text = .verbatim(message)
    self.kind = kind
  }

  /// Text that is not callqa's own, of a kind; also what a test compares a thrown error with.
  public static func notFound(_ message: String) -> CallQAError { CallQAError(message, kind: .notFound) }
  public static func conflict(_ message: String) -> CallQAError { CallQAError(message, kind: .conflict) }
  public static func forbidden(_ message: String) -> CallQAError { CallQAError(message, kind: .forbidden) }

  public static func notFound(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> CallQAError {
    CallQAError(text: LocalizedMessage(key, arguments), kind: .notFound)
  }
  public static func conflict(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> CallQAError {
    CallQAError(text: LocalizedMessage(key, arguments), kind: .conflict)
  }
  public static func forbidden(_ key: MessageKey, _ arguments: any CustomStringConvertible...) -> CallQAError {
    CallQAError(text: LocalizedMessage(key, arguments), kind: .forbidden)
  }

  /// The message in English.
  public var message: String { text.description }

  /// The message in the language of `words`.
  public func message(_ words: Messages) -> String { text.rendered(words) }

  public var description: String { message }

  /// Equal when they are of one kind and say the same in English, however they were made (so a
  /// test's `CallQAError.notFound("no evaluation with id 5")` matches the keyed error).
  public static func == (a: CallQAError, b: CallQAError) -> Bool { a.kind == b.kind && a.message == b.message }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(message)
  }
}
