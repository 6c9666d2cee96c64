import Foundation
import Testing
import ZIPFoundation

@testable import CallQAKit

@Suite("safe file writes: temporary file, fsync, rename; links refused")
struct SafeFileTests {
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  struct Full: Error {}

  @Test func aWriteThatFailsMidwayLeavesTheExistingFileIntactAndNoTemporaryFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("report.xlsx").path
    try Data("the previous report".utf8).write(to: URL(fileURLWithPath: path))
    // A producer that writes half the file, then fails as a full disk would
    #expect(throws: Full.self) {
      try SafeFile.replace(path) { temporary in
        try Data("half a wor".utf8).write(to: temporary)
        throw Full()
      }
    }
    // A stream that fails after its first chunk
    do {
      let output = try SafeFile.Output(path: path)
      try output.write(Data("first chunk".utf8))
      // dropped without commit (the writer threw)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "the previous report")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xlsx"])
    // A complete write replaces it, keeping its permissions
    chmod(path, 0o600)
    try SafeFile.write(Data("the new report".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "the new report")
    #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.xlsx"])
  }

  @Test func aSymbolicLinkAtTheTargetIsRefusedAndItsTargetUntouched() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let victim = folder.appendingPathComponent("passwd").path
    try Data("root:x:0:0".utf8).write(to: URL(fileURLWithPath: victim))
    let link = folder.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
    let refusal = CallQAError("\(link): a symbolic link; callqa does not write through links (give the real path)")
    #expect(throws: refusal) { try SafeFile.write(Data("x".utf8), to: link) }
    #expect(throws: refusal) {
      try CSVWriter.write(ReportTable(name: "t", title: "t", columns: [], rows: []), to: link)
    }
    #expect(throws: refusal) { try XLSXWriter.write(ReportDocument(title: "t", scope: "", tables: []), to: link) }
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "root:x:0:0")
    // A dangling link is refused too (it would create the file it points to)
    let dangling = folder.appendingPathComponent("dangling.csv").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: folder.appendingPathComponent("new").path)
    #expect(throws: CallQAError.self) { try SafeFile.write(Data("x".utf8), to: dangling) }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path))
  }

  @Test func failuresAreOneLineByTheirCause() {
    #expect(
      SafeFile.failure("r.csv", errno: ENOSPC).message
        == "r.csv: the disk is full: nothing was written (an existing file is unchanged); free some space and try again")
    #expect(SafeFile.failure("r.csv", errno: ENOSPC).kind == .storage(.full))
    // Foundation's out-of-space error (NSCocoaErrorDomain 640, a long message) becomes the same line
    let cocoa = NSError(domain: NSCocoaErrorDomain, code: 640, userInfo: [NSLocalizedDescriptionKey: String(repeating: "x", count: 496)])
    #expect(SafeFile.failure("r.csv", cocoa).message == SafeFile.failure("r.csv", errno: ENOSPC).message)
    #expect(SafeFile.failure("r.csv", errno: EROFS).kind == .storage(.readOnly))
  }

  @Test func forceReplacesOnlyAZipCallqaMade() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stranger = folder.appendingPathComponent("holiday.zip")
    let archive = try Archive(url: stranger, accessMode: .create)
    let data = Data("photo".utf8)
    try archive.addEntry(
      with: "photos/beach.jpg", type: .file, uncompressedSize: Int64(data.count),
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    #expect(!ExportStaging.isLibrary(stranger))
    let ours = folder.appendingPathComponent("cases.zip")
    let library = try Archive(url: ours, accessMode: .create)
    try library.addEntry(
      with: "cases/manifest.json", type: .file, uncompressedSize: Int64(data.count),
      provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    #expect(ExportStaging.isLibrary(ours))
    let notAZip = folder.appendingPathComponent("notes.zip")
    try Data("not a zip".utf8).write(to: notAZip)
    #expect(!ExportStaging.isLibrary(notAZip))
  }
}
