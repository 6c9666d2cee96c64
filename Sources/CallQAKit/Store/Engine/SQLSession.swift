import Foundation

/// The two engines a callqa database runs on.
public enum StoreEngineKind: String, Sendable, CaseIterable {
  /// The embedded default: one file (GRDB over the system SQLite).
  case sqlite
  /// A PostgreSQL server (PostgresNIO), for centres that outgrow one machine.
  case postgresql
}

/// A connection inside one transaction, on either engine: the store's use cases that run on
/// both are written against this, with `?` placeholders and the SQL both engines share.
///
/// The shared SQL is the common core of SQLite and PostgreSQL: `coalesce`, `sum`, `count`,
/// `substr`, `CASE`, `ON CONFLICT … DO …`, `RETURNING`, window functions. What differs (a
/// trigger, a catalogue query) is asked of ``engine``.
protocol SQLSession {
  /// Which engine this session talks to.
  var engine: StoreEngineKind { get }
  /// Runs one statement that returns no rows.
  func execute(_ sql: String, _ arguments: [SQLValue]) throws
  /// Runs one query and returns all its rows.
  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
  /// The keyed seal (HMAC) of an audit link with the key the database was opened with; nil
  /// when it was opened without one.
  func auditSeal(_ message: Data) throws -> String?
  /// Runs `body` inside a savepoint of the current transaction: what it wrote is undone when
  /// it throws (and the transaction goes on, also on PostgreSQL, which would otherwise refuse
  /// every statement after an error), kept when it returns.
  func savepoint<T>(_ body: () throws -> T) throws -> T
}

extension SQLSession {
  func execute(_ sql: String, _ arguments: any SQLValueConvertible...) throws {
    try execute(sql, arguments.map(\.sqlValue))
  }

  func rows(_ sql: String, _ arguments: any SQLValueConvertible...) throws -> [SQLRow] {
    try rows(sql, arguments.map(\.sqlValue))
  }

  /// The first row, nil when there is none.
  func row(_ sql: String, _ arguments: any SQLValueConvertible...) throws -> SQLRow? {
    try rows(sql, arguments.map(\.sqlValue)).first
  }

  /// The first column of the first row, nil when there is no row (or the value is NULL).
  func value<T: SQLValueConvertible>(_ type: T.Type = T.self, _ sql: String, _ arguments: any SQLValueConvertible...) throws -> T? {
    try value(type, sql, arguments.map(\.sqlValue))
  }

  /// The first column of the first row, with the arguments as a list.
  func value<T: SQLValueConvertible>(_ type: T.Type = T.self, _ sql: String, _ arguments: [SQLValue]) throws -> T? {
    guard let row = try rows(sql, arguments).first else { return nil }
    let value: T? = try row[0]
    return value
  }
}
