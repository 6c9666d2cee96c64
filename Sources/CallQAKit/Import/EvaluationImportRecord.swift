/// One record of an evaluation import file (JSONL or CSV), read but not yet checked
/// against its scorecard. ``EvaluationImporter`` validates it with the same code as `score`.
public struct EvaluationImportRecord: Sendable {
  /// The record's key: re-importing it adds nothing.
  public var externalId: String
  /// `key` (latest version) or `key@version`.
  public var scorecard: String
  /// `monitoring`, `test-call` or `calibration`.
  public var kind: String
  public var agent: String
  public var inspector: String
  public var call: CallInput
  /// Item key → answer, in file order.
  public var answers: [(key: String, value: RawAnswer)]
  public var notes: [(key: String, value: String)]
  /// Item key → the root causes given for its lost points (`causes` in JSONL, `cause.<key>` in CSV).
  public var causes: [(key: String, value: [String])] = []
  public var comment: String?
  /// ISO-8601 with an offset; stored in UTC. Nil means the time of the import.
  public var submittedAt: String?

  public init(
    externalId: String, scorecard: String, kind: String, agent: String, inspector: String, call: CallInput,
    answers: [(key: String, value: RawAnswer)], notes: [(key: String, value: String)] = [],
    comment: String? = nil, submittedAt: String? = nil
  ) {
    self.externalId = externalId
    self.scorecard = scorecard
    self.kind = kind
    self.agent = agent
    self.inspector = inspector
    self.call = call
    self.answers = answers
    self.notes = notes
    self.comment = comment
    self.submittedAt = submittedAt
  }
}

/// What a record source yields: a record (or why it could not be read) with its line.
public struct ImportItem: Sendable {
  /// 1-based line the record starts on.
  public var line: Int
  public var record: Result<EvaluationImportRecord, CallQAError>
  /// The record's text as read (the CSV fields re-joined), for a rejects file.
  public var raw: String
}

/// A streaming reader of import records: JSONL (``JSONLRecordSource``) or CSV (``CSVRecordSource``).
public protocol ImportRecordSource {
  /// The next record, nil at the end; throws when the file itself is unreadable.
  mutating func next() throws -> ImportItem?
  /// Bytes of the file consumed so far, for progress.
  var bytesRead: Int { get }
  /// Text a rejects file starts with (the CSV header), if any.
  var rejectsHeader: String? { get }
  /// The line of a rejects file for a record: its raw text with the reason added
  /// (`_rejected`, which imports ignore), so it can be fixed and imported again.
  func rejectLine(raw: String, reason: String) -> String
}
