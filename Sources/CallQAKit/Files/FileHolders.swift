import Foundation

/// Which other processes have a file open, for a message that says who may hold a lock.
/// Reads `/proc/PID/fd` (Linux); elsewhere, or where `/proc` cannot be read, finds none.
public enum FileHolders {
  /// Other processes with `path` (or its `-wal` / `-shm`) open: pid and command line, by pid.
  public static func processes(holding path: String, limit: Int = 3) -> [(pid: Int32, command: String)] {
    let fm = FileManager.default
    let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    let names: Set = [target, target + "-wal", target + "-shm"]
    guard let entries = try? fm.contentsOfDirectory(atPath: "/proc") else { return [] }
    let own = getpid()
    var found: [(pid: Int32, command: String)] = []
    for entry in entries {
      guard let pid = Int32(entry), pid != own else { continue }
      guard let descriptors = try? fm.contentsOfDirectory(atPath: "/proc/\(entry)/fd") else { continue }
      let holds = descriptors.contains { fd in
        (try? fm.destinationOfSymbolicLink(atPath: "/proc/\(entry)/fd/\(fd)")).map(names.contains) ?? false
      }
      guard holds else { continue }
      let raw = fm.contents(atPath: "/proc/\(entry)/cmdline") ?? Data()
      let command = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
      found.append((pid, String(command.prefix(80))))
    }
    return Array(found.sorted { $0.pid < $1.pid }.prefix(limit))
  }

  /// `pid 4242 (callqa evaluation import big.jsonl)` for a message (``MessageKey/errOpenIn``), or "".
  static func clause(for path: String) -> String {
    let holders = processes(holding: path)
    guard !holders.isEmpty else { return "" }
    let listed = holders.map { "pid \($0.pid)" + ($0.command.isEmpty ? "" : " (\($0.command))") }
    return listed.joined(separator: ", ")
  }
}
