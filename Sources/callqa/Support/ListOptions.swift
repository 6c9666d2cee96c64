import ArgumentParser
import CallQAKit

/// `--limit N --offset M`, shared by `call list` and `evaluation list`.
///
/// Values are read even when they start with a dash, so that `--limit -3` is refused with a
/// clear one-line error rather than taken for an option.
struct PagingOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpMostManyRows)))
  var limit: Int?

  @Option(parsing: .unconditional, help: ArgumentHelp(Terminal.help(.helpSkipManyRows)))
  var offset: Int = 0

  /// Refuses a limit below 1 or a negative offset, in one line naming the flag.
  func check() throws {
    try FilterRule.count(limit, "--limit")
    try FilterRule.offset(offset, "--offset")
  }

  /// `50 evaluations (1–50); next page: --offset 50` under a terminal table.
  func footer<Row>(_ page: Page<Row>, _ counted: String, _ words: Messages) -> String {
    var line = page.countLine(counted)
    if let next = page.nextOffset { line += words.semicolon + words(.nextPage, "--offset \(next)" + (limit.map { " --limit \($0)" } ?? "")) }
    return line
  }
}

/// `--from`, `--to` and `--period`: the call's local date, shared by the call and evaluation lists.
struct CallDateOptions: ParsableArguments {
  @Option(help: ArgumentHelp(Terminal.help(.helpCallsAfterLocal))) var from: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpCallsBeforeLocal))) var to: String?
  @Option(help: ArgumentHelp(Terminal.help(.helpCallsMonthYyyy))) var period: String?

  /// Refuses a malformed date or month, in one line naming the flag.
  func check() throws {
    for (flag, value) in [("--from", from), ("--to", to)] {
      if let value, Timestamp.parseDay(value) == nil {
        throw CallQAError(.errMustDateYyyy, flag, value)
      }
    }
    if let period, ReportPeriod.monthBounds(period) == nil {
      throw CallQAError(.errPeriodMustMonth, period)
    }
  }
}

/// Refuses two flags that contradict each other (`--passed --failed`), in one line.
func refuseBoth(_ first: Bool, _ second: Bool, _ names: (String, String)) throws {
  if first && second { throw CallQAError(.errGiveBoth, names.0, names.1) }
}

/// True, false or nil from a pair of opposite flags (`--passed` / `--failed`).
func either(_ yes: Bool, _ no: Bool) -> Bool? { yes ? true : no ? false : nil }
