import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa audit`: the append-only audit trail.
  struct AuditCommand: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "audit", abstract: "Show the audit trail: who changed what, when, before and after.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only this evaluation's history (all its revisions, disputes and cases).") var evaluation: Int64?
    @Option(help: "Only rows at or after this UTC date (YYYY-MM-DD).") var since: String?

    func validate() throws {
      if let since, Timestamp.parseDay(since) == nil {
        throw ValidationError("--since must be a date YYYY-MM-DD, not '\(since)'")
      }
    }

    func execute() throws {
      let db = try database.open()
      try db.requireReadsEverything(db.terminalActor(), what: "the audit trail")
      let entries = try db.auditLog(evaluation: evaluation, since: since)
      if output.format == .json { return try printJSON(entries) }
      var table = TextTable([
        .init("id", .right), .init("at (UTC)"), .init("actor"), .init("action"), .init("entity"),
        .init("before", maxWidth: 44), .init("after", maxWidth: 64),
      ])
      for entry in entries {
        let entity = entry.entity + (entry.entityId.map { " #\($0)" } ?? "")
        let (before, after) = try AuditView.cells(before: entry.before, after: entry.after)
        table.add([
          String(entry.id), entry.at.replacingOccurrences(of: "T", with: " "), entry.actor, entry.action, entity,
          before, after,
        ])
      }
      Console.out(table.render())
      Console.out("\(entries.count) audit row\(entries.count == 1 ? "" : "s")")
    }
  }
}
