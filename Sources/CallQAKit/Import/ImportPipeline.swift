import Foundation

/// One record read and validated on the pipeline's reader thread.
struct PreparedRecord: Sendable {
  var line: Int
  /// The record as read, for a rejects file.
  var raw: String
  /// The scored submission, or why the record cannot be imported.
  var outcome: Result<ScoredSubmission, CallQAError>
  /// Bytes of the file read when this record was, for progress.
  var bytesRead: Int
}

/// Reads and validates records on a second thread while the caller writes the previous ones,
/// so parsing, checking and scoring overlap with SQLite's work. Records come out in file
/// order through a small bounded buffer, so memory stays flat. The validation is the same
/// ``ImportValidator`` code; only the thread differs.
final class ImportPipeline: @unchecked Sendable {
  private let condition = NSCondition()
  private var buffer: [PreparedRecord] = []
  private var head = 0
  private var finished = false
  private var cancelled = false
  private var failure: (any Error)?
  private let capacity: Int
  private let stopped = DispatchSemaphore(value: 0)
  private var source: any ImportRecordSource
  private let validator: ImportValidator

  init(source: any ImportRecordSource, validator: ImportValidator, capacity: Int = 256) {
    self.source = source
    self.validator = validator
    self.capacity = capacity
    Thread.detachNewThread { [self] in self.produce() }
  }

  private func produce() {
    defer { stopped.signal() }
    do {
      while let item = try source.next() {
        let outcome: Result<ScoredSubmission, CallQAError>
        do {
          outcome = .success(try validator.prepare(item.record.get()))
        } catch {
          outcome = .failure(error)
        }
        let record = PreparedRecord(line: item.line, raw: item.raw, outcome: outcome, bytesRead: source.bytesRead)
        guard put(record) else { return }
      }
      finish(nil)
    } catch {
      finish(error)
    }
  }

  /// Adds a record, waiting while the buffer is full; false once the consumer has cancelled.
  private func put(_ record: PreparedRecord) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while buffer.count - head >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    buffer.append(record)
    condition.broadcast()
    return true
  }

  private func finish(_ error: (any Error)?) {
    condition.lock()
    finished = true
    failure = error
    condition.broadcast()
    condition.unlock()
  }

  /// The next record in file order, nil at the end; rethrows an error reading the file.
  func next() throws -> PreparedRecord? {
    condition.lock()
    defer { condition.unlock() }
    while head == buffer.count && !finished { condition.wait() }
    if head < buffer.count {
      let record = buffer[head]
      head += 1
      if head >= capacity {
        buffer.removeFirst(head)
        head = 0
      }
      condition.broadcast()
      return record
    }
    if let failure { throw failure }
    return nil
  }

  /// Stops the reader thread (if still running) and waits for it.
  func stop() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
    stopped.wait()
  }
}
