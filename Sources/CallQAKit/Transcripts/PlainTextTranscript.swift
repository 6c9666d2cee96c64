import Foundation

/// Plain-text transcripts: `[00:01.2] 坐席: 您好…`, `[00:01.2-00:03.0] agent: …` or `customer: …`.
///
/// A line that starts with a known speaker label begins an utterance; a line without one
/// continues the previous utterance. A timestamped line must name a known speaker.
enum PlainTextTranscript {
  static func parse(_ text: String, file: String, labels: SpeakerLabels) throws -> [TranscriptSegment] {
    var segments: [TranscriptSegment] = []
    var number = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      func fail(_ reason: MessageKey, _ arguments: any CustomStringConvertible...) -> LocatedError {
        LocatedError(SourceLocation(file: file, line: number), text: LocalizedMessage(reason, arguments))
      }
      let trimmed = rawLine.trimmed
      if trimmed.isEmpty { continue }
      var rest = trimmed
      var start: Double?
      var end: Double?
      if rest.first == "[" {
        guard let close = rest.firstIndex(of: "]") else { throw fail(.errUnclosedBeforeTimestamp) }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        (start, end) = try times(inside) { LocatedError(SourceLocation(file: file, line: number), text: $0) }
        rest = rest[rest.index(after: close)...]
      }
      if let (speaker, label, words) = TranscriptReader.labelled(rest, labels: labels) {
        segments.append(TranscriptSegment(speaker: speaker, label: label, text: words, start: start, end: end, line: number))
        continue
      }
      if start != nil || segments.isEmpty {
        if let label = TranscriptReader.apparentLabel(rest) {
          throw fail(.errUnknownSpeaker, label, labels.summary)
        }
        throw fail(.errExpectedSpeakerText, labels.summary)
      }
      segments[segments.count - 1].text += " " + trimmed
    }
    return segments
  }

  /// `00:01.2`, `00:01.2-00:03.0` or `00:01.2 --> 00:03.0`.
  private static func times(_ inside: Substring, fail: (LocalizedMessage) -> LocatedError) throws -> (Double, Double?) {
    // `a-b` or `a --> b`: split on '-' and drop the arrow's '>'.
    var pieces = inside.split(separator: "-", omittingEmptySubsequences: true)
    if pieces.count == 2, pieces[1].first == ">" { pieces[1] = pieces[1].dropFirst() }
    guard (1...2).contains(pieces.count), let start = TranscriptTime.parse(pieces[0]) else {
      throw fail(LocalizedMessage(.errTimestampUseMm, [inside]))
    }
    guard pieces.count == 2 else { return (start, nil) }
    guard let end = TranscriptTime.parse(pieces[1]) else {
      throw fail(LocalizedMessage(.errTimestampRangeUse, [inside]))
    }
    return (start, end)
  }
}
