import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa autoscore`: propose answers from transcripts, one call or a whole period.
  struct Autoscore: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "autoscore",
      abstract: Terminal.help(.abstractAutoQaFrom),
      subcommands: [Screen.self, Attach.self, Bench.self],
      defaultSubcommand: Screen.self)
  }
}

/// Output formats of `autoscore`.
enum AutoscoreFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv, answers
}

/// `--agent-label` / `--customer-label`: speaker words added to the standard ones.
struct SpeakerLabelOptions: ParsableArguments {
  @Option(name: .customLong("agent-label"), help: ArgumentHelp(Terminal.help(.helpAnotherWordNaming)))
  var agentLabels: [String] = []
  @Option(name: .customLong("customer-label"), help: ArgumentHelp(Terminal.help(.helpAnotherWordNamingCustomer)))
  var customerLabels: [String] = []

  var labels: SpeakerLabels {
    SpeakerLabels(
      agent: SpeakerLabels.standard.agent + agentLabels, customer: SpeakerLabels.standard.customer + customerLabels)
  }
}

extension CallQA.Autoscore {
  struct Screen: CallQACommand {
    static let configuration = CommandConfiguration(
      commandName: "screen",
      abstract: Terminal.help(.abstractShowProposalsOne),
      discussion: Terminal.help(.discussionAutoscore))

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var speakers: SpeakerLabelOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpCallIdScreen))) var call: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpTranscriptFileTxt))) var transcript: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpScreenEveryCall))) var period: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPeriodOnlyTeam))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpScorecardKeyKey))) var scorecard: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPeriodShowOnly))) var limit: Int?
    @Option(help: ArgumentHelp(Terminal.help(.helpTableJsonCsv))) var format: AutoscoreFormat = .table
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if period == nil && call == nil && transcript == nil {
        throw ValidationError(Terminal.words(.errGiveCallTranscript))
      }
      if let period {
        guard call == nil, transcript == nil else { throw ValidationError(Terminal.words(.errPeriodScreensMany)) }
        guard Timestamp.parseDay(period + "-01") != nil, period.count == 7 else {
          throw ValidationError(Terminal.words(.errPeriodMustMonth, period))
        }
        if format == .answers { throw ValidationError(Terminal.words(.errFormatAnswersOne)) }
        if let limit, limit < 1 { throw ValidationError(Terminal.words(.errLimitMustLeast, limit)) }
      } else {
        if team != nil || limit != nil { throw ValidationError(Terminal.words(.errTeamLimitGo)) }
        if format == .csv { throw ValidationError(Terminal.words(.errFormatCsvPeriod)) }
        if transcript != nil && call == nil && scorecard == nil {
          throw ValidationError(Terminal.words(.errTranscriptWithoutCall))
        }
      }
    }

    func execute() throws {
      if let period { return try screenPeriod(period) }
      var db: QADatabase?
      var callInfo: TranscribedCall?
      if let call {
        db = try database.open()
        callInfo = try db?.transcribedCall(externalId: call)
      }
      let card = try resolveScorecard(db: &db, direction: callInfo?.direction)
      let path: String
      let text: Transcript
      if let transcript {
        (path, text) = (transcript, try TranscriptReader.load(path: transcript, labels: speakers.labels))
      } else if let callInfo, callInfo.transcript?.isEmpty == false {
        (path, text) = try Screening.transcript(
          of: callInfo, labels: speakers.labels, baseDirectory: (database.path as NSString).deletingLastPathComponent)
      } else {
        throw CallQAError(.errCallHasNoTranscriptPass, call ?? "")
      }
      let scorer = try AutoScorer(scorecard: card)
      let proposals = scorer.propose(text)
      let view = AutoscoreView(
        scorecard: card, transcript: text, path: path, call: callInfo, proposals: proposals,
        predicted: try Evaluator.evaluate(card, answers: scorer.predictedAnswers(proposals)), language: language.language)
      switch format {
      case .json: try printJSON(view.json())
      case .answers: Console.out(view.answersFile())
      default: Console.out(view.table())
      }
    }

    /// The scorecard: a YAML file, a stored KEY[@VERSION], or the default for the call's direction.
    private func resolveScorecard(db: inout QADatabase?, direction: String?) throws -> Scorecard {
      if let scorecard, scorecard.hasSuffix(".yaml") || scorecard.hasSuffix(".yml") || scorecard.hasSuffix(".json") {
        return try ScorecardLoader.load(path: scorecard)
      }
      if db == nil { db = try database.open() }
      guard let db else { throw CallQAError(.errNoDatabase) }
      return try db.scorecard(reference: scorecard ?? Self.defaultScorecard(direction: direction)).scorecard
    }

    static func defaultScorecard(direction: String?) -> String {
      direction?.lowercased() == "outbound" ? "outbound-sales" : "inbound-service"
    }

    private func screenPeriod(_ period: String) throws {
      let db = try database.open()
      let calls = try db.transcribedCalls(period: period, team: team)
      var scorers: [String: AutoScorer] = [:]
      let base = (database.path as NSString).deletingLastPathComponent
      var screened: [ScreenedCall] = []
      screened.reserveCapacity(calls.count)
      for call in calls {
        let reference = scorecard ?? Self.defaultScorecard(direction: call.direction)
        if scorers[reference] == nil { scorers[reference] = try AutoScorer(scorecard: db.scorecard(reference: reference).scorecard) }
        guard let scorer = scorers[reference] else { continue }
        screened.append(Screening.screen(call, scorer: scorer, labels: speakers.labels, baseDirectory: base))
      }
      let queue = Screening.rank(screened)
      let shown = limit.map { Array(queue.prefix(max(0, $0))) } ?? queue
      let view = ReviewQueueView(queue: shown, total: queue, period: period)
      switch format {
      case .json: try printJSON(view.json())
      case .csv: Console.write(view.csv())
      default: Console.out(view.table())
      }
    }
  }
}
