import Foundation

/// A command-line audio player to listen to a call with: the first of ffplay (ffmpeg), mpv
/// and sox's `play` found on `$PATH`.
///
/// The library only finds the player and builds its arguments; running it is the front
/// end's business (the terminal hands it the keyboard and speakers).
public struct AudioPlayer: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case ffplay, mpv, play

    /// The package that provides it.
    public var package: String {
      switch self {
      case .ffplay: return "ffmpeg"
      case .mpv: return "mpv"
      case .play: return "sox"
      }
    }
  }

  public var kind: Kind
  /// The executable's path.
  public var executable: String

  public init(kind: Kind, executable: String) {
    self.kind = kind
    self.executable = executable
  }

  /// The first player found on `path` (a `$PATH`-style list of folders), in the order of
  /// ``Kind``: ffplay, mpv, play.
  public static func find(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") -> AudioPlayer? {
    let folders = path.split(separator: ":").map(String.init)
    for kind in Kind.allCases {
      for folder in folders {
        let candidate = (folder as NSString).appendingPathComponent(kind.rawValue)
        if FileManager.default.isExecutableFile(atPath: candidate) { return AudioPlayer(kind: kind, executable: candidate) }
      }
    }
    return nil
  }

  /// ``find(path:)``, or an error saying what to install.
  public static func require(path: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") throws -> AudioPlayer {
    guard let player = find(path: path) else {
      throw CallQAError(.errNoAudioPlayer)
    }
    return player
  }

  /// The arguments that play `file` from `start` seconds (the beginning when nil) and return
  /// when it ends: `ffplay -nodisp -autoexit [-ss S] FILE`, `mpv [--start=S] FILE`,
  /// `play FILE [trim S]`.
  public func arguments(file: String, start: Double?) -> [String] {
    let seconds = start.map { ScoreFormat.plain(($0 * 1000).rounded() / 1000) }
    switch kind {
    case .ffplay: return ["-nodisp", "-autoexit"] + (seconds.map { ["-ss", $0] } ?? []) + [file]
    case .mpv: return (seconds.map { ["--start=\($0)"] } ?? []) + [file]
    case .play: return [file] + (seconds.map { ["trim", $0] } ?? [])
    }
  }
}
