/// How an evaluation import went. Lists are capped (``listLimit``); the counts are exact.
public struct EvaluationImportSummary: Sendable, Encodable {
  /// A record whose external_id was already imported with other content: kept, not overwritten.
  public struct Conflict: Sendable, Encodable {
    public var line: Int
    public var externalId: String
    enum CodingKeys: String, CodingKey {
      case line
      case externalId = "external_id"
    }
  }

  /// A record left out (with `--skip-invalid`) and why.
  public struct Rejection: Sendable, Encodable {
    public var line: Int
    public var reason: String
  }

  /// Conflicts and rejections kept in the lists at most.
  public static let listLimit = 100

  public var file: String
  public var records = 0
  public var added = 0
  public var unchanged = 0
  public var changedCount = 0
  public var changed: [Conflict] = []
  public var rejectedCount = 0
  public var rejected: [Rejection] = []
  /// Where rejected records were written, if any were.
  public var rejectsFile: String?
  /// Agents and inspectors the import created (unknown codes are created).
  public var agentsCreated = 0
  public var inspectorsCreated = 0

  enum CodingKeys: String, CodingKey {
    case file, records, added, unchanged, changed, rejected
    case changedCount = "changed_count"
    case rejectedCount = "rejected_count"
    case rejectsFile = "rejects_file"
    case agentsCreated = "agents_created"
    case inspectorsCreated = "inspectors_created"
  }

  mutating func conflict(line: Int, externalId: String) {
    changedCount += 1
    if changed.count < Self.listLimit { changed.append(Conflict(line: line, externalId: externalId)) }
  }

  mutating func reject(line: Int, reason: String) {
    rejectedCount += 1
    if rejected.count < Self.listLimit { rejected.append(Rejection(line: line, reason: reason)) }
  }
}

/// How an import runs.
public struct EvaluationImportOptions: Sendable {
  /// Import the valid records and write the others to ``rejectsPath`` instead of stopping.
  public var skipInvalid: Bool
  /// Where rejected records go; default `FILE.rejects.jsonl` / `FILE.rejects.csv` beside the input.
  public var rejectsPath: String?
  /// Who imports: an admin, or an inspector importing their own scorings only.
  public var actor: Actor
  /// Called now and then with (bytes read, file size).
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// On PostgreSQL, how many section and item rows are kept before they are streamed with
  /// COPY (between records); tests lower it to cross a flush.
  var scoreRowsPerCopy = 20_000

  public init(
    skipInvalid: Bool = false, rejectsPath: String? = nil, actor: Actor,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) {
    self.skipInvalid = skipInvalid
    self.rejectsPath = rejectsPath
    self.actor = actor
    self.progress = progress
  }
}
