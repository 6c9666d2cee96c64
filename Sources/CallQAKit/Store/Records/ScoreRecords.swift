import Foundation
import GRDB

/// A row of `item_scores`: the answer to one item of one evaluation, with its stored impact.
public struct ItemScoreRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "item_scores"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var evaluationId: Int64
  public var item: String
  public var section: String
  /// Position of the item on the scorecard (0-based), to list items in order.
  public var position: Int
  /// ``Answer/text``; nil while a draft has not answered it.
  public var answer: String?
  public var earned: Double?
  public var points: Double
  public var na: Bool
  public var impact: Double?
  public var criticalFailed: Bool
  public var note: String?
  /// The answer auto-QA proposed (``Answer/text``); nil when none was proposed.
  public var proposed: String? = nil
  /// Whether the inspector's answer differs from ``proposed``; nil when none was proposed.
  public var overridden: Bool? = nil
  /// The root causes given for the item's lost points, as a JSON array of cause keys
  /// (``storedCauses(_:)``); nil when none was given.
  public var causes: String? = nil

  /// The stored form of a list of root causes: a JSON array of keys, nil when empty.
  static func storedCauses(_ causes: [String]?) -> String? {
    guard let causes, !causes.isEmpty else { return nil }
    return "[" + causes.map(JSONText.quoted).joined(separator: ",") + "]"
  }

  /// The cause keys of ``causes``.
  var causeKeys: [String] { Self.causeKeys(causes) }

  /// The cause keys of a stored list (``storedCauses(_:)``).
  static func causeKeys(_ stored: String?) -> [String] {
    guard let stored, let data = stored.data(using: .utf8),
      let keys = try? JSONDecoder().decode([String].self, from: data)
    else { return [] }
    return keys
  }
}

/// A row of `section_scores`: a section's result in one submitted evaluation.
public struct SectionScoreRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "section_scores"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var evaluationId: Int64
  public var section: String
  public var position: Int
  public var rawScore: Double?
  public var score: Double?
  public var weight: Double
  public var applicable: Bool
  public var criticalFailed: Bool
}

extension ItemScoreRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let evaluationId = Column("evaluation_id")
    public static let position = Column("position")
  }
}

extension SectionScoreRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let evaluationId = Column("evaluation_id")
    public static let position = Column("position")
  }
}
