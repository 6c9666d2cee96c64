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
      throw CallQAError(.errCannotReadFile, path)
    }
    return try load(text: TextEncoding.decode(data, file: name, advice: .file), file: name)
  }

  /// Loads and validates a scorecard from YAML text; `file` is used in error messages.
  public static func load(text: String, file: String) throws -> Scorecard {
    let root = try YAMLValue.parse(text, file: file)
    let map = try root.mapping(
      allowed: [
        "key", "version", "title", "description", "pass_score", "exemplary_score", "bands", "sections", "max_score", "causes",
        "accuracy",
      ],
      expected: .phrase(.yamlScorecardMapping))
    let keyValue = try map.required("key")
    let key = try identifier(keyValue, what: .phrase(.yamlScorecardKey))
    let versionValue = try map.required("version")
    let version = try versionValue.integer(.text("version"))
    guard version >= 1 else { throw versionValue.error(.errVersionMustMore) }
    let title = try localizedText(map.required("title"))
    let description = try map["description"].map(localizedText)
    let passValue = try map.required("pass_score")
    let passScore = try percentage(passValue, what: .text("pass_score"))
    let exemplaryValue = try map.required("exemplary_score")
    let exemplaryScore = try percentage(exemplaryValue, what: .text("exemplary_score"))
    guard exemplaryScore >= passScore else {
      throw exemplaryValue.error(.errExemplaryScoreBelow, format(exemplaryScore), format(passScore))
    }
    let bands = try map["bands"].map(readBands) ?? []
    var maxScore: Double?
    if let maxValue = map["max_score"] {
      let value = try maxValue.number(.text("max_score"))
      guard value >= 100, value <= 1000 else { throw maxValue.error(.errMaxScoreMust) }
      maxScore = value
    }
    let causes = try map["causes"].map(readCauses)
    var accuracy: AccuracyRule?
    if let accuracyValue = map["accuracy"] {
      let name = try accuracyValue.string(.text("accuracy"))
      guard let rule = AccuracyRule(rawValue: name) else {
        throw accuracyValue.error(.errAccuracyMustNo, name)
      }
      accuracy = rule
    }
    let sectionsValue = try map.required("sections")
    let sectionValues = try sectionsValue.sequence()
    guard !sectionValues.isEmpty else { throw sectionsValue.error(.errSectionsMustEmpty) }

    var sections: [ScorecardSection] = []
    var sectionKeys = Set<String>()
    var read = ReadSoFar(causes: causes, allItemKeys: allItemKeys(sectionValues))
    var weighted: (given: YAMLValue?, omitted: YAMLValue?) = (nil, nil)
    for sectionValue in sectionValues {
      let (section, keyNode) = try readSection(sectionValue, read: &read)
      guard sectionKeys.insert(section.key).inserted else {
        throw keyNode.error(.errDuplicateSectionKey, section.key)
      }
      if section.weight == nil {
        weighted.omitted = weighted.omitted ?? sectionValue
      } else {
        weighted.given = weighted.given ?? sectionValue
      }
      sections.append(section)
    }
    if let given = weighted.given, let omitted = weighted.omitted {
      throw omitted.with(context: nil).error(.errSectionHasNo, sectionKey(omitted), sectionKey(given))
    }
    return Scorecard(
      key: key, version: version, title: title, description: description, passScore: passScore,
      exemplaryScore: exemplaryScore, bands: bands, sections: sections, maxScore: maxScore, causes: causes, accuracy: accuracy)
  }

  /// What the loader knows while it reads sections in order: the scorecard's causes, the
  /// items read so far (the only ones a condition may name) and every item key in the file.
  private struct ReadSoFar {
    var causes: [RootCause]?
    var allItemKeys: Set<String>
    var items: [String: ScorecardItem] = [:]
    /// Items that may be skipped by a condition (their own or their section's).
    var conditional: Set<String> = []
  }

  /// Every item key written in the file, read leniently (the real checks come later), so a
  /// condition naming a later item is told apart from one naming an unknown item.
  private static func allItemKeys(_ sections: [YAMLValue]) -> Set<String> {
    var keys = Set<String>()
    for section in sections {
      guard let items = try? (try? section.mapping())?["items"]?.sequence() else { continue }
      for item in items { if let key = (try? item.mapping())?["key"]?.scalar?.string { keys.insert(key) } }
    }
    return keys
  }

  // MARK: - Parts

  private static func readBands(_ value: YAMLValue) throws -> [GradeBand] {
    var bands: [GradeBand] = []
    for bandValue in try value.sequence() {
      let map = try bandValue.mapping(allowed: ["min", "label"])
      let minValue = try map.required("min")
      let min = try percentage(minValue, what: .phrase(.yamlBandMin))
      if let previous = bands.last, min >= previous.min {
        throw minValue.error(.errBandsMustListed, format(min), format(previous.min))
      }
      bands.append(GradeBand(min: min, label: try localizedText(map.required("label"))))
    }
    return bands
  }

  private static func sectionKey(_ value: YAMLValue) -> String {
    (try? value.mapping())?["key"]?.scalar?.string ?? "?"
  }

  private static func readCauses(_ value: YAMLValue) throws -> [RootCause] {
    let values = try value.sequence()
    guard !values.isEmpty else { throw value.error(.errCausesMustEmpty) }
    var causes: [RootCause] = []
    for causeValue in values {
      let map = try causeValue.mapping(allowed: ["key", "label"])
      let keyValue = try map.required("key")
      let key = try identifier(keyValue, what: .phrase(.yamlCauseKey))
      guard !causes.contains(where: { $0.key == key }) else { throw keyValue.error(.errDuplicateCauseKey, key) }
      causes.append(RootCause(key: key, label: try localizedText(map.required("label"))))
    }
    return causes
  }

  /// Reads a `when:` condition; it may only name items read before `owner` (`self` is the
  /// key of the item carrying it, nil for a section's condition).
  private static func readCondition(_ value: YAMLValue, read: ReadSoFar, owner: String?) throws -> Condition {
    guard case .mapping = value.node else {
      throw value.error(.errWhenExpectedCondition)
    }
    let map = try value.mapping(allowed: ["item", "is", "in", "any", "all", "not"])
    let forms = ["item", "any", "all", "not"].filter { map[$0] != nil }
    guard forms.count == 1 else {
      throw value.error(.errWhenConditionExactly)
    }
    func list(_ key: String) throws -> [Condition] {
      let listValue = try map.required(key)
      let values = try listValue.sequence()
      guard !values.isEmpty else { throw listValue.error(.errWhenMustEmpty, key) }
      return try values.map { try readCondition($0, read: read, owner: owner) }
    }
    switch forms[0] {
    case "any": return .any(try list("any"))
    case "all": return .all(try list("all"))
    case "not": return .not(try readCondition(try map.required("not"), read: read, owner: owner))
    default: break
    }
    guard map["any"] == nil, map["all"] == nil, map["not"] == nil else { throw value.error(.errWhenUnexpectedKeys) }
    let itemValue = try map.required("item")
    let key = try itemValue.string(.phrase(.yamlAnItemKey))
    guard key != owner else { throw itemValue.error(.errWhenConditionRefers) }
    guard let item = read.items[key] else {
      if read.allItemKeys.contains(key) {
        throw itemValue.error(.errWhenItemComes, key)
      }
      throw itemValue.error(.errWhenUnknownItem, key)
    }
    func answerText(_ node: YAMLValue) throws -> String {
      let raw = try AnswerSheet.rawAnswer(node)
      if case .text(let text) = raw, ["na", "n/a", "不适用"].contains(text.lowercased()) {
        guard item.na || read.conditional.contains(key) else {
          throw node.error(.errWhenItemCan, key)
        }
        return Answer.notApplicable.text
      }
      do {
        return try item.parseAnswer(raw).text
      } catch {
        throw node.error(.errWhen, MessageArgument.describing(error))
      }
    }
    switch (map["is"], map["in"]) {
    case (let single?, nil):
      return .equals(item: key, value: try answerText(single))
    case (nil, let many?):
      let values = try many.sequence()
      guard !values.isEmpty else { throw many.error(.errWhenMustEmpty2) }
      return .oneOf(item: key, values: try values.map(answerText))
    default:
      throw value.error(.errWhenGiveAnswer)
    }
  }

  private static func readSection(
    _ value: YAMLValue, read: inout ReadSoFar
  ) throws -> (ScorecardSection, YAMLValue) {
    let anonymous = try value.with(context: .phrase(.yamlSection)).mapping()
    let keyNode = try anonymous.required("key")
    let key = try identifier(keyNode, what: .phrase(.yamlSectionKey))
    let context = MessageArgument.phrase(.yamlSectionNamed, key)
    let map = anonymous.with(context: context)
    try map.checkAllowed(["key", "title", "weight", "items", "when"])
    let title = try localizedText(map.required("title").with(context: context))
    var weight: Double?
    if let weightValue = map["weight"], !weightValue.isNull {
      let w = try weightValue.with(context: context).number(.text("weight"))
      guard w > 0 else { throw weightValue.with(context: context).error(.errWeightMustGreater) }
      weight = w
    }
    let when = try map["when"].map { try readCondition($0.with(context: context), read: read, owner: nil) }
    let itemsValue = try map.required("items").with(context: context)
    let itemValues = try itemsValue.sequence()
    guard !itemValues.isEmpty else { throw itemsValue.error(.errItemsMustEmpty) }
    var items: [ScorecardItem] = []
    for itemValue in itemValues {
      let (item, itemKeyNode) = try readItem(itemValue.with(context: context), read: read)
      guard read.items[item.key] == nil else {
        throw itemKeyNode.with(context: .phrase(.yamlItemNamed, item.key)).error(.errDuplicateItemKey, item.key)
      }
      read.items[item.key] = item
      if when != nil || item.when != nil { read.conditional.insert(item.key) }
      items.append(item)
    }
    if items.allSatisfy(\.isBonus) {
      throw itemsValue.error(.errEveryItemBonus)
    }
    return (ScorecardSection(key: key, title: title, weight: weight, items: items, when: when), keyNode.with(context: nil))
  }

  private static func readItem(_ value: YAMLValue, read: ReadSoFar) throws -> (ScorecardItem, YAMLValue) {
    let anonymous = try value.mapping()
    let keyNode = try anonymous.required("key")
    let key = try identifier(keyNode, what: .phrase(.yamlItemKey))
    let context = MessageArgument.phrase(.yamlItemNamed, key)
    let map = anonymous.with(context: context)
    try map.checkAllowed([
      "key", "title", "guidance", "type", "points", "na", "critical", "levels", "deduct", "auto", "when", "bonus", "causes",
      "cause_required", "group",
    ])
    func at(_ v: YAMLValue) -> YAMLValue { v.with(context: context) }
    let title = try localizedText(at(map.required("title")))
    let guidance = try map["guidance"].map { try localizedText(at($0)) }
    let typeValue = at(try map.required("type"))
    let typeName = try typeValue.string(.phrase(.yamlAType))
    guard let type = ItemType(rawValue: typeName) else {
      throw typeValue.error(.errTypeMustYesno, typeName)
    }
    let pointsValue = at(try map.required("points"))
    let points = try pointsValue.number(.text("points"))
    guard points > 0 else { throw pointsValue.error(.errPointsMustGreater) }
    let na = try map["na"].map { try at($0).bool(.text("na")) } ?? false
    var critical = CriticalLevel.none
    if let criticalValue = map["critical"].map(at) {
      let name = try criticalValue.string(.text("critical"))
      guard let level = CriticalLevel(rawValue: name) else {
        throw criticalValue.error(.errCriticalMustNone, name)
      }
      if level != .none && type != .yesno {
        throw criticalValue.error(.errOnlyYesnoItems, type.rawValue)
      }
      critical = level
    }
    var levels: [ScaleLevel] = []
    if let levelsValue = map["levels"].map(at) {
      guard type == .scale else { throw levelsValue.error(.errLevelsAreOnly) }
      levels = try readLevels(levelsValue, points: points)
    } else if type == .scale {
      throw map.owner.with(context: context).error(.errScaleItemNeeds)
    }
    var deduct: Double?
    if let deductValue = map["deduct"].map(at) {
      guard type == .deduction else { throw deductValue.error(.errDeductOnlyAllowed) }
      let amount = try deductValue.number(.text("deduct"))
      guard amount > 0 else { throw deductValue.error(.errDeductMustGreater) }
      deduct = amount
    } else if type == .deduction {
      throw map.owner.with(context: context).error(.errDeductionItemNeeds)
    }
    let auto = try map["auto"].map { try AutoRuleLoader.read(at($0), type: type) }
    let when = try map["when"].map { try readCondition(at($0), read: read, owner: key) }
    let bonus = try map["bonus"].map { try at($0).bool(.text("bonus")) } ?? false
    if bonus, let bonusValue = map["bonus"].map(at) {
      guard type != .deduction else { throw bonusValue.error(.errBonusItemYesno) }
      guard critical == .none else { throw bonusValue.error(.errBonusItemCannot) }
    }
    var causes: [String]?
    if let causesValue = map["causes"].map(at) {
      let values = try causesValue.sequence()
      guard !values.isEmpty else { throw causesValue.error(.errCausesMustEmptyLeave) }
      var keys: [String] = []
      for causeValue in values {
        let cause = try causeValue.string(.phrase(.yamlACauseKey))
        guard read.causes?.contains(where: { $0.key == cause }) == true else {
          let known = read.causes.map { MessageArgument.list($0.map(\.key)) } ?? .message(LocalizedMessage(.hintNoCauses, []))
          throw causeValue.error(.errUnknownCauseCauses, cause, known)
        }
        guard !keys.contains(cause) else { throw causeValue.error(.errDuplicateCause, cause) }
        keys.append(cause)
      }
      causes = keys
    }
    let causeRequired = try map["cause_required"].map { try at($0).bool(.text("cause_required")) } ?? false
    if let requiredValue = map["cause_required"].map(at) {
      guard read.causes != nil || !causeRequired else {
        throw requiredValue.error(.errCauseRequiredNeeds)
      }
      if bonus, causeRequired { throw requiredValue.error(.errBonusItemNever) }
    }
    if causes != nil, bonus, let causesValue = map["causes"].map(at) {
      throw causesValue.error(.errBonusItemNeverLoses)
    }
    var group: ErrorGroup?
    if let groupValue = map["group"].map(at) {
      let name = try groupValue.string(.text("group"))
      guard let value = ErrorGroup(rawValue: name) else {
        throw groupValue.error(.errGroupMustCustomer, name)
      }
      if bonus { throw groupValue.error(.errBonusItemNeverLosesPoints) }
      group = value
    }
    let item = ScorecardItem(
      key: key, title: title, guidance: guidance, type: type, points: points, na: na,
      critical: critical, levels: levels, deduct: deduct, auto: auto, when: when, bonus: bonus, causes: causes,
      causeRequired: causeRequired, group: group)
    return (item, keyNode.with(context: nil))
  }

  private static func readLevels(_ value: YAMLValue, points: Double) throws -> [ScaleLevel] {
    let values = try value.sequence()
    guard !values.isEmpty else { throw value.error(.errLevelsMustEmpty) }
    var levels: [ScaleLevel] = []
    for levelValue in values {
      let map = try levelValue.mapping(allowed: ["score", "label"])
      let scoreValue = try map.required("score")
      let score = try scoreValue.number(.phrase(.yamlLevelScore))
      guard score >= 0 else { throw scoreValue.error(.errLevelScoreNegative, format(score)) }
      guard score <= points else {
        throw scoreValue.error(.errLevelScoreExceeds, format(score), format(points))
      }
      guard !levels.contains(where: { $0.score == score }) else {
        throw scoreValue.error(.errDuplicateLevelScore, format(score))
      }
      levels.append(ScaleLevel(score: score, label: try localizedText(map.required("label"))))
    }
    return levels
  }

  // MARK: - Scalars

  private static func identifier(_ value: YAMLValue, what: MessageArgument) throws -> String {
    let text = try value.string(what)
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else {
      throw value.error(.errMustUseOnly, what, text)
    }
    return text
  }

  private static func percentage(_ value: YAMLValue, what: MessageArgument) throws -> Double {
    let number = try value.number(what)
    guard (0...100).contains(number) else { throw value.error(.errMustBetween2, what) }
    return number
  }

  private static func localizedText(_ value: YAMLValue) throws -> LocalizedText {
    if let scalar = value.scalar, !value.isNull {
      guard !scalar.string.isEmpty else { throw value.error(.errTextMustEmpty) }
      return LocalizedText(scalar.string)
    }
    guard case .mapping = value.node else {
      throw value.error(.errExpectedTextMap)
    }
    let map = try value.mapping()
    guard !map.entries.isEmpty else { throw value.error(.errExpectedLeastOne) }
    var values: [String: String] = [:]
    for entry in map.entries {
      guard entry.key.count >= 2, entry.key.count <= 8, entry.key.allSatisfy({ $0.isLetter || $0 == "-" }) else {
        throw entry.keyNode.error(.errLanguageCodeUse, entry.key)
      }
      values[entry.key] = try entry.value.string(.phrase(.yamlTextFor, entry.key))
    }
    return LocalizedText(values: values)
  }

  static func format(_ value: Double) -> String { ScoreFormat.plain(value) }
}
