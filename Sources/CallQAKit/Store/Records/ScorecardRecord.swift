import Foundation
import GRDB

/// A row of `scorecards`: one version of a scorecard, its fingerprint and canonical JSON.
public struct ScorecardRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "scorecards"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var key: String
  public var version: Int
  public var fingerprint: String
  /// The title in English (or the plain title), for listings.
  public var title: String
  /// Canonical JSON of the definition (``Scorecard/canonicalJSON()``).
  public var definition: String
  public var importedAt: String

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

  /// The decoded definition.
  /// The stored definition; a damaged one is refused naming the scorecard and the way back.
  public func scorecard() throws -> Scorecard {
    do {
      return try Scorecard.fromCanonicalJSON(Data(definition.utf8))
    } catch {
      throw CallQAError(.errScorecardStoredDefinition, key, version, kind: .storage(.corrupt))
    }
  }
}

extension ScorecardRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let key = Column("key")
    public static let version = Column("version")
  }
}
