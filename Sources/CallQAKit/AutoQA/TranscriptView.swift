/// A transcript prepared for rules: normalised text per utterance (computed once) and turns.
final class TranscriptView {
  let transcript: Transcript
  private var cache: [NormalizedText?]

  init(_ transcript: Transcript) {
    self.transcript = transcript
    cache = Array(repeating: nil, count: transcript.segments.count)
  }

  /// The normalised text of segment `index`.
  func normalized(_ index: Int) -> NormalizedText {
    if let text = cache[index] { return text }
    let text = NormalizedText(transcript.segments[index].text)
    cache[index] = text
    return text
  }

  /// Indices of the segments a phrase rule looks at: the speaker's, inside the rule's window.
  ///
  /// A turn is a run of consecutive utterances by the same speaker; windows in seconds
  /// compare an utterance's start (first N s) or end (last N s) with the call's length.
  func segments(speaker: AutoSpeaker, rule: AutoRule) -> [Int] {
    let segments = transcript.segments
    func matches(_ s: TranscriptSegment) -> Bool {
      switch speaker {
      case .any: return true
      case .agent: return s.speaker == .agent
      case .customer: return s.speaker == .customer
      }
    }
    var turnOf: [Int] = []
    var turn = -1
    var previous: Speaker?
    for segment in segments {
      if matches(segment), segment.speaker != previous {
        turn += 1
      }
      previous = segment.speaker
      turnOf.append(turn)
    }
    let turns = turn + 1
    let duration = transcript.duration ?? 0
    return segments.indices.filter { index in
      let segment = segments[index]
      guard matches(segment) else { return false }
      if let n = rule.withinFirstTurns { return turnOf[index] < n }
      if let n = rule.withinLastTurns { return turnOf[index] >= turns - n }
      if let seconds = rule.withinFirstSeconds { return (segment.start ?? .infinity) < seconds }
      if let seconds = rule.withinLastSeconds { return (segment.end ?? segment.start ?? -.infinity) >= duration - seconds }
      return true
    }
  }
}
