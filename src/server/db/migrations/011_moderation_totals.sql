-- Counters, not counting, for B9's review queue: the badge and every filter's total read a few counter rows instead
-- of counting up to 100,000 open items. An item's bucket is its status, its reasons and its report categories (a bit
-- each: spam 1, abuse 2, off_platform 4, scam 8, other 16), in 16 slots by message id so concurrent writers of
-- different items rarely wait on one counter row. Statement triggers keep them (one upsert per bucket a statement
-- touches, in key order).

CREATE TABLE moderation_totals (
  status text NOT NULL,
  flagged boolean NOT NULL,
  reported boolean NOT NULL,
  escalated boolean NOT NULL,
  categories smallint NOT NULL,
  slot smallint NOT NULL CHECK (slot >= 0 AND slot < 16),
  n bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (status, flagged, reported, escalated, categories, slot)
);

CREATE FUNCTION moderation_category_bits(categories text[]) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(sum(CASE c WHEN 'spam' THEN 1 WHEN 'abuse' THEN 2 WHEN 'off_platform' THEN 4
    WHEN 'scam' THEN 8 ELSE 16 END), 0)::smallint FROM (SELECT DISTINCT unnest(categories) AS c) x $$;

CREATE FUNCTION moderation_totals_slot(id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (abs(hashtext(id::text)) % 16)::smallint $$;

CREATE FUNCTION moderation_totals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO moderation_totals AS t (status, flagged, reported, escalated, categories, slot, n)
    SELECT status, flagged, reports_count > 0, escalated, moderation_category_bits(categories),
           moderation_totals_slot(message_id), count(*)
      FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (status, flagged, reported, escalated, categories, slot) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO moderation_totals AS t (status, flagged, reported, escalated, categories, slot, n)
    SELECT status, flagged, reports_count > 0, escalated, moderation_category_bits(categories),
           moderation_totals_slot(message_id), -count(*)
      FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (status, flagged, reported, escalated, categories, slot) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO moderation_totals AS t (status, flagged, reported, escalated, categories, slot, n)
    SELECT status, flagged, reported, escalated, bits, slot, sum(d)
      FROM (SELECT status, flagged, reports_count > 0 AS reported, escalated,
                   moderation_category_bits(categories) AS bits, moderation_totals_slot(message_id) AS slot, 1 AS d
              FROM new_rows
            UNION ALL
            SELECT status, flagged, reports_count > 0, escalated, moderation_category_bits(categories),
                   moderation_totals_slot(message_id), -1
              FROM old_rows) x
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (status, flagged, reported, escalated, categories, slot) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER moderation_items_totals_insert AFTER INSERT ON moderation_items
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_totals_changed();
CREATE TRIGGER moderation_items_totals_delete AFTER DELETE ON moderation_items
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_totals_changed();
CREATE TRIGGER moderation_items_totals_update AFTER UPDATE ON moderation_items
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION moderation_totals_changed();

-- TRUNCATE (benchmarks starting over, also through chat_messages' CASCADE) empties the counters too.
CREATE FUNCTION moderation_totals_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM moderation_totals;
  RETURN NULL;
END $$;
CREATE TRIGGER moderation_items_totals_truncate AFTER TRUNCATE ON moderation_items
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_totals_truncated();

-- The items so far.
INSERT INTO moderation_totals (status, flagged, reported, escalated, categories, slot, n)
SELECT status, flagged, reports_count > 0, escalated, moderation_category_bits(categories),
       moderation_totals_slot(message_id), count(*)
  FROM moderation_items GROUP BY 1, 2, 3, 4, 5, 6;
