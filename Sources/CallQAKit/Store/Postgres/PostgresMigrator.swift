/// Applies ``Migrations/steps`` to a PostgreSQL database, recording each step's name in
/// `callqa_migrations` as GRDB records SQLite's in `grdb_migrations`.
enum PostgresMigrator {
  /// An arbitrary key ("CQA1") for the advisory lock that makes two processes opening one new
  /// database migrate it one after the other.
  static let lockKey: Int64 = 0x4351_4131

  /// Migrates the database to this version in one transaction (`create`: an empty database
  /// becomes a callqa one), after the checks SQLite's opening makes: a database of another
  /// application and one made by a newer callqa are refused, naming why.
  static func migrate(_ store: PostgresStore, create: Bool) throws {
    let name = store.location.description
    try store.writeCommitted { session in
      try session.execute("SELECT pg_advisory_xact_lock(?)", lockKey)
      let tables: [String] = try session.rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
      ).map { try $0["table_name"] }
      if !tables.contains("callqa_migrations") {
        guard tables.isEmpty else {
          throw CallQAError(.errCallqaDatabaseTables, name, MessageArgument.list(Array(tables.prefix(3))))
        }
        guard create else { throw CallQAError(.errEmptyDatabaseCallqa, name) }
        try session.script("CREATE TABLE callqa_migrations (identifier TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)")
      }
      let applied = Set(try appliedNames(session))
      let known = Migrations.steps.map(\.name)
      if let unknown = applied.sorted().first(where: { !known.contains($0) }) {
        throw CallQAError(.errMadeNewerCallqaMigration, name, unknown, kind: .conflict)
      }
      for step in Migrations.steps where !applied.contains(step.name) {
        if !step.schema.isEmpty { try session.script(PostgresDDL.translate(step.schema)) }
        if !step.postgres.isEmpty { try session.script(step.postgres) }
        try session.execute(
          "INSERT INTO callqa_migrations (identifier, applied_at) VALUES (?, ?)", step.name, Timestamp.nowUTC())
      }
    }
  }

  /// The names of the applied steps, in the order they were applied.
  static func applied(_ store: PostgresStore) throws -> [String] {
    try store.read { session in try appliedNames(session) }
  }

  private static func appliedNames(_ session: PostgresSession) throws -> [String] {
    let known = Migrations.steps.map(\.name)
    let names: [String] = try session.rows("SELECT identifier FROM callqa_migrations").map { try $0["identifier"] }
    // Applied in list order; a name this version does not know comes last.
    return names.sorted { (known.firstIndex(of: $0) ?? .max, $0) < (known.firstIndex(of: $1) ?? .max, $1) }
  }
}
