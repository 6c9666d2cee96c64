import Foundation

/// Reads a scorecard from YAML (or JSON, which is YAML) and validates every rule of SPEC §2.
///
/// Every error names `file:line:column` and the offending key, e.g.
/// `inbound.yaml:14:9: item 'greeting': level score 12 exceeds points 10`.
public enum ScorecardLoader {
  /// Loads and validates the scorecard in the file at `path`.
  public static func load(path: String) throws -> Scorecard {
    let name = (path as NSString).lastPathComponent
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CallQAError("\(path): cannot read the file")
    }
    return try load(text: TextEncoding.decode(data, file: name, advice: .file), file: name)
  }

  /// Loads and validates a scorecard from YAML text; `file` is used in error messages.
  public static func load(text: String, file: String) throws -> Scorecard {
    let root = try YAMLValue.parse(text, file: file)
    let map = try root.mapping(
      allowed: ["key", "version", "title", "description", "pass_score", "exemplary_score", "bands", "sections"],
      expected: "a scorecard mapping (key, version, title, sections, …)")
    let keyValue = try map.required("key")
    let key = try identifier(keyValue, what: "scorecard key")
    let versionValue = try map.required("version")
    let version = try versionValue.integer("version")
    guard version >= 1 else { throw versionValue.error("version must be 1 or more") }
    let title = try localizedText(map.required("title"))
    let description = try map["description"].map(localizedText)
    let passValue = try map.required("pass_score")
    let passScore = try percentage(passValue, what: "pass_score")
    let exemplaryValue = try map.required("exemplary_score")
    let exemplaryScore = try percentage(exemplaryValue, what: "exemplary_score")
    guard exemplaryScore >= passScore else {
      throw exemplaryValue.error("exemplary_score \(format(exemplaryScore)) is below pass_score \(format(passScore))")
    }
    let bands = try map["bands"].map(readBands) ?? []
    let sectionsValue = try map.required("sections")
    let sectionValues = try sectionsValue.sequence()
    guard !sectionValues.isEmpty else { throw sectionsValue.error("sections must not be empty") }

    var sections: [ScorecardSection] = []
    var sectionKeys = Set<String>()
    var itemKeys = Set<String>()
    var weighted: (given: YAMLValue?, omitted: YAMLValue?) = (nil, nil)
    for sectionValue in sectionValues {
      let (section, keyNode) = try readSection(sectionValue, itemKeys: &itemKeys)
      guard sectionKeys.insert(section.key).inserted else {
        throw keyNode.error("duplicate section key '\(section.key)'")
      }
      if section.weight == nil {
        weighted.omitted = weighted.omitted ?? sectionValue
      } else {
        weighted.given = weighted.given ?? sectionValue
      }
      sections.append(section)
    }
    if let given = weighted.given, let omitted = weighted.omitted {
      throw omitted.with(context: "").error(
        "section '\(sectionKey(omitted))' has no weight but section '\(sectionKey(given))' has one: give every section a weight or none")
    }
    return Scorecard(
      key: key, version: version, title: title, description: description, passScore: passScore,
      exemplaryScore: exemplaryScore, bands: bands, sections: sections)
  }

  // MARK: - Parts

  private static func readBands(_ value: YAMLValue) throws -> [GradeBand] {
    var bands: [GradeBand] = []
    for bandValue in try value.sequence() {
      let map = try bandValue.mapping(allowed: ["min", "label"])
      let minValue = try map.required("min")
      let min = try percentage(minValue, what: "band min")
      if let previous = bands.last, min >= previous.min {
        throw minValue.error("bands must be listed highest first: \(format(min)) follows \(format(previous.min))")
      }
      bands.append(GradeBand(min: min, label: try localizedText(map.required("label"))))
    }
    return bands
  }

  private static func sectionKey(_ value: YAMLValue) -> String {
    (try? value.mapping())?["key"]?.scalar?.string ?? "?"
  }

  private static func readSection(
    _ value: YAMLValue, itemKeys: inout Set<String>
  ) throws -> (ScorecardSection, YAMLValue) {
    let anonymous = try value.with(context: "section").mapping()
    let keyNode = try anonymous.required("key")
    let key = try identifier(keyNode, what: "section key")
    let context = "section '\(key)'"
    let map = anonymous.with(context: context)
    try map.checkAllowed(["key", "title", "weight", "items"])
    let title = try localizedText(map.required("title").with(context: context))
    var weight: Double?
    if let weightValue = map["weight"], !weightValue.isNull {
      let w = try weightValue.with(context: context).number("weight")
      guard w > 0 else { throw weightValue.with(context: context).error("weight must be greater than 0") }
      weight = w
    }
    let itemsValue = try map.required("items").with(context: context)
    let itemValues = try itemsValue.sequence()
    guard !itemValues.isEmpty else { throw itemsValue.error("items must not be empty") }
    var items: [ScorecardItem] = []
    for itemValue in itemValues {
      let (item, itemKeyNode) = try readItem(itemValue.with(context: context))
      guard itemKeys.insert(item.key).inserted else {
        throw itemKeyNode.with(context: "item '\(item.key)'").error("duplicate item key '\(item.key)' (item keys are unique across the scorecard)")
      }
      items.append(item)
    }
    return (ScorecardSection(key: key, title: title, weight: weight, items: items), keyNode.with(context: ""))
  }

  private static func readItem(_ value: YAMLValue) throws -> (ScorecardItem, YAMLValue) {
    let anonymous = try value.mapping()
    let keyNode = try anonymous.required("key")
    let key = try identifier(keyNode, what: "item key")
    let context = "item '\(key)'"
    let map = anonymous.with(context: context)
    try map.checkAllowed(["key", "title", "guidance", "type", "points", "na", "critical", "levels", "deduct", "auto"])
    func at(_ v: YAMLValue) -> YAMLValue { v.with(context: context) }
    let title = try localizedText(at(map.required("title")))
    let guidance = try map["guidance"].map { try localizedText(at($0)) }
    let typeValue = at(try map.required("type"))
    let typeName = try typeValue.string("a type")
    guard let type = ItemType(rawValue: typeName) else {
      throw typeValue.error("type must be yesno, scale or deduction, not '\(typeName)'")
    }
    let pointsValue = at(try map.required("points"))
    let points = try pointsValue.number("points")
    guard points > 0 else { throw pointsValue.error("points must be greater than 0") }
    let na = try map["na"].map { try at($0).bool("na") } ?? false
    var critical = CriticalLevel.none
    if let criticalValue = map["critical"].map(at) {
      let name = try criticalValue.string("critical")
      guard let level = CriticalLevel(rawValue: name) else {
        throw criticalValue.error("critical must be none, section or evaluation, not '\(name)'")
      }
      if level != .none && type != .yesno {
        throw criticalValue.error("only yesno items can be critical (this item is \(type.rawValue))")
      }
      critical = level
    }
    var levels: [ScaleLevel] = []
    if let levelsValue = map["levels"].map(at) {
      guard type == .scale else { throw levelsValue.error("levels are only allowed on scale items") }
      levels = try readLevels(levelsValue, points: points)
    } else if type == .scale {
      throw map.owner.with(context: context).error("a scale item needs levels")
    }
    var deduct: Double?
    if let deductValue = map["deduct"].map(at) {
      guard type == .deduction else { throw deductValue.error("deduct is only allowed on deduction items") }
      let amount = try deductValue.number("deduct")
      guard amount > 0 else { throw deductValue.error("deduct must be greater than 0") }
      deduct = amount
    } else if type == .deduction {
      throw map.owner.with(context: context).error("a deduction item needs deduct (points per occurrence)")
    }
    let auto = try map["auto"].map { try AutoRuleLoader.read(at($0), type: type) }
    let item = ScorecardItem(
      key: key, title: title, guidance: guidance, type: type, points: points, na: na,
      critical: critical, levels: levels, deduct: deduct, auto: auto)
    return (item, keyNode.with(context: ""))
  }

  private static func readLevels(_ value: YAMLValue, points: Double) throws -> [ScaleLevel] {
    let values = try value.sequence()
    guard !values.isEmpty else { throw value.error("levels must not be empty") }
    var levels: [ScaleLevel] = []
    for levelValue in values {
      let map = try levelValue.mapping(allowed: ["score", "label"])
      let scoreValue = try map.required("score")
      let score = try scoreValue.number("level score")
      guard score >= 0 else { throw scoreValue.error("level score \(format(score)) is negative") }
      guard score <= points else {
        throw scoreValue.error("level score \(format(score)) exceeds points \(format(points))")
      }
      guard !levels.contains(where: { $0.score == score }) else {
        throw scoreValue.error("duplicate level score \(format(score))")
      }
      levels.append(ScaleLevel(score: score, label: try localizedText(map.required("label"))))
    }
    return levels
  }

  // MARK: - Scalars

  private static func identifier(_ value: YAMLValue, what: String) throws -> String {
    let text = try value.string(what)
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else {
      throw value.error("\(what) '\(text)' must use only a-z, 0-9 and '-'")
    }
    return text
  }

  private static func percentage(_ value: YAMLValue, what: String) throws -> Double {
    let number = try value.number(what)
    guard (0...100).contains(number) else { throw value.error("\(what) must be between 0 and 100") }
    return number
  }

  private static func localizedText(_ value: YAMLValue) throws -> LocalizedText {
    if let scalar = value.scalar, !value.isNull {
      guard !scalar.string.isEmpty else { throw value.error("text must not be empty") }
      return LocalizedText(scalar.string)
    }
    guard case .mapping = value.node else {
      throw value.error("expected text or a map of language → text")
    }
    let map = try value.mapping()
    guard !map.entries.isEmpty else { throw value.error("expected at least one language") }
    var values: [String: String] = [:]
    for entry in map.entries {
      guard entry.key.count >= 2, entry.key.count <= 8, entry.key.allSatisfy({ $0.isLetter || $0 == "-" }) else {
        throw entry.keyNode.error("'\(entry.key)' is not a language code (use en, zh, …)")
      }
      values[entry.key] = try entry.value.string("text for '\(entry.key)'")
    }
    return LocalizedText(values: values)
  }

  static func format(_ value: Double) -> String { ScoreFormat.plain(value) }
}
