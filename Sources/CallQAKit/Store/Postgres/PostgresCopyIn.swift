import Foundation
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// `COPY table (columns) FROM STDIN` in PostgreSQL's text format: the bulk path of
/// ``QADatabase/copy(to:progress:)`` into a PostgreSQL target, many times faster than
/// INSERTs (no statement per batch to parse and plan, no bound parameters). Row triggers run
/// as for an INSERT.
enum PostgresCopyIn {
  /// One row as a line of the text format: values separated by tabs, `\N` for NULL,
  /// backslash, tab, newline and carriage return escaped, bytes as `\\x` and hex digits.
  static func append(_ values: [SQLValue], to buffer: inout ByteBuffer) {
    for (index, value) in values.enumerated() {
      if index > 0 { buffer.writeStaticString("\t") }
      switch value {
      case .null: buffer.writeStaticString("\\N")
      case .integer(let number): buffer.writeString(String(number))
      // Swift's description is the shortest text that reads back as the same double.
      case .real(let number): buffer.writeString(number.description)
      case .text(let text): buffer.writeString(escaped(text))
      case .blob(let bytes):
        buffer.writeStaticString("\\\\x")
        buffer.writeString(bytes.map { String(format: "%02x", $0) }.joined())
      }
    }
    buffer.writeStaticString("\n")
  }

  static func escaped(_ text: String) -> String {
    guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for character in text.unicodeScalars {
      switch character {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      default: out.unicodeScalars.append(character)
      }
    }
    return out
  }
}

extension PostgresSession {
  /// Streams `rows` (values in the order of `columns`) into `table` through `COPY … FROM
  /// STDIN`, inside the session's transaction. Waits on the calling thread, as every
  /// statement of the session does (never an event-loop thread).
  func copyIn(table: String, columns: [String], rows: [[SQLValue]]) throws {
    guard !rows.isEmpty else { return }
    var buffer = ByteBuffer()
    for row in rows { PostgresCopyIn.append(row, to: &buffer) }
    let data = buffer
    let connection = self.connection
    let logger = self.logger
    let outcome = NIOLockedValueBox<Result<Void, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    // Off Swift's cooperative pool: the caller blocks its thread below, and may be on that pool.
    Task(executorPreference: CopyExecutor.shared) {
      do {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(data) }
        outcome.withLockedValue { $0 = .success(()) }
      } catch {
        outcome.withLockedValue { $0 = .failure(error) }
      }
      done.signal()
    }
    done.wait()
    switch outcome.withLockedValue({ $0 }) {
    case .failure(let error as PSQLError): throw PostgresFailure.thrown(error)
    case .failure(let error): throw error
    case .success, .none: return
    }
  }
}

/// Runs the COPY's task on a queue of its own, not on the cooperative pool whose thread the
/// waiting caller may be holding (with two cores the pool has two threads).
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
  static let shared = CopyExecutor()
  private let queue = DispatchQueue(label: "callqa.postgres.copy-in", attributes: .concurrent)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}
