-- Counters, not counting (issue 18): the number of sessions and of unread messages over all sessions, kept by
-- statement triggers on chat_sessions in 64 slots picked by session id, so `GET /admin/unread-total` and the list's
-- unfiltered total read 64 rows instead of a million, and concurrent writers to different sessions rarely wait for
-- the same counter row. A statement's rows are summed per slot (transition tables): one counter update per slot
-- touched, however many sessions a bulk action changes.

CREATE TABLE session_totals (
  slot smallint PRIMARY KEY CHECK (slot >= 0 AND slot < 64),
  sessions bigint NOT NULL DEFAULT 0,
  unread bigint NOT NULL DEFAULT 0
);

CREATE FUNCTION session_totals_slot(id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashtext(id::text) & 63)::smallint $$;

INSERT INTO session_totals (slot) SELECT generate_series(0, 63);
UPDATE session_totals t SET sessions = x.n, unread = x.u
  FROM (SELECT session_totals_slot(id) AS slot, count(*) AS n, coalesce(sum(unread_count), 0) AS u
          FROM chat_sessions GROUP BY 1) x
 WHERE t.slot = x.slot;

-- Each statement's changes are added slot by slot in slot order, so two statements over many sessions lock the
-- counter rows in the same order and cannot deadlock.
CREATE FUNCTION session_totals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record;
BEGIN
  FOR d IN SELECT session_totals_slot(id) AS slot, count(*) AS n, coalesce(sum(unread_count), 0) AS u
             FROM new_rows GROUP BY 1 ORDER BY 1 LOOP
    UPDATE session_totals SET sessions = sessions + d.n, unread = unread + d.u WHERE slot = d.slot;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION session_totals_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record;
BEGIN
  FOR d IN SELECT session_totals_slot(id) AS slot, count(*) AS n, coalesce(sum(unread_count), 0) AS u
             FROM old_rows GROUP BY 1 ORDER BY 1 LOOP
    UPDATE session_totals SET sessions = sessions - d.n, unread = unread - d.u WHERE slot = d.slot;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION session_totals_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record;
BEGIN
  FOR d IN SELECT session_totals_slot(n.id) AS slot, sum(n.unread_count - o.unread_count) AS u
             FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.unread_count <> o.unread_count
            GROUP BY 1 ORDER BY 1 LOOP
    UPDATE session_totals SET unread = unread + d.u WHERE slot = d.slot;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER chat_sessions_totals_insert AFTER INSERT ON chat_sessions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_totals_inserted();
CREATE TRIGGER chat_sessions_totals_delete AFTER DELETE ON chat_sessions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION session_totals_deleted();
CREATE TRIGGER chat_sessions_totals_update AFTER UPDATE ON chat_sessions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION session_totals_updated();
-- TRUNCATE (benchmarks starting over) empties the counters too.
CREATE FUNCTION session_totals_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE session_totals SET sessions = 0, unread = 0;
  RETURN NULL;
END $$;
CREATE TRIGGER chat_sessions_totals_truncate AFTER TRUNCATE ON chat_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION session_totals_truncated();
