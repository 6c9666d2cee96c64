import PostgresNIO

/// PostgreSQL's failures as callqa reports them, matched by SQLSTATE like SQLite's by result
/// code (``CallQAError/storage(_:)``): one line, with a kind a caller can switch on.
enum PostgresFailure {
  /// SQLSTATEs after which the whole transaction is tried again: a serialization failure of
  /// SERIALIZABLE, and a deadlock.
  static let retryable: Set<String> = ["40001", "40P01"]

  /// The SQLSTATE of a server error, nil for a connection or protocol failure.
  static func sqlState(_ error: any Error) -> String? {
    (error as? PSQLError)?.serverInfo?[.sqlState]
  }

  /// What went wrong, in the server's words where it gave any (a wrong password, a missing
  /// database), never PostgresNIO's deliberately vague description.
  static func reason(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return "\(error)" }
    if let message = error.serverInfo?[.message] { return message }
    if let underlying = error.underlying { return "\(underlying)" }
    return "\(error.code)"
  }

  /// The error to throw for `error`: a retryable failure stays a ``PostgresSerializationFailure``.
  static func thrown(_ error: PSQLError) -> any Error {
    if let state = error.serverInfo?[.sqlState], retryable.contains(state) {
      return PostgresSerializationFailure(state: state, message: error.serverInfo?[.message] ?? state)
    }
    return self.error(error)
  }

  static func error(_ error: PSQLError) -> CallQAError {
    guard let info = error.serverInfo, let state = info[.sqlState] else {
      return CallQAError(.errPostgresRefused, reason(error), kind: .storage(.other))
    }
    let message = info[.message] ?? state
    switch state {
    case _ where state.hasPrefix("23"), "P0001":
      // A uniqueness rule, a check, or a history trigger: what is asked clashes with what is stored.
      return CallQAError(message, kind: .conflict)
    case "25006":
      return CallQAError(.errDatabaseCannotWritten, message, kind: .storage(.readOnly))
    case "53100":
      return CallQAError(.errDiskFullNothing, kind: .storage(.full))
    case "40001", "40P01", "55P03":
      return CallQAError(.errPostgresRefused, message, kind: .storage(.busy))
    default:
      return CallQAError(.errPostgresRefused, "\(message) (SQLSTATE \(state))", kind: .storage(.other))
    }
  }
}
