import CallQAKit
import Foundation
import Testing

@Suite("Weak areas: each item's fail rate with its Wilson interval, by hand")
struct WeakAreaIntervalTests {
  @Test func oneFailureInFourEvaluationsHasTheWilsonInterval() throws {
    let store = try TestStore()
    for (index, greet) in [true, false, true, true].enumerated() {
      try store.score(
        call: "C-\(index)", inspector: "QA1", sheet: TestStore.sheet(greet: greet), startedAt: "2026-11-0\(index + 2)T10:00:00+08:00")
    }
    let report = try store.db.weakAreas(ReportFilter(period: "2026-11"))
    let greet = try #require(report.rows.first { $0.key == "greet" })
    #expect(greet.evaluations == 4 && greet.failRate == 25)
    // Wilson at 95 %: p = 1/4, n = 4, z = 1.959964 → [4.5587, 69.9358] % (computed by hand in Python)
    let bounds = try #require(greet.failRateCI.bounds)
    #expect(abs(bounds.low - 4.558726) < 1e-5 && abs(bounds.high - 69.935816) < 1e-5, "\(bounds)")
    #expect(greet.failRateCI.n == 4 && report.confidence == 0.95)
    // An item never lost has a one-sided interval from 0
    let tone = try #require(report.rows.first { $0.key == "tone" } ?? report.rows.last)
    #expect(tone.failRateCI.bounds.map { $0.low >= 0 } ?? true)
    // A narrower level gives a narrower interval
    let ninety = try #require(try store.db.weakAreas(ReportFilter(period: "2026-11"), confidence: try ConfidenceLevel(0.9)).rows.first { $0.key == "greet" })
    let narrow = try #require(ninety.failRateCI.bounds)
    #expect(narrow.low > bounds.low && narrow.high < bounds.high)
  }
}
