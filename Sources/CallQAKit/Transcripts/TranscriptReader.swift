import Foundation

/// The transcript formats speech-recognition systems export.
public enum TranscriptFormat: String, Hashable, Sendable, CaseIterable {
  /// `[00:01.2] 坐席: 您好…` or `agent: …`, one utterance a line, timestamps optional.
  case text
  /// WebVTT with `<v 坐席>` voice tags or `坐席:` prefixes.
  case vtt
  /// SubRip with `坐席:` prefixes (or `<v 坐席>` tags).
  case srt
  /// `[{"start": 0.0, "end": 2.1, "speaker": "agent", "text": "…"}]`.
  case json

  /// The format a file name implies, else what its first characters look like.
  public static func detect(fileName: String, text: String) -> TranscriptFormat {
    switch (fileName as NSString).pathExtension.lowercased() {
    case "vtt": return .vtt
    case "srt": return .srt
    case "json": return .json
    case "txt": return .text
    default: break
    }
    let head = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
    if head.hasPrefix("WEBVTT") { return .vtt }
    if head.hasPrefix("[") {
      let inner = head.dropFirst().drop { $0.isWhitespace }
      if inner.first == "{" || inner.first == "]" { return .json }
    }
    let lines = head.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    if lines.count >= 2, lines[0].trimmed.allSatisfy(\.isNumber),
      lines[1].contains("-->")
    {
      return .srt
    }
    return .text
  }
}

/// Reads transcripts in any ``TranscriptFormat``; malformed input fails with `FILE:LINE: reason`.
public enum TranscriptReader {
  /// Reads the transcript file at `path` (format from the extension, else sniffed).
  public static func load(
    path: String, labels: SpeakerLabels = .standard, format: TranscriptFormat? = nil
  ) throws -> Transcript {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CallQAError(.errCannotReadTranscript, path)
    }
    return try parse(text: TextEncoding.decode(data, file: name, advice: .file), file: name, labels: labels, format: format)
  }

  /// Parses transcript text; `file` names it in errors and evidence.
  public static func parse(
    text: String, file: String, labels: SpeakerLabels = .standard, format: TranscriptFormat? = nil
  ) throws -> Transcript {
    var body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    // "\r\n" is one Character in Swift: make lines end with "\n" alone before splitting.
    if body.utf8.contains(UInt8(ascii: "\r")) {
      body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    let segments: [TranscriptSegment]
    switch format ?? TranscriptFormat.detect(fileName: file, text: body) {
    case .text: segments = try PlainTextTranscript.parse(body, file: file, labels: labels)
    case .vtt: segments = try SubtitleTranscript.parse(body, file: file, labels: labels, kind: .vtt)
    case .srt: segments = try SubtitleTranscript.parse(body, file: file, labels: labels, kind: .srt)
    case .json: segments = try JSONTranscript.parse(body, file: file, labels: labels)
    }
    guard !segments.isEmpty else {
      throw LocatedError(SourceLocation(file: file, line: 1), .errTranscriptHasNo)
    }
    try checkTimes(segments, file: file)
    return Transcript(file: file, segments: segments)
  }

  /// Times are all present or all absent, never go backwards, and no segment ends before it starts.
  static func checkTimes(_ segments: [TranscriptSegment], file: String) throws {
    let timed = segments.filter { $0.start != nil }
    if !timed.isEmpty, let untimed = segments.first(where: { $0.start == nil }) {
      throw LocatedError(SourceLocation(file: file, line: untimed.line), .errUtteranceHasNo)
    }
    var previous: Double?
    for segment in segments {
      guard let start = segment.start else { continue }
      if let previous, start < previous {
        throw LocatedError(
          SourceLocation(file: file, line: segment.line), .errTimestampsGoBackwards, TranscriptTime.format(start), TranscriptTime.format(previous))
      }
      if let end = segment.end, end < start {
        throw LocatedError(SourceLocation(file: file, line: segment.line), .errUtteranceEndsBefore, TranscriptTime.format(end), TranscriptTime.format(start))
      }
      previous = start
    }
  }

  /// Splits `坐席: 您好` into a known speaker and the text, or nil when the prefix is no known label.
  static func labelled(_ line: Substring, labels: SpeakerLabels) -> (Speaker, String, String)? {
    guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
    let label = line[..<colon].trimmed
    guard label.count <= 24, let speaker = labels.speaker(for: label) else { return nil }
    let text = line[line.index(after: colon)...].trimmed
    return (speaker, String(label), String(text))
  }

  /// The label before a colon, when a line looks like `label: text`, for error messages.
  static func apparentLabel(_ line: Substring) -> String? {
    guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
    let label = line[..<colon].trimmed
    return label.isEmpty || label.count > 24 ? nil : String(label)
  }
}
