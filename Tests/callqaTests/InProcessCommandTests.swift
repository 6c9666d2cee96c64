import ArgumentParser
import CallQAKit
import Foundation
import Testing

@testable import callqa

/// The middle level of the suite: commands parsed and run in this process against a fixture
/// database, their effects read back through the library (no binary, no pipes).
@Suite("commands run in-process against a fixture database")
struct InProcessCommandTests {
  static func database() throws -> (folder: URL, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inproc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (folder, folder.appendingPathComponent("qa.sqlite").path)
  }

  @Test func initAndAgentAddWriteWhatTheLibraryReads() throws {
    let (folder, path) = try Self.database()
    defer { try? FileManager.default.removeItem(at: folder) }
    var initCommand = try CallQA.parseAsRoot(["init", "--db", path])
    try initCommand.run()
    var add = try CallQA.parseAsRoot(["agent", "add", "A001", "--name", "王小明", "--team", "一组", "--db", path])
    try add.run()
    let db = try QADatabase(path: path)
    #expect(try db.agents().map(\.code) == ["A001"])
    #expect(try db.agents().first?.team == "一组")
    #expect(try db.scorecards().count == 3)
  }

  @Test func aRefusedCommandThrowsItsExitCodeAndWritesNothing() throws {
    let (folder, path) = try Self.database()
    defer { try? FileManager.default.removeItem(at: folder) }
    var initCommand = try CallQA.parseAsRoot(["init", "--db", path])
    try initCommand.run()
    var add = try CallQA.parseAsRoot(["agent", "add", "A001", "--name", "王小明", "--db", path])
    try add.run()
    var again = try CallQA.parseAsRoot(["agent", "add", "A001", "--name", "另一个", "--db", path])
    #expect(throws: ExitCode(1)) { try again.run() }
    #expect(try QADatabase(path: path).agents().map(\.name) == ["王小明"])
  }
}
