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
      func fail(_ reason: String) -> LocatedError { LocatedError(SourceLocation(file: file, line: number), reason) }
      let trimmed = rawLine.trimmed
      if trimmed.isEmpty { continue }
      var rest = trimmed
      var start: Double?
      var end: Double?
      if rest.first == "[" {
        guard let close = rest.firstIndex(of: "]") else { throw fail("unclosed '[' before the timestamp") }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        (start, end) = try times(inside, fail: fail)
        rest = rest[rest.index(after: close)...]
      }
      if let (speaker, label, words) = TranscriptReader.labelled(rest, labels: labels) {
        segments.append(TranscriptSegment(speaker: speaker, label: label, text: words, start: start, end: end, line: number))
        continue
      }
      if start != nil || segments.isEmpty {
        if let label = TranscriptReader.apparentLabel(rest) {
          throw fail("unknown speaker '\(label)' (\(labels.summary))")
        }
        throw fail("expected 'speaker: text' with a known speaker (\(labels.summary))")
      }
      segments[segments.count - 1].text += " " + trimmed
    }
    return segments
  }

  /// `00:01.2`, `00:01.2-00:03.0` or `00:01.2 --> 00:03.0`.
  private static func times(_ inside: Substring, fail: (String) -> LocatedError) throws -> (Double, Double?) {
    // `a-b` or `a --> b`: split on '-' and drop the arrow's '>'.
    var pieces = inside.split(separator: "-", omittingEmptySubsequences: true)
    if pieces.count == 2, pieces[1].first == ">" { pieces[1] = pieces[1].dropFirst() }
    guard (1...2).contains(pieces.count), let start = TranscriptTime.parse(pieces[0]) else {
      throw fail("'[\(inside)]' is not a timestamp (use [mm:ss.f], [hh:mm:ss.fff] or [start-end])")
    }
    guard pieces.count == 2 else { return (start, nil) }
    guard let end = TranscriptTime.parse(pieces[1]) else {
      throw fail("'[\(inside)]' is not a timestamp range (use [mm:ss.f-mm:ss.f])")
    }
    return (start, end)
  }
}
