import Foundation

/// Who speaks in a transcript segment.
public enum Speaker: String, Hashable, Sendable, Codable {
  case agent
  case customer
}

/// One utterance of a transcript: who said what, and when (seconds from the recording's start).
public struct TranscriptSegment: Hashable, Sendable {
  public var speaker: Speaker
  /// The label as written in the file (`坐席`, `agent`, …).
  public var label: String
  public var text: String
  /// Start in seconds; nil when the format carries no times.
  public var start: Double?
  /// End in seconds; nil when the format gives only start times.
  public var end: Double?
  /// 1-based line of the file where the segment starts.
  public var line: Int

  public init(speaker: Speaker, label: String, text: String, start: Double? = nil, end: Double? = nil, line: Int) {
    self.speaker = speaker
    self.label = label
    self.text = text
    self.start = start
    self.end = end
    self.line = line
  }
}

/// A call transcript as exported by a speech-recognition system, in time order.
public struct Transcript: Hashable, Sendable {
  /// The file name (for evidence and errors).
  public var file: String
  public var segments: [TranscriptSegment]

  public init(file: String, segments: [TranscriptSegment]) {
    self.file = file
    self.segments = segments
  }

  /// Every segment has a start time.
  public var hasStartTimes: Bool { !segments.isEmpty && segments.allSatisfy { $0.start != nil } }

  /// Every segment has a start and an end time.
  public var hasEndTimes: Bool { hasStartTimes && segments.allSatisfy { $0.end != nil } }

  /// The end of the call as far as the transcript knows: the latest end (or start) time.
  public var duration: Double? {
    guard hasStartTimes else { return nil }
    return segments.compactMap { $0.end ?? $0.start }.max()
  }
}

/// The words that name each speaker in transcripts, matched case-insensitively.
public struct SpeakerLabels: Hashable, Sendable {
  public var agent: [String]
  public var customer: [String]

  public init(agent: [String], customer: [String]) {
    self.agent = agent
    self.customer = customer
  }

  /// 坐席/座席/客服/agent and 客户/顾客/用户/customer/caller.
  public static let standard = SpeakerLabels(
    agent: ["坐席", "座席", "客服", "agent"], customer: ["客户", "顾客", "用户", "customer", "caller"])

  /// The speaker a label names, or nil when it is not a known label.
  public func speaker(for label: String) -> Speaker? { speaker(for: label[...]) }

  /// The speaker a label names, or nil when it is not a known label.
  public func speaker(for label: Substring) -> Speaker? {
    let key = label.trimmed.lowercased()
    guard !key.isEmpty else { return nil }
    if agent.contains(where: { $0.lowercased() == key }) { return .agent }
    if customer.contains(where: { $0.lowercased() == key }) { return .customer }
    return nil
  }

  /// `agent labels: …; customer labels: …`, for error messages.
  var summary: LocalizedMessage {
    LocalizedMessage(.hintSpeakerLabels, [MessageArgument.list(agent), MessageArgument.list(customer)])
  }
}
