import Foundation
import Testing

@testable import CallQAKit

/// A temporary folder removed at the end of a test.
struct TemporaryFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("callqa-kit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A file of `Fixtures/`.
func fixturePath(_ relative: String) throws -> String {
  let base = try #require(Bundle.module.resourceURL)
  return base.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

/// A database with the shipped scorecards loaded: a file at `path`, else a new database on
/// `engine` (in memory for SQLite).
func databaseWithScorecards(path: String? = nil, engine: StoreEngineKind = .sqlite) throws -> QADatabase {
  let db = try path.map { try QADatabase(path: $0) } ?? EngineFixture.open(engine)
  for scorecard in try ShippedScorecards.all() { try db.importScorecard(scorecard, actor: "test") }
  return db
}

/// Replaces line `number` (1-based) of a text file using `change`.
func editLine(_ path: String, _ number: Int, _ change: (String) -> String) throws {
  var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
  lines[number - 1] = change(lines[number - 1])
  try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
}
