import GRDB

/// The schema of the callqa database as one list of named steps, for both engines. Never
/// edit a step that has landed: add a new one at the end.
///
/// A step's ``Migration/schema`` (tables, columns, indexes, plain data moves) is written once,
/// in the SQL both engines share, with SQLite's type names: PostgreSQL runs it through
/// ``PostgresDDL/translate(_:)``. What the engines do differently — triggers, data moves
/// written in Swift — is each engine's own part of the same step.
enum Migrations {
  static let steps: [Migration] = [
    Migration(
      "Create core tables",
      schema: """
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
        """),
    Migration(
      "Add agent months",
      schema: """
        CREATE TABLE agent_months (
          agent_id INTEGER NOT NULL REFERENCES agents(id),
          month TEXT NOT NULL CHECK (length(month) = 7),
          calls_handled INTEGER CHECK (calls_handled IS NULL OR calls_handled >= 0),
          complaint_contacts INTEGER CHECK (complaint_contacts IS NULL OR complaint_contacts >= 0),
          target INTEGER CHECK (target IS NULL OR target > 0),
          training_score REAL CHECK (training_score IS NULL OR training_score >= 0),
          training_absences INTEGER CHECK (training_absences IS NULL OR training_absences >= 0),
          attendance REAL CHECK (attendance IS NULL OR (attendance >= 0 AND attendance <= 100)),
          updated_at TEXT NOT NULL,
          PRIMARY KEY (agent_id, month)
        ) WITHOUT ROWID;
        CREATE INDEX agent_months_month ON agent_months(month);
        """),
    Migration(
      "Add coaching tasks",
      schema: """
        CREATE TABLE coaching_tasks (
          id INTEGER PRIMARY KEY,
          agent_id INTEGER NOT NULL REFERENCES agents(id),
          period TEXT NOT NULL,
          reasons TEXT NOT NULL,
          quality_index REAL,
          items TEXT NOT NULL DEFAULT '[]',
          cases TEXT NOT NULL DEFAULT '[]',
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
          note TEXT,
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL,
          done_at TEXT,
          UNIQUE (agent_id, period)
        );
        CREATE INDEX coaching_tasks_status ON coaching_tasks(status, period);
        """),
    Migration(
      "Add calibration sessions, disputes, revisions and immutable history",
      schema: """
        CREATE TABLE calibration_sessions (
          id INTEGER PRIMARY KEY,
          call_id INTEGER NOT NULL REFERENCES calls(id),
          scorecard_id INTEGER NOT NULL REFERENCES scorecards(id),
          expert_inspector_id INTEGER REFERENCES inspectors(id),
          tolerance REAL NOT NULL DEFAULT 5 CHECK (tolerance >= 0),
          created_by TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE INDEX calibration_sessions_created ON calibration_sessions(created_at);
        ALTER TABLE evaluations ADD COLUMN calibration_session_id INTEGER REFERENCES calibration_sessions(id);
        ALTER TABLE evaluations ADD COLUMN revision_of INTEGER REFERENCES evaluations(id);
        CREATE INDEX evaluations_calibration ON evaluations(calibration_session_id);
        CREATE UNIQUE INDEX evaluations_revision_of ON evaluations(revision_of);
        CREATE TABLE disputes (
          id INTEGER PRIMARY KEY,
          evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
          opened_by TEXT NOT NULL,
          reason TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'revised')),
          opened_at TEXT NOT NULL,
          resolved_by TEXT,
          resolved_at TEXT,
          resolution_note TEXT,
          revision_id INTEGER REFERENCES evaluations(id),
          CHECK (status = 'open' OR (resolved_by IS NOT NULL AND resolved_at IS NOT NULL)),
          CHECK ((status = 'revised') = (revision_id IS NOT NULL))
        );
        CREATE INDEX disputes_evaluation ON disputes(evaluation_id);
        CREATE UNIQUE INDEX disputes_one_open ON disputes(evaluation_id) WHERE status = 'open';
        """,
      // History is append-only: once an evaluation leaves 'draft', the only change allowed is
      // its status (submitted → disputed → submitted, submitted/disputed → revised) and
      // updated_at; its section and item rows can be neither updated nor deleted.
      sqlite: { db in
        try db.execute(
          sql: """
            CREATE TRIGGER evaluations_history_update BEFORE UPDATE ON evaluations
            WHEN OLD.status <> 'draft' AND NOT (
              NEW.id IS OLD.id AND NEW.external_id IS OLD.external_id AND NEW.call_id IS OLD.call_id
              AND NEW.agent_id IS OLD.agent_id AND NEW.scorecard_id IS OLD.scorecard_id
              AND NEW.inspector_id IS OLD.inspector_id AND NEW.kind IS OLD.kind
              AND NEW.raw_score IS OLD.raw_score AND NEW.final_score IS OLD.final_score
              AND NEW.critical_failed IS OLD.critical_failed AND NEW.passed IS OLD.passed
              AND NEW.band IS OLD.band AND NEW.comment IS OLD.comment AND NEW.created_at IS OLD.created_at
              AND NEW.submitted_at IS OLD.submitted_at
              AND NEW.calibration_session_id IS OLD.calibration_session_id
              AND NEW.revision_of IS OLD.revision_of
              AND (NEW.status = OLD.status
                OR (OLD.status = 'submitted' AND NEW.status IN ('disputed', 'revised'))
                OR (OLD.status = 'disputed' AND NEW.status IN ('submitted', 'revised'))))
            BEGIN
              SELECT RAISE(ABORT, 'submitted evaluations cannot be changed: revise them through a dispute');
            END;
            CREATE TRIGGER evaluations_history_delete BEFORE DELETE ON evaluations
            WHEN OLD.status <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'submitted evaluations cannot be deleted');
            END;
            CREATE TRIGGER item_scores_history_update BEFORE UPDATE ON item_scores
            WHEN (SELECT status FROM evaluations WHERE id = OLD.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'item scores of a submitted evaluation cannot be changed');
            END;
            CREATE TRIGGER item_scores_history_delete BEFORE DELETE ON item_scores
            WHEN (SELECT status FROM evaluations WHERE id = OLD.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'item scores of a submitted evaluation cannot be deleted');
            END;
            CREATE TRIGGER section_scores_history_update BEFORE UPDATE ON section_scores
            WHEN (SELECT status FROM evaluations WHERE id = OLD.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'section scores of a submitted evaluation cannot be changed');
            END;
            CREATE TRIGGER section_scores_history_delete BEFORE DELETE ON section_scores
            WHEN (SELECT status FROM evaluations WHERE id = OLD.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'section scores of a submitted evaluation cannot be deleted');
            END;
            CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN
              SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
            BEGIN
              SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            """)
      },
      postgres: PostgresMigrations.history),
    Migration(
      "Add report indexes",
      // Reports reach evaluations through their call's local date (calls_started), then
      // read everything they aggregate from this covering index without touching the table;
      // item and section rows are clustered by evaluation id (WITHOUT ROWID primary keys).
      // Weak areas only read the item rows that lost points or were N/A (a fifth of them or
      // less): the partial covering index item_scores_lost holds exactly those.
      schema: """
        CREATE INDEX evaluations_report ON evaluations(
          call_id, status, kind, agent_id, scorecard_id, raw_score, final_score, passed, critical_failed);
        CREATE INDEX complaints_date ON complaints(date, valid, agent_id);
        CREATE INDEX item_scores_lost ON item_scores(evaluation_id, item, na, impact, points, earned, critical_failed)
          WHERE na = 1 OR earned < points;
        """),
    Migration(
      "Add auto-QA proposals to item scores",
      // proposed: the answer auto-QA proposed (Answer.text), NULL when none was proposed;
      // overridden: 1 when the inspector's answer differs from it, NULL when none was proposed.
      schema: """
        ALTER TABLE item_scores ADD COLUMN proposed TEXT;
        ALTER TABLE item_scores ADD COLUMN overridden INTEGER CHECK (overridden IN (0, 1));
        """),
    Migration(
      "Add evaluation import fingerprints",
      // SHA-256 of an imported record's canonical content: a re-import of the same
      // external_id with other content is reported instead of overwriting history.
      schema: "ALTER TABLE evaluations ADD COLUMN import_fingerprint TEXT"),
    Migration(
      "Add teams",
      schema: """
        CREATE TABLE teams (
          name TEXT PRIMARY KEY,
          supervisor TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        """),
    Migration(
      "Add call and evaluation query indexes",
      // `call list` and `evaluation list` read a page in time order from calls_started (or
      // calls_agent) and stop after it; these let their other filters be index searches too:
      // the complaints of a call, calls by direction in time order, and the calls that have
      // a recording or a transcript (partial indexes in time order, a small part of all calls
      // in a centre that imports its call log).
      schema: """
        CREATE INDEX complaints_call ON complaints(call_id);
        CREATE INDEX calls_direction ON calls(direction, started_at);
        CREATE INDEX calls_recorded ON calls(started_at) WHERE recording <> '';
        CREATE INDEX calls_transcribed ON calls(started_at) WHERE transcript <> '';
        """),
    Migration(
      "Keep each call's evaluated flag",
      // `call list --unevaluated` (and the sampler's question) is "calls that no evaluation
      // refers to": an anti-join no index can answer, so over a year of calls that all have
      // evaluations it walked every call. The flag is kept by triggers on every insert and
      // delete of an evaluation (drafts included: a call with a draft is being evaluated),
      // and the calls still waiting are a small partial index in time order.
      schema: """
        ALTER TABLE calls ADD COLUMN evaluated INTEGER NOT NULL DEFAULT 0;
        UPDATE calls SET evaluated = 1 WHERE id IN (SELECT call_id FROM evaluations);
        CREATE INDEX calls_unevaluated ON calls(started_at) WHERE evaluated = 0;
        """,
      sqlite: { db in
        try db.execute(
          sql: """
            CREATE TRIGGER calls_evaluated_insert AFTER INSERT ON evaluations
            WHEN (SELECT evaluated FROM calls WHERE id = NEW.call_id) = 0
            BEGIN
              UPDATE calls SET evaluated = 1 WHERE id = NEW.call_id;
            END;
            CREATE TRIGGER calls_evaluated_delete AFTER DELETE ON evaluations
            BEGIN
              UPDATE calls SET evaluated = EXISTS (SELECT 1 FROM evaluations WHERE call_id = OLD.call_id)
              WHERE id = OLD.call_id;
            END;
            """)
      },
      postgres: PostgresMigrations.evaluatedFlag),
    Migration(
      "Add users, roles, second opinions and agent receipts",
      // Identity and the rules of a QA team (README "Who may do what"):
      // - users: who may act, with one role; an OS account maps a terminal to a user;
      // - settings: the team's rules that admins change (the dispute window);
      // - second_opinion_of: an explicit second scoring of a call, stored as such and never
      //   counted (reports count the first opinion); the unique partial index keeps one counted
      //   evaluation per call and kind, and the covering report index gains the column so
      //   reports still never touch the table;
      // - evaluation_receipts: when an evaluation is (or will be) shown to its agent when not
      //   at submission, and the agent's acknowledgement.
      schema: """
        CREATE TABLE users (
          id INTEGER PRIMARY KEY,
          login TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'supervisor', 'trainer', 'inspector', 'agent')),
          teams TEXT NOT NULL DEFAULT '',
          inspector_id INTEGER REFERENCES inspectors(id),
          agent_id INTEGER REFERENCES agents(id),
          os_user TEXT UNIQUE,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          password_hash TEXT,
          created_at TEXT NOT NULL,
          CHECK ((role = 'inspector') = (inspector_id IS NOT NULL)),
          CHECK ((role = 'agent') = (agent_id IS NOT NULL)),
          CHECK ((role = 'supervisor') = (teams <> ''))
        );
        CREATE UNIQUE INDEX users_inspector ON users(inspector_id) WHERE inspector_id IS NOT NULL;
        CREATE UNIQUE INDEX users_agent ON users(agent_id) WHERE agent_id IS NOT NULL;
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
        ALTER TABLE evaluations ADD COLUMN second_opinion_of INTEGER REFERENCES evaluations(id);
        CREATE INDEX evaluations_second_opinion ON evaluations(second_opinion_of) WHERE second_opinion_of IS NOT NULL;
        CREATE UNIQUE INDEX evaluations_one_counted ON evaluations(call_id, kind)
          WHERE status IN ('submitted', 'disputed') AND kind IN ('monitoring', 'test-call')
            AND second_opinion_of IS NULL;
        DROP INDEX evaluations_report;
        CREATE INDEX evaluations_report ON evaluations(
          call_id, status, kind, agent_id, scorecard_id, raw_score, final_score, passed, critical_failed,
          second_opinion_of);
        CREATE TABLE evaluation_receipts (
          evaluation_id INTEGER PRIMARY KEY REFERENCES evaluations(id),
          released_at TEXT,
          released_by TEXT,
          acknowledged_at TEXT,
          acknowledged_by TEXT
        );
        """,
      sqlite: { db in
        try db.execute(
          sql: """
            CREATE TRIGGER evaluations_second_opinion_fixed BEFORE UPDATE OF second_opinion_of ON evaluations
            WHEN OLD.status <> 'draft' AND NEW.second_opinion_of IS NOT OLD.second_opinion_of
            BEGIN
              SELECT RAISE(ABORT, 'submitted evaluations cannot be changed: revise them through a dispute');
            END;
            """)
      },
      postgres: PostgresMigrations.secondOpinionFixed),
    Migration(
      "Add call assignments",
      // An inspector's queue: sampled calls handed to one inspector, with a claim that expires
      // so stuck work returns to the pool. Done is not stored: an assignment is done when a
      // counted evaluation of its call and kind exists, so no write path has to remember it.
      schema: """
        CREATE TABLE assignments (
          id INTEGER PRIMARY KEY,
          call_id INTEGER NOT NULL REFERENCES calls(id),
          kind TEXT NOT NULL CHECK (kind IN ('monitoring', 'test-call')),
          inspector_id INTEGER NOT NULL REFERENCES inspectors(id),
          assigned_by TEXT NOT NULL,
          assigned_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        );
        CREATE INDEX assignments_call ON assignments(call_id, kind, expires_at);
        CREATE INDEX assignments_inspector ON assignments(inspector_id, assigned_at);
        """),
    Migration(
      "Keep the quality index interval of coaching tasks",
      // `coaching generate` flags an agent only when the interval's upper bound is below the
      // pass line; the task keeps the interval it was opened on (null: fewer than 2 evaluations).
      schema: """
        ALTER TABLE coaching_tasks ADD COLUMN quality_ci_low REAL;
        ALTER TABLE coaching_tasks ADD COLUMN quality_ci_high REAL;
        ALTER TABLE coaching_tasks ADD COLUMN quality_n INTEGER;
        """),
    Migration(
      "Chain the audit log",
      // Tamper evidence (README "Reliability"): every audit row is chained to the one before
      // (QADatabase+AuditChain.swift) and a submission's row carries the digest of the
      // evaluation as stored; existing rows are chained here, their evaluations digested as
      // they are now. REPLACE and UPSERT cannot slip past the history triggers: every
      // connection turns recursive_triggers on (REPLACE's implicit delete then runs the
      // delete triggers), and these BEFORE INSERT triggers refuse an insert over a stored
      // submitted row for any connection, the sqlite3 shell's included.
      schema: """
        ALTER TABLE audit_log ADD COLUMN evaluation_digest TEXT;
        ALTER TABLE audit_log ADD COLUMN chain_hash TEXT;
        """,
      sqlite: { db in
        try db.execute(
          sql: """
            DROP TRIGGER audit_log_append_only_update;
            """)
        try QADatabase.rechainAuditLog(db)
        try db.execute(
          sql: """
            CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
            BEGIN
              SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TRIGGER audit_log_append_only_insert BEFORE INSERT ON audit_log
            WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
            BEGIN
              SELECT RAISE(ABORT, 'the audit log is append-only');
            END;
            CREATE TRIGGER evaluations_history_insert BEFORE INSERT ON evaluations
            WHEN EXISTS (SELECT 1 FROM evaluations WHERE status <> 'draft'
              AND (id = NEW.id OR external_id = NEW.external_id OR revision_of = NEW.revision_of))
            BEGIN
              SELECT RAISE(ABORT, 'submitted evaluations cannot be replaced');
            END;
            CREATE TRIGGER item_scores_history_insert BEFORE INSERT ON item_scores
            WHEN EXISTS (SELECT 1 FROM item_scores WHERE evaluation_id = NEW.evaluation_id AND item = NEW.item)
              AND (SELECT status FROM evaluations WHERE id = NEW.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'item scores of a submitted evaluation cannot be replaced');
            END;
            CREATE TRIGGER section_scores_history_insert BEFORE INSERT ON section_scores
            WHEN EXISTS (SELECT 1 FROM section_scores WHERE evaluation_id = NEW.evaluation_id AND section = NEW.section)
              AND (SELECT status FROM evaluations WHERE id = NEW.evaluation_id) <> 'draft'
            BEGIN
              SELECT RAISE(ABORT, 'section scores of a submitted evaluation cannot be replaced');
            END;
            """)
      },
      // PostgreSQL has no REPLACE: an insert over a stored row fails on its key, and an upsert
      // runs the update triggers; its chain starts empty (no PostgreSQL database predates it).
      postgres: ""),
    Migration(
      "Add API tokens",
      // Tokens for scripts calling the team server (`Authorization: Bearer`), made by
      // `callqa user token`: only the SHA-256 of a token is stored, so the table cannot be
      // replayed; a token acts as its user, and stops with the user's deactivation.
      schema: """
        CREATE TABLE api_tokens (
          id INTEGER PRIMARY KEY,
          user_id INTEGER NOT NULL REFERENCES users(id),
          token_sha256 TEXT NOT NULL UNIQUE,
          label TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE INDEX api_tokens_user ON api_tokens(user_id);
        """),
    Migration(
      "Add root causes to item scores",
      // The root causes an inspector gave for an item's lost points (issue 19): a JSON array
      // of the scorecard's cause keys, NULL when none. Older rows keep NULL, so their audit
      // digests (which add the causes only when present) are unchanged.
      schema: """
        ALTER TABLE item_scores ADD COLUMN causes TEXT;
        CREATE INDEX item_scores_causes ON item_scores(evaluation_id, item) WHERE causes IS NOT NULL;
        """),
    Migration(
      "Keep the history insert trigger an index search",
      // The trigger of "Chain the audit log" asked for `status <> 'draft' AND (id = … OR
      // external_id = … OR revision_of = …)` in one WHERE: once ANALYZE had seen a million
      // evaluations whose external_id and revision_of are NULL, SQLite planned it as a scan of
      // every evaluation, for every insert (about 0.1 s each at 1M). The same refusal as three
      // EXISTS, each an equality on its own index, is three index searches whatever the statistics.
      schema: "",
      sqlite: { db in
        try db.execute(
          sql: """
            DROP TRIGGER evaluations_history_insert;
            CREATE TRIGGER evaluations_history_insert BEFORE INSERT ON evaluations
            WHEN EXISTS (SELECT 1 FROM evaluations WHERE id = NEW.id AND status <> 'draft')
              OR EXISTS (SELECT 1 FROM evaluations WHERE external_id = NEW.external_id AND status <> 'draft')
              OR EXISTS (SELECT 1 FROM evaluations WHERE revision_of = NEW.revision_of AND status <> 'draft')
            BEGIN
              SELECT RAISE(ABORT, 'submitted evaluations cannot be replaced');
            END;
            """)
      },
      // PostgreSQL never had the scanning trigger (see "Chain the audit log").
      postgres: ""),
    Migration(
      "Add report summaries",
      // Manager reports read pre-aggregated sums (ReportSummaries.swift, README "Report
      // summaries") kept in step by the one write path; existing evaluations are summed here.
      schema: ReportSummaries.schema,
      sqlite: { db in try ReportSummaries.rebuild(db) },
      // Nothing to sum: no PostgreSQL database predates the summaries.
      postgres: ""),
    Migration(
      "Keep server sessions and sign-in failures in the database",
      // The team server's signed-in sessions and its sign-in throttle (issue 21: two servers
      // on one database behave as one, and a restart signs nobody out). A session is kept by
      // the SHA-256 of its cookie, as API tokens are; times are seconds since 1970 (UTC).
      schema: """
        CREATE TABLE server_sessions (
          token_sha256 TEXT PRIMARY KEY,
          login TEXT NOT NULL,
          csrf TEXT NOT NULL,
          created_at REAL NOT NULL,
          last_seen REAL NOT NULL
        );
        CREATE INDEX server_sessions_login ON server_sessions(login);
        CREATE TABLE sign_in_failures (
          id INTEGER PRIMARY KEY,
          key TEXT NOT NULL,
          at REAL NOT NULL
        );
        CREATE INDEX sign_in_failures_key ON sign_in_failures(key, at);
        """),
  ]

  /// The SQLite migrator (GRDB), from ``steps``.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    for step in steps {
      migrator.registerMigration(step.name) { db in
        if !step.schema.isEmpty { try db.execute(sql: step.schema) }
        try step.sqlite(db)
      }
    }
    return migrator
  }
}

/// One named step of the schema.
struct Migration: Sendable {
  /// The name both engines record it under.
  let name: String
  /// What both engines run (SQLite's dialect; PostgreSQL's through ``PostgresDDL``).
  let schema: String
  /// What SQLite runs after ``schema``: its triggers, data moves written in Swift.
  let sqlite: @Sendable (Database) throws -> Void
  /// What PostgreSQL runs after ``schema``: its triggers.
  let postgres: String

  init(
    _ name: String, schema: String, sqlite: @escaping @Sendable (Database) throws -> Void = { _ in },
    postgres: String = ""
  ) {
    self.name = name
    self.schema = schema
    self.sqlite = sqlite
    self.postgres = postgres
  }
}
