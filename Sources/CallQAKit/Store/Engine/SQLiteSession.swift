import Foundation
import GRDB

/// A GRDB connection inside its transaction is the SQLite ``SQLSession``: the use cases written
/// against the session take it as it is, and every statement is prepared once per connection
/// (GRDB's statement cache), so a bulk writer pays no SQL compilation per row.
extension Database: SQLSession {
  var engine: StoreEngineKind { .sqlite }

  func execute(_ sql: String, _ arguments: [SQLValue]) throws {
    try cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
  }

  /// The key lives only in the connection's SQL function (``QADatabase/sealFunction(_:)``).
  func auditSeal(_ message: Data) throws -> String? {
    try String.fetchOne(try cachedStatement(sql: "SELECT \(QADatabase.sealFunctionName)(?)"), arguments: [message])
  }

  /// GRDB's savepoint (which knows the transaction it is in).
  func savepoint<T>(_ body: () throws -> T) throws -> T {
    var value: T?
    try inSavepoint {
      value = try body()
      return .commit
    }
    guard let value else { preconditionFailure("a committed savepoint ran its body") }
    return value
  }

  func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
    let statement = try cachedStatement(sql: sql)
    try statement.setArguments(StatementArguments(arguments.map(\.databaseValue)))
    let columns = statement.columnNames
    return try Row.fetchAll(statement).map { row in
      SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init(databaseValue:)))
    }
  }
}

extension QADatabase {
  /// Whether `error` is SQLite's refusal of a duplicate key in a unique index (PostgreSQL's
  /// ends the transaction, so its use cases look the key up first).
  static func isUniqueViolation(_ error: any Error) -> Bool {
    (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
  }
}

extension StatementArguments {
  /// GRDB arguments of values built for either engine (the report conditions).
  init(_ values: [SQLValue]) {
    self.init(values.map(\.databaseValue))
  }
}

extension SQLValue {
  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .integer(let value): return value.databaseValue
    case .real(let value): return value.databaseValue
    case .text(let value): return value.databaseValue
    case .blob(let value): return value.databaseValue
    }
  }

  init(databaseValue: DatabaseValue) {
    switch databaseValue.storage {
    case .null: self = .null
    case .int64(let value): self = .integer(value)
    case .double(let value): self = .real(value)
    case .string(let value): self = .text(value)
    case .blob(let value): self = .blob(value)
    }
  }
}
