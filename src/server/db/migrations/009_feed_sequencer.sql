-- Intake that does not serialise every writer (issue 18). Until now each write took its feed positions from the one
-- `feed_state` row, whose lock every writer held until commit: the whole backend took one write at a time.
--
-- Now a write appends its events unnumbered, each with an order key from a sequence taken after the write has
-- changed (and so locked) every row it changes. Writers share no row. The public, gapless `seq` is given afterwards by
-- the sequencer (src/server/feed.ts), one run at a time under an advisory lock: it numbers the committed, unnumbered
-- events in order-key order. Readers keep reading "seq > N", as before, and never miss an event (numbers are given
-- after commit, contiguously, one run after another). Two writes to the same row come out in commit order: the second
-- waited for the first to commit before it could lock the row, so it took its key later and cannot be committed
-- without the first being committed too.

ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ALTER COLUMN seq DROP NOT NULL;
CREATE UNIQUE INDEX events_seq_key ON events (seq);

CREATE SEQUENCE events_order_key_seq;
ALTER TABLE events ADD COLUMN order_key bigint;
-- The events already there are numbered: their order key is their seq (below every key the sequence gives).
UPDATE events SET order_key = seq;
SELECT setval('events_order_key_seq', greatest((SELECT max(seq) FROM events), 1));
ALTER TABLE events ALTER COLUMN order_key SET NOT NULL;
CREATE UNIQUE INDEX events_order_key_key ON events (order_key);
-- What the sequencer looks for: the unnumbered events, in order-key order.
CREATE INDEX events_unnumbered_idx ON events (order_key) WHERE seq IS NULL;

COMMENT ON TABLE feed_state IS 'last_seq: the last seq the sequencer gave; only the sequencer (under its advisory lock) and pruning write this row';
