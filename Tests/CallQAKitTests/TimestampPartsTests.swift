import Foundation
import Testing

@testable import CallQAKit

@Suite("TimestampParts: fast ISO-8601 reading")
struct TimestampPartsTests {
  @Test func normalisesTheFormsTimestampAccepts() {
    #expect(TimestampParts("2026-11-03T09:15:00+08:00")?.normalised == "2026-11-03T09:15:00+08:00")
    #expect(TimestampParts("2026-11-03 09:15+0800")?.normalised == "2026-11-03T09:15:00+08:00")
    #expect(TimestampParts("2026-11-03T09:15:07.250Z")?.normalised == "2026-11-03T09:15:07+00:00")
    #expect(TimestampParts("2026-01-31T23:00:00-05:30")?.normalised == "2026-01-31T23:00:00-05:30")
    #expect(Timestamp.normalise("2026-11-03T09:15:00+08:00") == "2026-11-03T09:15:00+08:00")
  }

  @Test func rejectsMalformedAndImpossibleTimes() {
    for text in [
      "2026-02-30T10:00:00+08:00", "2026-11-03T24:00:00Z", "2026-11-03T09:15:00", "2026-11-03T09:15:00+15:00",
      "2026-11-03", "2026-11-03T09:15:00+08:00x", "", "２０２６-11-03T09:15:00Z",
    ] {
      #expect(TimestampParts(text) == nil, "\(text)")
    }
  }

  @Test func convertsToUTCAcrossDayMonthAndYearBoundaries() {
    #expect(TimestampParts("2026-11-03T09:15:00+08:00")?.utc == "2026-11-03T01:15:00Z")
    #expect(TimestampParts("2026-01-01T07:59:59+08:00")?.utc == "2025-12-31T23:59:59Z")
    #expect(TimestampParts("2024-02-28T22:30:00-02:00")?.utc == "2024-02-29T00:30:00Z")
    #expect(TimestampParts("1969-12-31T23:00:00-01:00")?.utc == "1970-01-01T00:00:00Z")
  }
}

@Suite("Timestamp.nowUTC")
struct NowUTCTests {
  @Test func isTheCurrentInstantInUTC() throws {
    let now = Timestamp.nowUTC()
    let parts = try #require(TimestampParts(now))
    #expect(now.hasSuffix("Z") && now.count == 20)
    let viaFoundation = Timestamp.format(Date(), offsetSeconds: 0)
    // Same minute as Foundation's calendar arithmetic (the seconds may tick in between)
    #expect(parts.normalised.prefix(16) == viaFoundation.prefix(16) || parts.second == 59)
  }
}

@Suite("Timestamp.parse: the one parser agrees with Foundation's ISO 8601 reader")
struct TimestampParseAgreementTests {
  @Test func randomTimestampsGiveFoundationsInstantAndTheirOffset() throws {
    var rng = SplitMix64(seed: 0x7157)
    let formatter = ISO8601DateFormatter()
    for _ in 0..<2000 {
      let year = 1990 + rng.below(60), month = 1 + rng.below(12), day = 1 + rng.below(28)
      let hour = rng.below(24), minute = rng.below(60), second = rng.below(60)
      let offsetMinutes = (rng.below(29) - 14) * 60 + [0, 30, 45][rng.below(3)]
      let sign = offsetMinutes < 0 ? "-" : "+"
      let zone = String(format: "%@%02d:%02d", sign, abs(offsetMinutes) / 60, abs(offsetMinutes) % 60)
      let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second) + zone
      guard let expected = formatter.date(from: text) else { continue }  // e.g. +14:45 is beyond Foundation's range
      let (date, offset) = try #require(Timestamp.parse(text), "\(text)")
      #expect(date == expected, "\(text)")
      #expect(offset == (offsetMinutes < 0 ? -1 : 1) * (abs(offsetMinutes) / 60 * 3600 + abs(offsetMinutes) % 60 * 60), "\(text)")
    }
  }
}
