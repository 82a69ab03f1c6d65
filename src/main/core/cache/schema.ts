// The desk cache's schema as numbered migrations, applied in order at open and recorded in `user_version`. A
// migration is never edited once shipped: a change is a new entry.
import type { DatabaseSync } from 'node:sqlite';
import { MODERATION_CACHE_MIGRATION } from './moderationSchema.ts';
import { WORKFLOW_COUNTS_MIGRATION } from './workflowCountsSchema.ts';

const SESSION_COLUMNS_DDL = `
  id TEXT NOT NULL PRIMARY KEY,
  product_id TEXT NOT NULL,
  product_name TEXT NOT NULL,
  product_key TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  seller_id TEXT NOT NULL,
  seller_name TEXT NOT NULL,
  seller_key TEXT NOT NULL,
  messages_count INTEGER NOT NULL,
  unread_count INTEGER NOT NULL,
  flagged_count INTEGER NOT NULL,
  last_message_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  search_text TEXT NOT NULL,
  gen INTEGER NOT NULL DEFAULT 0`;

/** B10's columns, added to `sessions` and `sessions_base` by migration 4 (assignee_key: the folded name). */
const WORKFLOW_COLUMNS_DDL = (table: string) => `
  ALTER TABLE ${table} ADD COLUMN status TEXT NOT NULL DEFAULT 'open';
  ALTER TABLE ${table} ADD COLUMN assignee_id TEXT;
  ALTER TABLE ${table} ADD COLUMN assignee_name TEXT;
  ALTER TABLE ${table} ADD COLUMN assignee_key TEXT;
  ALTER TABLE ${table} ADD COLUMN snoozed_until TEXT;
  ALTER TABLE ${table} ADD COLUMN first_response_at TEXT;
  ALTER TABLE ${table} ADD COLUMN resolved_at TEXT;`;

export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'initial',
    sql: `
      -- What the grid shows: the backend's state with the effects of queued staff actions laid over it.
      CREATE TABLE sessions (${SESSION_COLUMNS_DDL});
      -- The backend's own state of sessions that queued actions touch (absent = 1: the backend has no such
      -- session). The shown row is rebuilt from it whenever a feed event or an outbox outcome arrives.
      CREATE TABLE sessions_base (${SESSION_COLUMNS_DDL}, absent INTEGER NOT NULL DEFAULT 0);

      -- One index per sort of the grid (F3, F4), with the id as the tie-break the query orders by.
      CREATE INDEX sessions_by_last_message ON sessions (last_message_at, id);
      CREATE INDEX sessions_by_created ON sessions (created_at, id);
      CREATE INDEX sessions_by_updated ON sessions (updated_at, id);
      CREATE INDEX sessions_by_messages ON sessions (messages_count, id);
      CREATE INDEX sessions_by_unread ON sessions (unread_count, id);
      CREATE INDEX sessions_by_flagged ON sessions (flagged_count, id);
      CREATE INDEX sessions_by_product_name ON sessions (product_key, id);
      CREATE INDEX sessions_by_customer_name ON sessions (customer_key, id);
      CREATE INDEX sessions_by_seller_name ON sessions (seller_key, id);
      -- Filters (F6, B3): by participant or product, and the partial indexes of "has unread" and "flagged".
      CREATE INDEX sessions_of_customer ON sessions (customer_id, last_message_at);
      CREATE INDEX sessions_of_seller ON sessions (seller_id, last_message_at);
      CREATE INDEX sessions_of_product ON sessions (product_id, last_message_at);
      CREATE INDEX sessions_unread ON sessions (last_message_at, id) WHERE unread_count > 0;
      CREATE INDEX sessions_flagged ON sessions (last_message_at, id) WHERE flagged_count > 0;

      -- Running totals kept by triggers: the unread badge (F1) and the unfiltered count never scan.
      CREATE TABLE stats (id INTEGER PRIMARY KEY CHECK (id = 1), sessions INTEGER NOT NULL, unread INTEGER NOT NULL);
      INSERT INTO stats VALUES (1, 0, 0);
      CREATE TRIGGER sessions_ins AFTER INSERT ON sessions BEGIN
        UPDATE stats SET sessions = sessions + 1, unread = unread + NEW.unread_count WHERE id = 1;
      END;
      CREATE TRIGGER sessions_del AFTER DELETE ON sessions BEGIN
        UPDATE stats SET sessions = sessions - 1, unread = unread - OLD.unread_count WHERE id = 1;
      END;
      CREATE TRIGGER sessions_upd AFTER UPDATE OF unread_count ON sessions BEGIN
        UPDATE stats SET unread = unread - OLD.unread_count + NEW.unread_count WHERE id = 1;
      END;

      CREATE TABLE messages (
        id TEXT NOT NULL PRIMARY KEY,
        session_id TEXT NOT NULL,
        sender_role TEXT NOT NULL,
        sender_id TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        body TEXT NOT NULL,
        flags TEXT NOT NULL,
        read_at TEXT,
        created_at TEXT NOT NULL,
        -- 'server': the backend has it; 'pending': sent here, not yet accepted.
        origin TEXT NOT NULL DEFAULT 'server',
        -- Effects of queued actions: marked read here, deleted here.
        pending_read_at TEXT,
        hidden INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX messages_of_session ON messages (session_id, created_at, id);

      CREATE TABLE users (
        id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        name_key TEXT NOT NULL,
        search_text TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX users_by_name ON users (role, name_key, id);
      CREATE TABLE products (
        id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        seller_id TEXT NOT NULL,
        price REAL NOT NULL,
        currency TEXT NOT NULL,
        created_at TEXT NOT NULL,
        name_key TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX products_by_name ON products (name_key, id);
      CREATE TABLE orders (
        id TEXT NOT NULL PRIMARY KEY,
        customer_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        status TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        total REAL NOT NULL,
        currency TEXT NOT NULL,
        created_at TEXT NOT NULL,
        gen INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX orders_of_customer ON orders (customer_id, product_id, created_at);
      CREATE INDEX orders_of_product ON orders (product_id, created_at);
      CREATE INDEX orders_by_created ON orders (created_at, id);

      -- Staff actions not yet settled with the backend, in the order they were made.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        -- 'pending': not yet accepted; 'acked': accepted, its feed events not yet all applied here.
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL
      );
      -- Which sessions each queued action touches (matched at the time it was made).
      CREATE TABLE outbox_touch (
        session_id TEXT NOT NULL,
        action_seq INTEGER NOT NULL,
        PRIMARY KEY (session_id, action_seq)
      ) WITHOUT ROWID;
      CREATE INDEX outbox_touch_by_action ON outbox_touch (action_seq);

      -- Sync cursor, snapshot progress, the backend's settings, local preferences ('pref:<key>').
      CREATE TABLE kv (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'flag totals',
    sql: `
      -- Sessions with unread messages and flagged sessions, kept like the other totals: "has unread" and "flagged"
      -- alone are counted without a scan.
      ALTER TABLE stats ADD COLUMN unread_sessions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE stats ADD COLUMN flagged_sessions INTEGER NOT NULL DEFAULT 0;
      UPDATE stats SET
        unread_sessions = (SELECT count(*) FROM sessions WHERE unread_count > 0),
        flagged_sessions = (SELECT count(*) FROM sessions WHERE flagged_count > 0);
      DROP TRIGGER sessions_ins;
      DROP TRIGGER sessions_del;
      DROP TRIGGER sessions_upd;
      CREATE TRIGGER sessions_ins AFTER INSERT ON sessions BEGIN
        UPDATE stats SET sessions = sessions + 1, unread = unread + NEW.unread_count,
          unread_sessions = unread_sessions + (NEW.unread_count > 0),
          flagged_sessions = flagged_sessions + (NEW.flagged_count > 0) WHERE id = 1;
      END;
      CREATE TRIGGER sessions_del AFTER DELETE ON sessions BEGIN
        UPDATE stats SET sessions = sessions - 1, unread = unread - OLD.unread_count,
          unread_sessions = unread_sessions - (OLD.unread_count > 0),
          flagged_sessions = flagged_sessions - (OLD.flagged_count > 0) WHERE id = 1;
      END;
      CREATE TRIGGER sessions_upd AFTER UPDATE OF unread_count, flagged_count ON sessions BEGIN
        UPDATE stats SET unread = unread - OLD.unread_count + NEW.unread_count,
          unread_sessions = unread_sessions - (OLD.unread_count > 0) + (NEW.unread_count > 0),
          flagged_sessions = flagged_sessions - (OLD.flagged_count > 0) + (NEW.flagged_count > 0) WHERE id = 1;
      END;
    `,
  },
  {
    version: 3,
    name: 'covering filter indexes',
    sql: `
      -- A search (as product/customer/seller ids) combined with "has unread", "flagged" or "last N days" is counted
      -- from these indexes alone: without the extra columns each of up to a million matches costs a table read.
      DROP INDEX sessions_of_customer;
      DROP INDEX sessions_of_seller;
      DROP INDEX sessions_of_product;
      CREATE INDEX sessions_of_customer ON sessions (customer_id, last_message_at, unread_count, flagged_count);
      CREATE INDEX sessions_of_seller ON sessions (seller_id, last_message_at, unread_count, flagged_count);
      CREATE INDEX sessions_of_product ON sessions (product_id, last_message_at, unread_count, flagged_count);
    `,
  },
  {
    version: 4,
    name: 'agent workflow',
    sql: `
      -- B10: a session's status, assignee, snooze and response times; a message's kind (an internal note or not).
      ${WORKFLOW_COLUMNS_DDL('sessions')}
      ${WORKFLOW_COLUMNS_DDL('sessions_base')}
      ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'message';
      -- The workflow sorts, empty values last going up as on the backend (sessionQuery.ts names the same expressions).
      CREATE INDEX sessions_by_status ON sessions (status, id);
      CREATE INDEX sessions_by_assignee ON sessions (ifnull(assignee_key, char(1114111)), id);
      CREATE INDEX sessions_by_snoozed ON sessions (ifnull(snoozed_until, '~'), id);
      CREATE INDEX sessions_by_first_response ON sessions (ifnull(first_response_at, '~'), id);
      CREATE INDEX sessions_by_resolved ON sessions (ifnull(resolved_at, '~'), id);
      -- The quick views (Mine, Unassigned, All open) counted from an index alone.
      CREATE INDEX sessions_of_assignee ON sessions (assignee_id, status, snoozed_until);
      CREATE INDEX sessions_open ON sessions (status, snoozed_until);
      -- Canned replies (B10), from the backend's list and its cannedReply.* events.
      CREATE TABLE canned_replies (
        id TEXT NOT NULL PRIMARY KEY,
        shortcut TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        language TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        shortcut_key TEXT NOT NULL
      );
      CREATE INDEX canned_replies_by_shortcut ON canned_replies (language, shortcut_key, id);
      -- What is cached lacks these fields: load a full snapshot at the next start (the old data stays browsable).
      UPDATE kv SET value = 'false' WHERE key = 'sync.snapshotDone';
    `,
  },
  {
    version: 5,
    name: 'workflow counts',
    // B10's quick views counted from running counts per status and assignee (workflowCounts.ts).
    sql: WORKFLOW_COUNTS_MIGRATION,
  },
  {
    version: 6,
    name: 'moderation',
    // B9: removed messages, the review-queue items and participants' sanctions seen (moderationCache.ts).
    sql: MODERATION_CACHE_MIGRATION,
  },
];

/** Applies the migrations this file has not seen yet, each in its own transaction. */
/** Whether the cache file is behind the newest migration (a fresh file counts: it has every one to run). */
export function migrationPending(db: DatabaseSync): boolean {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  return migrations.some((m) => m.version > current);
}

export function migrate(db: DatabaseSync): number {
  const current = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  let version = current;
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Cache migration ${migration.version} (${migration.name}) failed: ${String(error)}`);
    }
    version = migration.version;
  }
  return version;
}
