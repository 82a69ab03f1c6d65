// B9's tables in the desk cache (moderationCache.ts reads and writes them); apart, so the schema imports no store code.

/** Migration 6 (schema.ts): a message's removal, the queue items seen, the sanctions seen. */
export const MODERATION_CACHE_MIGRATION = `
  -- B9: a removed message stays in the cache for staff, marked with the moderator's reason.
  ALTER TABLE messages ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN removed_reason TEXT;
  ALTER TABLE messages ADD COLUMN removed_at TEXT;
  -- The review-queue items seen, each the backend's whole record (item); the filters' and sorts' columns beside it.
  CREATE TABLE moderation_items (
    id TEXT NOT NULL PRIMARY KEY,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    reports_count INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    categories TEXT NOT NULL,
    item TEXT NOT NULL
  );
  CREATE INDEX moderation_items_by_first_seen ON moderation_items (status, first_seen_at, id);
  CREATE INDEX moderation_items_by_reports ON moderation_items (status, reports_count, first_seen_at, id);
  CREATE INDEX moderation_items_of_message ON moderation_items (message_id);
  -- Participants' sanctions seen (given, lifted), each the backend's whole record.
  CREATE TABLE sanctions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    lifted_at TEXT,
    sanction TEXT NOT NULL
  );
  CREATE INDEX sanctions_of_user ON sanctions (user_id, starts_at);
`;
