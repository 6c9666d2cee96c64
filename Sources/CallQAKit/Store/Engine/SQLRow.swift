/// One row a query returned, read by column name on either engine.
struct SQLRow: Hashable, Sendable {
  /// The column names, in the order of the select list.
  let columns: [String]
  /// The values, in the same order.
  let values: [SQLValue]

  /// The value of the column named `name` (the first one so named).
  ///
  /// A missing column, or a stored value that is not a `T` (a NULL read as a non-optional, a
  /// text read as a number), is an error naming the column, never a silent default.
  subscript<T: SQLValueConvertible>(_ name: String) -> T {
    get throws {
      guard let index = columns.firstIndex(of: name) else {
        throw CallQAError(.errColumnMissing, name, MessageArgument.list(columns), kind: .storage(.other))
      }
      return try self[index]
    }
  }

  /// The value at `index` in the select list.
  subscript<T: SQLValueConvertible>(_ index: Int) -> T {
    get throws {
      guard values.indices.contains(index), let value = T(sqlValue: values[index]) else {
        let name = columns.indices.contains(index) ? columns[index] : "#\(index)"
        let stored = values.indices.contains(index) ? "\(values[index])" : "-"
        throw CallQAError(.errColumnType, name, stored, "\(T.self)", kind: .storage(.other))
      }
      return value
    }
  }
}
