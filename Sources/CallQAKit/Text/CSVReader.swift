import Foundation

/// A streaming RFC 4180 CSV reader that remembers the line each record starts on.
///
/// Handles what spreadsheets write: a UTF-8 byte-order mark, CRLF or LF line ends,
/// quoted fields with commas, doubled quotes and newlines. It reads the file in chunks,
/// so memory stays flat however large the file is. Bytes that are not UTF-8 stop it with
/// `file:line:column` of the first one (and a word on GBK when the line reads as GBK).
///
/// It is an iterator, not a `Sequence`: `for … in` would read a copy and lose ``error``, so
/// callers loop with `while let record = reader.next()` and check ``error`` after it.
public struct CSVReader: IteratorProtocol {
  /// One record and the (1-based) line it starts on.
  public struct Record: Sendable {
    public var line: Int
    public var fields: [String]
  }

  private let file: String
  /// The file read, to quote a bad line from it; nil for text held in memory.
  private let path: String?
  private let handle: FileHandle?
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEOF = false
  private var line = 1
  private var first = true
  /// Bytes of the input consumed so far (for progress reporting).
  public var bytesConsumed: Int { consumed + position }
  private var consumed = 0
  /// Set when the input is malformed; iteration stops.
  public private(set) var error: LocatedError?

  /// Reads the file at `path`; `file` is the name used in error messages.
  public init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CallQAError(.errCannotReadFile, path)
    }
    self.handle = handle
    self.path = path
    self.file = (path as NSString).lastPathComponent
  }

  /// Reads CSV from text held in memory.
  public init(text: String, file: String = "input.csv") {
    self.handle = nil
    self.path = nil
    self.file = file
    self.buffer = Array(text.utf8)
    self.atEOF = true
  }

  private mutating func byte() -> UInt8? {
    if position >= buffer.count {
      guard !atEOF, let handle else { return nil }
      let chunk = handle.readData(ofLength: 1 << 16)
      if chunk.isEmpty {
        atEOF = true
        return nil
      }
      consumed += buffer.count
      buffer = Array(chunk)
      position = 0
    }
    defer { position += 1 }
    return buffer[position]
  }

  private mutating func peek() -> UInt8? {
    guard let b = byte() else { return nil }
    position -= 1
    return b
  }

  /// The next non-blank record, or nil at the end or after an error (see ``error``).
  public mutating func next() -> Record? {
    while let record = readRecord() {
      if record.fields.count == 1 && record.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
      return record
    }
    return nil
  }

  private mutating func readRecord() -> Record? {
    if error != nil { return nil }
    if first {
      first = false
      // A byte-order mark; other bytes are left to the UTF-8 check of the fields.
      if peek() != nil, buffer[position...].starts(with: [0xEF, 0xBB, 0xBF]) { position += 3 }
    }
    guard peek() != nil else { return nil }
    let startLine = line
    let startOffset = bytesConsumed
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var column = 1
    func finish(_ bytes: [UInt8]) -> String? { String(bytes: bytes, encoding: .utf8) }
    while true {
      guard let b = byte() else {
        if quoted {
          error = LocatedError(SourceLocation(file: file, line: startLine, column: column), .errQuotedFieldNever)
          return nil
        }
        break
      }
      if quoted {
        if b == UInt8(ascii: "\"") {
          if peek() == UInt8(ascii: "\"") {
            _ = byte()
            field.append(b)
          } else {
            quoted = false
          }
        } else {
          if b == UInt8(ascii: "\n") { line += 1 }
          field.append(b)
        }
        continue
      }
      if b == UInt8(ascii: ",") {
        guard let text = finish(field) else { return invalidUTF8(startLine, from: startOffset) }
        fields.append(text)
        field = []
        column += 1
      } else if b == UInt8(ascii: "\"") && field.isEmpty {
        quoted = true
      } else if b == UInt8(ascii: "\r") && peek() == UInt8(ascii: "\n") {
        continue
      } else if b == UInt8(ascii: "\n") {
        line += 1
        break
      } else {
        field.append(b)
      }
    }
    guard let text = finish(field) else { return invalidUTF8(startLine, from: startOffset) }
    fields.append(text)
    return Record(line: startLine, fields: fields)
  }

  /// Stops at a record that is not UTF-8: the error points at its first bad byte. The chunk in
  /// memory holds the record unless it began in an earlier chunk, which is then read back.
  private mutating func invalidUTF8(_ line: Int, from offset: Int) -> Record? {
    if offset >= consumed {
      error = TextEncoding.error(file: file, firstLine: line, bytes: Array(buffer[(offset - consumed)...]), advice: .csv)
    } else if let path, let handle = FileHandle(forReadingAtPath: path),
      (try? handle.seek(toOffset: UInt64(offset))) != nil,
      let data = try? handle.read(upToCount: bytesConsumed - offset + (1 << 16))
    {
      try? handle.close()
      error = TextEncoding.error(file: file, firstLine: line, bytes: Array(data), advice: .csv)
    } else {
      // The record's start cannot be read back: its line is still right.
      let advice = TextEncoding.Advice.csv.text
      error = LocatedError(SourceLocation(file: file, line: line), .errUtf, advice)
    }
    return nil
  }
}

/// A CSV file read as records keyed by its header row.
public struct CSVTable {
  public let header: [String]
  public let file: String

  /// Reads the header of `reader` and checks the required columns are present; nil when the
  /// file is empty (no bytes, or only a byte-order mark and blank lines): it has no records,
  /// like a file with only a header, and imports nothing.
  public static func header(
    of reader: inout CSVReader, file: String, required: [String], optional: [String] = []
  ) throws -> CSVTable? {
    guard let first = reader.next() else {
      if let error = reader.error { throw error }
      return nil
    }
    let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    if let missing = required.first(where: { !header.contains($0) }) {
      throw LocatedError(SourceLocation(file: file, line: 1), .errMissingColumnExpected, missing, (required + optional).joined(separator: ","))
    }
    return CSVTable(header: header, file: file)
  }

  /// The record's fields by column name; a wrong field count is an error at its line.
  public func row(_ record: CSVReader.Record) throws -> [String: String] {
    guard record.fields.count == header.count else {
      throw LocatedError(SourceLocation(file: file, line: record.line), .errExpectedFieldsFound, header.count, record.fields.count)
    }
    return Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first })
  }

  /// The record's fields by column name, trimmed, with an empty field (or a missing column)
  /// read as nil; a wrong field count is an error at its line.
  public func fields(_ record: CSVReader.Record) throws -> (String) -> String? {
    let row = try row(record)
    return { name in row[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
  }
}
