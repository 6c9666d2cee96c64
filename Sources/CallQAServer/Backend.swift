import CallQAKit
import Dispatch

/// The database as the server uses it: every library call runs on a thread of its own, off
/// Swift's few cooperative threads, because SQLite and bcrypt block (a write may wait for
/// another process's transaction; a password check takes a quarter of a second on purpose).
public struct Backend: Sendable {
  public let db: QADatabase
  private let queue = DispatchQueue(label: "callqa.server.database", qos: .userInitiated, attributes: .concurrent)

  public init(db: QADatabase) { self.db = db }

  /// Runs `body` with the database on a worker thread and returns its result.
  public func run<T: Sendable>(_ body: @escaping @Sendable (QADatabase) throws -> T) async throws -> T {
    let db = self.db
    return try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try body(db) }) }
    }
  }
}
