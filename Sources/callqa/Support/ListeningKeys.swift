import CallQAKit
import Foundation

/// The listening keys of interactive scoring (调听 while scoring), handled by the terminal
/// before a line reaches the library's session: while an item is asked, `p` plays the
/// recording from the item's evidence (or from the start; `p 1:05` from a time), `s` stops
/// it, and `t` shows the transcript around the item's evidence, each further `t` the next
/// page. Every other line is an answer for the session.
struct ListeningKeys {
  let listening: CallListening
  let player: RecordingPlayer
  let words: Messages
  private var pager: TranscriptPager

  init(listening: CallListening, player: RecordingPlayer = RecordingPlayer(), words: Messages = Messages(.en)) {
    self.listening = listening
    self.player = player
    self.words = words
    pager = TranscriptPager(count: listening.segments.count)
  }

  /// What the session says about the recording and transcript when it opens.
  func opening() -> [String] {
    var lines: [String] = []
    if let recording = listening.recording {
      if recording.exists {
        let length = recording.duration.map { " (\(TranscriptTime.format($0)))" } ?? ""
        lines.append(Console.dim(words(.listenRecording, recording.path, length)))
        if player.name == nil { lines.append(Console.red(words[.listenInstallAdvice])) }
      } else {
        lines.append(Console.red(words(.listenRecordingMissing, recording.path)))
      }
    }
    if let problem = listening.transcriptProblem {
      lines.append(Console.red(words(.listenTranscriptUnreadable, problem)))
    } else if !listening.segments.isEmpty {
      lines.append(Console.dim(words(.listenTranscript, listening.segments.count)))
    }
    return lines
  }

  /// The line under an item whose auto-QA evidence has a time: where `p` starts.
  func hint(for proposal: Proposal?) -> String? {
    guard listening.canPlay, let focus = listening.focus(of: proposal), let time = focus.time else { return nil }
    return Console.dim(words(.listenPlaysFrom, TranscriptTime.format(focus.playbackStart), TranscriptTime.format(time), focus.line))
  }

  /// The listening keys, for the item help.
  static func help(_ words: Messages) -> [(key: String, meaning: String)] {
    [("p", words[.listenHelpPlay]), ("s", words[.listenHelpStop]), ("t", words[.listenHelpTranscript])]
  }

  /// The output of a listening key typed on `item`; nil when `line` is not one.
  mutating func handle(_ line: String, item: String, proposal: Proposal?) -> [String]? {
    let input = line.trimmingCharacters(in: .whitespaces)
    let parts = input.split(separator: " ", maxSplits: 1).map(String.init)
    switch parts.first?.lowercased() {
    case "p", "play":
      let from = parts.count > 1 ? parts[1] : nil
      return [play(from: from, proposal: proposal)]
    case "s",
      "stop" where parts.count == 1:
      return [player.stop() ? Console.green(words[.listenStopped]) : Console.dim(words[.listenNothingPlaying])]
    case "t",
      "transcript" where parts.count == 1:
      return transcript(item: item, proposal: proposal)
    default:
      return nil
    }
  }

  /// Stops playback when the session ends.
  func finish() { player.stop() }

  private func play(from typed: String?, proposal: Proposal?) -> String {
    guard let recording = listening.recording else { return Console.red(words[.listenNoRecording]) }
    guard recording.exists else { return Console.red(words(.listenRecordingGone, recording.path)) }
    var start = listening.focus(of: proposal)?.playbackStart ?? 0
    if let typed {
      guard let seconds = TranscriptTime.parse(typed) else {
        return Console.red(words(.listenNotATime, TerminalText.escaped(typed)))
      }
      start = seconds
    }
    if let duration = recording.duration, start >= duration {
      return Console.red(words(.listenPastEnd, TranscriptTime.format(duration), TranscriptTime.format(start)))
    }
    do {
      try player.play(recording.path, from: start)
      return Console.green(words(.listenPlaying, TranscriptTime.format(start), player.name ?? words[.listenThePlayer]))
    } catch {
      return Console.red("✗ \(error.message(words))")
    }
  }

  private mutating func transcript(item: String, proposal: Proposal?) -> [String] {
    if let problem = listening.transcriptProblem { return [Console.red("✗ " + words(.listenTranscriptUnreadable, problem))] }
    guard !listening.segments.isEmpty else { return [Console.red(words[.listenNoTranscript])] }
    let focus = listening.focus(of: proposal)
    let range = pager.next(item: item, focus: focus?.segment)
    let width = String(range.upperBound).count
    var lines: [String] = []
    for index in range {
      let segment = listening.segments[index]
      let mark = index == focus?.segment ? "▸" : " "
      let number = String(index + 1)
      let time = segment.start.map { "[\(TranscriptTime.format($0))] " } ?? ""
      let text = TerminalText.escaped("\(segment.label): \(segment.text)")
      lines.append("  \(mark)\(String(repeating: " ", count: width - number.count))\(number)  \(time)\(text)")
    }
    let more = words[range.upperBound < listening.segments.count ? .listenMoreNext : .listenMoreStart]
    lines.append(Console.dim(words(.listenUtterances, range.lowerBound + 1, range.upperBound, listening.segments.count, more)))
    return lines
  }
}
