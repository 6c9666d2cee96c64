import Foundation
import Testing

@testable import CallQAKit

/// A failure is thrown, never replaced by a plausible value: a row id of 0, an audit row of
/// "{}", the fingerprint of empty data.
@Suite("failures are thrown, not replaced by plausible values")
struct NoSilentFallbackTests {
  @Test func aRecordWithoutAnIdIsAnErrorNotRowZero() throws {
    let agent = AgentRecord(code: "A1", name: "王小明", team: nil, createdAt: "2026-11-01T00:00:00Z")
    #expect(throws: CallQAError("internal error: a AgentRecord was used before it was stored")) { try agent.storedID() }
    var stored = agent
    stored.id = 7
    #expect(try stored.storedID() == 7)
  }

  @Test func jsonThatCannotBeWrittenIsAnErrorNotAnEmptyObject() throws {
    #expect(throws: CallQAError.self) { try JSONText.encode(["score": Double.nan]) }
    #expect(try JSONText.encode(["b": 2.5, "a": 1]) == #"{"a":1,"b":2.5}"#)
  }

  @Test func aScorecardThatCannotBeEncodedHasNoFingerprint() throws {
    let item = ScorecardItem(key: "greet", title: LocalizedText("Greeting"), type: .yesno, points: .nan)
    let card = Scorecard(
      key: "t", version: 1, title: LocalizedText("T"), passScore: 80, exemplaryScore: 95, bands: [],
      sections: [ScorecardSection(key: "a", title: LocalizedText("A"), items: [item])])
    #expect(throws: CallQAError.self) { try card.fingerprint }
    // and two different broken cards never share the fingerprint of empty data
    #expect(throws: CallQAError.self) { try card.canonicalJSON() }
  }
}
