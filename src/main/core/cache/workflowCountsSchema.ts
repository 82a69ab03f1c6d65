// Cache migration 5 (schema.ts): B10's running counts of sessions per status and assignee, the triggers that keep
// them, and the indexes of the quick views (workflowCounts.ts reads them). Apart from workflowCounts.ts so the schema
// imports nothing that imports the database handle.
/** Migration 5: the table of counts, its triggers (recursive_triggers makes INSERT OR REPLACE count right), and its fill. */
export const WORKFLOW_COUNTS_MIGRATION = `
  -- Sessions per status and assignee ('' for unassigned), whatever their snooze.
  CREATE TABLE workflow_counts (
    status TEXT NOT NULL,
    assignee TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (status, assignee)
  ) WITHOUT ROWID;
  INSERT INTO workflow_counts (status, assignee, n)
    SELECT status, ifnull(assignee_id, ''), count(*) FROM sessions GROUP BY 1, 2;
  CREATE TRIGGER sessions_wf_ins AFTER INSERT ON sessions BEGIN
    INSERT INTO workflow_counts (status, assignee, n) VALUES (NEW.status, ifnull(NEW.assignee_id, ''), 1)
      ON CONFLICT (status, assignee) DO UPDATE SET n = n + 1;
  END;
  CREATE TRIGGER sessions_wf_del AFTER DELETE ON sessions BEGIN
    UPDATE workflow_counts SET n = n - 1 WHERE status = OLD.status AND assignee = ifnull(OLD.assignee_id, '');
  END;
  CREATE TRIGGER sessions_wf_upd AFTER UPDATE OF status, assignee_id ON sessions
    WHEN OLD.status IS NOT NEW.status OR OLD.assignee_id IS NOT NEW.assignee_id BEGIN
    UPDATE workflow_counts SET n = n - 1 WHERE status = OLD.status AND assignee = ifnull(OLD.assignee_id, '');
    INSERT INTO workflow_counts (status, assignee, n) VALUES (NEW.status, ifnull(NEW.assignee_id, ''), 1)
      ON CONFLICT (status, assignee) DO UPDATE SET n = n + 1;
  END;
  -- A view of one assignee and status (Mine, Unassigned) in the default order: its first page walks this index from
  -- the top instead of the whole last-message index (Mine is a few percent of the sessions); snoozed_until rides along
  -- so the open view's snooze test needs no table read.
  CREATE INDEX sessions_view_by_last_message ON sessions (assignee_id, status, last_message_at, id, snoozed_until);
  -- The snoozed sessions of a view, found by a range of the snooze times (the few snoozed until a time to come).
  CREATE INDEX sessions_snoozed ON sessions (snoozed_until, status, assignee_id) WHERE snoozed_until IS NOT NULL;
`;
