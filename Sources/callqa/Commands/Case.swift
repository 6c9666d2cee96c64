import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa case …`: the training-case library.
  struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "case", abstract: Terminal.help(.abstractTrainingCasesTrainers),
      subcommands: [Tag.self, List.self, Show.self, Untag.self, Suggest.self, Export.self])
  }
}

extension CaseKind: ExpressibleByArgument {}
extension CaseLevel: ExpressibleByArgument {}
extension CaseLibraryFormat: ExpressibleByArgument {}

/// The filters shared by `case list` and `case export`.
struct CaseFilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyCasesTeaching))) var skill: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpBeginnerIntermediateAdvanced))) var level: CaseLevel?
  @Option(help: ArgumentHelp(Terminal.help(.helpExemplaryCautionary))) var kind: CaseKind?
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyScorecardKey))) var scorecard: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpCallsAfterDate))) var from: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpCallsBeforeDate))) var to: String?

  var filter: CaseFilter {
    CaseFilter(skill: skill, level: level, kind: kind, scorecard: scorecard, from: from, to: to)
  }

  func validate() throws {
    for (flag, value) in [("--from", from), ("--to", to)] {
      if let value, Timestamp.parseDay(value) == nil {
        throw ValidationError(Terminal.words(.errMustDateYyyy, flag, value))
      }
    }
  }
}

extension CallQA.CaseCommand {
  struct Tag: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractTagSubmittedEvaluation),
      discussion: Terminal.help(.discussionCaseTag))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpEvaluationId))) var evaluation: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpCaseTitle))) var title: String
    @Option(help: ArgumentHelp(Terminal.help(.helpExemplaryCautionary))) var kind: CaseKind = .exemplary
    @Option(help: ArgumentHelp(Terminal.help(.helpBeginnerIntermediateAdvanced))) var level: CaseLevel?
    @Option(help: ArgumentHelp(Terminal.help(.helpItemKeysCase))) var skills: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPartRecordingStart))) var clip: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpWhyCallCase))) var note: String?
    @Flag(help: ArgumentHelp(Terminal.help(.helpTagExemplaryCase)))
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
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListTrainingCases))
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
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractShowOneCase))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCaseId))) var id: Int64
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
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractRemoveTrainingCase))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCaseId))) var id: Int64
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let removed = try db.untagCase(id: id, actor: db.terminalActor())
      Console.out("untagged case \(removed.id): \(removed.title) (evaluation \(removed.evaluationId))")
    }
  }

  struct Suggest: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractSuggestUntaggedEvaluations))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyCallsMonth))) var period: String?
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
