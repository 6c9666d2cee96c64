import Foundation
import Testing

@testable import CallQAKit

@Suite("Auto-QA: rules in scorecards, proposals with evidence, screening")
struct AutoScorerTests {
  static func card() throws -> Scorecard {
    try ScorecardLoader.load(path: Repo.fixtures.appendingPathComponent("scorecards/auto.yaml").path)
  }

  static func proposals(_ name: String) throws -> [String: Proposal] {
    try AutoScorer.propose(try TranscriptFixtures.load(name), scorecard: card())
  }

  /// Proposed answer texts; nil where the item cannot be judged.
  static func answers(_ proposals: [String: Proposal]) -> [String: String?] {
    proposals.mapValues { $0.answer?.text }
  }

  // Expected answers, worked out by reading each fixture against auto.yaml (see the comments).
  static let expected: [(String, [String: String?])] = [
    // Good Chinese call: answered at 3.2 s, 您好 and 工号1234 in the first turn, 评价 in the
    // agent's last turn, no overlaps, longest gap 1 s, nothing forbidden, customer never says 投诉.
    (
      "zh-good.txt",
      [
        "answered": "yes", "greeting": "yes", "staff-id": "10", "closing": "yes", "no-interrupt": "0",
        "dead-air": "yes", "pauses": "0", "forbidden": "0", "no-abuse": "yes", "complaint-mentioned": "no",
        "empathy": nil,
      ]
    ),
    // Bad Chinese call: first words at 14 s; "喂？" only; cuts in at 22.0 (customer until 24.0) and
    // 29.0 (until 30.0); 12 s of dead air 33→45; 不知道 ×2, 这不归我管, 没办法; asks for an apology.
    (
      "zh-bad.txt",
      [
        "answered": "no", "greeting": "no", "staff-id": "0", "closing": "no", "no-interrupt": "2",
        "dead-air": "no", "pauses": "1", "forbidden": "4", "no-abuse": "no", "complaint-mentioned": "yes",
        "empathy": nil,
      ]
    ),
    // English WebVTT: "agent number 42" normalises to agentnumber42; agent starts at 8.2 while the
    // customer talks until 9.0 (0.8 s > 0.5 s); "I Don't Know" matches "i don't know".
    (
      "en-call.vtt",
      [
        "answered": "yes", "greeting": "yes", "staff-id": "10", "closing": "yes", "no-interrupt": "1",
        "dead-air": "yes", "pauses": "0", "forbidden": "1", "no-abuse": "yes", "complaint-mentioned": "no",
        "empathy": nil,
      ]
    ),
    // Chinese SRT: full-width 工号５６７８ and ＳＨＵＴ ＵＰ fold to half-width; 没办法 once.
    (
      "zh-call.srt",
      [
        "answered": "yes", "greeting": "yes", "staff-id": "10", "closing": "no", "no-interrupt": "0",
        "dead-air": "yes", "pauses": "0", "forbidden": "1", "no-abuse": "no", "complaint-mentioned": "no",
        "empathy": nil,
      ]
    ),
    // English JSON: 11 s gap 9→20; "nothing I can do"; "idiot"; the customer says "complain".
    (
      "en-call.json",
      [
        "answered": "yes", "greeting": "yes", "staff-id": "0", "closing": "no", "no-interrupt": "0",
        "dead-air": "no", "pauses": "1", "forbidden": "1", "no-abuse": "no", "complaint-mentioned": "yes",
        "empathy": nil,
      ]
    ),
    // No timestamps: every timing rule and seconds window cannot judge; turn windows still work.
    (
      "no-times.txt",
      [
        "answered": nil, "greeting": nil, "staff-id": "10", "closing": "no", "no-interrupt": nil,
        "dead-air": nil, "pauses": nil, "forbidden": "1", "no-abuse": "yes", "complaint-mentioned": "no",
        "empathy": nil,
      ]
    ),
  ]

  @Test("each rule type on each format proposes the hand-worked answer", arguments: 0..<6)
  func proposedAnswers(index: Int) throws {
    let (name, expected) = Self.expected[index]
    let got = Self.answers(try Self.proposals(name))
    for (item, answer) in expected { #expect(got[item] == answer, "\(name) \(item)") }
    #expect(got.count == expected.count)
  }

  @Test func evidenceShowsTimesAndTheWordsAsSaid() throws {
    let bad = try Self.proposals("zh-bad.txt")
    let forbidden = try #require(bad["forbidden"])
    #expect(forbidden.evidence.map(\.matched) == ["不知道", "这不归我管", "没办法", "不知道"])
    #expect(forbidden.evidence.map(\.time) == [22.0, 22.0, 29.0, 47.5])
    #expect(forbidden.evidence.map(\.line) == [3, 3, 5, 7])
    // Overlapping patterns (你要向我道歉 contains 向我道歉) count once, the longer wins.
    let abuse = try #require(bad["no-abuse"])
    #expect(abuse.evidence.map(\.matched) == ["你要向我道歉"])
    #expect(abuse.reason == "1 forbidden (the agent): [00:29.0] “你要向我道歉” (line 5)")
    let interrupt = try #require(bad["no-interrupt"])
    #expect(
      interrupt.evidence.map(\.detail) == [
        "agent started 2 s before the customer finished", "agent started 1 s before the customer finished",
      ])
    let silence = try #require(bad["dead-air"])
    #expect(silence.evidence.first?.summary == "[00:33.0] silence 12 s until 00:45.0 (line 6)")
    #expect(bad["answered"]?.reason == "answered late: first words at 00:14.0 (limit 10 s)")
    #expect(bad["greeting"]?.evidence.isEmpty == true)
    #expect(bad["greeting"]?.reason == "not found: the agent in the first 15 s never says any of 您好, hello")
    #expect(bad["empathy"]?.judgeable == false && bad["empathy"]?.rule == nil)

    let vtt = try Self.proposals("en-call.vtt")
    #expect(vtt["staff-id"]?.evidence.first?.matched == "agent number 42")
    #expect(vtt["staff-id"]?.evidence.first?.pattern == "re:agentnumber\\d+")
    #expect(vtt["forbidden"]?.evidence.first?.matched == "I Don't Know")
    let srt = try Self.proposals("zh-call.srt")
    #expect(srt["staff-id"]?.evidence.first?.matched == "工号５６７８")
    #expect(srt["no-abuse"]?.evidence.first?.matched == "ＳＨＵＴ ＵＰ")
    let untimed = try Self.proposals("no-times.txt")
    #expect(untimed["dead-air"]?.reason == "cannot judge: the transcript has no timestamps")
    #expect(untimed["forbidden"]?.evidence.first?.time == nil)
  }

  @Test func endTimesAreNeededForSilenceAndInterruptions() throws {
    let t = try TranscriptReader.parse(text: "[00:01.0] 坐席: 您好\n[00:30.0] 客户: 你好\n", file: "starts.txt")
    let p = try AutoScorer.propose(t, scorecard: Self.card())
    #expect(p["answered"]?.answer == .yes)
    #expect(p["dead-air"]?.reason == "cannot judge: the transcript has no end times")
    #expect(p["no-interrupt"]?.answer == nil)
  }

  @Test func predictionScoresProposalsWithUnjudgedItemsAtFullMarks() throws {
    let card = try Self.card()
    let scorer = try AutoScorer(scorecard: card)
    // zh-good: courtesy 25/25, control 25/25, compliance 10/15 (complaint-mentioned no,
    // empathy unjudged → yes): raw = 60/65.
    let good = Screening.screen(
      TranscribedCall(externalId: "G", agent: "A"), transcript: try TranscriptFixtures.load("zh-good.txt"), scorer: scorer)
    let goodScore: Double = good.predictedScore ?? 0
    #expect(abs(goodScore - 100.0 * 60 / 65) < 1e-9)
    #expect(good.risk == ScreeningRisk.flagged)
    #expect(good.flagged.map { $0.item } == ["complaint-mentioned"])
    #expect(good.judged == 10 && good.items == 11)
    // zh-bad: courtesy 0/25; control: 2 interruptions 6−4=2, dead air 0, 1 pause 4−2=2, 4 forbidden 0
    // → 4/25; compliance: abuse 0, complaint 5, empathy 5 → 10/15. raw = 14/65, final 0 (critical).
    let bad = Screening.screen(
      TranscribedCall(externalId: "B", agent: "A"), transcript: try TranscriptFixtures.load("zh-bad.txt"), scorer: scorer)
    let badRaw: Double = bad.predictedRaw ?? 0
    #expect(abs(badRaw - 100.0 * 14 / 65) < 1e-9)
    #expect(bad.predictedScore == 0 && bad.risk == .critical)
    let missing = Screening.screen(TranscribedCall(externalId: "M", agent: "A", transcript: "/nonexistent.txt"), scorer: scorer)
    #expect(missing.risk == .unreadable && missing.problem?.contains("cannot read") == true)
    // Ranking: critical, then unreadable, then the rest by predicted score.
    let queue = Screening.rank([good, missing, bad])
    #expect(queue.map(\.call.externalId) == ["B", "M", "G"])
  }

  @Test func autoBlocksLoadAndRoundTripWithoutChangingOtherFingerprints() throws {
    let card = try Self.card()
    #expect(card.item("staff-id")?.auto?.require == ["re:工号\\d{4}", "re:agentnumber\\d+"])
    #expect(card.item("staff-id")?.auto?.withinFirstTurns == 1)
    #expect(card.item("no-interrupt")?.auto?.minOverlap == 0.5)
    #expect(card.item("complaint-mentioned")?.auto?.speaker == .customer)
    #expect(
      card.allItems.compactMap { $0.item.auto?.kind.rawValue } == [
        "max_first_response", "require", "require", "require", "interruptions", "max_silence", "max_silence", "count",
        "forbid", "require",
      ])
    #expect(try Scorecard.fromCanonicalJSON(card.canonicalJSON()) == card)
    let json = String(decoding: try card.canonicalJSON(), as: UTF8.self)
    #expect(json.contains("\"within_first_turns\":1") && json.contains("\"max_first_response\":10"))
    // A card without auto blocks encodes no auto key at all: its fingerprint is what it was.
    let plain = try ScorecardLoader.load(path: Repo.fixtures.appendingPathComponent("scorecards/good.yaml").path)
    #expect(!String(decoding: try plain.canonicalJSON(), as: UTF8.self).contains("auto"))
    #expect(!String(decoding: try plain.canonicalJSON(), as: UTF8.self).contains("null"))
  }

  @Test func shippedScorecardsCarryRulesThatRunOnSyntheticCalls() throws {
    for card in try ShippedScorecards.all() {
      let scorer = try AutoScorer(scorecard: card)
      #expect(card.allItems.filter { $0.item.auto != nil }.count >= 4, "\(card.key)")
      for index in 0..<20 {
        let (name, text) = SyntheticTranscripts.make(index: index)
        let proposals = scorer.propose(try TranscriptReader.parse(text: text, file: name))
        #expect(proposals.count == card.allItems.count)
      }
    }
    let inbound = try #require(try ShippedScorecards.all().first { $0.key == "inbound-service" })
    let bad = try AutoScorer.propose(try TranscriptFixtures.load("zh-bad.txt"), scorecard: inbound)
    #expect(bad["no-abuse"]?.answer == .no)
    #expect(bad["forbidden-phrases"]?.answer == .count(4))
    #expect(bad["three-rings"]?.answer == .no)
    #expect(bad["let-customer-finish"]?.answer == .count(2))
    let good = try AutoScorer.propose(try TranscriptFixtures.load("zh-good.txt"), scorecard: inbound)
    #expect(good["greeting"]?.answer == .level(10) && good["closing"]?.answer == .yes)
  }
}
