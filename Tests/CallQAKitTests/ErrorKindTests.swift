import Foundation
import GRDB
import Testing

@testable import CallQAKit

/// Library errors carry a kind a caller can switch on (the CLI's exit code, a server's HTTP
/// status), and SQLite failures are matched by result code.
@Suite("error kinds: not found, conflict, storage")
struct ErrorKindTests {
  @Test func unknownNamesAreNotFound() throws {
    let store = try TestStore()
    let error = try #require(throws: CallQAError.self) { try store.db.agents(team: "nope") }
    #expect(error.kind == .notFound)
    #expect(error.message == "no team 'nope'")
    let missing = try #require(throws: CallQAError.self) { try store.db.evaluation(id: 999) }
    #expect(missing.kind == .notFound)
  }

  @Test func clashesWithWhatIsStoredAreConflicts() throws {
    let store = try TestStore()
    let error = try #require(throws: CallQAError.self) {
      try store.db.addAgent(AgentInput(code: "A1", name: "again", team: nil), actor: "test")
    }
    #expect(error.kind == .conflict)
    #expect(error.message == "agent 'A1' already exists")
  }

  @Test func aHistoryTriggerIsAConflictWithItsOwnMessage() throws {
    let store = try TestStore()
    let id = try store.score(call: "C1", inspector: "QA1", sheet: TestStore.sheet())
    let error = try #require(throws: CallQAError.self) {
      try store.db.write { db in try db.execute(sql: "DELETE FROM item_scores WHERE evaluation_id = ?", arguments: [id]) }
    }
    #expect(error.kind == .conflict)
    #expect(error.message.contains("cannot be deleted"), "\(error.message)")
  }

  @Test func aFileThatIsNotADatabaseIsAStorageFailureNamedAsSuch() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kind-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("garbage.sqlite").path
    try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
    let error = try #require(throws: CallQAError.self) { try QADatabase(path: path) }
    #expect(error.kind == .storage(.corrupt))
    #expect(error.message.hasPrefix("\(path): cannot open the database: the database file is damaged or not a database"))
  }

  @Test func sqliteResultCodesMapToKinds() {
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_BUSY)).kind == .storage(.busy))
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_LOCKED)).kind == .storage(.busy))
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_READONLY)).kind == .storage(.readOnly))
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_FULL)).kind == .storage(.full))
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_FULL)).message == "the disk is full: nothing was written; free some space and try again")
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_CORRUPT)).kind == .storage(.corrupt))
    #expect(CallQAError.storage(DatabaseError(resultCode: .SQLITE_IOERR)).kind == .storage(.other))
  }
}
