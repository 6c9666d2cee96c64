import CallQAKit
import Dispatch

/// The database as the server uses it: every library call runs on a thread of its own, off
/// Swift's few cooperative threads, because SQLite and bcrypt block (a write may wait for
/// another process's transaction; a password check takes a quarter of a second on purpose).
///
/// A request that changes something (``Lane/write``, set for every method but GET and HEAD by
/// ``WriteLaneMiddleware``) runs its calls on the ``WriteLane``; every other request on a
/// concurrent queue at the server's own priority.
public struct Backend: Sendable {
  /// Which threads a request's library calls run on.
  public enum Lane: Sendable {
    case read, write
  }

  /// The lane of the request being handled.
  @TaskLocal public static var lane = Lane.read

  public let db: QADatabase
  private let queue = DispatchQueue(label: "callqa.server.database", qos: .userInitiated, attributes: .concurrent)

  public init(db: QADatabase) { self.db = db }

  /// Runs `body` with the database on a worker thread of the request's lane and returns its result.
  public func run<T: Sendable>(_ body: @escaping @Sendable (QADatabase) throws -> T) async throws -> T {
    let db = self.db
    let lane = Backend.lane
    return try await withCheckedThrowingContinuation { continuation in
      let job: @Sendable () -> Void = { continuation.resume(with: Result { try body(db) }) }
      switch lane {
      case .read: queue.async(execute: job)
      case .write: WriteLane.shared.submit(job)
      }
    }
  }
}
