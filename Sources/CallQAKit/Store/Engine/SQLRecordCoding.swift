import Foundation

/// Flat Codable records (the `Store/Records` structs) read from and written to rows on either
/// engine: a property `importedAt` is the column `imported_at`, as GRDB's snake-case
/// strategies name them; a String-backed enum is its raw value; a Bool is 0/1.
enum SQLColumnName {
  /// `importedAt` → `imported_at`, `tokenSha256` → `token_sha256`.
  static func snakeCase(_ key: String) -> String {
    var result = ""
    for character in key {
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }
}

extension SQLSession {
  /// Every row of `sql` as a `Record`.
  func fetchAll<Record: Decodable>(_ type: Record.Type, _ sql: String, _ arguments: any SQLValueConvertible...) throws
    -> [Record]
  {
    try rows(sql, arguments.map(\.sqlValue)).map { try Record(from: SQLRowDecoder(row: $0)) }
  }

  /// The first row of `sql` as a `Record`, nil when there is none.
  func fetchOne<Record: Decodable>(_ type: Record.Type, _ sql: String, _ arguments: any SQLValueConvertible...) throws
    -> Record?
  {
    try rows(sql, arguments.map(\.sqlValue)).first.map { try Record(from: SQLRowDecoder(row: $0)) }
  }

  /// Inserts `record` into `table`, every property a column but a nil `id` (which the engine
  /// assigns), and returns the row's id.
  @discardableResult
  func insert<Record: Encodable>(_ record: Record, into table: String) throws -> Int64 {
    let encoder = SQLRecordEncoder()
    try record.encode(to: encoder)
    let columns = encoder.storage.columns.filter { !($0.name == "id" && $0.value == .null) }
    let sql = """
      INSERT INTO \(table) (\(columns.map(\.name).joined(separator: ", ")))
      VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", "))) RETURNING id
      """
    guard let id = try rows(sql, columns.map(\.value)).first.map({ try $0[0] as Int64 }) else {
      throw CallQAError(.errInsertGaveNoID, table, kind: .storage(.other))
    }
    return id
  }
}

extension SQLRow {
  /// This row as a `Record` (columns it does not name, a join's, are left out).
  func record<Record: Decodable>(_ type: Record.Type) throws -> Record {
    try Record(from: SQLRowDecoder(row: self))
  }
}

/// Decodes one flat record from a row.
private struct SQLRowDecoder: Decoder {
  let row: SQLRow
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(Keyed(row: row))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is not a list"))
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is not one value"))
  }

  struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: SQLRow
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

    func value(_ key: Key) -> SQLValue? {
      row.columns.firstIndex(of: SQLColumnName.snakeCase(key.stringValue)).map { row.values[$0] }
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { value(key).map { $0 == .null } ?? true }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(type, forKey: key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, forKey: key) }

    func decodeValue<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
      guard let value = value(key) else {
        throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(SQLColumnName.snakeCase(key.stringValue))"))
      }
      return try T(from: SQLValueDecoder(value: value, codingPath: [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
      -> KeyedDecodingContainer<NestedKey>
    {
      throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "records are flat"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
      throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "records are flat"))
    }

    func superDecoder() throws -> any Decoder { SQLRowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SQLRowDecoder(row: row) }
  }
}

/// Decodes one column's value (a number, a text, a String-backed enum).
private struct SQLValueDecoder: Decoder, SingleValueDecodingContainer {
  let value: SQLValue
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    throw mismatch(type)
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  func decodeNil() -> Bool { value == .null }

  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
  func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
  func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
  func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
  func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
  func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }

  func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
    if let convertible = type as? any SQLValueConvertible.Type {
      guard let decoded = convertible.init(sqlValue: value) as? T else { throw mismatch(type) }
      return decoded
    }
    if let integer = T.self as? any FixedWidthInteger.Type {
      guard let stored = Int64(sqlValue: value), let decoded = integer.init(exactly: stored) as? T else { throw mismatch(type) }
      return decoded
    }
    if let real = T.self as? any BinaryFloatingPoint.Type {
      guard let stored = Double(sqlValue: value), let decoded = real.init(stored) as? T else { throw mismatch(type) }
      return decoded
    }
    // A String-backed enum decodes its raw value from this same container.
    return try T(from: self)
  }

  private func mismatch(_ type: Any.Type) -> DecodingError {
    DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "column holds \(value)"))
  }
}

/// Encodes one flat record as columns and values, in property order.
private final class SQLRecordEncoder: Encoder {
  final class Storage { var columns: [(name: String, value: SQLValue)] = [] }
  let storage = Storage()
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(Keyed(storage: storage))
  }
  func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("records are flat") }
  func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("records are flat") }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: Storage
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
      storage.columns.append((SQLColumnName.snakeCase(key.stringValue), .null))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeValue(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeValue(value, forKey: key) }

    mutating func encodeValue<T: Encodable>(_ value: T, forKey key: Key) throws {
      let single = SQLValueEncoder()
      try value.encode(to: single)
      storage.columns.append((SQLColumnName.snakeCase(key.stringValue), single.value ?? .null))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
      if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
      -> KeyedEncodingContainer<NestedKey>
    { fatalError("records are flat") }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("records are flat") }
    mutating func superEncoder() -> any Encoder { fatalError("records are flat") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("records are flat") }
  }
}

/// Encodes one property's value.
private final class SQLValueEncoder: Encoder, SingleValueEncodingContainer {
  var value: SQLValue?
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { fatalError("records are flat") }
  func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("records are flat") }
  func singleValueContainer() -> any SingleValueEncodingContainer { self }

  func encodeNil() throws { value = .null }

  func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
  func encode(_ value: Bool) throws { try encodeValue(value) }
  func encode(_ value: String) throws { try encodeValue(value) }
  func encode(_ value: Double) throws { try encodeValue(value) }
  func encode(_ value: Float) throws { try encodeValue(value) }
  func encode(_ value: Int) throws { try encodeValue(value) }
  func encode(_ value: Int8) throws { try encodeValue(value) }
  func encode(_ value: Int16) throws { try encodeValue(value) }
  func encode(_ value: Int32) throws { try encodeValue(value) }
  func encode(_ value: Int64) throws { try encodeValue(value) }
  func encode(_ value: UInt) throws { try encodeValue(value) }
  func encode(_ value: UInt8) throws { try encodeValue(value) }
  func encode(_ value: UInt16) throws { try encodeValue(value) }
  func encode(_ value: UInt32) throws { try encodeValue(value) }
  func encode(_ value: UInt64) throws { try encodeValue(value) }

  func encodeValue<T: Encodable>(_ value: T) throws {
    if let convertible = value as? any SQLValueConvertible {
      self.value = convertible.sqlValue
    } else if let integer = value as? any BinaryInteger {
      self.value = .integer(Int64(integer))
    } else if let real = value as? any BinaryFloatingPoint {
      self.value = .real(Double(real))
    } else {
      try value.encode(to: self)  // a String-backed enum encodes its raw value here
    }
  }
}
