-- B10, the agent workflow: a session's status, assignee, snooze, first response and resolution times; internal
-- notes as messages of kind 'note' (never counted, never shown to participants); canned replies.

ALTER TABLE chat_sessions
  ADD COLUMN status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved')),
  ADD COLUMN assignee_id uuid REFERENCES staff (id),
  -- copied like the party names, so the list shows and sorts it without a join
  ADD COLUMN assignee_name text,
  ADD COLUMN snoozed_until timestamptz(3),
  ADD COLUMN first_response_at timestamptz(3),
  ADD COLUMN resolved_at timestamptz(3),
  ADD CONSTRAINT chat_sessions_assignee_name_check CHECK ((assignee_id IS NULL) = (assignee_name IS NULL)),
  ADD CONSTRAINT chat_sessions_resolved_check CHECK ((status = 'resolved') = (resolved_at IS NOT NULL));

ALTER TABLE chat_messages
  ADD COLUMN kind text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'note')),
  ADD CONSTRAINT chat_messages_note_by_staff_check CHECK (kind = 'message' OR sender_role = 'staff');

-- The sessions that exist: the first staff reply after the customer's first message.
UPDATE chat_sessions s SET first_response_at = r.at
  FROM (
    SELECT f.session_id, min(m.created_at) AS at
      FROM (SELECT session_id, min(created_at) AS first_at FROM chat_messages WHERE sender_role = 'customer'
             GROUP BY session_id) f
      JOIN chat_messages m ON m.session_id = f.session_id AND m.sender_role = 'staff' AND m.created_at >= f.first_at
     GROUP BY f.session_id
  ) r
 WHERE r.session_id = s.id;

-- B10's filters in the default order (last message): status, assignee (the Mine view), nobody's open sessions
-- (the Unassigned view), snoozed; and B10's sorts (ties broken by id).
CREATE INDEX chat_sessions_status_idx ON chat_sessions (status, last_message_at, id);
CREATE INDEX chat_sessions_assignee_idx ON chat_sessions (assignee_id, status, last_message_at, id)
  WHERE assignee_id IS NOT NULL;
CREATE INDEX chat_sessions_unassigned_idx ON chat_sessions (status, last_message_at, id) WHERE assignee_id IS NULL;
CREATE INDEX chat_sessions_snoozed_idx ON chat_sessions (snoozed_until, id) WHERE snoozed_until IS NOT NULL;
CREATE INDEX chat_sessions_status_sort_idx ON chat_sessions (status, id);
CREATE INDEX chat_sessions_assignee_name_idx ON chat_sessions (assignee_name, id);
CREATE INDEX chat_sessions_first_response_idx ON chat_sessions (first_response_at, id);
CREATE INDEX chat_sessions_resolved_idx ON chat_sessions (resolved_at, id);

CREATE TABLE canned_replies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  shortcut text NOT NULL CHECK (length(shortcut) BETWEEN 1 AND 40),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  language text NOT NULL CHECK (language IN ('en', 'ar')),
  -- shortcut, title and body folded like foldArabic (the backend writes it), for the list's search
  search_text text NOT NULL,
  created_by uuid REFERENCES staff (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_replies_shortcut_key ON canned_replies (language, lower(shortcut));
