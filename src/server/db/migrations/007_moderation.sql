-- B9, the moderation workspace: messages removed by a moderator (hidden from participants, restorable), reports by
-- participants, escalations by staff, and the review queue: one item per message that is flagged, reported or
-- escalated, with what the queue's filters and sorts need kept on it so its pages are read from an index.

ALTER TABLE chat_messages
  ADD COLUMN removed_at timestamptz(3),
  ADD COLUMN removed_reason text CHECK (length(removed_reason) <= 500),
  ADD CONSTRAINT chat_messages_removed_check CHECK (removed_at IS NOT NULL OR removed_reason IS NULL);

CREATE TABLE moderation_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL UNIQUE REFERENCES chat_messages (id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  -- why it is in the queue: the message's B3 flags, participants' reports, staff escalations
  flagged boolean NOT NULL DEFAULT false,
  reports_count integer NOT NULL DEFAULT 0 CHECK (reports_count >= 0),
  -- the distinct categories of its reports
  categories text[] NOT NULL DEFAULT '{}',
  escalated boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  -- the last decision
  decision_action text CHECK (decision_action IN ('dismiss', 'remove', 'restore')),
  decision_reason text CHECK (length(decision_reason) <= 500),
  decided_by uuid REFERENCES staff (id),
  decided_by_name text,
  decided_at timestamptz(3),
  CHECK ((decision_action IS NULL) = (decided_at IS NULL))
);
-- The queue's pages (status, oldest first) and its count; the reports-count sort; each reason and each report
-- category as a partial index in the default order (the queries name the category as a literal so the planner
-- matches it).
CREATE INDEX moderation_items_queue_idx ON moderation_items (status, first_seen_at, id);
CREATE INDEX moderation_items_reports_sort_idx ON moderation_items (status, reports_count DESC, first_seen_at, id);
CREATE INDEX moderation_items_flagged_idx ON moderation_items (status, first_seen_at, id) WHERE flagged;
CREATE INDEX moderation_items_reported_idx ON moderation_items (status, first_seen_at, id) WHERE reports_count > 0;
CREATE INDEX moderation_items_escalated_idx ON moderation_items (status, first_seen_at, id) WHERE escalated;
CREATE INDEX moderation_items_spam_idx ON moderation_items (status, first_seen_at, id)
  WHERE 'spam' = ANY (categories);
CREATE INDEX moderation_items_abuse_idx ON moderation_items (status, first_seen_at, id)
  WHERE 'abuse' = ANY (categories);
CREATE INDEX moderation_items_off_platform_idx ON moderation_items (status, first_seen_at, id)
  WHERE 'off_platform' = ANY (categories);
CREATE INDEX moderation_items_scam_idx ON moderation_items (status, first_seen_at, id)
  WHERE 'scam' = ANY (categories);
CREATE INDEX moderation_items_other_idx ON moderation_items (status, first_seen_at, id)
  WHERE 'other' = ANY (categories);
CREATE INDEX moderation_items_session_idx ON moderation_items (session_id);

-- One report per reporter and message.
CREATE TABLE message_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id uuid NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES users (id),
  category text NOT NULL CHECK (category IN ('spam', 'abuse', 'off_platform', 'scam', 'other')),
  note text CHECK (length(note) <= 1000),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (message_id, reporter_id)
);

CREATE TABLE moderation_escalations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES moderation_items (id) ON DELETE CASCADE,
  staff_id uuid REFERENCES staff (id),
  staff_name text NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 1000),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX moderation_escalations_item_idx ON moderation_escalations (item_id, created_at);

-- The messages flagged so far enter the queue, first seen when they were written.
INSERT INTO moderation_items (message_id, session_id, flagged, first_seen_at, updated_at)
SELECT m.id, m.session_id, true, m.created_at, m.created_at
  FROM chat_messages m
 WHERE m.flags <> '{}' AND m.kind = 'message'
ON CONFLICT (message_id) DO NOTHING;
