import GRDB

extension QADatabase {
  /// Closes the database file (a long-running process shutting down: `callqa serve`):
  /// checkpoints the WAL into the main file and releases every connection. Any use after it
  /// fails. The file stays consistent without it; this leaves no `-wal` to replay.
  public func close() throws {
    do {
      if let pool = writer as? DatabasePool {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try pool.close()
      } else if let queue = writer as? DatabaseQueue {
        try queue.close()
      }
    } catch let error as DatabaseError {
      throw CallQAError.storage(error)
    }
  }
}
