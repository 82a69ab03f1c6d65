-- B9, sanctions on participants: a warning (recorded), a mute (cannot send until it ends) or a ban (cannot sign in
-- or use the chat until it ends; no end: until lifted). Lifting keeps the row (who lifted it, when).

CREATE TABLE participant_sanctions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('warn', 'mute', 'ban')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  starts_at timestamptz(3) NOT NULL,
  -- null: a warning, or a ban until lifted
  ends_at timestamptz(3),
  created_by uuid REFERENCES staff (id),
  created_by_name text,
  lifted_at timestamptz(3),
  lifted_by uuid REFERENCES staff (id),
  lifted_by_name text,
  CHECK (kind <> 'warn' OR ends_at IS NULL),
  CHECK (kind <> 'mute' OR ends_at IS NOT NULL),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
-- A participant's history, newest first; the gate on sending and signing in reads the mutes and bans not lifted.
CREATE INDEX participant_sanctions_user_idx ON participant_sanctions (user_id, starts_at DESC, id);
CREATE INDEX participant_sanctions_gate_idx ON participant_sanctions (user_id, ends_at)
  WHERE kind <> 'warn' AND lifted_at IS NULL;
