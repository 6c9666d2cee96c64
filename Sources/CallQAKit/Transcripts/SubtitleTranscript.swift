import Foundation

/// WebVTT and SubRip transcripts: numbered (SRT) or optionally named (VTT) cues with a
/// `start --> end` line, whose text lines name the speaker with `<v 坐席>` or `坐席:`.
enum SubtitleTranscript {
  enum Kind { case vtt, srt }

  static func parse(_ text: String, file: String, labels: SpeakerLabels, kind: Kind) throws -> [TranscriptSegment] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    func fail(_ index: Int, _ reason: MessageKey, _ arguments: any CustomStringConvertible...) -> LocatedError {
      LocatedError(SourceLocation(file: file, line: index + 1), text: LocalizedMessage(reason, arguments))
    }
    var index = 0
    if kind == .vtt {
      guard let first = lines.first, first.hasPrefix("WEBVTT") else {
        throw fail(0, .errWebvttTranscriptStarts)
      }
      // Skip the header block.
      while index < lines.count, !isBlank(lines[index]) { index += 1 }
    }
    var segments: [TranscriptSegment] = []
    while index < lines.count {
      if isBlank(lines[index]) {
        index += 1
        continue
      }
      if kind == .vtt, ["NOTE", "STYLE", "REGION"].contains(where: { lines[index].hasPrefix($0) }) {
        while index < lines.count, !isBlank(lines[index]) { index += 1 }
        continue
      }
      if !lines[index].contains("-->") {
        if kind == .srt, !lines[index].trimmed.allSatisfy(\.isNumber) {
          throw fail(index, .errExpectedCueNumber, lines[index].prefix(30))
        }
        index += 1
        guard index < lines.count, lines[index].contains("-->") else {
          throw fail(min(index, lines.count - 1), .errExpectedCueTiming)
        }
      }
      let (start, end) = try timing(lines[index], fail: { LocatedError(SourceLocation(file: file, line: index + 1), text: $0) })
      index += 1
      var cue: [TranscriptSegment] = []
      while index < lines.count, !isBlank(lines[index]) {
        let line = lines[index]
        if let (speaker, label, words) = try speakerLine(line, labels: labels, fail: { LocatedError(SourceLocation(file: file, line: index + 1), text: $0) }) {
          cue.append(TranscriptSegment(speaker: speaker, label: label, text: words, start: start, end: end, line: index + 1))
        } else if cue.isEmpty {
          throw fail(index, .errCueNamesNo, labels.summary)
        } else {
          cue[cue.count - 1].text += " " + stripTags(line)
        }
        index += 1
      }
      if cue.isEmpty { throw fail(index - 1, .errCueHasNo) }
      segments += cue
    }
    return segments
  }

  private static func isBlank(_ line: Substring) -> Bool { line.allSatisfy(\.isWhitespace) }

  private static func timing(_ line: Substring, fail: (LocalizedMessage) -> LocatedError) throws -> (Double, Double) {
    let parts = line.components(separatedBy: "-->")
    guard parts.count == 2 else { throw fail(LocalizedMessage(.errExpectedOneCue, [])) }
    let endText = parts[1].split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
    guard let start = TranscriptTime.parse(parts[0]), let end = TranscriptTime.parse(endText) else {
      throw fail(LocalizedMessage(.errCueTimingHh, [line.trimmed]))
    }
    return (start, end)
  }

  /// `<v 坐席>text`, `<v.loud Agent Li>text</v>` or `坐席: text`.
  private static func speakerLine(
    _ line: Substring, labels: SpeakerLabels, fail: (LocalizedMessage) -> LocatedError
  ) throws -> (Speaker, String, String)? {
    let trimmed = line.trimmed
    if trimmed.hasPrefix("<v") {
      guard let close = trimmed.firstIndex(of: ">") else { throw fail(LocalizedMessage(.errUnclosedVoiceTag, [])) }
      var tag = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
      if tag.first == "." { tag = tag.drop { $0 != " " } }
      let label = tag.trimmed
      guard let speaker = labels.speaker(for: label) else {
        throw fail(LocalizedMessage(.errUnknownSpeaker, [label, labels.summary]))
      }
      return (speaker, String(label), stripTags(trimmed[trimmed.index(after: close)...]))
    }
    guard let (speaker, label, words) = TranscriptReader.labelled(Substring(trimmed), labels: labels) else {
      return nil
    }
    return (speaker, label, stripTags(Substring(words)))
  }

  /// The text without markup tags, with the common entities decoded.
  static func stripTags(_ text: Substring) -> String {
    var result = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
      } else if character == ">" && inTag {
        inTag = false
      } else if !inTag {
        result.append(character)
      }
    }
    if result.contains("&") {
      for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp;", "&")] {
        result = result.replacingOccurrences(of: entity, with: value)
      }
    }
    return String(result.trimmed)
  }
}
