import ArgumentParser
import CallQAKit

extension CallQA {
  /// `callqa quality`: the service-quality index of SPEC §3.5.
  struct Quality: CallQACommand {
    static let configuration = CommandConfiguration(
      abstract: Terminal.help(.abstractServiceQualityIndex),
      discussion: Terminal.help(.discussionQuality))
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var confidence: ConfidenceOptions
    @Option(help: ArgumentHelp(Terminal.help(.helpMonthYyyyMm))) var period: String
    @Option(help: ArgumentHelp(Terminal.help(.helpOnlyTeamS))) var team: String?
    @Option(help: ArgumentHelp(Terminal.help(.helpPointsTakenOff))) var complaintCoefficient: Double = 2
    @Option(help: ArgumentHelp(Terminal.help(.helpWeightMonitoringMean))) var monitoringWeight: Double = 0.5
    @OptionGroup var language: LanguageOptions

    func validate() throws {
      if ReportPeriod.monthBounds(period) == nil { throw ValidationError(Terminal.words(.errPeriodMustMonth, period)) }
      if !(complaintCoefficient >= 0) { throw ValidationError(Terminal.words(.errComplaintCoefficientMust)) }
      if !(0...1).contains(monitoringWeight) { throw ValidationError(Terminal.words(.errMonitoringWeightMust)) }
    }

    func execute() throws {
      let settings = QualitySettings(complaintCoefficient: complaintCoefficient, monitoringWeight: monitoringWeight)
      let db = try database.openReadOnly()
      let report = try db.quality(
        period: period, team: db.readableTeam(team, for: db.terminalActor(), what: .phrase(.whatQualityIndex)), settings: settings,
        confidence: confidence.level)
      try output.emit(report.document(language.resolved, pass: try db.passLine()), json: report, head: try db.auditHead(), language: language)
    }
  }
}
