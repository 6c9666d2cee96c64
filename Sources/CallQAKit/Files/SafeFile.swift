import Foundation

/// The one way callqa writes a file a person asked for (reports, sheets, pages, backups,
/// rejects files, case libraries, generated data): into a temporary file in the target's
/// folder, flushed to disk (fsync), then renamed over the target in one step, and the folder
/// flushed. A failed write (a full disk, a killed process) leaves the old file as it was and
/// no half file; a symbolic link at the target is refused rather than followed.
public enum SafeFile {
  /// Refuses a target that callqa must not write: a symbolic link, a folder, a path whose
  /// folder does not exist.
  public static func checkTarget(_ path: String) throws {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw CallQAError(.errFolderDoesExist, path, folder)
    }
    var info = stat()
    guard lstat(path, &info) == 0 else { return }  // nothing there yet
    switch info.st_mode & S_IFMT {
    case S_IFLNK:
      throw CallQAError(.errSymbolicLinkCallqa, path)
    case S_IFDIR:
      throw CallQAError(.errFolderFile, path)
    default:
      return
    }
  }

  /// Writes `data` to `path` safely.
  public static func write(_ data: Data, to path: String) throws {
    let output = try Output(path: path)
    try output.write(data)
    try output.commit()
  }

  /// Writes `path` safely through `produce`, which writes the complete content at the
  /// temporary path it is given (for writers that need a path: a ZIP archive, a SQLite backup).
  public static func replace(_ path: String, _ produce: (URL) throws -> Void) throws {
    let output = try Output(path: path)
    output.releaseHandle()
    do {
      try produce(output.temporary)
    } catch {
      output.discard()
      throw error
    }
    try output.commit()
  }

  /// A file being written: appended to, then committed (renamed over the target) or discarded.
  /// Dropped without a commit, it removes its temporary file.
  public final class Output {
    /// Where the content goes.
    public let path: String
    /// The temporary file beside it (`.NAME.callqa-PID-RANDOM`).
    public let temporary: URL
    private var handle: FileHandle?
    private var done = false

    /// Starts writing `path`: checks the target and creates the temporary file.
    public init(path: String) throws {
      try SafeFile.checkTarget(path)
      self.path = path
      let target = URL(fileURLWithPath: path)
      let suffix = UUID().uuidString.prefix(8).lowercased()
      temporary = target.deletingLastPathComponent().appendingPathComponent(
        ".\(target.lastPathComponent).callqa-\(getpid())-\(suffix)")
      let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw SafeFile.failure(path, errno: errno) }
      handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit { if !done { discard() } }

    /// Appends `data`.
    public func write(_ data: Data) throws {
      guard let handle else { throw CallQAError(.errAlreadyWritten, path) }
      do {
        try handle.write(contentsOf: data)
      } catch {
        discard()
        throw SafeFile.failure(path, error)
      }
    }

    /// Flushes the content to disk and puts it in place of the target (keeping the old
    /// file's permissions when there was one).
    public func commit() throws {
      guard !done else { return }
      do {
        if let handle {
          try handle.synchronize()
          try handle.close()
          self.handle = nil
        } else {
          // Written by path (``SafeFile/replace(_:_:)``): flush what the producer wrote.
          let descriptor = open(temporary.path, O_RDONLY | O_CLOEXEC)
          guard descriptor >= 0 else { throw SafeFile.failure(path, errno: errno) }
          defer { close(descriptor) }
          guard fsync(descriptor) == 0 else { throw SafeFile.failure(path, errno: errno) }
        }
        try SafeFile.checkTarget(path)  // a link put there meanwhile is not followed either
        var info = stat()
        if stat(path, &info) == 0 { chmod(temporary.path, info.st_mode & 0o7777) }
        guard rename(temporary.path, path) == 0 else { throw SafeFile.failure(path, errno: errno) }
        done = true
        let folder = open(temporary.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
          _ = fsync(folder)
          close(folder)
        }
      } catch {
        discard()
        throw error
      }
    }

    /// Closes the handle: the content is written by path (``SafeFile/replace(_:_:)``).
    fileprivate func releaseHandle() {
      try? handle?.close()
      handle = nil
    }

    /// Removes the temporary file; the target is untouched.
    public func discard() {
      try? handle?.close()
      handle = nil
      done = true
      unlink(temporary.path)
    }
  }

  /// One line for a failed write, by the system's reason: full disk, too large, read-only,
  /// permission; the old file, when there was one, is intact.
  static func failure(_ path: String, _ error: any Error) -> CallQAError {
    if let error = error as? CallQAError { return error }
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return failure(path, errno: Int32(ns.code)) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return failure(path, errno: Int32(underlying.code))
    }
    switch ns.code {
    case 640: return failure(path, errno: ENOSPC)  // NSFileWriteOutOfSpaceError
    case 642: return failure(path, errno: EROFS)  // NSFileWriteVolumeReadOnlyError
    case 513: return failure(path, errno: EACCES)  // NSFileWriteNoPermissionError
    default: return CallQAError(.errCannotWriteFile, path, ns.localizedDescription.prefix(120), kind: .storage(.other))
    }
  }

  static func failure(_ path: String, errno code: Int32) -> CallQAError {
    let intact = "nothing was written (an existing file is unchanged)"
    switch code {
    case ENOSPC, EDQUOT:
      return CallQAError(.errDiskFullFree, path, intact, kind: .storage(.full))
    case EFBIG:
      return CallQAError(.errFileLargerThan, path, intact, kind: .storage(.full))
    case EROFS, EACCES, EPERM:
      return CallQAError(.errFolderCannotWritten, path, intact, kind: .storage(.readOnly))
    default:
      return CallQAError(.errCannotWriteFile2, path, String(cString: strerror(code)), intact, kind: .storage(.other))
    }
  }
}
