import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa case …`: the training-case library.
  struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "case", abstract: "Training cases for trainers: tag, list, show, untag, suggest and export a case library.",
      subcommands: [Tag.self, List.self, Show.self, Untag.self, Suggest.self, Export.self])
  }
}

extension CaseKind: ExpressibleByArgument {}
extension CaseLevel: ExpressibleByArgument {}
extension CaseLibraryFormat: ExpressibleByArgument {}

/// The filters shared by `case list` and `case export`.
struct CaseFilterOptions: ParsableArguments {
  @Option(help: "Only cases teaching this item key.") var skill: String?
  @Option(help: "beginner, intermediate or advanced.") var level: CaseLevel?
  @Option(help: "exemplary or cautionary.") var kind: CaseKind?
  @Option(help: "Only this scorecard (KEY or KEY@VERSION).") var scorecard: String?
  @Option(help: "Calls on or after this date (YYYY-MM-DD).") var from: String?
  @Option(help: "Calls on or before this date (YYYY-MM-DD).") var to: String?

  var filter: CaseFilter {
    CaseFilter(skill: skill, level: level, kind: kind, scorecard: scorecard, from: from, to: to)
  }

  func validate() throws {
    for (flag, value) in [("--from", from), ("--to", to)] {
      if let value, Timestamp.parseDay(value) == nil {
        throw ValidationError("\(flag) must be a date YYYY-MM-DD, not '\(value)'")
      }
    }
  }
}

extension CallQA.CaseCommand {
  struct Tag: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Tag a submitted evaluation as a training case.",
      discussion: """
        Skills default to the items that earned full marks (exemplary) or that lost most \
        points (cautionary, critical failures first); given skills must be item keys of the \
        evaluation's scorecard. The clip must lie within the call. An evaluation is at most one \
        case. An exemplary case scoring below its scorecard's exemplary_score, or a cautionary \
        one that lost no points, is refused unless --force is given (then with a warning).
        """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Evaluation id.") var evaluation: Int64
    @Option(help: "Case title.") var title: String
    @Option(help: "exemplary or cautionary.") var kind: CaseKind = .exemplary
    @Option(help: "beginner, intermediate or advanced.") var level: CaseLevel?
    @Option(help: "Item keys the case teaches, comma-separated.") var skills: String?
    @Option(help: "Part of the recording, START-END (e.g. 00:45-03:10).") var clip: String?
    @Option(help: "Why this call is a case.") var note: String?
    @Flag(help: "Tag an exemplary case below the exemplary score, or a cautionary one without lost points.")
    var force = false
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let range = try clip.map(ClipRange.parse)
      let db = try database.open()
      let concern = force ? try db.caseConcern(evaluationId: evaluation, kind: kind) : nil
      let tagged = try db.tagCase(
        evaluationId: evaluation, title: title, kind: kind, level: level,
        skills: skills.map { $0.split(separator: ",").map(String.init) }, clip: range,
        note: note, force: force, actor: db.terminalActor())
      if let concern { Console.err("warning: \(concern); tagged as \(kind.rawValue) anyway (--force)") }
      if output.format == .json { return try printJSON(tagged) }
      Console.out("tagged case \(tagged.id): \(tagged.title) [\(tagged.kind.rawValue)] skills: \(tagged.skills.joined(separator: ", "))")
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "List training cases, newest call first.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @OptionGroup var filters: CaseFilterOptions
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let cases = try database.openReadOnly().trainingCases(filters.filter)
      if output.format == .json { return try printJSON(cases) }
      Console.out(CaseView.table(cases, language.words))
      Console.out(language.words(.casesCount, cases.count))
    }
  }

  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Show one case with its evaluation's breakdown.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: "Case id.") var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let found = try db.trainingCase(id: id)
      if output.format == .json { return try printJSON(found) }
      let detail = try db.evaluation(id: found.evaluationId)
      let scorecard = try db.scorecard(reference: found.scorecard).scorecard
      Console.out(CaseView.header(found, scorecard: scorecard, language: language.language))
      Console.out("")
      Console.out(EvaluationView.render(detail, scorecard: scorecard, language: language.language))
    }
  }

  struct Untag: CallQACommand {
    static let configuration = CommandConfiguration(abstract: "Remove a training case (audited; the evaluation stays).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Case id.") var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let removed = try db.untagCase(id: id, actor: db.terminalActor())
      Console.out("untagged case \(removed.id): \(removed.title) (evaluation \(removed.evaluationId))")
    }
  }

  struct Suggest: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: "Suggest untagged evaluations: exemplary scores first (best first), then critical failures.")
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: "Only calls of this month (YYYY-MM).") var period: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let suggestions = try database.openReadOnly().caseSuggestions(period: period)
      if output.format == .json { return try printJSON(suggestions) }
      var table = TextTable([
        .init("evaluation", .right), .init("as"), .init("final", .right), .init("threshold", .right),
        .init("agent"), .init("call"), .init("date"), .init("scorecard"), .init("critical items"),
      ])
      for row in suggestions {
        table.add([
          String(row.evaluationId), row.kind.rawValue, ScoreFormat.score(row.finalScore),
          ScoreFormat.plain(row.exemplaryScore), row.agent, row.call, String((row.callStartedAt ?? "").prefix(10)),
          row.scorecard, row.criticalItems.joined(separator: ", "),
        ])
      }
      Console.out(table.render())
      Console.out("\(suggestions.count) suggestion\(suggestions.count == 1 ? "" : "s"); tag one with `callqa case tag ID --title …`")
    }
  }
}
