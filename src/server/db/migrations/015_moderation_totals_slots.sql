-- The review queue's counters in 64 slots per bucket instead of 16 (issue 18): with 32 writers whose messages were
-- all flagged, each flagged message's transaction waited for another's counter row most of the time (16 slots for
-- 32 writers, each row held until its writer commits). 64, as the sessions' counters have (migration 008); a total
-- still reads a few hundred rows at most. Every existing item is counted again into its new slot.

ALTER TABLE moderation_totals DROP CONSTRAINT moderation_totals_slot_check;
ALTER TABLE moderation_totals ADD CONSTRAINT moderation_totals_slot_check CHECK (slot >= 0 AND slot < 64);

CREATE OR REPLACE FUNCTION moderation_totals_slot(id uuid) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (abs(hashtext(id::text)) % 64)::smallint $$;

DELETE FROM moderation_totals;
INSERT INTO moderation_totals (status, flagged, reported, escalated, categories, slot, n)
SELECT status, flagged, reports_count > 0, escalated, moderation_category_bits(categories),
       moderation_totals_slot(message_id), count(*)
  FROM moderation_items GROUP BY 1, 2, 3, 4, 5, 6;
