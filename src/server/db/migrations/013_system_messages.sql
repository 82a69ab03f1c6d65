-- B9, a moderator's warning reaches the participant as a system message in each of their sessions: messages of kind
-- 'system', sent as staff to one participant (`recipient_id`), whom only they and staff read; never counted.

ALTER TABLE chat_messages ADD COLUMN recipient_id uuid REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE chat_messages DROP CONSTRAINT chat_messages_kind_check;
ALTER TABLE chat_messages ADD CONSTRAINT chat_messages_kind_check CHECK (kind IN ('message', 'note', 'system'));
ALTER TABLE chat_messages ADD CONSTRAINT chat_messages_system_recipient_check
  CHECK ((kind = 'system') = (recipient_id IS NOT NULL));
-- Removing a user removes the system messages for them.
CREATE INDEX chat_messages_recipient_idx ON chat_messages (recipient_id) WHERE recipient_id IS NOT NULL;
