import Foundation
import TestOracles

@testable import CallQAKit

/// A new, migrated callqa database on each engine the machine has, for the suites that run
/// against both (Swift Testing's `arguments:`).
enum EngineFixture {
  /// SQLite always; PostgreSQL where a server is (``PostgresServer``). `PostgresEngineTests`
  /// is skipped — which fails CI — when it is not, so PostgreSQL cannot silently drop out.
  static let engines: [StoreEngineKind] = PostgresServer.available ? [.sqlite, .postgresql] : [.sqlite]

  /// A new database on `engine`.
  static func open(_ engine: StoreEngineKind) throws -> QADatabase {
    switch engine {
    case .sqlite:
      return try QADatabase.inMemory()
    case .postgresql:
      return try QADatabase(location: try DatabaseLocation(try PostgresServer.freshDatabase()))
    }
  }

  /// One agent, inspector, scorecard and call (ids 1), written as rows, so the schema's own
  /// rules can be tried without the use cases above them.
  static func seedRows(_ db: QADatabase) throws {
    try db.writeSQL { session in
      try session.execute(
        "INSERT INTO scorecards (id, key, version, fingerprint, title, definition, imported_at) VALUES (1, 'sc', 1, 'f', 'SC', '{}', '2026-11-01T00:00:00Z')"
      )
      try session.execute("INSERT INTO agents (id, code, name, team, created_at) VALUES (1, 'A1', '王小明', 'T1', '2026-11-01T00:00:00Z')")
      try session.execute("INSERT INTO inspectors (id, code, name, created_at) VALUES (1, 'QA1', 'QA1', '2026-11-01T00:00:00Z')")
      try session.execute(
        "INSERT INTO calls (id, external_id, agent_id, started_at) VALUES (1, 'C-1', 1, '2026-11-03T09:00:00+08:00')")
    }
  }

  /// Inserts evaluation `id` of call 1 with `status`, with one section and one item row.
  static func insertEvaluation(_ session: any SQLSession, id: Int64, status: String, kind: String = "monitoring") throws {
    let submitted = status == "draft" ? nil : "2026-11-03T10:00:00Z"
    let score: Double? = status == "draft" ? nil : 90
    let flag: Int? = status == "draft" ? nil : 0
    try session.execute(
      """
      INSERT INTO evaluations (id, call_id, agent_id, scorecard_id, inspector_id, kind, status, raw_score, final_score,
        critical_failed, passed, created_at, submitted_at, updated_at)
      VALUES (?, 1, 1, 1, 1, ?, ?, ?, ?, ?, ?, '2026-11-03T10:00:00Z', ?, '2026-11-03T10:00:00Z')
      """, id, kind, status, score, score, flag, flag.map { _ in 1 }, submitted)
    try session.execute(
      "INSERT INTO section_scores (evaluation_id, section, position, raw_score, score, weight, applicable, critical_failed) VALUES (?, 's', 1, 90, 90, 1, 1, 0)",
      id)
    try session.execute(
      "INSERT INTO item_scores (evaluation_id, item, section, position, answer, earned, points) VALUES (?, 'greet', 's', 1, 'yes', 10, 10)",
      id)
  }
}
