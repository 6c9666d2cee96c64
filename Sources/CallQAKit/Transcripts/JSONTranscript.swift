import Foundation

/// JSON transcripts: an array of `{start, end, speaker, text}` objects (times in seconds,
/// optional; other keys such as `confidence` are ignored).
enum JSONTranscript {
  static func parse(_ text: String, file: String, labels: SpeakerLabels) throws -> [TranscriptSegment] {
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      throw syntaxError(text, file: file, error: error)
    }
    guard let array = value as? [Any] else {
      throw LocatedError(SourceLocation(file: file, line: 1), .errExpectedJsonArray)
    }
    let lines = elementLines(text)
    var segments: [TranscriptSegment] = []
    for (index, element) in array.enumerated() {
      let line = index < lines.count ? lines[index] : 1
      func fail(_ reason: MessageKey, _ arguments: any CustomStringConvertible...) -> LocatedError {
        LocatedError(SourceLocation(file: file, line: line), .errUtterance, index + 1, LocalizedMessage(reason, arguments))
      }
      guard let object = element as? [String: Any] else { throw fail(.errExpectedObjectStart) }
      guard let label = object["speaker"] as? String else { throw fail(.errMissingSpeakerString) }
      guard let speaker = labels.speaker(for: label) else { throw fail(.errUnknownSpeaker, label, labels.summary) }
      guard let words = object["text"] as? String else { throw fail(.errMissingTextString) }
      func time(_ key: String) throws -> Double? {
        guard let raw = object[key], !(raw is NSNull) else { return nil }
        // JSON true/false also bridge to NSNumber (and 0/1 to Bool): tell them apart by type.
        if let number = raw as? NSNumber, !String(describing: type(of: raw)).contains("Boolean") {
          let seconds = number.doubleValue
          guard seconds.isFinite, seconds >= 0 else { throw fail(.errMustSeconds, key) }
          return seconds
        }
        if let string = raw as? String, let seconds = TranscriptTime.parse(string) { return seconds }
        throw fail(.errMustNumberSecondsTime, key)
      }
      segments.append(
        TranscriptSegment(
          speaker: speaker, label: label, text: words, start: try time("start"), end: try time("end"), line: line))
    }
    return segments
  }

  /// The line on which each element of the top-level array starts.
  static func elementLines(_ text: String) -> [Int] {
    var lines: [Int] = []
    var line = 1, depth = 0
    var inString = false, escaped = false, expectingElement = false
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\n") { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): continue
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        if depth == 1, expectingElement { lines.append(line); expectingElement = false }
        depth += 1
        if depth == 1 { expectingElement = true }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      case UInt8(ascii: ","): if depth == 1 { expectingElement = true }
      default:
        if depth == 1, expectingElement { lines.append(line); expectingElement = false }
        if byte == UInt8(ascii: "\"") { inString = true }
      }
    }
    return lines
  }

  /// Locates a JSON syntax error from the parser's "around character N" (a UTF-8 offset).
  private static func syntaxError(_ text: String, file: String, error: any Error) -> LocatedError {
    let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
    var line = 1
    if let range = message.range(of: "character "),
      let offset = Int(message[range.upperBound...].prefix { $0.isNumber })
    {
      line += text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count
    }
    let location = SourceLocation(file: file, line: line)
    guard !message.isEmpty else { return LocatedError(location, .errInvalidJSON) }
    let reason = message.replacingOccurrences(of: #"\s*around character \d+\.?"#, with: "", options: .regularExpression).lowercased()
    return LocatedError(location, .errInvalidJSONBecause, reason)
  }
}
