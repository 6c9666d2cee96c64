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
public struct LocatedError: Error, Hashable, Sendable, CustomStringConvertible {
  public var location: SourceLocation
  public var message: String

  public init(_ location: SourceLocation, _ message: String) {
    self.location = location
    self.message = message
  }

  public var description: String { "\(location.description): \(message)" }
}

/// A domain error with a message meant for the user (one line, no stack trace) and a kind a
/// caller can switch on: the terminal turns it into an exit code, a server into an HTTP
/// status. No message names a command-line flag.
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
  public var message: String

  /// An error of `kind` (invalid input unless said otherwise).
  public init(_ message: String, kind: Kind = .invalidInput) {
    self.message = message
    self.kind = kind
  }

  public static func notFound(_ message: String) -> CallQAError { CallQAError(message, kind: .notFound) }
  public static func conflict(_ message: String) -> CallQAError { CallQAError(message, kind: .conflict) }
  public static func forbidden(_ message: String) -> CallQAError { CallQAError(message, kind: .forbidden) }

  public var description: String { message }
}
