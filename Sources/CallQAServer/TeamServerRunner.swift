import CallQAKit
import Hummingbird
import Logging

/// Runs `callqa serve` until SIGTERM or SIGINT: the graceful shutdown of Hummingbird's
/// service group stops accepting connections and lets the requests in flight finish before
/// this returns (the caller then closes the database).
public enum TeamServerRunner {
  public static func run(database: QADatabase, options: ServerOptions, onListening: @escaping @Sendable (Int) -> Void) async throws {
    var logger = Logger(label: "callqa")
    logger.logLevel = .info
    let app = try buildApplication(database: database, options: options, logger: logger) { port in onListening(port) }
    try await app.runService()
  }
}
