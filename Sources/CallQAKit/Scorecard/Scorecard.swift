/// A scorecard: the versioned definition inspectors score calls against (SPEC §2).
///
/// Instances read from files come from ``ScorecardLoader``, which enforces every rule of
/// the format; the database stores the canonical JSON of an already-validated scorecard.
public struct Scorecard: Hashable, Sendable, Codable {
  /// Stable identifier, `[a-z0-9-]+`.
  public var key: String
  /// Integer version; a changed definition must bump it.
  public var version: Int
  public var title: LocalizedText
  public var description: LocalizedText?
  /// Final score needed to pass (0…100).
  public var passScore: Double
  /// At or above this final score an evaluation is suggested as a training case.
  public var exemplaryScore: Double
  /// Grade bands, highest `min` first. May be empty.
  public var bands: [GradeBand]
  public var sections: [ScorecardSection]
  /// The cap of raw and final scores when bonus items lift them above 100; nil means 100.
  /// Written only when given, so scorecards without it keep their fingerprint.
  public var maxScore: Double?
  /// Root causes an inspector may pick for an item that lost points; nil when the scorecard has none.
  public var causes: [RootCause]?
  /// When an error group (COPC) counts as accurate in an evaluation; nil means ``AccuracyRule/noLostPoints``.
  public var accuracy: AccuracyRule?

  public init(
    key: String, version: Int, title: LocalizedText, description: LocalizedText? = nil,
    passScore: Double, exemplaryScore: Double, bands: [GradeBand] = [],
    sections: [ScorecardSection], maxScore: Double? = nil, causes: [RootCause]? = nil, accuracy: AccuracyRule? = nil
  ) {
    self.key = key
    self.version = version
    self.title = title
    self.description = description
    self.passScore = passScore
    self.exemplaryScore = exemplaryScore
    self.bands = bands
    self.sections = sections
    self.maxScore = maxScore
    self.causes = causes
    self.accuracy = accuracy
  }

  enum CodingKeys: String, CodingKey {
    case key, version, title, description, bands, sections, causes, accuracy
    case passScore = "pass_score"
    case exemplaryScore = "exemplary_score"
    case maxScore = "max_score"
  }

  /// `key@version`, the reference used on the command line.
  public var reference: String { "\(key)@\(version)" }

  /// Every item, in scorecard order, with the key of its section.
  public var allItems: [(section: ScorecardSection, item: ScorecardItem)] {
    sections.flatMap { section in section.items.map { (section, $0) } }
  }

  /// The item with this key, if any.
  public func item(_ key: String) -> ScorecardItem? {
    for section in sections { if let item = section.items.first(where: { $0.key == key }) { return item } }
    return nil
  }

  /// The section holding the item with this key, if any.
  public func section(ofItem key: String) -> ScorecardSection? {
    sections.first { section in section.items.contains { $0.key == key } }
  }

  /// The root cause with this key, if the scorecard lists it.
  public func cause(_ key: String) -> RootCause? { causes?.first { $0.key == key } }

  /// The root causes offered for `item`: the item's list in its order, else all the scorecard's
  /// (none when the scorecard lists no causes).
  public func offeredCauses(_ item: ScorecardItem) -> [RootCause] {
    guard let all = causes else { return [] }
    guard let keys = item.causes else { return all }
    return keys.compactMap { key in all.first { $0.key == key } }
  }

  /// True when any item is a bonus item (the bonus math and the `max_score` cap apply).
  public var hasBonus: Bool { sections.contains { $0.items.contains(where: \.isBonus) } }

  /// True when every section carries an explicit weight.
  public var hasExplicitWeights: Bool { sections.allSatisfy { $0.weight != nil } }
}

/// A grade band: the label given to final scores at or above `min`.
public struct GradeBand: Hashable, Sendable, Codable {
  public var min: Double
  public var label: LocalizedText
  public init(min: Double, label: LocalizedText) {
    self.min = min
    self.label = label
  }
}

/// A group of items scored together, with an optional weight (SPEC §3.3).
public struct ScorecardSection: Hashable, Sendable, Codable {
  public var key: String
  public var title: LocalizedText
  /// Explicit weight; either every section has one or none does.
  public var weight: Double?
  public var items: [ScorecardItem]
  /// The section is asked (and scored) only when this holds over earlier answers.
  public var when: Condition?

  public init(key: String, title: LocalizedText, weight: Double? = nil, items: [ScorecardItem], when: Condition? = nil) {
    self.key = key
    self.title = title
    self.weight = weight
    self.items = items
    self.when = when
  }
}

/// How an item is answered.
public enum ItemType: String, Hashable, Sendable, Codable, CaseIterable {
  /// yes → full points, no → 0.
  case yesno
  /// One of the listed levels; earned = the level score.
  case scale
  /// An occurrence count n; earned = max(0, points − n·deduct).
  case deduction
}

/// What a "no" on a critical yes/no item destroys.
public enum CriticalLevel: String, Hashable, Sendable, Codable, CaseIterable {
  case none
  /// The section scores 0.
  case section
  /// The whole evaluation scores 0 and is marked critical-failed.
  case evaluation
}

/// An anchored answer of a scale item.
public struct ScaleLevel: Hashable, Sendable, Codable {
  public var score: Double
  public var label: LocalizedText
  public init(score: Double, label: LocalizedText) {
    self.score = score
    self.label = label
  }
}

/// One question on the scorecard.
public struct ScorecardItem: Hashable, Sendable, Codable {
  /// Unique across the whole scorecard, `[a-z0-9-]+`.
  public var key: String
  public var title: LocalizedText
  /// What the inspector listens for.
  public var guidance: LocalizedText?
  public var type: ItemType
  /// Maximum points (> 0).
  public var points: Double
  /// Whether the inspector may answer N/A.
  public var na: Bool
  /// Critical rule; only yes/no items may be critical.
  public var critical: CriticalLevel
  /// Allowed answers of a scale item, in the order written.
  public var levels: [ScaleLevel]
  /// Points lost per occurrence of a deduction item.
  public var deduct: Double?
  /// How auto-QA proposes an answer from a transcript; nil when it cannot.
  public var auto: AutoRule?
  /// The item is asked (and scored) only when this holds over earlier answers.
  public var when: Condition?
  /// `true` for a bonus item: its earned points add to the section without adding to the
  /// section's possible points. Nil (never `false`) otherwise, so ordinary items keep their fingerprint.
  public var bonus: Bool?
  /// The root causes (keys of the scorecard's `causes`) offered for this item; nil offers them all.
  public var causes: [String]?
  /// `true` when an answer that loses points must name at least one root cause; nil otherwise.
  public var causeRequired: Bool?
  /// The COPC error group of the item, if any.
  public var group: ErrorGroup?

  public init(
    key: String, title: LocalizedText, guidance: LocalizedText? = nil, type: ItemType,
    points: Double, na: Bool = false, critical: CriticalLevel = .none,
    levels: [ScaleLevel] = [], deduct: Double? = nil, auto: AutoRule? = nil, when: Condition? = nil,
    bonus: Bool = false, causes: [String]? = nil, causeRequired: Bool = false, group: ErrorGroup? = nil
  ) {
    self.key = key
    self.title = title
    self.guidance = guidance
    self.type = type
    self.points = points
    self.na = na
    self.critical = critical
    self.levels = levels
    self.deduct = deduct
    self.auto = auto
    self.when = when
    self.bonus = bonus ? true : nil
    self.causes = causes
    self.causeRequired = causeRequired ? true : nil
    self.group = group
  }

  enum CodingKeys: String, CodingKey {
    case key, title, guidance, type, points, na, critical, levels, deduct, auto, when, bonus, causes, group
    case causeRequired = "cause_required"
  }

  /// True for a bonus item.
  public var isBonus: Bool { bonus == true }

  /// True when a points-losing answer must name a root cause.
  public var requiresCause: Bool { causeRequired == true }

  /// True when `answer` earns less than the item's points (never for N/A or a bonus item).
  public func losesPoints(_ answer: Answer) -> Bool {
    guard !isBonus, let earned = Evaluator.earned(self, answer) else { return false }
    return earned < points
  }
}

/// A root cause an inspector may give for lost points (知识不足, 流程不熟, …).
public struct RootCause: Hashable, Sendable, Codable {
  public var key: String
  public var label: LocalizedText
  public init(key: String, label: LocalizedText) {
    self.key = key
    self.label = label
  }
}

/// COPC error groups: which kind of error an item's lost points are.
public enum ErrorGroup: String, Hashable, Sendable, Codable, CaseIterable {
  /// End-user (customer-critical) errors.
  case customer
  /// Business-critical errors.
  case business
  /// Compliance-critical errors.
  case compliance
}

/// When an error group is accurate in one evaluation.
public enum AccuracyRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// No item of the group lost points (the COPC default).
  case noLostPoints = "no-lost-points"
  /// No critical item of the group failed; other lost points do not count.
  case noCriticalFailure = "no-critical-failure"
}
