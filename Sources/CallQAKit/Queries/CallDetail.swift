import Foundation

/// Everything callqa knows about one call (`call show`): its facts, its recording and
/// transcript as found on disk, every evaluation of it, and the complaints and training
/// cases linked to it.
public struct CallDetail: Hashable, Sendable, Encodable {
  /// The call's recording as stored and as found on disk.
  public struct Recording: Hashable, Sendable, Encodable {
    /// The path stored with the call.
    public var stored: String
    /// The absolute path it resolves to (see ``CallMedia``).
    public var path: String
    public var exists: Bool
    /// Seconds, read from the WAV header; nil when missing or not a WAV file.
    @NullEncoded public var duration: Double?
    /// Why the duration is unknown (not a WAV file, unreadable header), if so.
    @NullEncoded public var problem: String?
    enum CodingKeys: String, CodingKey {
      case stored, path, exists, problem
      case duration = "duration_s"
    }
  }

  /// One utterance of the transcript.
  public struct Utterance: Hashable, Sendable, Encodable {
    /// 1-based position in the transcript.
    public var number: Int
    public var speaker: Speaker
    /// The label as written in the file.
    public var label: String
    /// Seconds from the start of the recording; nil when the format has no times.
    @NullEncoded public var start: Double?
    @NullEncoded public var end: Double?
    public var text: String

    enum CodingKeys: String, CodingKey { case number, speaker, label, start, end, text }
  }

  /// The call's transcript as stored and as found on disk, with one page of its utterances.
  public struct Transcript: Hashable, Sendable, Encodable {
    public var stored: String
    public var path: String
    public var exists: Bool
    /// Utterances in the whole transcript; nil when it could not be read.
    public var utterances: Int?
    /// The page shown: ``page``'s offset and limit apply to the utterances.
    public var page: Page<Utterance>
    /// Why it could not be read (`FILE:LINE: reason`), if so.
    public var problem: String?

    public func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(stored, forKey: .stored)
      try c.encode(path, forKey: .path)
      try c.encode(exists, forKey: .exists)
      try c.encode(utterances, forKey: .utterances)
      try c.encode(page.offset, forKey: .offset)
      try c.encode(page.limit, forKey: .limit)
      try c.encode(page.nextOffset, forKey: .nextOffset)
      try c.encode(page.rows, forKey: .segments)
      try c.encode(problem, forKey: .problem)
    }

    enum CodingKeys: String, CodingKey {
      case stored, path, exists, utterances, offset, limit, segments, problem
      case nextOffset = "next_offset"
    }
  }

  /// A complaint recorded against the call.
  public struct Complaint: Hashable, Sendable, Encodable {
    public var id: Int64
    /// `YYYY-MM-DD`.
    public var date: String
    /// Only valid complaints count in the quality index.
    public var valid: Bool
    @NullEncoded public var note: String?
    enum CodingKeys: String, CodingKey { case id, date, valid, note }
  }

  /// A training case made from one of the call's evaluations.
  public struct Case: Hashable, Sendable, Encodable {
    public var id: Int64
    public var evaluation: Int64
    public var title: String
    public var kind: CaseKind
    @NullEncoded public var level: CaseLevel?
    enum CodingKeys: String, CodingKey { case id, evaluation, title, kind, level }
  }

  public var call: String
  public var agent: String
  public var agentName: String
  public var team: String?
  public var startedAt: String?
  /// Seconds, as the call log gives it.
  public var duration: Double?
  public var direction: String?
  /// nil when the call has no recording path.
  public var recording: Recording?
  /// nil when the call has no transcript path.
  public var transcript: Transcript?
  /// Every evaluation of the call (any status and kind), oldest first.
  public var evaluations: [EvaluationSummary]
  public var complaints: [Complaint]
  public var cases: [Case]

  enum CodingKeys: String, CodingKey {
    case call, agent, team, direction, recording, transcript, evaluations, complaints, cases
    case agentName = "agent_name", startedAt = "started_at", duration = "duration_s"
  }

  /// Every key written, nulls included.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(call, forKey: .call)
    try c.encode(agent, forKey: .agent)
    try c.encode(agentName, forKey: .agentName)
    try c.encode(team, forKey: .team)
    try c.encode(startedAt, forKey: .startedAt)
    try c.encode(duration, forKey: .duration)
    try c.encode(direction, forKey: .direction)
    try c.encode(recording, forKey: .recording)
    try c.encode(transcript, forKey: .transcript)
    try c.encode(evaluations, forKey: .evaluations)
    try c.encode(complaints, forKey: .complaints)
    try c.encode(cases, forKey: .cases)
  }
}

/// Where a call's recording and transcript files are, and what they hold.
public struct CallMedia: Hashable, Sendable {
  /// Folder relative paths are resolved against when the file is not in the current folder
  /// (the database's folder, for the command line).
  public var baseDirectory: String?

  public init(baseDirectory: String?) { self.baseDirectory = baseDirectory }

  /// A stored path made absolute: as is when absolute; relative to the current folder when
  /// the file is there, else to ``baseDirectory`` (the rule of auto-QA screening).
  public func resolve(_ stored: String) -> String {
    let path = Screening.resolve(stored, baseDirectory: baseDirectory)
    return URL(fileURLWithPath: path).standardizedFileURL.path
  }

  /// The recording `stored`, checked on disk; its duration from the WAV header.
  public func recording(_ stored: String) -> CallDetail.Recording {
    let path = resolve(stored)
    var recording = CallDetail.Recording(
      stored: stored, path: path, exists: FileManager.default.fileExists(atPath: path), duration: nil, problem: nil)
    guard recording.exists else { return recording }
    do {
      recording.duration = try WAVFile.read(URL(fileURLWithPath: path)).duration
    } catch {
      recording.problem = "duration unknown: \((error as? CallQAError)?.message ?? "\(error)")"
    }
    return recording
  }

  /// The transcript `stored`, checked on disk and read; the page of utterances
  /// `offset ..< offset + limit` (every utterance from `offset` when `limit` is nil).
  public func transcript(_ stored: String, offset: Int, limit: Int?) -> CallDetail.Transcript {
    let path = resolve(stored)
    let exists = FileManager.default.fileExists(atPath: path)
    var transcript = CallDetail.Transcript(
      stored: stored, path: path, exists: exists, utterances: nil,
      page: Page(rows: [], offset: offset, limit: limit, hasMore: false), problem: nil)
    guard exists else { return transcript }
    do {
      let segments = try TranscriptReader.load(path: path).segments
      let start = min(offset, segments.count)
      let end = limit.map { min(segments.count, start + $0) } ?? segments.count
      transcript.utterances = segments.count
      transcript.page = Page(
        rows: (start..<end).map { index in
          let segment = segments[index]
          return CallDetail.Utterance(
            number: index + 1, speaker: segment.speaker, label: segment.label, start: segment.start,
            end: segment.end, text: segment.text)
        },
        offset: offset, limit: limit, hasMore: end < segments.count)
    } catch let error as LocatedError {
      transcript.problem = error.description
    } catch let error as CallQAError {
      transcript.problem = error.message
    } catch {
      transcript.problem = "\(error)"
    }
    return transcript
  }
}
