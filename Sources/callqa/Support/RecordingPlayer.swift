import CallQAKit
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Plays a call's recording in the background while the inspector keeps typing at the
/// prompt: the library's ``AudioPlayer`` (the first of ffplay, mpv, play on `PATH`) runs as a
/// child process with its input and output on `/dev/null`, so it never takes over the
/// prompt. One recording plays at a time; starting another stops the first.
///
/// The child is started with `posix_spawn` and a clean signal state: interactive scoring
/// ignores SIGINT and runs dispatch threads that block signals, and a child would inherit
/// both and could then be stopped neither by `s` (SIGTERM) nor by Ctrl-C.
final class RecordingPlayer {
  /// The player found on `PATH`; nil when none is installed.
  let player: AudioPlayer?
  private var child: pid_t?

  /// What to tell an inspector who has no player.
  static let installAdvice = LocalizedMessage(.errNoAudioPlayerWhileScoring, [])
  /// How long a player is given to fail before it is taken to be playing.
  static let startupGrace = 0.3
  /// How long a player is given to stop on SIGTERM before it is killed.
  static let stopGrace = 2.0

  init(player: AudioPlayer? = AudioPlayer.find()) { self.player = player }

  /// The player's name (`ffplay`, `mpv`, `play`); nil when none is installed.
  var name: String? { player?.kind.rawValue }

  /// Starts `path` at `start` seconds, stopping what plays. A player that gives up at once
  /// (no audio device, an unreadable file) is reported with its exit status.
  func play(_ path: String, from start: Double) throws(PlaybackFailure) {
    guard let player else { throw PlaybackFailure(text: Self.installAdvice) }
    stop()
    let pid = try Self.spawn(player.executable, player.arguments(file: path, start: start), name: player.kind.rawValue)
    child = pid
    // A player without a sound card exits within a moment; say so instead of "playing".
    Thread.sleep(forTimeInterval: Self.startupGrace)
    if let status = Self.exitStatus(pid, waiting: false) {
      child = nil
      if status != 0 {
        throw PlaybackFailure(text: LocalizedMessage(.errPlayerStoppedAtOnce, [player.kind.rawValue, status]))
      }
    }
  }

  /// Stops the recording; returns false when nothing was playing.
  @discardableResult
  func stop() -> Bool {
    guard let pid = child else { return false }
    child = nil
    if Self.exitStatus(pid, waiting: false) != nil { return false }
    // SIGTERM first; a player that ignores it is killed after a moment, so `s` never hangs.
    kill(pid, SIGTERM)
    let deadline = Date().addingTimeInterval(Self.stopGrace)
    while Date() < deadline {
      if Self.exitStatus(pid, waiting: false) != nil { return true }
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(pid, SIGKILL)
    _ = Self.exitStatus(pid, waiting: true)
    return true
  }

  deinit { stop() }

  /// Starts `executable` with `arguments`, stdin/stdout/stderr on `/dev/null`, an empty
  /// signal mask and SIGINT/SIGTERM at their default actions.
  private static func spawn(_ executable: String, _ arguments: [String], name: String) throws(PlaybackFailure) -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var files = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&files)
    defer { posix_spawn_file_actions_destroy(&files) }
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&files, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0)

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawn(&pid, executable, &files, &attributes, argv, environ)
    guard result == 0 else {
      throw PlaybackFailure(text: LocalizedMessage(.errPlayerCouldNotStart, [name, String(cString: strerror(result))]))
    }
    return pid
  }

  /// The exit status of child `pid` once it has ended (reaping it), else nil; with `waiting`
  /// it waits for the end.
  private static func exitStatus(_ pid: pid_t, waiting: Bool) -> Int32? {
    var status: Int32 = 0
    let result = waitpid(pid, &status, waiting ? 0 : WNOHANG)
    guard result == pid else { return result < 0 ? -1 : nil }
    // WIFEXITED / WEXITSTATUS, and a signal's number as 128 + n, the shell's way.
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}

/// Why playback could not start: one line for the session, which goes on without it.
struct PlaybackFailure: Error {
  /// What went wrong, in any language.
  var text: LocalizedMessage
  /// In English.
  var message: String { text.description }
  /// In the language of `words`.
  func message(_ words: Messages) -> String { text.rendered(words) }
}
