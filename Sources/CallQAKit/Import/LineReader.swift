import Foundation

/// Reads a file line by line in fixed-size chunks, so memory stays flat however large it is.
/// Lines end with LF or CRLF; a UTF-8 byte-order mark at the start is skipped.
struct LineReader {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var start = 0
  private var atEOF = false
  private(set) var line = 0
  private(set) var bytesRead = 0
  private static let chunkSize = 1 << 20

  init(path: String) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CallQAError(.errCannotReadFile, path)
    }
    self.handle = handle
  }

  /// The next line's bytes (without its line end) and its 1-based number; nil at the end.
  mutating func next() -> (line: Int, bytes: ArraySlice<UInt8>)? {
    while true {
      if let newline = buffer[start...].firstIndex(of: 0x0A) {
        var end = newline
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        let bytes = buffer[start..<end]
        bytesRead += newline + 1 - start
        start = newline + 1
        line += 1
        return (line, skipBOM(bytes))
      }
      if atEOF {
        guard start < buffer.count else { return nil }
        let bytes = buffer[start...]
        bytesRead += buffer.count - start
        start = buffer.count
        line += 1
        return (line, skipBOM(bytes))
      }
      let chunk = handle.readData(ofLength: LineReader.chunkSize)
      buffer.removeFirst(start)
      start = 0
      if chunk.isEmpty { atEOF = true } else { buffer.append(contentsOf: chunk) }
    }
  }

  private func skipBOM(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return bytes }
    return bytes.dropFirst(3)
  }
}
