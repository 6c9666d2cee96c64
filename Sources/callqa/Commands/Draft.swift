import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa draft …`: unfinished evaluations.
  struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "draft", abstract: "Unfinished evaluations: list them, discard one, reassign one (admins).",
      subcommands: [List.self, Discard.self, Reassign.self])
  }
}

extension CallQA.DraftCommand {
  /// `callqa draft list`: open drafts, oldest first.
  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Open drafts, oldest first (continue one with `callqa score --resume ID`).")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Flag(help: "Only my drafts (the inspector I am).") var mine = false
    @Option(help: "Only this inspector's drafts.") var inspector: String?
    @Option(help: "Only drafts untouched for at least this many days.") var idleDays: Int?
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
    static let configuration = CommandConfiguration(abstract: "Discard a draft (its own inspector, or an admin); the audit trail keeps its answers.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Draft id.") var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      try db.discardDraft(id, actor: db.terminalActor())
      Console.out("draft \(id) discarded")
    }
  }

  /// `callqa draft reassign DRAFT --to CODE`: hand a draft to another inspector (admins).
  struct Reassign: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Reassign a draft to another inspector (admins).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Draft id.") var id: Int64
    @Option(help: "The inspector code who continues it.") var to: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let draft = try db.reassignDraft(id, to: to, actor: db.terminalActor())
      Console.out("draft \(draft.id) now belongs to inspector \(draft.inspectorCode)")
    }
  }
}
