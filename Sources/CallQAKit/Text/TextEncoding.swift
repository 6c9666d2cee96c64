import Foundation

#if canImport(CoreFoundation)
  import CoreFoundation
#endif

/// The one check for user files that must be UTF-8: where the first bad byte is
/// (`file:line:column`) and, when the bytes read as GBK/GB18030 — what Excel and Notepad
/// write on a Chinese Windows — a message saying so and how to fix it.
enum TextEncoding {
  /// What the user should do with the file, at the end of the message.
  enum Advice {
    /// A CSV file: re-save from Excel as "CSV UTF-8" and import it again.
    case csv
    /// A file to import (JSON Lines).
    case importFile
    /// Any other file (scorecards, answers files, plans, transcripts).
    case file

    var text: LocalizedMessage {
      switch self {
      case .csv: return LocalizedMessage(.errAdviceCSV, [])
      case .importFile: return LocalizedMessage(.errAdviceImport, [])
      case .file: return LocalizedMessage(.errAdviceFile, [])
      }
    }
  }

  /// GB 18030-2000, a superset of GBK and GB 2312, through CoreFoundation (also on Linux).
  static let gb18030 = String.Encoding(
    rawValue: CFStringConvertEncodingToNSStringEncoding(CFStringEncoding(CFStringEncodings.GB_18030_2000.rawValue)))

  /// The text of a whole file, or a ``LocatedError`` at the first byte that is not UTF-8.
  /// A leading byte-order mark is kept (callers that care drop it).
  static func decode(_ data: Data, file: String, advice: Advice) throws -> String {
    if let text = String(data: data, encoding: .utf8) { return text }
    throw error(file: file, firstLine: 1, bytes: Array(data), advice: advice)
  }

  /// The error for `bytes`, which start at the beginning of line `firstLine` and are not all
  /// UTF-8: positioned at the first bad byte, and naming GBK/GB18030 when its line reads as that.
  static func error(file: String, firstLine: Int, bytes: [UInt8], advice: Advice) -> LocatedError {
    var bad = firstInvalidOffset(bytes) ?? bytes.count
    var lineStart = bytes.startIndex
    var line = firstLine
    for index in bytes.startIndex..<bad where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    var start = lineStart
    if line == 1, bytes[start...].starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    let lineEnd = bytes[bad...].firstIndex(of: 0x0A) ?? bytes.endIndex
    let gbk = looksLikeGB18030(bytes[start..<lineEnd])
    // Some GBK pairs happen to be UTF-8 (一 is D2 BB): in a GBK line the first wrong byte is
    // its first non-ASCII one.
    if gbk, let first = bytes[start..<bad].firstIndex(where: { $0 >= 0x80 }) { bad = first }
    let column = String(decoding: bytes[start..<max(start, bad)], as: UTF8.self).unicodeScalars.count + 1
    return LocatedError(SourceLocation(file: file, line: line, column: column), gbk ? .errNotUTF8LooksGBK : .errUtf, advice.text)
  }

  /// True when `bytes` decode as GB18030 and their non-ASCII characters are mostly Chinese
  /// (ideographs, CJK and full-width punctuation), as in a file saved by a Chinese Windows.
  static func looksLikeGB18030(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard let text = String(data: Data(bytes), encoding: gb18030) else { return false }
    var chinese = 0
    var other = 0
    for scalar in text.unicodeScalars where scalar.value >= 0x80 {
      switch scalar.value {
      case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FFFF,  // ideographs
        0x3000...0x303F, 0xFF00...0xFFEF, 0x2010...0x2027, 0x00B7:  // CJK and full-width punctuation
        chinese += 1
      default:
        other += 1
      }
    }
    return chinese > 0 && chinese >= other
  }

  /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence
  /// (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF); nil when all are.
  static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var second: ClosedRange<UInt8> = 0x80...0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; second = 0xA0...0xBF
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; second = 0x80...0x9F
      case 0xF0: length = 4; second = 0x90...0xBF
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; second = 0x80...0x8F
      default: return index
      }
      guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return index }
      for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) { return index }
      index += length
    }
    return nil
  }
}
