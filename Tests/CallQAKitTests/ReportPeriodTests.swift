import Testing

@testable import CallQAKit

@Suite("Report periods: ISO weeks and months on local dates")
struct ReportPeriodTests {
  @Test func isoWeeksStartOnMondayAndCrossYears() throws {
    #expect(try ReportPeriod.parse("2026-W47").days == ("2026-11-16", "2026-11-22"))
    // 2026-01-01 is a Thursday, so week 1 starts on Monday 2025-12-29.
    #expect(try ReportPeriod.parse("2026-W01").days == ("2025-12-29", "2026-01-04"))
    #expect(try ReportPeriod.parse("2026-W53").days == ("2026-12-28", "2027-01-03"))
    #expect(ReportPeriod.parseWeek("2025-W53") == nil)  // 2025 has 52 ISO weeks
    #expect(ReportPeriod.parseWeek("2026-W00") == nil)
    #expect(try ReportPeriod.parse("2026-w47").description == "2026-W47")
  }

  @Test func monthsAndTheirIsoWeeks() throws {
    let november = try ReportPeriod.parse("2026-11")
    #expect(november.days == ("2026-11-01", "2026-11-30"))
    // Sun 1 Nov is in W44, Mon 30 Nov in W49: weeks 44…49.
    #expect(november.isoWeekCount == 6)
    // February 2026: Sun 1 Feb (W05) … Sat 28 Feb (W09).
    #expect(try ReportPeriod.parse("2026-02").isoWeekCount == 5)
    #expect(try ReportPeriod.parse("2024-02").days.last == "2024-02-29")
    #expect(try ReportPeriod.parse("2026-W47").isoWeekCount == 1)
    // A week belongs to the month holding its Thursday: November owns W45–W48 only,
    // February 2026 W06–W09 (W05's Thursday is 29 January), December 2026 W49–W53.
    #expect(november.weeksByThursday == 4)
    #expect(try ReportPeriod.parse("2026-02").weeksByThursday == 4)
    #expect(try ReportPeriod.parse("2026-10").weeksByThursday == 5)
    #expect(try ReportPeriod.parse("2026-12").weeksByThursday == 5)
    #expect(try ReportPeriod.parse("2026-W47").weeksByThursday == 1)
    // So every ISO week is counted in exactly one month: the months of a year own its weeks.
    for year in [2020, 2025, 2026, 2027] {
      let owned = try (1...12).map { try ReportPeriod.parse(String(format: "%04d-%02d", year, $0)).weeksByThursday }
      #expect(owned.reduce(0, +) == ReportPeriod.weeksIn(isoYear: year), "\(year)")
    }
    #expect(throws: CallQAError.self) { try ReportPeriod.parse("2026-13") }
    #expect(throws: CallQAError.self) { try ReportPeriod.parse("November") }
  }

  @Test func callsBelongByTheirLocalDate() throws {
    let week = try ReportPeriod.parse("2026-W47")
    // 23:30 on Sunday at +08:00 is Sunday 15:30 UTC: still the local Sunday, in the week.
    #expect(week.contains(startedAt: "2026-11-22T23:30:00+08:00"))
    #expect(!week.contains(startedAt: "2026-11-23T00:10:00+08:00"))
    #expect(!week.contains(startedAt: "2026-11-15T23:59:59-05:00"))
  }
}
