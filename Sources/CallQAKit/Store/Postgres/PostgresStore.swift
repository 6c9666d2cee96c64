import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The PostgreSQL engine of ``QADatabase``: a pool of connections to one database, and the
/// transactions the store's use cases run in.
///
/// Isolation, per invariant: every write runs SERIALIZABLE, so two servers' transactions are
/// applied as if one after the other (one counted evaluation per call and kind, a dispute
/// resolved once — the unique indexes say so too); a serialization failure or a deadlock
/// rolls back and the whole transaction is tried again, up to ``retries`` times. Reads run
/// REPEATABLE READ READ ONLY: one snapshot for a whole report.
final class PostgresStore: Sendable {
  /// Where the database is.
  let location: PostgresLocation
  /// How many connections are open at most (`--pool` of `serve`).
  let poolSize: Int
  /// Seals every audit row written (``SQLSession/auditSeal(_:)``).
  let auditKey: AuditKey?
  /// How many times a transaction is tried before giving up.
  static let retries = 10

  private let idle = NIOLockedValueBox<[PostgresConnection]>([])
  private let slots: DispatchSemaphore
  private let nextID = NIOLockedValueBox(1)
  private let logger = Logger(label: "callqa.postgresql")

  /// Connects once (so an unreachable server or a wrong password is reported now, not at the
  /// first use case) and keeps the connection for the pool.
  init(location: PostgresLocation, poolSize: Int = 4, auditKey: AuditKey? = nil) throws {
    self.location = location
    self.auditKey = auditKey
    self.poolSize = max(1, poolSize)
    slots = DispatchSemaphore(value: max(1, poolSize))
    let first = try connect()
    idle.withLockedValue { $0.append(first) }
  }

  deinit {
    for connection in idle.withLockedValue({ $0 }) { try? connection.close().wait() }
  }

  /// Closes every idle connection now.
  func close() {
    let connections = idle.withLockedValue { connections in
      defer { connections.removeAll() }
      return connections
    }
    for connection in connections { try? connection.close().wait() }
  }

  // MARK: - Transactions

  /// Runs `body` in one read-only transaction on one snapshot.
  func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
  }

  /// Runs `body` in one serializable write transaction, tried again from the start after a
  /// serialization failure or a deadlock — unless `retrying` is false (a body that consumes
  /// its input, an import's stream): then such a failure is one line saying nothing was
  /// written and to run it again.
  func write<T>(retrying: Bool = true, _ body: (PostgresSession) throws -> T) throws -> T {
    try transaction("BEGIN ISOLATION LEVEL SERIALIZABLE", retries: retrying ? Self.retries : 1, body)
  }

  /// Runs `body` in one READ COMMITTED transaction (migrations, which take a lock first).
  func writeCommitted<T>(_ body: (PostgresSession) throws -> T) throws -> T {
    try transaction("BEGIN", body)
  }

  private func transaction<T>(_ begin: String, retries: Int = retries, _ body: (PostgresSession) throws -> T) throws -> T {
    var attempt = 1
    while true {
      do {
        return try withConnection { connection in
          let session = PostgresSession(connection: connection, logger: logger, auditKey: auditKey)
          try session.execute(begin, [])
          do {
            let value = try body(session)
            try session.execute("COMMIT", [])
            return value
          } catch {
            try? session.execute("ROLLBACK", [])
            throw error
          }
        }
      } catch is PostgresSerializationFailure {
        guard retries > 1 else { throw CallQAError(.errPostgresConcurrentWrite, kind: .storage(.busy)) }
        guard attempt < retries else {
          throw CallQAError(.errPostgresRetriesExhausted, attempt, kind: .storage(.busy))
        }
        // Back off a little, more each time, with jitter so two servers do not collide again.
        usleep(UInt32.random(in: 1_000...5_000) * UInt32(attempt))
        attempt += 1
      }
    }
  }

  // MARK: - Connections

  private func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    slots.wait()
    defer { slots.signal() }
    let reused = idle.withLockedValue { $0.popLast() }
    let connection = try reused.flatMap { $0.isClosed ? nil : $0 } ?? connect()
    defer { if !connection.isClosed { idle.withLockedValue { $0.append(connection) } } }
    return try body(connection)
  }

  private func connect() throws -> PostgresConnection {
    var configuration: PostgresConnection.Configuration
    if let folder = location.socketFolder {
      configuration = .init(
        unixSocketPath: "\(folder)/.s.PGSQL.\(location.port)", username: location.user, password: location.password,
        database: location.database)
    } else {
      configuration = .init(
        host: location.host, port: location.port, username: location.user, password: location.password,
        database: location.database, tls: .disable)
    }
    configuration.options.connectTimeout = .seconds(10)
    let id = nextID.withLockedValue { id in
      defer { id += 1 }
      return id
    }
    do {
      return try PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
      ).wait()
    } catch {
      throw CallQAError(.errPostgresUnreachable, location.description, PostgresFailure.reason(error), kind: .storage(.other))
    }
  }
}

/// A transaction that PostgreSQL could not serialize against a concurrent one (SQLSTATE
/// 40001) or that deadlocked (40P01): tried again by ``PostgresStore``.
struct PostgresSerializationFailure: Error {
  let state: String
  let message: String
}
