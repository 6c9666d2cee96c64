/// What an inspector can hear and read while scoring a call (调听): the recording, checked on
/// disk, and the transcript's utterances, with each item's auto-QA evidence located in both.
///
/// The front end plays the recording from ``ListeningFocus/playbackStart`` and shows the
/// transcript through a ``TranscriptPager``; this type only says where.
public struct CallListening: Hashable, Sendable {
  /// The call's recording as stored and as found on disk; nil when the call has none.
  public var recording: CallDetail.Recording?
  /// The transcript's file path when the call has one (it may be missing or unreadable).
  public var transcriptPath: String?
  /// The transcript's utterances in order; empty without a readable transcript.
  public var segments: [TranscriptSegment]
  /// Why the transcript could not be read (`FILE:LINE: …`), when it could not.
  public var transcriptProblem: String?

  public init(
    recording: CallDetail.Recording?, transcriptPath: String? = nil, segments: [TranscriptSegment] = [],
    transcriptProblem: String? = nil
  ) {
    self.recording = recording
    self.transcriptPath = transcriptPath
    self.segments = segments
    self.transcriptProblem = transcriptProblem
  }

  /// True when there is a recording file to play.
  public var canPlay: Bool { recording?.exists == true }

  /// The utterance index of a transcript file line (an evidence's `line`): the utterance on
  /// that line, else the last one before it; nil without utterances.
  public func segmentIndex(ofLine line: Int) -> Int? {
    guard !segments.isEmpty else { return nil }
    return segments.lastIndex { $0.line <= line } ?? 0
  }

  /// The moment an item's proposal points at: its first timed piece of evidence (else its
  /// first piece), with the utterance it is in; nil without evidence.
  public func focus(of proposal: Proposal?) -> ListeningFocus? {
    guard let evidence = proposal?.evidence.first(where: { $0.time != nil }) ?? proposal?.evidence.first else {
      return nil
    }
    let index = segmentIndex(ofLine: evidence.line)
    let time = evidence.time ?? index.flatMap { segments[$0].start }
    return ListeningFocus(time: time, line: evidence.line, segment: index)
  }
}

/// Where in a call an item's evidence is: what playback starts from and what the transcript
/// view opens on while that item is scored.
public struct ListeningFocus: Hashable, Sendable {
  /// Seconds into the recording of the evidence; nil when the transcript has no times.
  public var time: Double?
  /// The transcript file line of the evidence.
  public var line: Int
  /// Index of the utterance holding the evidence in ``CallListening/segments``.
  public var segment: Int?

  /// Seconds played before the evidence, so the inspector hears it in context.
  public static let leadIn = 3.0

  public init(time: Double?, line: Int, segment: Int?) {
    self.time = time
    self.line = line
    self.segment = segment
  }

  /// Where playback starts: ``leadIn`` seconds before the evidence, never before the call;
  /// the start of the call when the evidence has no time.
  public var playbackStart: Double { max(0, (time ?? 0) - Self.leadIn) }
}

/// Pages through a transcript while scoring: the first request on an item shows the
/// utterances around its evidence (or the first page), each further request on the same item
/// the next page, wrapping to the start after the last; moving to another item starts over.
public struct TranscriptPager: Hashable, Sendable {
  /// Utterances in the transcript.
  public let count: Int
  /// Utterances shown per page.
  public let pageSize: Int
  /// Utterances shown before the evidence on the first page of an item.
  public let before: Int
  private var item: String?
  private var nextStart = 0

  public init(count: Int, pageSize: Int = 8, before: Int = 2) {
    self.count = count
    self.pageSize = max(1, pageSize)
    self.before = max(0, before)
  }

  /// The utterance indices to show for a request on `item`, whose evidence (if any) is the
  /// utterance at `focus`; empty when the transcript has no utterances.
  public mutating func next(item: String?, focus: Int?) -> Range<Int> {
    guard count > 0 else { return 0..<0 }
    var start: Int
    if item != self.item {
      self.item = item
      start = focus.map { max(0, min($0, count - 1) - before) } ?? 0
    } else {
      start = nextStart < count ? nextStart : 0
    }
    start = min(start, count - 1)
    let end = min(count, start + pageSize)
    nextStart = end
    return start..<end
  }
}
