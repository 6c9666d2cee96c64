import Foundation

/// How a case's clip made it into the export.
public enum ClipStatus: String, Codable, Hashable, Sendable {
  /// A WAV cut natively to the sample.
  case trimmed
  /// Cut by ffmpeg or sox.
  case converted
  /// The whole recording copied; the page states the start and end to play.
  case wholeRecording = "whole-recording"
  /// The call has a recording path but the file is not there.
  case missing
  /// The call has no recording.
  case none
}

/// External audio tools used for non-WAV recordings, when installed.
public struct AudioTools: Hashable, Sendable {
  public var ffmpeg: String?
  public var sox: String?

  public init(ffmpeg: String? = nil, sox: String? = nil) {
    self.ffmpeg = ffmpeg
    self.sox = sox
  }

  /// No external tool: non-WAV recordings are copied whole.
  public static let none = AudioTools()

  /// ffmpeg and sox as found on `$PATH`.
  public static func detect() -> AudioTools {
    AudioTools(ffmpeg: which("ffmpeg"), sox: which("sox"))
  }

  /// The executable `name` on `$PATH`, if any.
  public static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}

/// Produces the clip file of a case from its call's recording.
public struct ClipCutter: Sendable {
  public var tools: AudioTools

  public init(tools: AudioTools) { self.tools = tools }

  /// The outcome of one cut.
  public struct Outcome: Hashable, Sendable {
    public var status: ClipStatus
    /// Frames written when cut natively.
    public var frames: Int?
    /// Said on the page (which tool, or why the whole file was copied).
    public var message: String?
  }

  /// Writes the clip of `source` to `destination` (same extension as the source).
  /// With no clip, the whole recording is copied.
  public func cut(_ source: URL, clip: ClipRange?, to destination: URL) throws -> Outcome {
    let ext = source.pathExtension.lowercased()
    guard let clip else {
      try FileManager.default.copyItem(at: source, to: destination)
      return Outcome(status: .wholeRecording, message: "the whole call")
    }
    if ext == "wav", let wav = try? WAVFile.read(source), wav.isFrameAddressable {
      let frames = try wav.trim(source: source, to: destination, start: clip.start, end: clip.end)
      var message: String?
      if wav.frame(at: clip.end) < Int((clip.end * Double(wav.sampleRate)).rounded()) {
        message = "the recording is only \(ClipRange.format(wav.duration)) long: the clip stops there"
      }
      return Outcome(status: .trimmed, frames: frames, message: message)
    }
    if let ffmpeg = tools.ffmpeg,
      run(
        ffmpeg,
        [
          "-nostdin", "-v", "error", "-y", "-ss", String(clip.start), "-i", source.path, "-t", String(clip.duration),
          destination.path,
        ])
    {
      return Outcome(status: .converted, message: "cut with ffmpeg")
    }
    if let sox = tools.sox, run(sox, [source.path, destination.path, "trim", String(clip.start), String(clip.duration)]) {
      return Outcome(status: .converted, message: "cut with sox")
    }
    try? FileManager.default.removeItem(at: destination)
    try FileManager.default.copyItem(at: source, to: destination)
    return Outcome(
      status: .wholeRecording,
      message: "whole recording: play from \(ClipRange.format(clip.start)) to \(ClipRange.format(clip.end))")
  }

  private func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
