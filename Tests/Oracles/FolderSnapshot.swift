import Foundation

/// What a folder holds, to prove a command wrote nothing there: the names of its files and
/// the bytes of each (`-shm` files, SQLite's shared-memory index, left out of the bytes).
public struct FolderSnapshot: Equatable {
  public var names: [String]
  public var contents: [String: Data]

  public init(_ folder: URL) throws {
    names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    contents = [:]
    for name in names where !name.hasSuffix("-shm") {
      contents[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
  }
}
