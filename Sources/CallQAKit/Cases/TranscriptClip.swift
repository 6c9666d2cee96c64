import Foundation

/// Cuts a transcript to a clip when its lines carry timestamps: `[mm:ss.s] speaker: text`
/// (also `[hh:mm:ss]`). Lines without a timestamp belong to the timed line before them.
public enum TranscriptClip {
  /// The result of cutting: the text kept and whether it was cut at all.
  public struct Result: Hashable, Sendable {
    public var text: String
    /// False when the transcript carries no timestamps (or there is no clip): the whole text is kept.
    public var cut: Bool
  }

  /// The lines whose timestamp t satisfies `clip.start ≤ t < clip.end` (with their untimed
  /// continuation lines). Times stay those of the call, so they match the clip times on the page.
  public static func cut(_ transcript: String, to clip: ClipRange?) -> Result {
    let lines = transcript.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    let times = lines.map { timestamp(of: String($0)) }
    guard let clip, times.contains(where: { $0 != nil }) else {
      return Result(text: transcript, cut: false)
    }
    var kept: [Substring] = []
    var inside = false
    for (line, time) in zip(lines, times) {
      if let time { inside = time >= clip.start && time < clip.end }
      if inside { kept.append(line) }
    }
    return Result(text: kept.joined(separator: "\n"), cut: true)
  }

  /// The seconds of a leading `[mm:ss(.f)]` or `[hh:mm:ss(.f)]`, if the line starts with one.
  public static func timestamp(of line: String) -> Double? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.first == "[", let close = trimmed.firstIndex(of: "]") else { return nil }
    let inner = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
    guard inner.contains(":") else { return nil }
    return ClipRange.seconds(String(inner))
  }
}
