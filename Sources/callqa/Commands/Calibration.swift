import ArgumentParser
import CallQAKit
import Foundation

extension CallQA {
  /// `callqa calibration …`: several inspectors score one call; deviation and agreement.
  struct CalibrationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "calibration",
      abstract: Terminal.help(.abstractCalibrateInspectorsOne),
      subcommands: [Create.self, List.self, Show.self, Report.self])
  }
}

extension CallQA.CalibrationCommand {
  struct Create: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractOpenCalibrationSession))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpCallIdExisting))) var call: String
    @Option(help: ArgumentHelp(Terminal.help(.helpScorecardKeyKeyVersion))) var scorecard: String
    @Option(help: ArgumentHelp(Terminal.help(.helpExpertInspectorWhose))) var expert: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpAllowedDeviationFinal))) var tolerance: Double = 5
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.open()
      let session = try db.createCalibrationSession(
        call: call, scorecard: scorecard, expert: expert, tolerance: tolerance, actor: db.terminalActor())
      if output.format == .json { return try printJSON(session) }
      let reference = session.expert.map { "expert \($0)" } ?? "session mean"
      Console.out(
        "calibration session \(session.id): call \(session.call) (agent \(session.agent)), \(session.scorecard), reference \(reference), tolerance ±\(ScoreFormat.plain(session.tolerance))"
      )
      Console.out("inspectors score it with: callqa score --calibration \(session.id) --answers FILE --inspector CODE")
    }
  }

  struct List: CallQACommand {
    static let configuration = CommandConfiguration(abstract: Terminal.help(.abstractListCalibrationSessions))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    struct Row: Encodable {
      let session: CalibrationSession
      let raters: [String]
    }
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let db = try database.openReadOnly()
      let rows = try db.calibrationSessions().map { Row(session: $0, raters: try db.calibrationRatings(session: $0.id).map(\.inspector)) }
      if output.format == .json { return try printJSON(rows) }
      var table = TextTable([
        .init("id", .right), .init("created"), .init("call"), .init("scorecard"), .init("expert"),
        .init("tolerance", .right), .init("raters"),
      ])
      for row in rows {
        table.add([
          String(row.session.id), String(row.session.createdAt.prefix(10)), row.session.call, row.session.scorecard,
          row.session.expert ?? "(mean)", "±" + ScoreFormat.plain(row.session.tolerance), row.raters.joined(separator: ", "),
        ])
      }
      Console.out(table.render())
    }
  }

  struct Show: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractCompareEveryInspector))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Argument(help: ArgumentHelp(Terminal.help(.helpSessionId))) var session: Int64
    @Option(help: ArgumentHelp(Terminal.help(.helpFlagInspectorsWhose))) var alignmentThreshold: Double =
      CalibrationComparison.defaultAlignmentThreshold
    @OptionGroup var language: LanguageOptions

    func execute() throws {
      let comparison = try database.openReadOnly().calibrationComparison(session: session, alignmentThreshold: alignmentThreshold)
      if output.format == .json { return try printJSON(comparison) }
      Console.out(CalibrationView.render(comparison))
    }
  }

  struct Report: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractAcrossSessionsInspectors))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpSessionsCreatedAfter))) var from: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpSessionsCreatedBefore))) var to: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpFlagInspectorsWhoseMean))) var alignmentThreshold: Double =
      CalibrationComparison.defaultAlignmentThreshold
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      for (flag, value) in [("--from", from), ("--to", to)] {
        if let value, Timestamp.parseDay(value) == nil {
          throw ValidationError(Terminal.words(.errMustDateYyyy, flag, value))
        }
      }
    }

    func execute() throws {
      let report = try database.openReadOnly().calibrationReport(from: from, to: to, alignmentThreshold: alignmentThreshold)
      if output.format == .json { return try printJSON(report) }
      Console.out(CalibrationView.render(report))
    }
  }
}
