import Foundation

/// A stand-in recording for a demo call, so `p` while scoring and case clips have a real WAV
/// to play and cut: mono 8-bit 4 kHz PCM (small: about 4 KB a second), a soft tone while someone speaks (440 Hz for the
/// agent, 330 Hz for the customer) and silence between, timed by the transcript. No speech
/// synthesiser is needed, so every machine builds the same file.
public enum DemoRecording {
  public static let sampleRate = 4000

  /// The WAV bytes of `duration` seconds following `segments`' start and end times.
  public static func wav(segments: [TranscriptSegment], duration: Double) -> Data {
    let frames = Int((duration * Double(sampleRate)).rounded())
    var samples = [UInt8](repeating: 128, count: frames)
    for segment in segments {
      guard let start = segment.start else { continue }
      let end = min(segment.end ?? start + 2, duration)
      let frequency = segment.speaker == .agent ? 440.0 : 330.0
      let first = max(0, Int(start * Double(sampleRate)))
      let last = min(frames, Int(end * Double(sampleRate)))
      guard first < last else { continue }
      for frame in first..<last {
        let t = Double(frame) / Double(sampleRate)
        samples[frame] = UInt8(128 + 24 * sin(2 * Double.pi * frequency * t))
      }
    }
    // 8-bit PCM is unsigned: 128 is silence.
    let data = Data(samples)
    return WAVFile.header(format: WAVFile.pcmFormat(channels: 1, sampleRate: sampleRate, bitsPerSample: 8), dataLength: data.count)
      + data + (data.count & 1 == 1 ? Data([0]) : Data())
  }
}
