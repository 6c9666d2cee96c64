import Foundation
import Logging
import NIOCore
import PostgresNIO

/// ``SQLSession`` over one PostgreSQL connection inside its transaction.
///
/// The library is synchronous; each statement waits for PostgresNIO's future on the calling
/// thread (never an event-loop thread: the store's callers are the terminal's main thread and
/// the server's write lane and read queue).
struct PostgresSession: SQLSession {
  let connection: PostgresConnection
  let logger: Logger
  /// The key audit links are sealed with, held by the store (nil: none given).
  let auditKey: AuditKey?

  var engine: StoreEngineKind { .postgresql }

  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    _ = try run(sql, arguments)
  }

  func savepoint<T>(_ body: () throws -> T) throws -> T {
    try execute("SAVEPOINT callqa_step", [])
    do {
      let value = try body()
      try execute("RELEASE SAVEPOINT callqa_step", [])
      return value
    } catch {
      try execute("ROLLBACK TO SAVEPOINT callqa_step", [])
      try execute("RELEASE SAVEPOINT callqa_step", [])
      throw error
    }
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    try run(sql, arguments).rows.map { row in
      var columns: [String] = []
      var values: [SQLValue] = []
      for cell in row {
        columns.append(cell.columnName)
        values.append(try SQLValue(cell: cell))
      }
      return SQLRow(columns: columns, values: values)
    }
  }

  func auditSeal(_ message: Data) throws -> String? {
    auditKey?.seal(Array(message))
  }

  /// Runs several statements without arguments, one after the other (a migration step).
  func script(_ sql: String) throws {
    for statement in PostgresScript.statements(sql) { _ = try run(statement, []) }
  }

  private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
    var binds = PostgresBindings(capacity: arguments.count)
    for argument in arguments {
      switch argument {
      case .null: binds.appendNull()
      case .integer(let value): try binds.append(value)
      case .real(let value): try binds.append(value)
      case .text(let value): try binds.append(value)
      case .blob(let value): try binds.append(value)
      }
    }
    let query = PostgresQuery(unsafeSQL: arguments.isEmpty ? sql : PostgresPlaceholders.numbered(sql), binds: binds)
    do {
      return try connection.query(query, logger: logger).wait()
    } catch let error as PSQLError {
      throw PostgresFailure.thrown(error)
    }
  }
}

extension SQLValue {
  /// A cell as the shared storage classes: integers, reals (numeric sums included), text,
  /// bytes; a boolean (`EXISTS`, a comparison) is the 0/1 integer SQLite returns.
  init(cell: PostgresCell) throws {
    guard cell.bytes != nil else {
      self = .null
      return
    }
    switch cell.dataType {
    case .int2, .int4, .int8, .oid:
      self = .integer(try cell.decode(Int64.self))
    case .float4, .float8:
      self = .real(try cell.decode(Double.self))
    case .numeric:
      let decimal = try cell.decode(Decimal.self)
      let number = NSDecimalNumber(decimal: decimal)
      let integral = decimal == Decimal(number.int64Value)
      self = integral ? .integer(number.int64Value) : .real(number.doubleValue)
    case .bool:
      self = .integer(try cell.decode(Bool.self) ? 1 : 0)
    case .bytea:
      self = .blob(try cell.decode(Data.self))
    default:
      self = .text(try cell.decode(String.self))
    }
  }
}
