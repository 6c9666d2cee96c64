extension QADatabase {
  /// Gives PostgreSQL role `role` the rights a server needs on this database — read and write
  /// its rows, now and in the tables later migrations add — and nothing that could turn the
  /// history triggers off (``PostgresGrants``). Run by the database's owner, after the
  /// migrations (opening the database applied them).
  ///
  /// Refused in one line, granting nothing: on SQLite, a name PostgreSQL would fold or need
  /// quoting for, a role that does not exist, a superuser, a role owning callqa's tables.
  public func grantServerRole(_ role: String) throws {
    guard case .postgresql(let store) = engine else { throw CallQAError(.errGrantNeedsPostgres) }
    guard PostgresGrants.isPlainName(role) else { throw CallQAError(.errGrantRoleName, role) }
    try store.write(retrying: false) { session in try PostgresGrants.grant(role, session) }
  }
}
