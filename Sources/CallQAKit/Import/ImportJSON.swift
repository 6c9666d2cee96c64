/// A parsed JSON value. Objects keep their keys in file order.
///
/// Import files hold millions of small objects; this direct byte scanner parses them several
/// times faster than `JSONDecoder` with `Decodable`, which dominated import time.
enum ImportJSON: Sendable {
  case object([(key: String, value: ImportJSON)])
  case array([ImportJSON])
  case string(String)
  case number(Double)
  case bool(Bool)
  case null

  /// A short name of the value's type, for error messages.
  var typeName: String {
    switch self {
    case .object: return "an object"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "a number"
    case .bool: return "true/false"
    case .null: return "null"
    }
  }

  /// Parses one complete JSON text (RFC 8259); the error says what is wrong and at which column.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(CallQAError) -> ImportJSON {
    var scanner = JSONScanner(bytes: bytes)
    scanner.skipSpace()
    let value = try scanner.value(depth: 0)
    scanner.skipSpace()
    guard scanner.index == bytes.count else { throw scanner.error(.errUnexpectedTextAfter) }
    return value
  }
}

/// The byte-level scanner behind ``ImportJSON/parse(_:)``.
private struct JSONScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  func error(_ reason: MessageKey) -> CallQAError {
    CallQAError(.errValidJsonColumn, index + 1, LocalizedMessage(reason, []))
  }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func value(depth: Int) throws(CallQAError) -> ImportJSON {
    guard depth < 64 else { throw error(.errNestedTooDeeply) }
    guard index < bytes.count else { throw error(.errUnexpectedEndLine) }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw error(.errUnexpectedCharacter)
    }
  }

  mutating func literal(_ word: StaticString) throws(CallQAError) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw error(.errUnexpectedEndLine) }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw error(.errUnexpectedCharacter)
    }
    index += count
  }

  mutating func object(depth: Int) throws(CallQAError) -> ImportJSON {
    index += 1
    var members: [(key: String, value: ImportJSON)] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error(.errExpectedQuotedKey) }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(.errExpectedAfterKey) }
      index += 1
      skipSpace()
      members.append((key, try value(depth: depth + 1)))
      skipSpace()
      guard index < bytes.count else { throw error(.errUnexpectedEndLineObject) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      } else {
        throw error(.errExpected2)
      }
    }
  }

  mutating func array(depth: Int) throws(CallQAError) -> ImportJSON {
    index += 1
    var elements: [ImportJSON] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      skipSpace()
      elements.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw error(.errUnexpectedEndLineArray) }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(elements)
      } else {
        throw error(.errExpected3)
      }
    }
  }

  mutating func string() throws(CallQAError) -> String {
    index += 1
    let start = index
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        guard let text = String(validating: slice, as: UTF8.self) else { throw error(.errStringValidUtf) }
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      guard byte >= 0x20 else { throw error(.errControlCharacterInside) }
      index += 1
    }
    var buffer = Array(bytes[start..<index])
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: buffer, as: UTF8.self) else { throw error(.errStringValidUtf) }
        return text
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
              throw error(.errUnpairedSurrogateU)
            }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error(.errUnpairedSurrogateU) }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let unicode = Unicode.Scalar(scalar) else { throw error(.errInvalidUEscape) }
          buffer.append(contentsOf: String(Character(unicode)).utf8)
        default:
          throw error(.errInvalidEscape)
        }
      default:
        guard byte >= 0x20 else { throw error(.errControlCharacterInside) }
        buffer.append(byte)
      }
    }
    throw error(.errStringNeverClosed)
  }

  mutating func hex4() throws(CallQAError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error(.errShortUEscape) }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error(.errInvalidUEscape)
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }

  mutating func number() throws(CallQAError) -> Double {
    let start = index
    var integral = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    guard index > digitsStart else { throw error(.errMalformedNumber) }
    guard bytes[digitsStart] != UInt8(ascii: "0") || index - digitsStart == 1 else { throw error(.errNumberLeadingZero) }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      integral = false
      index += 1
      let fraction = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > fraction else { throw error(.errMalformedNumber) }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      integral = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      let exponent = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      guard index > exponent else { throw error(.errMalformedNumber) }
    }
    if integral && index - digitsStart <= 15 {
      var value = 0
      for i in digitsStart..<index { value = value * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
      return Double(bytes[start] == UInt8(ascii: "-") ? -value : value)
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else { throw error(.errNumberOutRange) }
    return value
  }
}
