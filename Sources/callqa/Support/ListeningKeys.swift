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
  private var pager: TranscriptPager

  init(listening: CallListening, player: RecordingPlayer = RecordingPlayer()) {
    self.listening = listening
    self.player = player
    pager = TranscriptPager(count: listening.segments.count)
  }

  /// What the session says about the recording and transcript when it opens.
  func opening() -> [String] {
    var lines: [String] = []
    if let recording = listening.recording {
      if recording.exists {
        let length = recording.duration.map { " (\(TranscriptTime.format($0)))" } ?? ""
        lines.append(Console.dim("recording \(recording.path)\(length): p plays, s stops"))
        if player.name == nil { lines.append(Console.red(RecordingPlayer.installAdvice)) }
      } else {
        lines.append(Console.red("recording \(recording.path) is missing: there is nothing to play"))
      }
    }
    if let problem = listening.transcriptProblem {
      lines.append(Console.red("transcript cannot be read: \(problem)"))
    } else if !listening.segments.isEmpty {
      let count = listening.segments.count
      lines.append(Console.dim("transcript: \(count) utterance\(count == 1 ? "" : "s"); t shows the part around the item"))
    }
    return lines
  }

  /// The line under an item whose auto-QA evidence has a time: where `p` starts.
  func hint(for proposal: Proposal?) -> String? {
    guard listening.canPlay, let focus = listening.focus(of: proposal), let time = focus.time else { return nil }
    return Console.dim(
      "    p plays from \(TranscriptTime.format(focus.playbackStart)) (the evidence is at \(TranscriptTime.format(time)), line \(focus.line))")
  }

  /// The listening keys, for the item help.
  static let help: [(key: String, meaning: String)] = [
    ("p", "play the recording from this item's evidence (p 1:05 from a time)"),
    ("s", "stop the recording"),
    ("t", "show the transcript around this item (t again: the next lines)"),
  ]

  /// The output of a listening key typed on `item`; nil when `line` is not one.
  mutating func handle(_ line: String, item: String, proposal: Proposal?) -> [String]? {
    let input = line.trimmingCharacters(in: .whitespaces)
    let words = input.split(separator: " ", maxSplits: 1).map(String.init)
    switch words.first?.lowercased() {
    case "p", "play":
      let from = words.count > 1 ? words[1] : nil
      return [play(from: from, proposal: proposal)]
    case "s",
      "stop" where words.count == 1:
      return [player.stop() ? Console.green("■ stopped") : Console.dim("nothing is playing")]
    case "t",
      "transcript" where words.count == 1:
      return transcript(item: item, proposal: proposal)
    default:
      return nil
    }
  }

  /// Stops playback when the session ends.
  func finish() { player.stop() }

  private func play(from typed: String?, proposal: Proposal?) -> String {
    guard let recording = listening.recording else { return Console.red("✗ this call has no recording") }
    guard recording.exists else { return Console.red("✗ the recording \(recording.path) is missing") }
    var start = listening.focus(of: proposal)?.playbackStart ?? 0
    if let typed {
      guard let seconds = TranscriptTime.parse(typed) else {
        return Console.red("✗ '\(TerminalText.escaped(typed))' is not a time: write p 65 or p 1:05")
      }
      start = seconds
    }
    if let duration = recording.duration, start >= duration {
      return Console.red("✗ the recording is \(TranscriptTime.format(duration)) long: \(TranscriptTime.format(start)) is past its end")
    }
    do {
      try player.play(recording.path, from: start)
      return Console.green("▶ playing from \(TranscriptTime.format(start)) with \(player.name ?? "the player") (s stops)")
    } catch {
      return Console.red("✗ \(error.message)")
    }
  }

  private mutating func transcript(item: String, proposal: Proposal?) -> [String] {
    if let problem = listening.transcriptProblem { return [Console.red("✗ transcript cannot be read: \(problem)")] }
    guard !listening.segments.isEmpty else { return [Console.red("✗ this call has no transcript")] }
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
    let more = range.upperBound < listening.segments.count ? "; t: the next lines" : "; t: from the start"
    lines.append(Console.dim("  utterances \(range.lowerBound + 1)–\(range.upperBound) of \(listening.segments.count)\(more)"))
    return lines
  }
}
