extension PostgresMigrations {
  /// The name of every trigger the PostgreSQL migration steps create, in name order.
  static var triggerNames: [String] {
    let script = [history, evaluatedFlag, secondOpinionFixed].joined(separator: "\n")
    return script.matches(of: #/CREATE TRIGGER (\w+)/#).map { String($0.output.1) }.sorted()
  }

  /// `doctor` and `audit verify` on PostgreSQL: every trigger the migrations create must be
  /// there and enabled (`ALTER TABLE … DISABLE TRIGGER` by the tables' owner would let history
  /// be rewritten), and a trigger callqa did not create on its tables is listed.
  ///
  /// Only names and the enabled state are compared: PostgreSQL keeps a trigger's definition
  /// in its own normalised form, not as written.
  static func triggerFindings(_ session: any SQLSession) throws -> [DoctorFinding] {
    let rows = try session.rows(
      """
      SELECT t.tgname::text AS name, t.tgenabled::text AS enabled
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
      ORDER BY 1
      """)
    var actual: [String: String] = [:]
    for row in rows { actual[try row["name"]] = try row["enabled"] as String }
    var findings: [DoctorFinding] = []
    func finding(_ message: String) {
      findings.append(DoctorFinding(check: "history-trigger", evaluation: nil, message: message))
    }
    for name in triggerNames {
      switch actual[name] {
      case nil: finding("trigger \(name) is missing")
      // O: fires in ordinary sessions; A: always. D (disabled) and R (replica only) do not.
      case "O", "A": break
      default: finding("trigger \(name) is disabled")
      }
    }
    for name in actual.keys.sorted() where !triggerNames.contains(name) {
      finding("trigger \(name) is not one of callqa's")
    }
    return findings
  }
}
