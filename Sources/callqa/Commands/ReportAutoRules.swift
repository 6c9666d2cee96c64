import ArgumentParser
import CallQAKit

/// `callqa report auto-rules`: how each auto-QA rule
/// fared with inspectors — fired, overridden, precision in practice.
struct ReportAutoRules: CallQACommand {
  static let configuration = CommandConfiguration(
    commandName: "auto-rules",
    abstract: Terminal.help(.abstractPerAutoQa),
    discussion: Terminal.help(.discussionReportAutoRules))

  @OptionGroup var database: DatabaseOptions
  @OptionGroup var output: ReportOutputOptions
  @Option(help: ArgumentHelp(Terminal.help(.helpOnlyCallsMonthYyyy))) var period: String?
  @OptionGroup var language: LanguageOptions

  func validate() throws {
    if let period, period.count != 7 || Timestamp.parseDay(period + "-01") == nil {
      throw ValidationError(Terminal.words(.errPeriodMustMonth, period))
    }
  }

  func execute() throws {
    let reader = try database.openReadOnly()
    let stats = try reader.autoRuleStats(period: period)
    guard output.format == .table, output.output == nil else {
      return try output.emit(stats.document(period: period, language: language.resolved), json: stats, head: try reader.auditHead(), language: language)
    }
    var table = TextTable([
      .init("scorecard"), .init("item"), .init("rule"), .init("proposed", .right), .init("fired", .right),
      .init("overridden", .right), .init("false alarms", .right), .init("missed", .right),
      .init("precision", .right), .init("agreement", .right),
    ])
    for stat in stats {
      table.add([
        stat.scorecard, stat.item, stat.rule?.rawValue ?? "—", String(stat.proposed), String(stat.fired),
        String(stat.overridden), String(stat.falseAlarms), String(stat.missed), ScoreFormat.percent(stat.precision),
        ScoreFormat.percent(stat.agreement),
      ])
    }
    Console.out(table.render())
    let total = stats.reduce(0) { $0 + $1.proposed }
    Console.out("\(stats.count) rule\(stats.count == 1 ? "" : "s"), \(total) proposal\(total == 1 ? "" : "s")\(period.map { " in \($0)" } ?? "")")
    if let head = try reader.auditHead() { Console.out("audit head \(head.summary)") }
  }
}
