/// One page of a list read in a fixed, total order: its rows, where it starts, and whether
/// more rows follow.
///
/// Lists are ordered by a key that is unique per row (the call's `started_at`, then row ids),
/// so that the pages `offset 0, limit n`, `offset n, limit n`, … never repeat or skip a row.
public struct Page<Row: Hashable & Sendable>: Hashable, Sendable {
  public var rows: [Row]
  /// Rows skipped before this page.
  public var offset: Int
  /// The most rows a page holds; nil when the page holds every row from `offset` on.
  public var limit: Int?
  /// True when more rows follow this page (the query read one row past the limit).
  public var hasMore: Bool

  public init(rows: [Row], offset: Int, limit: Int?, hasMore: Bool) {
    self.rows = rows
    self.offset = offset
    self.limit = limit
    self.hasMore = hasMore
  }

  /// The offset of the next page, when there is one.
  public var nextOffset: Int? { hasMore ? offset + rows.count : nil }

  /// Checks a limit (at least 1 when given) and an offset (0 or more).
  static func validate(limit: Int?, offset: Int) throws {
    if let limit, limit < 1 { throw CallQAError(.errPageHoldsLeast, limit) }
    if offset < 0 { throw CallQAError(.errOffsetMustMore, offset) }
  }

  /// `LIMIT ? OFFSET ?` reading one row past `limit` (so that ``hasMore`` is known), with
  /// its arguments; nothing when every row is wanted. An offset alone is SQLite's
  /// `LIMIT -1 OFFSET ?` and PostgreSQL's `OFFSET ?` (which has no negative limit).
  static func sql(limit: Int?, offset: Int, on engine: StoreEngineKind) -> (clause: String, arguments: [SQLValue]) {
    if let limit { return ("LIMIT ? OFFSET ?", [(limit + 1).sqlValue, offset.sqlValue]) }
    guard offset > 0 else { return ("", []) }
    switch engine {
    case .sqlite: return ("LIMIT -1 OFFSET ?", [offset.sqlValue])
    case .postgresql: return ("OFFSET ?", [offset.sqlValue])
    }
  }

  /// The page of `fetched` rows read with ``sql(limit:offset:)``.
  init(fetched: [Row], offset: Int, limit: Int?) {
    let hasMore = limit.map { fetched.count > $0 } ?? false
    self.init(rows: hasMore ? Array(fetched.prefix(limit ?? 0)) : fetched, offset: offset, limit: limit, hasMore: hasMore)
  }

  /// The rows in words: `50 evaluations (1–50)`, `0 calls`.
  public func countLine(_ counted: String) -> String {
    var line = counted
    if (limit != nil || offset > 0), !rows.isEmpty { line += " (\(offset + 1)–\(offset + rows.count))" }
    return line
  }
}
extension Page: Encodable where Row: Encodable {
  enum CodingKeys: String, CodingKey {
    case rows, offset, limit
    case nextOffset = "next_offset"
  }

  /// `{rows, offset, limit, next_offset}` with nulls written out (for a JSON API).
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rows, forKey: .rows)
    try c.encode(offset, forKey: .offset)
    try c.encode(limit, forKey: .limit)
    try c.encode(nextOffset, forKey: .nextOffset)
  }
}
