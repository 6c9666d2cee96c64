import Foundation
import ZIPFoundation

/// A hidden folder beside the export's destination where everything is written first, then
/// renamed into place in one step: an interrupted export never leaves a half library at the
/// destination. Leftovers of a killed export are removed by the next export to the same place.
struct ExportStaging {
  /// The staging folder (`.NAME.partial-PID-RANDOM` beside the destination).
  let root: URL
  let destination: URL
  private(set) var files: [String] = []

  /// Prepares a fresh staging folder for `destination`, whose parent folder must exist.
  init(destination: URL, replace: Bool) throws {
    let fm = FileManager.default
    let parent = destination.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CallQAError(.errFolderDoesExist, destination.path, parent.path)
    }
    var info = stat()
    if lstat(destination.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
      throw CallQAError(.errSymbolicLinkCallqa, destination.path)
    }
    if fm.fileExists(atPath: destination.path) {
      guard replace else { throw CallQAError(.errAlreadyExistsPassForce, destination.path) }
      guard ExportStaging.isLibrary(destination) else {
        throw CallQAError(.errRefusingReplaceCase, destination.path)
      }
    }
    ExportStaging.removeStale(for: destination)
    let suffix = UUID().uuidString.prefix(8).lowercased()
    root = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())-\(suffix)")
    self.destination = destination
    try fm.createDirectory(at: root, withIntermediateDirectories: false)
  }

  /// The URL of `relative` inside the staging folder (parents created), refusing escapes.
  mutating func url(for relative: String) throws -> URL {
    let url = try SafePath.file(relative, in: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    files.append(relative)
    return url
  }

  /// Writes `text` as UTF-8 to `relative`.
  mutating func write(_ text: String, to relative: String) throws {
    let url = try url(for: relative)
    do {
      try Data(text.utf8).write(to: url)
    } catch {
      throw SafeFile.failure(destination.path, error)
    }
  }

  /// Moves `item` (inside the staging folder) to the destination, replacing what is there.
  func commit(_ item: URL) throws {
    let fm = FileManager.default
    var displaced: URL?
    if fm.fileExists(atPath: destination.path) {
      let aside = root.appendingPathComponent(".replaced")
      try fm.moveItem(at: destination, to: aside)
      displaced = aside
    }
    do {
      try fm.moveItem(at: item, to: destination)
    } catch {
      if let displaced { try? fm.moveItem(at: displaced, to: destination) }
      throw SafeFile.failure(destination.path, error)
    }
    discard()
  }

  /// Removes the staging folder.
  func discard() {
    try? FileManager.default.removeItem(at: root)
  }

  /// True for what an earlier export wrote: a `.zip` archive holding a library folder with
  /// its `manifest.json`, or a folder holding only an index or manifest and the `cases`,
  /// `media` and `transcripts` folders. `--force` replaces nothing else.
  static func isLibrary(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return false }
    guard isDirectory.boolValue else {
      guard url.pathExtension.lowercased() == "zip", let archive = try? Archive(url: url, accessMode: .read) else {
        return false
      }
      return archive.contains { entry in
        let parts = entry.path.split(separator: "/")
        return parts.count == 2 && parts[1] == "manifest.json"
      }
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return false }
    let allowed: Set = ["index.html", "index.md", "manifest.json", "cases", "media", "transcripts"]
    return !names.isEmpty && Set(names).isSubset(of: allowed)
      && !Set(names).isDisjoint(with: ["index.html", "index.md", "manifest.json"])
  }

  /// Removes `.NAME.partial-PID-*` folders beside `destination` whose process is gone.
  static func removeStale(for destination: URL) {
    let fm = FileManager.default
    let parent = destination.deletingLastPathComponent()
    let prefix = ".\(destination.lastPathComponent).partial-"
    guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
    for name in names where name.hasPrefix(prefix) {
      let pidText = name.dropFirst(prefix.count).prefix { $0 != "-" }
      guard let pid = Int32(pidText), pid > 0 else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        try? fm.removeItem(at: parent.appendingPathComponent(name))
      }
    }
  }
}
