import GRDB

/// The one migrator of the callqa database. Never edit a migration that has landed:
/// add a new one below it.
enum Migrations {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("Create core tables") { db in
      try db.execute(sql: """
        CREATE TABLE scorecards (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          version INTEGER NOT NULL CHECK (version >= 1),
          fingerprint TEXT NOT NULL,
          title TEXT NOT NULL,
          definition TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          UNIQUE (key, version)
        );
        CREATE TABLE agents (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          team TEXT,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          created_at TEXT NOT NULL
        );
        CREATE INDEX agents_team ON agents(team);
        CREATE TABLE inspectors (
          id INTEGER PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE calls (
          id INTEGER PRIMARY KEY,
          external_id TEXT NOT NULL UNIQUE,
          agent_id INTEGER NOT NULL REFERENCES agents(id),
          started_at TEXT,
          duration REAL CHECK (duration IS NULL OR duration >= 0),
          direction TEXT,
          recording TEXT,
          transcript TEXT
        );
        CREATE INDEX calls_agent ON calls(agent_id, started_at);
        CREATE INDEX calls_started ON calls(started_at);
        CREATE TABLE evaluations (
          id INTEGER PRIMARY KEY,
          external_id TEXT UNIQUE,
          call_id INTEGER NOT NULL REFERENCES calls(id),
          agent_id INTEGER NOT NULL REFERENCES agents(id),
          scorecard_id INTEGER NOT NULL REFERENCES scorecards(id),
          inspector_id INTEGER NOT NULL REFERENCES inspectors(id),
          kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'test-call', 'calibration')),
          status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'disputed', 'revised')),
          raw_score REAL,
          final_score REAL,
          critical_failed INTEGER CHECK (critical_failed IN (0, 1)),
          passed INTEGER CHECK (passed IN (0, 1)),
          band TEXT,
          comment TEXT,
          created_at TEXT NOT NULL,
          submitted_at TEXT,
          updated_at TEXT NOT NULL,
          CHECK (status = 'draft' OR (raw_score IS NOT NULL AND final_score IS NOT NULL
            AND critical_failed IS NOT NULL AND passed IS NOT NULL AND submitted_at IS NOT NULL))
        );
        CREATE INDEX evaluations_call ON evaluations(call_id);
        CREATE INDEX evaluations_agent ON evaluations(agent_id, status);
        CREATE INDEX evaluations_scorecard ON evaluations(scorecard_id);
        CREATE INDEX evaluations_status ON evaluations(status, kind);
        CREATE TABLE section_scores (
          evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
          section TEXT NOT NULL,
          position INTEGER NOT NULL,
          raw_score REAL,
          score REAL,
          weight REAL NOT NULL,
          applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),
          critical_failed INTEGER NOT NULL CHECK (critical_failed IN (0, 1)),
          PRIMARY KEY (evaluation_id, section)
        ) WITHOUT ROWID;
        CREATE TABLE item_scores (
          evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
          item TEXT NOT NULL,
          section TEXT NOT NULL,
          position INTEGER NOT NULL,
          answer TEXT,
          earned REAL,
          points REAL NOT NULL,
          na INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1)),
          impact REAL,
          critical_failed INTEGER NOT NULL DEFAULT 0 CHECK (critical_failed IN (0, 1)),
          note TEXT,
          PRIMARY KEY (evaluation_id, item)
        ) WITHOUT ROWID;
        CREATE INDEX item_scores_item ON item_scores(item);
        CREATE TABLE complaints (
          id INTEGER PRIMARY KEY,
          agent_id INTEGER NOT NULL REFERENCES agents(id),
          date TEXT NOT NULL,
          call_id INTEGER REFERENCES calls(id),
          valid INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),
          note TEXT,
          created_at TEXT NOT NULL
        );
        CREATE INDEX complaints_agent ON complaints(agent_id, date);
        CREATE TABLE training_cases (
          id INTEGER PRIMARY KEY,
          evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
          title TEXT NOT NULL,
          kind TEXT NOT NULL DEFAULT 'exemplary' CHECK (kind IN ('exemplary', 'cautionary')),
          skills TEXT NOT NULL DEFAULT '[]',
          level TEXT CHECK (level IS NULL OR level IN ('beginner', 'intermediate', 'advanced')),
          clip_start REAL,
          clip_end REAL,
          notes TEXT,
          created_by TEXT,
          created_at TEXT NOT NULL,
          CHECK (clip_start IS NULL OR clip_end IS NULL OR clip_start < clip_end)
        );
        CREATE INDEX training_cases_evaluation ON training_cases(evaluation_id);
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id INTEGER,
          before TEXT,
          after TEXT
        );
        CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
        """)
    }
    migrator.registerMigration("Add evaluation import fingerprints") { db in
      // SHA-256 of an imported record's canonical content: a re-import of the same
      // external_id with other content is reported instead of overwriting history.
      try db.execute(sql: "ALTER TABLE evaluations ADD COLUMN import_fingerprint TEXT")
    }
    migrator.registerMigration("Add teams") { db in
      try db.execute(sql: """
        CREATE TABLE teams (
          name TEXT PRIMARY KEY,
          supervisor TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        """)
    }
    return migrator
  }
}
