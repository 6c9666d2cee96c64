import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa doctor`: verify the database without changing it.
  struct Doctor: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractVerifyDatabase),
      discussion: Terminal.help(.discussionDoctor))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Flag(help: ArgumentHelp(Terminal.help(.helpRebuildReportSummaries)))
    var rebuildSummaries = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      if rebuildSummaries {
        let writable = try database.open()
        let before = try writable.rebuildSummaries(actor: try writable.terminalActor())
        Console.err(
          before.isEmpty
            ? "summaries rebuilt (they matched the evaluations already)"
            : "summaries rebuilt: \(before.count) difference\(before.count == 1 ? "" : "s") before")
        try writable.close()
      }
      let db = try database.openReadOnly()
      let tty = isatty(STDERR_FILENO) == 1
      let report = try db.doctor { done, total in
        if tty && total > 0 { FileHandle.standardError.write(Data("\rchecking evaluations \(done)/\(total)".utf8)) }
      }
      if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      if output.format == .json {
        try printJSON(report)
      } else if report.healthy {
        // PostgreSQL keeps its pages whole and its foreign keys as rows are written: those are SQLite's checks.
        let engineChecks = db.engineKind == .sqlite ? "integrity, foreign keys, " : ""
        Console.out("ok: \(engineChecks)\(report.evaluationsChecked) evaluations recomputed, audit trail complete")
        if let head = report.audit.head {
          Console.out("audit chain: \(report.audit.rowsChecked) rows intact, head \(head.summary)")
        }
      } else {
        Console.out(Doctor.findingsTable(report.findings))
        Console.out("\(report.findings.count) problem\(report.findings.count == 1 ? "" : "s") in \(report.evaluationsChecked) evaluations")
      }
      if output.format != .json {
        Console.out(try Self.mode(db))
        let stale = try db.drafts(idleDays: 7)
        if let oldest = stale.first {
          Console.out(
            "\(stale.count) draft\(stale.count == 1 ? "" : "s") untouched for 7 days or more (oldest #\(oldest.id), opened \(oldest.createdAt.prefix(10))): see `callqa draft list --idle-days 7`"
          )
        }
      }
      if !report.healthy { throw ExitCode.failure }
    }

    /// Who may act: single-desk mode, or how many users there are.
    static func mode(_ db: QADatabase) throws -> String {
      let users = try db.users()
      guard !users.isEmpty else {
        return "mode: single-desk (no users): whoever opens this file acts as the local admin"
      }
      let active = users.filter(\.active).count
      return "mode: \(active) active user\(active == 1 ? "" : "s") (\(users.count - active) deactivated); each acts as the user linked to their OS account"
    }

    /// Findings as a table: check, evaluation, problem.
    static func findingsTable(_ findings: [DoctorFinding]) -> String {
      var table = TextTable([.init("check"), .init("evaluation", .right), .init("problem", maxWidth: 200)])
      for finding in findings {
        table.add([finding.check, finding.evaluation.map(String.init) ?? "", finding.message])
      }
      return table.render()
    }
  }
}
