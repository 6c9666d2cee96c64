import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa call …`: call logs from the telephony system.
  struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "call", abstract: Terminal.help(.abstractCallLogsImport),
      subcommands: [Import.self, List.self, Show.self])
  }
}

extension CallQA.CallCommand {
  struct Import: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractImportCallLogs))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCsvFile))) var file: String
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let summary = try db.importCalls(path: file, actor: db.terminalActor())
      let words = language.words
      for conflict in summary.changed {
        Console.err(words(.outCallImportWarning, file, conflict.line, conflict.externalId))
      }
      guard summary.added + summary.unchanged + summary.changed.count > 0 else { return Console.out(noRecordsLine(file, words)) }
      var line = words(.outCallImportSummary, file, summary.added, summary.unchanged)
      if !summary.changed.isEmpty { line += words(.outImportChanged, summary.changed.count) }
      if summary.agentsCreated > 0 { line += words[.outListSeparator] + words(.outNewAgents, summary.agentsCreated) }
      Console.out(line)
    }
  }
}

extension CallQA.CallCommand {
  struct List: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractListCallsBusiness),
      usage: """
        callqa call list [--period YYYY-MM | --from DATE --to DATE] [--team T] [--agent A] [--direction D]
                         [--min-duration S] [--max-duration S] [--evaluated | --unevaluated]
                         [--has-recording] [--has-transcript] [--complaint] [--limit N] [--offset M]
                         [--format table|json|csv|xlsx|html] [--output FILE] [--db PATH]
        """,
      discussion: Terminal.help(.discussionCallList))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyAgentS))) var agent: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyCallsTeam))) var team: String?
    @OptionGroup var dates: CallDateOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyDirectionStored))) var direction: String?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpLeastManySeconds))) var minDuration: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpMostManySeconds))) var maxDuration: Double?
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyCallsEvaluation))) var evaluated = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyCallsWithout))) var unevaluated = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyCallsRecording))) var hasRecording = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyCallsTranscript))) var hasTranscript = false
    @Flag(help: ArgumentHelp(Terminal.help(.helpOnlyCallsComplaint))) var complaint = false
    @OptionGroup var paging: PagingOptions
    @OptionGroup var language: LanguageOptions

    /// The query, once every flag is checked (one line naming the flag otherwise).
    func filter() throws -> CallFilter {
      try dates.check()
      try paging.check()
      try refuseBoth(evaluated, unevaluated, ("--evaluated", "--unevaluated"))
      for (flag, value) in [("--min-duration", minDuration), ("--max-duration", maxDuration)] {
        if let value, !(value.isFinite && value >= 0) {
          throw CallQAError(.errMustNumberSeconds, flag, ScoreFormat.plain(value))
        }
      }
      return CallFilter(
        agent: agent, team: team, from: dates.from, to: dates.to, period: dates.period, direction: direction,
        minDuration: minDuration, maxDuration: maxDuration, evaluated: either(evaluated, unevaluated),
        hasRecording: hasRecording, hasTranscript: hasTranscript, complaint: complaint, limit: paging.limit,
        offset: paging.offset)
    }

    func execute() throws {
      let db = try database.openReadOnly()
      var filter = try filter()
      (filter.team, filter.agent) = try db.readable(team: filter.team, agent: filter.agent, for: db.terminalActor(), what: .phrase(.whatCalls))
      let page = try db.callPage(filter)
      guard output.format == .table, output.output == nil else {
        return try output.emit(page.document(filter, language: language.resolved), json: page.rows, head: try db.auditHead(), language: language)
      }
      let words = language.words
      var table = TextTable([
        .init(words[.colCall]), .init(words[.colStarted]), .init(words[.colAgent]), .init(words[.colTeam]), .init(words[.colDuration], .right),
        .init(words[.colDirection]), .init(words[.colRecording]), .init(words[.colTranscript]), .init(words[.colEvals], .right),
        .init(words[.colFinal], .right), .init(words[.colComplaints], .right),
      ])
      for row in page.rows {
        table.add([
          row.call, CallView.time(row.startedAt), row.agent, row.team ?? "", CallView.duration(row.duration),
          row.direction.map(words.direction) ?? "", row.recording == nil ? "" : words[.marginYes], row.transcript == nil ? "" : words[.marginYes],
          String(row.evaluations), row.finalScore.map { ScoreFormat.score($0) } ?? "",
          row.complaints > 0 ? String(row.complaints) : "",
        ])
      }
      Console.out(table.render())
      Console.out(paging.footer(page, words(.listCountCalls, page.rows.count), words))
    }
  }

  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractShowOneCall),
      discussion: Terminal.help(.discussionCallShow))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpCallIdCall))) var id: String
    @Option(help: ArgumentHelp(Terminal.help(.helpFolderRelativeRecording)))
    var media: String?
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpTranscriptUtterancesSkip))) var transcriptOffset = 0
    @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpTranscriptUtterancesShow))) var transcriptLimit = 20
    @Flag(help: ArgumentHelp(Terminal.help(.helpPlayRecordingFfplay))) var play = false
    @Option(help: ArgumentHelp(Terminal.help(.helpPlayStartMoment))) var at: String?
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      if transcriptLimit < 1 { throw CallQAError(.errTranscriptLimitMust, transcriptLimit) }
      if transcriptOffset < 0 { throw CallQAError(.errTranscriptOffsetMust, transcriptOffset) }
      var start: Double?
      if let at {
        guard play else { throw CallQAError(.errNeedsPlay) }
        guard let seconds = TranscriptTime.parse(at) else {
          throw CallQAError(.errMustMomentLike, at)
        }
        start = seconds
      }
      let folder = media ?? URL(fileURLWithPath: database.path).deletingLastPathComponent().path
      let db = try database.openReadOnly()
      let detail = try db.callDetail(
        id, media: CallMedia(baseDirectory: folder), transcriptOffset: transcriptOffset, transcriptLimit: transcriptLimit)
      _ = try db.readable(team: nil, agent: detail.agent, for: db.terminalActor(), what: .phrase(.whatCall, id))
      // Everything --play needs is checked before anything is printed.
      var player: AudioPlayer?
      if play {
        guard let recording = detail.recording else { throw CallQAError(.errCallHasNo, id) }
        guard recording.exists else { throw CallQAError(.errRecordingFound, recording.path) }
        if let start, let duration = recording.duration, start > duration {
          throw CallQAError(.errAtPastEndOfRecording, at ?? "", TranscriptTime.format(duration))
        }
        player = try AudioPlayer.require()
      }
      if output.format == .json { try printJSON(detail) } else { Console.out(CallView.render(detail)) }
      guard let player, let recording = detail.recording else { return }
      try Self.run(player, file: recording.path, start: start)
    }

    /// Runs the player on the terminal (it inherits stdin, stdout and stderr) and waits for it.
    static func run(_ player: AudioPlayer, file: String, start: Double?) throws {
      let from = start.map { " from \(TranscriptTime.format($0))" } ?? ""
      Console.err("playing \(file)\(from) with \(player.kind.rawValue)")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: player.executable)
      process.arguments = player.arguments(file: file, start: start)
      do {
        try process.run()
      } catch {
        throw CallQAError(.errCouldStarted, player.executable, error.localizedDescription)
      }
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw CallQAError(.errStoppedStatus, player.kind.rawValue, process.terminationStatus)
      }
    }
  }
}
