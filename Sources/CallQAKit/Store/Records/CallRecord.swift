import GRDB

/// A row of `calls`: one recorded (or test) call, known by the telephony system's id.
public struct CallRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "calls"
  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  public var id: Int64?
  public var externalId: String
  public var agentId: Int64
  /// ISO-8601 with the offset it was recorded in (see ``Timestamp``).
  public var startedAt: String?
  /// Seconds.
  public var duration: Double?
  /// `inbound` or `outbound` (free text from the telephony system).
  public var direction: String?
  public var recording: String?
  public var transcript: String?

  public init(
    id: Int64? = nil, externalId: String, agentId: Int64, startedAt: String?, duration: Double? = nil,
    direction: String? = nil, recording: String? = nil, transcript: String? = nil
  ) {
    self.id = id
    self.externalId = externalId
    self.agentId = agentId
    self.startedAt = startedAt
    self.duration = duration
    self.direction = direction
    self.recording = recording
    self.transcript = transcript
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension CallRecord {
  /// The columns queries filter and sort by, named once.
  public enum Columns {
    public static let externalId = Column("external_id")
  }
}
