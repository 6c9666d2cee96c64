/// An optional `auto:` block on a scorecard item: how to propose its answer from a transcript.
///
/// Exactly one rule per item (see ``kind``); the loader checks which rules fit which item
/// types. Every field is optional and encodes as absent when nil, so a scorecard without
/// `auto:` blocks keeps its fingerprint.
public struct AutoRule: Hashable, Sendable, Codable {
  /// yes/no (and scale) items: yes (top level) when the speaker says any of these.
  public var require: [String]?
  /// yes/no items: no when the speaker ever says any of these.
  public var forbid: [String]?
  /// deduction items: the answer is the number of occurrences of these.
  public var count: [String]?
  /// yes/no items: yes when the agent's first words start within this many seconds.
  public var maxFirstResponse: Double?
  /// yes/no items: no when there is dead air longer than this; deduction items: count of such gaps.
  public var maxSilence: Double?
  /// Agent starts speaking before the customer has finished (yes/no: none allowed; deduction: count).
  public var interruptions: Bool?
  /// Overlap (seconds) needed before a start counts as an interruption; default 0.
  public var minOverlap: Double?
  /// Whose words the phrase rules look at; default the agent.
  public var speaker: AutoSpeaker?
  /// Only the first N seconds of the call.
  public var withinFirstSeconds: Double?
  /// Only the last N seconds of the call.
  public var withinLastSeconds: Double?
  /// Only the speaker's first N turns.
  public var withinFirstTurns: Int?
  /// Only the speaker's last N turns.
  public var withinLastTurns: Int?

  public init(
    require: [String]? = nil, forbid: [String]? = nil, count: [String]? = nil, maxFirstResponse: Double? = nil,
    maxSilence: Double? = nil, interruptions: Bool? = nil, minOverlap: Double? = nil, speaker: AutoSpeaker? = nil,
    withinFirstSeconds: Double? = nil, withinLastSeconds: Double? = nil, withinFirstTurns: Int? = nil,
    withinLastTurns: Int? = nil
  ) {
    self.require = require
    self.forbid = forbid
    self.count = count
    self.maxFirstResponse = maxFirstResponse
    self.maxSilence = maxSilence
    self.interruptions = interruptions
    self.minOverlap = minOverlap
    self.speaker = speaker
    self.withinFirstSeconds = withinFirstSeconds
    self.withinLastSeconds = withinLastSeconds
    self.withinFirstTurns = withinFirstTurns
    self.withinLastTurns = withinLastTurns
  }

  enum CodingKeys: String, CodingKey {
    case require, forbid, count, interruptions, speaker
    case maxFirstResponse = "max_first_response"
    case maxSilence = "max_silence"
    case minOverlap = "min_overlap"
    case withinFirstSeconds = "within_first_seconds"
    case withinLastSeconds = "within_last_seconds"
    case withinFirstTurns = "within_first_turns"
    case withinLastTurns = "within_last_turns"
  }

  /// The one rule this block sets.
  public var kind: AutoRuleKind {
    if require != nil { return .require }
    if forbid != nil { return .forbid }
    if count != nil { return .count }
    if maxFirstResponse != nil { return .maxFirstResponse }
    if maxSilence != nil { return .maxSilence }
    return .interruptions
  }

  /// The patterns of a phrase rule (require, forbid, count); empty otherwise.
  public var patterns: [String] { require ?? forbid ?? count ?? [] }

  /// Whether the rule needs start times (seconds windows and timing rules).
  var needsTimes: Bool {
    withinFirstSeconds != nil || withinLastSeconds != nil
      || [.maxFirstResponse, .maxSilence, .interruptions].contains(kind)
  }
}

/// The rules an `auto:` block can hold; the raw value is the YAML key.
public enum AutoRuleKind: String, Hashable, Sendable, Codable, CaseIterable {
  case require
  case forbid
  case count
  case maxFirstResponse = "max_first_response"
  case maxSilence = "max_silence"
  case interruptions

  /// The item types the rule can answer.
  public var itemTypes: [ItemType] {
    switch self {
    case .require: return [.yesno, .scale]
    case .forbid, .maxFirstResponse: return [.yesno]
    case .count: return [.deduction]
    case .maxSilence, .interruptions: return [.yesno, .deduction]
    }
  }
}

/// Whose words a phrase rule looks at.
public enum AutoSpeaker: String, Hashable, Sendable, Codable, CaseIterable {
  case agent
  case customer
  case any
}

extension AutoRule {
  /// One line for people: `forbid 你有病, 神经病 (agent)`, `max_first_response 10 s`,
  /// `require 评价, 满意度 (agent, last 3 turns)`.
  public var summary: String {
    let kind = self.kind.rawValue
    switch self.kind {
    case .maxFirstResponse: return "\(kind) \(ScoreFormat.plain(maxFirstResponse ?? 0)) s"
    case .maxSilence: return "\(kind) \(ScoreFormat.plain(maxSilence ?? 0)) s"
    case .interruptions:
      return minOverlap.map { "\(kind) (overlap > \(ScoreFormat.plain($0)) s)" } ?? kind
    case .require, .forbid, .count:
      var scope = [(speaker ?? .agent).rawValue]
      let window = windowDescription.replacingOccurrences(of: " in the ", with: "")
      if !window.isEmpty { scope.append(window) }
      return "\(kind) \(patterns.joined(separator: ", ")) (\(scope.joined(separator: ", ")))"
    }
  }
}
