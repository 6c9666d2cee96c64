/// One table ``QADatabase/copy(to:progress:)`` moves: its name, the primary key it is read in
/// the order of, and the columns pointing at rows of the same table.
struct CopiedTable: Sendable {
  var name: String
  var key: [String]
  /// Self-references (an evaluation's `second_opinion_of`, `revision_of`): a row waits until
  /// the row it names is in, since a finalised draft keeps its early id and may name a later one.
  var selfReferences: [String] = []

  init(_ name: String, key: [String] = ["id"], selfReferences: [String] = []) {
    self.name = name
    self.key = key
    self.selfReferences = selfReferences
  }
}

/// Every table a callqa database keeps rows in, in an order where each row's foreign keys
/// point at tables before it (`DatabaseCopyTests` checks the list against the schema: every
/// table is here, every key is the primary key, every reference points back).
enum CopiedTables {
  static let all: [CopiedTable] = [
    CopiedTable("scorecards"),
    CopiedTable("agents"),
    CopiedTable("inspectors"),
    CopiedTable("teams", key: ["name"]),
    CopiedTable("settings", key: ["key"]),
    CopiedTable("calls"),
    CopiedTable("calibration_sessions"),
    CopiedTable("evaluations", selfReferences: ["second_opinion_of", "revision_of"]),
    CopiedTable("section_scores", key: ["evaluation_id", "section"]),
    CopiedTable("item_scores", key: ["evaluation_id", "item"]),
    CopiedTable("complaints"),
    CopiedTable("training_cases"),
    CopiedTable("audit_log"),
    CopiedTable("agent_months", key: ["agent_id", "month"]),
    CopiedTable("coaching_tasks"),
    CopiedTable("disputes"),
    CopiedTable("users"),
    CopiedTable("evaluation_receipts", key: ["evaluation_id"]),
    CopiedTable("assignments"),
    CopiedTable("api_tokens"),
    CopiedTable("summary_evaluations", key: ["grain", "period", "agent_id", "scorecard_id", "kind"]),
    CopiedTable("summary_sections", key: ["grain", "period", "agent_id", "scorecard_id", "kind", "section"]),
    CopiedTable("summary_items", key: ["grain", "period", "agent_id", "scorecard_id", "kind", "item"]),
    CopiedTable("server_sessions", key: ["token_sha256"]),
    CopiedTable("sign_in_failures"),
  ]

  /// The migration bookkeeping of each engine: each database keeps its own.
  static let bookkeeping: Set<String> = ["grdb_migrations", "callqa_migrations"]

  /// The tables of the database `session` is in (bookkeeping left out).
  static func present(_ session: any SQLSession) throws -> [String] {
    let sql: String
    switch session.engine {
    case .sqlite:
      sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    case .postgresql:
      sql = "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
    }
    return try session.rows(sql, []).map { try $0["name"] as String }.filter { !bookkeeping.contains($0) }
  }
}

/// How far a copy is: `rows` of `total` in `table` (`verifying`: read back and compared).
public struct CopyProgress: Sendable {
  public var table: String
  public var rows: Int
  public var total: Int
  public var verifying: Bool
}

/// What a copy moved: rows per table (tables without rows left out), every one compared
/// with the source after the copy was committed.
public struct CopyReport: Sendable, Encodable, Equatable {
  public struct Table: Sendable, Encodable, Equatable {
    public var table: String
    public var rows: Int
  }
  public var from: String
  public var to: String
  public var tables: [Table]
  public var rows: Int { tables.reduce(0) { $0 + $1.rows } }

  enum CodingKeys: String, CodingKey { case from, to, tables, rows }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(tables, forKey: .tables)
    try container.encode(rows, forKey: .rows)
  }
}

/// Reads a table in pages in the order of its key (keyset paging: each page starts after the
/// last key read, so a page costs the same at the millionth row as at the first).
struct KeyedPages {
  let table: CopiedTable
  static let pageSize = 2000

  /// The page after `last` (nil: the first page).
  func page(_ session: any SQLSession, after last: [SQLValue]?) throws -> [SQLRow] {
    let order = table.key.joined(separator: ", ")
    guard let last else {
      return try session.rows("SELECT * FROM \(table.name) ORDER BY \(order) LIMIT \(Self.pageSize)", [])
    }
    let marks = Array(repeating: "?", count: last.count).joined(separator: ", ")
    let after = table.key.count == 1 ? "\(order) > ?" : "(\(order)) > (\(marks))"
    return try session.rows("SELECT * FROM \(table.name) WHERE \(after) ORDER BY \(order) LIMIT \(Self.pageSize)", last)
  }

  /// The key values of `row`.
  func key(of row: SQLRow) -> [SQLValue] {
    table.key.map { column in row.columns.firstIndex(of: column).map { row.values[$0] } ?? .null }
  }

  /// Every row, a page at a time.
  func forEachPage(_ session: any SQLSession, _ body: ([SQLRow]) throws -> Void) throws {
    var last: [SQLValue]?
    while true {
      let rows = try page(session, after: last)
      guard let final = rows.last else { return }
      try body(rows)
      guard rows.count == Self.pageSize else { return }
      last = key(of: final)
    }
  }
}

/// Inserts rows into one table of the target: through `COPY … FROM STDIN` on PostgreSQL
/// (``PostgresCopyIn``), many rows to an INSERT on SQLite.
struct RowInserter {
  let table: String

  /// Inserts `rows` (all with the same columns).
  func insert(_ rows: [SQLRow], into session: any SQLSession) throws {
    guard let columns = rows.first?.columns else { return }
    if let postgres = session as? PostgresSession {
      try postgres.copyIn(table: table, columns: columns, rows: rows.map(\.values))
      return
    }
    // Both engines take at least 32,766 bound values in a statement.
    let perStatement = max(1, min(500, 30_000 / max(1, columns.count)))
    let names = columns.joined(separator: ", ")
    let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    var start = rows.startIndex
    while start < rows.endIndex {
      let end = min(start + perStatement, rows.endIndex)
      let batch = rows[start..<end]
      let sql = "INSERT INTO \(table) (\(names)) VALUES " + Array(repeating: tuple, count: batch.count).joined(separator: ", ")
      try session.execute(sql, batch.flatMap(\.values))
      start = end
    }
  }
}
