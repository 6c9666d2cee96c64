import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa draft …`: unfinished evaluations.
  struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "draft", abstract: Terminal.help(.abstractUnfinishedEvaluationsList),
      subcommands: [List.self, Discard.self, Reassign.self])
  }
}

extension CallQA.DraftCommand {
  /// `callqa draft list`: open drafts, oldest first.
  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractOpenDraftsOldest))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyMyDrafts))) var mine = false
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyInspectorSDrafts))) var inspector: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyDraftsUntouched))) var idleDays: Int?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let actor = try db.terminalActor()
      let code = try listedInspector(mine: mine, typed: inspector, actor: actor)
      let drafts = try db.drafts(inspector: code, idleDays: idleDays)
      if output.format == .json { return try printJSON(drafts) }
      var table = TextTable([
        .init("id", .right), .init("call"), .init("agent"), .init("inspector"), .init("scorecard"), .init("answered", .right),
        .init("opened"), .init("last answer"),
      ])
      for draft in drafts {
        table.add([
          String(draft.id), draft.call, draft.agent, draft.inspector, draft.scorecard, "\(draft.answered)/\(draft.items)",
          String(draft.createdAt.prefix(10)), String(draft.updatedAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
        ])
      }
      Console.out(table.render())
      Console.out("\(drafts.count) draft\(drafts.count == 1 ? "" : "s")")
    }
  }

  /// `callqa draft discard DRAFT`: throw a draft away (its inspector, or an admin).
  struct Discard: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractDiscardDraftOwn))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpDraftId))) var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      try db.discardDraft(id, actor: db.terminalActor())
      Console.out("draft \(id) discarded")
    }
  }

  /// `callqa draft reassign DRAFT --to CODE`: hand a draft to another inspector (admins).
  struct Reassign: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractReassignDraftAnother))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpDraftId))) var id: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpInspectorCodeWho))) var to: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let draft = try db.reassignDraft(id, to: to, actor: db.terminalActor())
      Console.out("draft \(draft.id) now belongs to inspector \(draft.inspectorCode)")
    }
  }
}
