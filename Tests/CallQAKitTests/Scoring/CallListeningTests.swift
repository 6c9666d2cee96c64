import Testing

@testable import CallQAKit

@Suite("listening while scoring: the evidence located in the recording and the transcript, pages of the transcript")
struct CallListeningTests {
  static let segments = (1...20).map { index in
    TranscriptSegment(
      speaker: index % 2 == 1 ? .agent : .customer, label: index % 2 == 1 ? "坐席" : "客户", text: "第\(index)句",
      start: Double(index * 5), line: index * 2)
  }

  static func proposal(_ evidence: [Evidence]) -> Proposal {
    Proposal(item: "closing", rule: nil, answer: .yes, evidence: evidence, reason: "")
  }

  @Test func theFocusIsTheFirstTimedEvidenceAndItsUtterance() {
    let listening = CallListening(recording: nil, segments: Self.segments)
    // Given evidence on file line 15 (utterance 7 starts on line 14) without a time, then one at 61 s
    let focus = listening.focus(
      of: Self.proposal([Evidence(line: 15, time: nil, speaker: .agent), Evidence(line: 24, time: 61, speaker: .agent)]))
    #expect(focus == ListeningFocus(time: 61, line: 24, segment: 11))
    #expect(focus?.playbackStart == 58)
    // Without a timed piece the first piece counts, and its utterance's start is the time
    let untimed = listening.focus(of: Self.proposal([Evidence(line: 15, time: nil, speaker: .agent)]))
    #expect(untimed == ListeningFocus(time: 35, line: 15, segment: 6))
    // Playback never starts before the call
    #expect(ListeningFocus(time: 1.5, line: 1, segment: 0).playbackStart == 0)
    #expect(ListeningFocus(time: nil, line: 1, segment: 0).playbackStart == 0)
    // No proposal, no evidence: no focus
    #expect(listening.focus(of: nil) == nil)
    #expect(listening.focus(of: Self.proposal([])) == nil)
    // A line before the first utterance belongs to the first
    #expect(listening.segmentIndex(ofLine: 1) == 0)
    #expect(CallListening(recording: nil).segmentIndex(ofLine: 3) == nil)
  }

  @Test func pagesOpenOnTheEvidenceContinueAndWrap() {
    var pager = TranscriptPager(count: 20, pageSize: 8, before: 2)
    #expect(pager.next(item: "a", focus: 11) == 9..<17)
    #expect(pager.next(item: "a", focus: 11) == 17..<20)
    #expect(pager.next(item: "a", focus: 11) == 0..<8)
    #expect(pager.next(item: "a", focus: 11) == 8..<16)
    // Another item starts over: no evidence opens on the first page, evidence at the start stays at 0
    #expect(pager.next(item: "b", focus: nil) == 0..<8)
    #expect(pager.next(item: "c", focus: 1) == 0..<8)
    // A focus past the end is held to the last utterance
    #expect(pager.next(item: "d", focus: 40) == 17..<20)
    var empty = TranscriptPager(count: 0)
    #expect(empty.next(item: "a", focus: 3).isEmpty)
  }
}
