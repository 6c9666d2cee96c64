import Foundation

/// The part of the demo that shows an inspector's day: calls not yet scored, with recordings
/// and transcripts on disk, sampled and assigned so `callqa queue` and `callqa score --next`
/// have work right after `callqa demo`.
public struct DemoQueueSummary: Hashable, Sendable, Encodable {
  /// The ISO week the calls are in (`2026-W44`).
  public var week: String
  /// Calls written (each with a WAV and a transcript).
  public var calls: Int
  /// Calls assigned to inspectors (the week's sample).
  public var assigned: Int
  /// Where the WAVs and transcripts are.
  public var folder: String
}

extension QADatabase {
  /// Calls per agent in the demo queue, and how many agents get them.
  static let demoQueueAgents = 4
  static let demoQueueCallsPerAgent = 2
  /// The sampling quota the demo assigns with.
  static let demoQueueQuota = 10

  /// Writes unscored calls for the last week of `month` — a synthetic transcript (from
  /// ``SyntheticTranscripts``) and a ``DemoRecording`` WAV each, under `folder` — imports
  /// them as a call log (``importCalls(path:actor:)``, the paths stored relative to the
  /// database's folder `base`) and assigns the week's sample to every inspector
  /// (``assign(_:actor:now:)``).
  public func buildDemoQueue(
    folder: String, base: String, month: EvaluationGenerator.Month, seed: UInt64, actor: Actor, now: Date = Date()
  ) throws -> DemoQueueSummary {
    let fm = FileManager.default
    let recordings = (folder as NSString).appendingPathComponent("recordings")
    let transcripts = (folder as NSString).appendingPathComponent("transcripts")
    for path in [recordings, transcripts] { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) }
    let relative = folder.hasPrefix(base + "/") ? String(folder.dropFirst(base.count + 1)) : folder
    let agents = try self.agents().filter(\.active).prefix(Self.demoQueueAgents).map(\.code)
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let lastDay = calendar.range(of: .day, in: .month, for: Self.demoDate(month, day: 1, calendar)).map(\.count) ?? 28
    // The ISO week holding the month's last Thursday-or-earlier day keeps every call in the month.
    let anchor = Self.demoDate(month, day: lastDay - 3, calendar)
    let week = calendar.component(.weekOfYear, from: anchor)
    let weekYear = calendar.component(.yearForWeekOfYear, from: anchor)
    let weekText = String(format: "%04d-W%02d", weekYear, week)
    let monday = calendar.dateInterval(of: .weekOfYear, for: anchor)?.start ?? anchor
    var csv = "id,agent,started_at,duration_s,direction,recording,transcript\n"
    var index = 0
    for agent in agents {
      for call in 0..<Self.demoQueueCallsPerAgent {
        let (name, text) = SyntheticTranscripts.make(index: index, seed: seed)
        let id = String(format: "Q-%@-%02d", month.text.replacingOccurrences(of: "-", with: ""), index + 1)
        let transcriptName = id + "." + (name as NSString).pathExtension
        try Data(text.utf8).write(to: URL(fileURLWithPath: (transcripts as NSString).appendingPathComponent(transcriptName)))
        let segments = try TranscriptReader.parse(text: text, file: transcriptName).segments
        let duration = max(45, ((segments.compactMap { $0.end ?? $0.start }.max() ?? 0) + 2).rounded(.up))
        try DemoRecording.wav(segments: segments, duration: duration)
          .write(to: URL(fileURLWithPath: (recordings as NSString).appendingPathComponent(id + ".wav")))
        // Monday and Tuesday of that week, Beijing time.
        let day = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: call, to: monday) ?? monday)
        let started = String(
          format: "%04d-%02d-%02dT%02d:%02d:00+08:00", day.year ?? 0, day.month ?? 0, day.day ?? 0, 9 + index % 8, (index * 7) % 60)
        csv += "\(id),\(agent),\(started),\(Int(duration)),inbound,\(relative)/recordings/\(id).wav,\(relative)/transcripts/\(transcriptName)\n"
        index += 1
      }
    }
    let log = (folder as NSString).appendingPathComponent("calls.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: log))
    _ = try importCalls(path: log, actor: actor)
    guard let period = ReportPeriod.parseWeek(weekText) else { throw CallQAError(.errDemoQueueBad, weekText) }
    let assigned = try assign(
      // The demo's agents already met the weekly quota with scored calls: a quota above it hands
      // every queued call out.
      AssignRequest(sample: SampleRequest(week: period, perAgent: Self.demoQueueQuota, seed: seed)), actor: actor,
      now: now)
    return DemoQueueSummary(week: weekText, calls: index, assigned: assigned.assigned.count, folder: relative)
  }

  static func demoDate(_ month: EvaluationGenerator.Month, day: Int, _ calendar: Calendar) -> Date {
    calendar.date(from: DateComponents(year: month.year, month: month.month, day: day, hour: 12)) ?? Date()
  }
}
