import Foundation
import TestOracles
import Testing

@testable import callqa

@Suite("bench reports: the hand-written SQL quotes what it is given")
struct BenchSQLTests {
  @Test func aTeamNameWithQuotesStaysOneStringLiteral() {
    let sql = BenchSQL(lower: "2026-10-01", upper: "2026-11-01", team: "x' OR 1=1 --")
    let text = sql.weakAreas(team: true)
    #expect(text.contains("WHERE team = 'x'' OR 1=1 --')"))
    #expect(!text.contains("team = 'x' OR"))
    #expect(BenchSQL.literal("呼入1组") == "'呼入1组'")
  }

  @Test(.enabled(if: Tools.which("sqlite3") != nil, "sqlite3 is not installed (apt-get install sqlite3)"))
  func theQuotedQueryRunsInTheSQLiteShellAndMatchesNothing() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let db = folder.appendingPathComponent("t.sqlite").path
    let setup = """
      CREATE TABLE agents(id INTEGER PRIMARY KEY, team TEXT);
      INSERT INTO agents VALUES (1, 'a'), (2, 'b');
      SELECT count(*) FROM agents WHERE team = \(BenchSQL.literal("x' OR 1=1 --"));
      """
    let result = try Tools.run(try #require(Tools.which("sqlite3")), [db, setup])
    #expect(result.status == 0)
    #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
  }
}
