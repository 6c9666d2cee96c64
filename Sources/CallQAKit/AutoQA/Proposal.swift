/// What auto-QA proposes for one item, with the evidence an inspector can check.
public struct Proposal: Hashable, Sendable {
  public var item: String
  /// The rule that produced it; nil when the item has no `auto:` block.
  public var rule: AutoRuleKind?
  /// The proposed answer; nil when the item cannot be judged from this transcript.
  public var answer: Answer?
  /// Where the decision comes from: matched words with their time, silences, interruptions.
  public var evidence: [Evidence]
  /// One line for people: what was found or not found, or why the item cannot be judged.
  public var reason: String

  public init(item: String, rule: AutoRuleKind?, answer: Answer?, evidence: [Evidence], reason: String) {
    self.item = item
    self.rule = rule
    self.answer = answer
    self.evidence = evidence
    self.reason = reason
  }

  /// True when the transcript let the rule decide.
  public var judgeable: Bool { answer != nil }
}

/// One piece of evidence: an utterance, what in it matched, and when.
public struct Evidence: Hashable, Sendable, Encodable {
  /// Line of the transcript file.
  public var line: Int
  /// Seconds from the start of the recording; nil when the transcript has no times.
  @NullEncoded public var time: Double?
  public var speaker: Speaker
  /// The words as said (before normalisation); nil for timing evidence.
  @NullEncoded public var matched: String?
  /// The scorecard pattern that matched.
  @NullEncoded public var pattern: String?
  /// Timing evidence, e.g. `silence 12.5 s`.
  @NullEncoded public var detail: String?
  public init(line: Int, time: Double?, speaker: Speaker, matched: String? = nil, pattern: String? = nil, detail: String? = nil) {
    self.line = line
    self.time = time
    self.speaker = speaker
    self.matched = matched
    self.pattern = pattern
    self.detail = detail
  }

  /// `[00:01.2] “您好” (line 3)` or `[00:35.0] silence 12.5 s (line 9)`.
  public var summary: String {
    var parts: [String] = []
    if let time { parts.append("[\(TranscriptTime.format(time))]") }
    if let matched { parts.append("“\(matched)”") }
    if let detail { parts.append(detail) }
    parts.append("(line \(line))")
    return parts.joined(separator: " ")
  }

  enum CodingKeys: String, CodingKey { case line, time, speaker, matched, pattern, detail }
}

extension Dictionary where Key == String, Value == Proposal {
  /// Item key → proposed answer text, for the items that could be judged: what
  /// ``AnswerSheet/proposals`` stores with an evaluation.
  public var proposedAnswers: [String: String] { compactMapValues { $0.answer?.text } }
}
