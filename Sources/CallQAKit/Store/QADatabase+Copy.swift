extension QADatabase {
  /// Copies every row of this database into `target`, a new callqa database on either engine
  /// with no rows yet — a SQLite file to PostgreSQL, back, or a file to a file — then reads
  /// every row of both back and compares them (issue 21's `callqa copy`).
  ///
  /// The rows are copied as they are: the same ids, the same history, the same audit chain
  /// (so `audit verify` on the target ends at the source's head), the same report summaries.
  /// The source is read in one snapshot; the target is written in one transaction, so a
  /// copy that fails leaves the target without a row. Each table is read in the order of its
  /// primary key in pages (``KeyedPages``) and written many rows to a statement; a PostgreSQL
  /// target's identity sequences then continue after the highest id copied.
  ///
  /// Refused in one line, writing nothing: a target holding rows (``CopiedTables``), the two
  /// at different migrations, a source table this version does not know.
  ///
  /// - Parameter progress: called after each page, copying and then verifying.
  public func copy(to target: QADatabase, progress: ((CopyProgress) -> Void)? = nil) throws -> CopyReport {
    let names = (from: locationDescription, to: target.locationDescription)
    guard names.from != names.to else { throw CallQAError(.errCopySameDatabase, names.from) }
    guard try appliedMigrations() == target.appliedMigrations() else {
      throw CallQAError(.errCopyMigrationsDiffer, names.from, names.to, kind: .conflict)
    }
    let counts: [CopyReport.Table] = try readSQL { source in
      let known = Set(CopiedTables.all.map(\.name))
      if let unknown = try CopiedTables.present(source).first(where: { !known.contains($0) }) {
        throw CallQAError(.errCopyUnknownTable, names.from, unknown, kind: .conflict)
      }
      return try target.writeSQL(retrying: false) { destination in
        for table in CopiedTables.all {
          let held = try destination.value(Int.self, "SELECT count(*) FROM \(table.name)", []) ?? 0
          if held > 0 { throw CallQAError(.errCopyTargetNotEmpty, names.to, table.name, held, kind: .conflict) }
        }
        var counts: [CopyReport.Table] = []
        for table in CopiedTables.all {
          let total = try source.value(Int.self, "SELECT count(*) FROM \(table.name)", []) ?? 0
          guard total > 0 else { continue }
          let copied = try Self.copyRows(of: table, from: source, to: destination) { rows in
            progress?(CopyProgress(table: table.name, rows: rows, total: total, verifying: false))
          }
          counts.append(CopyReport.Table(table: table.name, rows: copied))
        }
        if destination.engine == .postgresql { try Self.continueIdentities(destination) }
        return counts
      }
    }
    try compareCopy(with: target, counts: counts, progress: progress)
    return CopyReport(from: names.from, to: names.to, tables: counts)
  }

  /// Where this database is, as messages name it (a file path, or a URL without password).
  var locationDescription: String {
    switch engine {
    case .sqlite: return path ?? "(in memory)"
    case .postgresql(let store): return store.location.description
    }
  }

  /// Copies one table's rows; the number copied.
  private static func copyRows(
    of table: CopiedTable, from source: any SQLSession, to destination: any SQLSession, progress: (Int) -> Void
  ) throws -> Int {
    let inserter = RowInserter(table: table.name)
    var copied = 0
    // Rows naming a row of their own table not copied yet, and the ids copied so far.
    var waiting: [SQLRow] = []
    var present: Set<Int64> = []
    func ready(_ row: SQLRow) -> Bool {
      table.selfReferences.allSatisfy { column in
        guard let index = row.columns.firstIndex(of: column), case .integer(let id) = row.values[index] else { return true }
        return present.contains(id)
      }
    }
    func id(_ row: SQLRow) -> Int64? {
      guard let index = row.columns.firstIndex(of: "id"), case .integer(let id) = row.values[index] else { return nil }
      return id
    }
    try KeyedPages(table: table).forEachPage(source) { rows in
      var batch: [SQLRow] = []
      for row in rows {
        if table.selfReferences.isEmpty || ready(row) {
          batch.append(row)
          if !table.selfReferences.isEmpty, let id = id(row) { present.insert(id) }
        } else {
          waiting.append(row)
        }
      }
      // A row copied may let waiting ones in.
      var progressed = !waiting.isEmpty
      while progressed {
        let before = waiting.count
        waiting.removeAll { row in
          guard ready(row) else { return false }
          batch.append(row)
          if let id = id(row) { present.insert(id) }
          return true
        }
        progressed = waiting.count < before && !waiting.isEmpty
      }
      try inserter.insert(batch, into: destination)
      copied += batch.count
      progress(copied)
    }
    // What still waits names a row that is not there: the insert reports the broken reference.
    try inserter.insert(waiting, into: destination)
    return copied + waiting.count
  }

  /// Sets every identity sequence of a PostgreSQL target after the highest id copied.
  private static func continueIdentities(_ session: any SQLSession) throws {
    let identities = try session.rows(
      """
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name
      """, [])
    for identity in identities {
      let table: String = try identity["table_name"]
      let column: String = try identity["column_name"]
      try session.execute(
        """
        SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(\(column)), 0) + 1, false) FROM \(table)
        """, [.text(table), .text(column)])
    }
  }

  /// True when two rows hold the same value in every column (the engines may list columns
  /// in another order).
  static func sameRow(_ a: SQLRow, _ b: SQLRow) -> Bool {
    if a.columns == b.columns { return a.values == b.values }
    guard a.columns.count == b.columns.count else { return false }
    let other = Dictionary(zip(b.columns, b.values), uniquingKeysWith: { first, _ in first })
    return zip(a.columns, a.values).allSatisfy { other[$0.0] == $0.1 }
  }

  /// Reads every copied table of both databases in key order and compares them row by row.
  private func compareCopy(with target: QADatabase, counts: [CopyReport.Table], progress: ((CopyProgress) -> Void)?) throws {
    let totals = Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })
    try readSQL { source in
      try target.readSQL { copy in
        for table in CopiedTables.all {
          let pages = KeyedPages(table: table)
          var last: [SQLValue]?
          var compared = 0
          while true {
            let expected = try pages.page(source, after: last)
            let found = try pages.page(copy, after: last)
            for (index, row) in expected.enumerated() where index >= found.count || !Self.sameRow(row, found[index]) {
              throw CallQAError(
                .errCopyRowsDiffer, table.name, pages.key(of: row).map(\.display).joined(separator: ", "), kind: .storage(.other))
            }
            guard found.count == expected.count else {
              throw CallQAError(.errCopyRowsDiffer, table.name, "+\(found.count - expected.count)", kind: .storage(.other))
            }
            compared += expected.count
            if let total = totals[table.name] {
              progress?(CopyProgress(table: table.name, rows: compared, total: total, verifying: true))
            }
            guard expected.count == KeyedPages.pageSize, let final = expected.last else { break }
            last = pages.key(of: final)
          }
        }
      }
    }
  }
}
