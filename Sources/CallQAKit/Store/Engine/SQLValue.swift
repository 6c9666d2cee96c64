import Foundation

/// One value as both engines store it: SQLite's five storage classes, which the PostgreSQL
/// schema mirrors column for column (`BIGINT`, `DOUBLE PRECISION`, `TEXT`, `BYTEA`; flags
/// are `0`/`1` integers on both, so one SQL text compares them the same way).
enum SQLValue: Hashable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob(Data)
}

extension SQLValue {
  /// The value as a person reads it in a message: text as it is, numbers as Swift prints
  /// them, `NULL`, a blob as its size.
  var display: String {
    switch self {
    case .null: return "NULL"
    case .integer(let value): return String(value)
    case .real(let value): return String(value)
    case .text(let value): return value
    case .blob(let value): return "<\(value.count) bytes>"
    }
  }
}

/// A Swift value that is bound to a statement and read back from a row.
protocol SQLValueConvertible {
  /// The value to bind.
  var sqlValue: SQLValue { get }
  /// The Swift value of a stored one; nil when it cannot be one (a text read as a number).
  init?(sqlValue: SQLValue)
}

extension Int64: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(self) }
  init?(sqlValue: SQLValue) {
    switch sqlValue {
    case .integer(let value): self = value
    case .real(let value) where value.rounded() == value && abs(value) < 9.2e18: self = Int64(value)
    default: return nil
    }
  }
}

extension Int: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(Int64(self)) }
  init?(sqlValue: SQLValue) {
    guard let value = Int64(sqlValue: sqlValue) else { return nil }
    self = Int(value)
  }
}

extension Double: SQLValueConvertible {
  var sqlValue: SQLValue { .real(self) }
  init?(sqlValue: SQLValue) {
    switch sqlValue {
    case .real(let value): self = value
    case .integer(let value): self = Double(value)
    default: return nil
    }
  }
}

extension Bool: SQLValueConvertible {
  var sqlValue: SQLValue { .integer(self ? 1 : 0) }
  init?(sqlValue: SQLValue) {
    guard let value = Int64(sqlValue: sqlValue) else { return nil }
    self = value != 0
  }
}

extension String: SQLValueConvertible {
  var sqlValue: SQLValue { .text(self) }
  init?(sqlValue: SQLValue) {
    guard case .text(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Data: SQLValueConvertible {
  var sqlValue: SQLValue { .blob(self) }
  init?(sqlValue: SQLValue) {
    guard case .blob(let value) = sqlValue else { return nil }
    self = value
  }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
  var sqlValue: SQLValue { self?.sqlValue ?? .null }
  init?(sqlValue: SQLValue) {
    if case .null = sqlValue {
      self = .none
    } else if let value = Wrapped(sqlValue: sqlValue) {
      self = .some(value)
    } else {
      return nil
    }
  }
}
