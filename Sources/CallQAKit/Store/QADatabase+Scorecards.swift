import Foundation
import GRDB

/// What happened when a scorecard was imported.
public enum ScorecardImportOutcome: String, Sendable {
  /// A new key or version was stored.
  case added
  /// The same definition (same fingerprint) was already stored: nothing changed.
  case unchanged
}

/// A scorecard version as stored: its row id, definition and fingerprint.
public struct StoredScorecard: Hashable, Sendable {
  public var id: Int64
  public var scorecard: Scorecard
  public var fingerprint: String
  public var importedAt: String
}

extension QADatabase {
  // MARK: - Writes

  /// Stores a validated scorecard. Importing the same definition again is a no-op; a
  /// different definition under an existing key and version is refused (bump the version).
  @discardableResult
  public func importScorecard(_ scorecard: Scorecard, actor: Actor) throws -> ScorecardImportOutcome {
    let fingerprint = try scorecard.fingerprint
    return try guardedSQL(actor, .importScorecard) { session in
      if let existing = try session.fetchOne(
        ScorecardRecord.self, "SELECT * FROM scorecards WHERE key = ? AND version = ?", scorecard.key, scorecard.version)
      {
        guard existing.fingerprint == fingerprint else {
          throw CallQAError(.errScorecardAlreadyStored, scorecard.reference, existing.fingerprint.prefix(12), fingerprint.prefix(12))
        }
        return .unchanged
      }
      let record = ScorecardRecord(
        id: nil, key: scorecard.key, version: scorecard.version, fingerprint: fingerprint,
        title: scorecard.title.resolve("en"), definition: String(decoding: try scorecard.canonicalJSON(), as: UTF8.self),
        importedAt: Timestamp.nowUTC())
      let id = try session.insert(record, into: ScorecardRecord.databaseTableName)
      try QADatabase.appendAudit(
        session, actor: actor.auditName, action: "import", entity: "scorecard", entityId: id, before: nil,
        after: #"{"key":"\#(scorecard.key)","version":\#(scorecard.version),"fingerprint":"\#(fingerprint)"}"#,
        evaluationDigest: nil)
      return .added
    }
  }

  // MARK: - Reads

  /// Every stored scorecard version, by key then version.
  public func scorecards() throws -> [StoredScorecard] {
    try readSQL { session in
      try session.fetchAll(ScorecardRecord.self, "SELECT * FROM scorecards ORDER BY key, version").map(QADatabase.stored)
    }
  }

  /// The scorecard named by `KEY` (latest version) or `KEY@VERSION`.
  public func scorecard(reference: String) throws -> StoredScorecard {
    let (key, version) = try QADatabase.parseReference(reference)
    return try readSQL { session in
      let record =
        try version.map {
          try session.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE key = ? AND version = ?", key, $0)
        } ?? session.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE key = ? ORDER BY version DESC LIMIT 1", key)
      guard let record else {
        let known: [String] = try session.rows("SELECT DISTINCT key FROM scorecards ORDER BY key").map { try $0[0] }
        let hint = known.isEmpty ? LocalizedMessage(.hintRunInit, []) : LocalizedMessage(.hintKnown, [MessageArgument.list(known)])
        throw CallQAError.notFound(.errUnknownScorecard2, reference, hint)
      }
      return try QADatabase.stored(record)
    }
  }

  /// The scorecard version with this row id.
  public func scorecard(id: Int64) throws -> StoredScorecard {
    try readSQL { session in
      guard let record = try session.fetchOne(ScorecardRecord.self, "SELECT * FROM scorecards WHERE id = ?", id) else {
        throw CallQAError(.errNoScorecardId, id)
      }
      return try QADatabase.stored(record)
    }
  }

  /// Splits `key` or `key@version`.
  public static func parseReference(_ reference: String) throws -> (String, Int?) {
    let parts = reference.split(separator: "@", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), !parts[0].isEmpty else {
      throw CallQAError(.errScorecardReferenceUse, reference)
    }
    guard parts.count == 2 else { return (String(parts[0]), nil) }
    guard let version = Int(parts[1]), version >= 1 else {
      throw CallQAError(.errVersionAfterMust, reference)
    }
    return (String(parts[0]), version)
  }

  static func stored(_ record: ScorecardRecord) throws -> StoredScorecard {
    StoredScorecard(
      id: try record.storedID(), scorecard: try record.scorecard(), fingerprint: record.fingerprint,
      importedAt: record.importedAt)
  }
}
