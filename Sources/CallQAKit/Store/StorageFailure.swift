import GRDB

extension CallQAError {
  /// A failure of SQLite as callqa reports it, matched by result code: one line saying what
  /// happened and what to do, with a kind a caller can switch on.
  static func storage(_ error: DatabaseError) -> CallQAError {
    let detail = error.message ?? "\(error.resultCode)"
    switch error.resultCode.primaryResultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return CallQAError(
        "the database is busy: another callqa process held it for more than \(Int(QADatabase.busyTimeout)) s; try again when it has finished",
        kind: .storage(.busy))
    case .SQLITE_READONLY:
      return CallQAError("the database cannot be written (read-only file or folder): \(detail)", kind: .storage(.readOnly))
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return CallQAError(
        "the database file is damaged or not a database (\(detail)): restore the last backup with `callqa restore`",
        kind: .storage(.corrupt))
    case .SQLITE_FULL:
      return CallQAError("the disk is full: nothing was written; free some space and try again", kind: .storage(.full))
    case .SQLITE_CONSTRAINT:
      // A history trigger or a uniqueness rule: what is asked clashes with what is stored.
      return CallQAError(detail, kind: .conflict)
    default:
      return CallQAError("database error: \(detail)", kind: .storage(.other))
    }
  }
}
