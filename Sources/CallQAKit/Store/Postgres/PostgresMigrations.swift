/// PostgreSQL's own parts of the ``Migrations`` steps: the triggers that keep history
/// append-only and the call's evaluated flag, in PL/pgSQL. They refuse with the same messages
/// as SQLite's (SQLSTATE P0001, reported as a conflict), for every role that writes rows:
/// only the tables' owner could disable them, and `callqa serve` connects as a role that owns
/// nothing (README "PostgreSQL").
enum PostgresMigrations {
  /// "Add calibration sessions, disputes, revisions and immutable history".
  static let history = """
    CREATE FUNCTION callqa_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = TG_ARGV[0];
    END $$;
    CREATE FUNCTION evaluations_history_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status <> 'draft' AND NOT (
        NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.external_id IS NOT DISTINCT FROM OLD.external_id
        AND NEW.call_id IS NOT DISTINCT FROM OLD.call_id AND NEW.agent_id IS NOT DISTINCT FROM OLD.agent_id
        AND NEW.scorecard_id IS NOT DISTINCT FROM OLD.scorecard_id
        AND NEW.inspector_id IS NOT DISTINCT FROM OLD.inspector_id AND NEW.kind IS NOT DISTINCT FROM OLD.kind
        AND NEW.raw_score IS NOT DISTINCT FROM OLD.raw_score AND NEW.final_score IS NOT DISTINCT FROM OLD.final_score
        AND NEW.critical_failed IS NOT DISTINCT FROM OLD.critical_failed AND NEW.passed IS NOT DISTINCT FROM OLD.passed
        AND NEW.band IS NOT DISTINCT FROM OLD.band AND NEW.comment IS NOT DISTINCT FROM OLD.comment
        AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at AND NEW.submitted_at IS NOT DISTINCT FROM OLD.submitted_at
        AND NEW.calibration_session_id IS NOT DISTINCT FROM OLD.calibration_session_id
        AND NEW.revision_of IS NOT DISTINCT FROM OLD.revision_of
        AND (NEW.status = OLD.status
          OR (OLD.status = 'submitted' AND NEW.status IN ('disputed', 'revised'))
          OR (OLD.status = 'disputed' AND NEW.status IN ('submitted', 'revised'))))
      THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001',
          MESSAGE = 'submitted evaluations cannot be changed: revise them through a dispute';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER evaluations_history_update BEFORE UPDATE ON evaluations
      FOR EACH ROW EXECUTE FUNCTION evaluations_history_update();
    CREATE TRIGGER evaluations_history_delete BEFORE DELETE ON evaluations
      FOR EACH ROW WHEN (OLD.status <> 'draft')
      EXECUTE FUNCTION callqa_refuse('submitted evaluations cannot be deleted');
    CREATE FUNCTION callqa_refuse_unless_draft() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (SELECT status FROM evaluations WHERE id = OLD.evaluation_id) <> 'draft' THEN
        RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = TG_ARGV[0];
      END IF;
      RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER item_scores_history_update BEFORE UPDATE ON item_scores
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse_unless_draft('item scores of a submitted evaluation cannot be changed');
    CREATE TRIGGER item_scores_history_delete BEFORE DELETE ON item_scores
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse_unless_draft('item scores of a submitted evaluation cannot be deleted');
    CREATE TRIGGER section_scores_history_update BEFORE UPDATE ON section_scores
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse_unless_draft('section scores of a submitted evaluation cannot be changed');
    CREATE TRIGGER section_scores_history_delete BEFORE DELETE ON section_scores
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse_unless_draft('section scores of a submitted evaluation cannot be deleted');
    CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse('the audit log is append-only');
    CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION callqa_refuse('the audit log is append-only');
    -- TRUNCATE skips row triggers: it is refused outright on history.
    CREATE TRIGGER evaluations_history_truncate BEFORE TRUNCATE ON evaluations
      FOR EACH STATEMENT EXECUTE FUNCTION callqa_refuse('submitted evaluations cannot be deleted');
    CREATE TRIGGER item_scores_history_truncate BEFORE TRUNCATE ON item_scores
      FOR EACH STATEMENT EXECUTE FUNCTION callqa_refuse('item scores of a submitted evaluation cannot be deleted');
    CREATE TRIGGER section_scores_history_truncate BEFORE TRUNCATE ON section_scores
      FOR EACH STATEMENT EXECUTE FUNCTION callqa_refuse('section scores of a submitted evaluation cannot be deleted');
    CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION callqa_refuse('the audit log is append-only');
    """

  /// "Keep each call's evaluated flag".
  static let evaluatedFlag = """
    CREATE FUNCTION calls_evaluated_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE calls SET evaluated = 1 WHERE id = NEW.call_id AND evaluated = 0;
      RETURN NULL;
    END $$;
    CREATE TRIGGER calls_evaluated_insert AFTER INSERT ON evaluations
      FOR EACH ROW EXECUTE FUNCTION calls_evaluated_insert();
    CREATE FUNCTION calls_evaluated_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE calls SET evaluated = CASE WHEN EXISTS (SELECT 1 FROM evaluations WHERE call_id = OLD.call_id) THEN 1 ELSE 0 END
      WHERE id = OLD.call_id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER calls_evaluated_delete AFTER DELETE ON evaluations
      FOR EACH ROW EXECUTE FUNCTION calls_evaluated_delete();
    """

  /// "Add users, roles, second opinions and agent receipts".
  static let secondOpinionFixed = """
    CREATE TRIGGER evaluations_second_opinion_fixed BEFORE UPDATE OF second_opinion_of ON evaluations
      FOR EACH ROW WHEN (OLD.status <> 'draft' AND NEW.second_opinion_of IS DISTINCT FROM OLD.second_opinion_of)
      EXECUTE FUNCTION callqa_refuse('submitted evaluations cannot be changed: revise them through a dispute');
    """
}
