import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa audit`: the append-only audit trail and its chain.
  struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: Terminal.help(.abstractAuditTrailList),
      subcommands: [AuditList.self, AuditVerify.self], defaultSubcommand: AuditList.self)
  }

  /// `callqa audit [list]`: the rows of the audit trail.
  struct AuditList: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: Terminal.help(.abstractShowAuditTrail))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyEvaluationS))) var evaluation: Int64?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyRowsAfter))) var since: String?
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if let since, Timestamp.parseDay(since) == nil {
        throw ValidationError(Terminal.words(.errSinceMustDate, since))
      }
    }

    func execute() throws {
      let db = try database.openReadOnly()
      try db.requireReadsEverything(db.terminalActor(), what: .phrase(.whatAuditTrail))
      let entries = try db.auditLog(evaluation: evaluation, since: since)
      if output.format == .json { return try printJSON(entries) }
      let words = language.words
      var table = TextTable([
        .init(words[.outId], .right), .init(words[.outAtUtc]), .init(words[.outActor]), .init(words[.outAction]), .init(words[.outEntity]),
        .init(words[.outBefore], maxWidth: 44), .init(words[.outAfter], maxWidth: 64),
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
      Console.out(words(.outAuditRowCount, entries.count))
    }
  }
}

extension CallQA {
  /// `callqa audit verify`: walk the chain and recompute every submitted evaluation's digest.
  struct AuditVerify: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract: Terminal.help(.abstractVerifyAuditChain),
      discussion: Terminal.help(.discussionAuditVerify))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let verification = try database.openReadOnly().verifyAudit()
      let words = language.words
      if output.format == .json {
        try printJSON(verification)
      } else if verification.intact {
        var sealed = ""
        if verification.sealedRows > 0 {
          let checked = verification.sealedRows - verification.uncheckedSealedRows
          sealed = words(.outAuditSealed, verification.sealedRows, checked)
        }
        Console.out(words(.outAuditOk, verification.rowsChecked, sealed, verification.evaluationsChecked))
        if let head = verification.head { Console.out(words(.outAuditHead, head.row, head.hash)) }
        if verification.uncheckedSealedRows > 0 {
          Console.out(words(.outAuditUnchecked, verification.uncheckedSealedRows))
        }
      } else {
        Console.out(Doctor.findingsTable(verification.findings))
        let count = verification.findings.count
        Console.out(words(.outAuditProblems, count, verification.rowsChecked))
      }
      if !verification.intact { throw ExitCode.failure }
    }
  }
}
