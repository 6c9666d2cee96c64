import GRDB

extension CallQAError {
  /// A failure of SQLite as callqa reports it, matched by result code: one line saying what
  /// happened and what to do, with a kind a caller can switch on.
  static func storage(_ error: DatabaseError) -> CallQAError {
    let detail = error.message ?? "\(error.resultCode)"
    switch error.resultCode.primaryResultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return CallQAError(.errDatabaseBusyAnother, Int(QADatabase.busyTimeout), kind: .storage(.busy))
    case .SQLITE_READONLY:
      return CallQAError(.errDatabaseCannotWritten, detail, kind: .storage(.readOnly))
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return CallQAError(.errDatabaseFileDamaged, detail, kind: .storage(.corrupt))
    case .SQLITE_FULL:
      return CallQAError(.errDiskFullNothing, kind: .storage(.full))
    case .SQLITE_CONSTRAINT:
      // A history trigger or a uniqueness rule: what is asked clashes with what is stored.
      return CallQAError(detail, kind: .conflict)
    default:
      return CallQAError(.errDatabaseError, detail, kind: .storage(.other))
    }
  }
}
