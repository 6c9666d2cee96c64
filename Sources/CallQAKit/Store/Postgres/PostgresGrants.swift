/// The rights a `callqa serve` (or a day-to-day CLI) role needs on a PostgreSQL database, and
/// nothing more (issue 21: "the server's connection role has no right to bypass" the history
/// triggers).
///
/// The database's owner runs the migrations; the servers connect as another role that owns
/// nothing and is not a superuser. Such a role can read and write rows — the triggers still
/// refuse every UPDATE or DELETE of submitted history — but it cannot `ALTER TABLE … DISABLE
/// TRIGGER`, `DROP TRIGGER`, `TRUNCATE` (not granted), or `SET session_replication_role`
/// (superusers only): all of those need ownership or superuser rights.
enum PostgresGrants {
  /// True for a role name callqa grants to: lower-case ASCII letters, digits and `_`, at most
  /// 63 bytes (PostgreSQL's limit), not starting with a digit — the names PostgreSQL keeps as
  /// typed without quotes, so `CREATE ROLE callqa_app` and the grant name one role.
  static func isPlainName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.utf8.count <= 63, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
  }

  /// Grants `role` its rights in the current database and schema, after refusing a role that
  /// does not exist, is a superuser or owns one of the tables.
  static func grant(_ role: String, _ session: PostgresSession) throws {
    guard let found = try session.rows("SELECT rolsuper::int AS superuser FROM pg_roles WHERE rolname = ?", [.text(role)]).first
    else { throw CallQAError(.errGrantNoSuchRole, role, kind: .notFound) }
    if try found["superuser"] as Int64 != 0 {
      throw CallQAError(.errGrantRoleTooStrong, role, LocalizedMessage(.initRoleSuperuser, []), kind: .forbidden)
    }
    let owned =
      try session.value(
        Int64.self, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner = ?", role) ?? 0
    if owned > 0 {
      throw CallQAError(.errGrantRoleTooStrong, role, LocalizedMessage(.initRoleOwnsTables, []), kind: .forbidden)
    }
    guard let schema = try session.value(String.self, "SELECT current_schema()", []),
      let database = try session.value(String.self, "SELECT current_database()", [])
    else { throw CallQAError(.errGrantNoSuchRole, role, kind: .notFound) }
    try session.script(statements(role: role, schema: schema, database: database))
  }

  /// The GRANT statements, also what the README shows a DBA who prefers `psql`.
  static func statements(role: String, schema: String, database: String) -> String {
    let role = quoted(role)
    let schema = quoted(schema)
    return """
      GRANT CONNECT, TEMPORARY ON DATABASE \(quoted(database)) TO \(role);
      GRANT USAGE ON SCHEMA \(schema) TO \(role);
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema) TO \(role);
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema) TO \(role);
      ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \(role);
      ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) GRANT USAGE, SELECT ON SEQUENCES TO \(role);
      """
  }

  /// `name` as a quoted SQL identifier.
  static func quoted(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
