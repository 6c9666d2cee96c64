import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa doctor`: verify the database without changing it.
  struct Doctor: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Verify the database: integrity, foreign keys, every stored score recomputed, audit chain.",
      discussion: "Changes nothing. Exits 1 when a problem is found, listing each one.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let tty = isatty(STDERR_FILENO) == 1
      let report = try db.doctor { done, total in
        if tty && total > 0 { FileHandle.standardError.write(Data("\rchecking evaluations \(done)/\(total)".utf8)) }
      }
      if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
      if output.format == .json {
        try printJSON(report)
      } else if report.healthy {
        Console.out("ok: integrity, foreign keys, \(report.evaluationsChecked) evaluations recomputed, audit trail complete")
        if let head = report.audit.head {
          Console.out("audit chain: \(report.audit.rowsChecked) rows intact, head \(head.summary)")
        }
      } else {
        Console.out(Doctor.findingsTable(report.findings))
        Console.out("\(report.findings.count) problem\(report.findings.count == 1 ? "" : "s") in \(report.evaluationsChecked) evaluations")
      }
      if !report.healthy { throw ExitCode.failure }
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
