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

/// A domain error with a message meant for the user (one line, no stack trace).
public struct CallQAError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
