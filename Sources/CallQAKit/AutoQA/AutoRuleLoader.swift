import Foundation

/// Reads and validates an item's `auto:` block (file:line:column errors, like the rest of the loader).
enum AutoRuleLoader {
  static let ruleKeys = AutoRuleKind.allCases.map(\.rawValue)
  static let windowKeys = ["within_first_seconds", "within_last_seconds", "within_first_turns", "within_last_turns"]

  static func read(_ value: YAMLValue, type: ItemType) throws -> AutoRule {
    let map = try value.mapping(
      allowed: Set(ruleKeys + windowKeys + ["speaker", "min_overlap"]), expected: .phrase(.yamlAutoMapping))
    let rules = map.entries.filter { ruleKeys.contains($0.key) }
    guard let first = rules.first else {
      throw value.error(.errAutoNeedsOne, MessageArgument.list(ruleKeys))
    }
    if rules.count > 1 {
      throw rules[1].keyNode.error(.errAutoTakesOne, first.key, rules[1].key)
    }
    guard let kind = AutoRuleKind(rawValue: first.key) else { throw first.keyNode.error(.errUnknownRule, first.key) }
    guard kind.itemTypes.contains(type) else {
      let types = kind.itemTypes.map(\.rawValue).joined(separator: " or ")
      throw first.keyNode.error(.errAutoRuleCannot, kind.rawValue, type.rawValue, types)
    }
    var rule = AutoRule()
    switch kind {
    case .require: rule.require = try patterns(first.value)
    case .forbid: rule.forbid = try patterns(first.value)
    case .count: rule.count = try patterns(first.value)
    case .maxFirstResponse: rule.maxFirstResponse = try seconds(first.value, "max_first_response")
    case .maxSilence: rule.maxSilence = try seconds(first.value, "max_silence")
    case .interruptions:
      guard try first.value.bool(.text("interruptions")) else {
        throw first.value.error(.errInterruptionsMustTrue)
      }
      rule.interruptions = true
    }
    let isPhraseRule = [.require, .forbid, .count].contains(kind)
    let windows = map.entries.filter { windowKeys.contains($0.key) }
    if let window = windows.first {
      guard isPhraseRule else {
        throw window.keyNode.error(.errOnlyAppliesRequire, window.key)
      }
      if windows.count > 1 {
        throw windows[1].keyNode.error(.errGiveOneWindow, window.key, windows[1].key)
      }
      switch window.key {
      case "within_first_seconds": rule.withinFirstSeconds = try seconds(window.value, window.key)
      case "within_last_seconds": rule.withinLastSeconds = try seconds(window.value, window.key)
      case "within_first_turns": rule.withinFirstTurns = try turns(window.value, window.key)
      default: rule.withinLastTurns = try turns(window.value, window.key)
      }
    }
    if let entry = map.entries.first(where: { $0.key == "speaker" }) {
      guard isPhraseRule else { throw entry.keyNode.error(.errSpeakerOnlyApplies) }
      let name = try entry.value.string(.text("speaker"))
      guard let speaker = AutoSpeaker(rawValue: name) else {
        throw entry.value.error(.errSpeakerMustAgent, name)
      }
      rule.speaker = speaker
    }
    if let entry = map.entries.first(where: { $0.key == "min_overlap" }) {
      guard kind == .interruptions else { throw entry.keyNode.error(.errMinOverlapOnly) }
      let overlap = try entry.value.number(.text("min_overlap"))
      guard overlap >= 0 else { throw entry.value.error(.errMinOverlapMust) }
      rule.minOverlap = overlap
    }
    return rule
  }

  /// A phrase or a list of phrases; `re:` marks a regular expression over the normalised text.
  private static func patterns(_ value: YAMLValue) throws -> [String] {
    let values = value.scalar != nil ? [value] : try value.sequence()
    guard !values.isEmpty else { throw value.error(.errGiveLeastOne) }
    return try values.map { node in
      let text = try node.string(.phrase(.yamlAPhrase))
      _ = try CompiledPattern(text, error: { node.error(text: $0) })
      return text
    }
  }

  private static func seconds(_ value: YAMLValue, _ what: String) throws -> Double {
    let number = try value.number(.text(what))
    guard number > 0 else { throw value.error(.errMustMoreThan, what) }
    return number
  }

  private static func turns(_ value: YAMLValue, _ what: String) throws -> Int {
    let number = try value.integer(.text(what))
    guard number >= 1 else { throw value.error(.errMustMoreTurns, what) }
    return number
  }
}
