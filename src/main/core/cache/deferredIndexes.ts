// The first load of the sessions (an empty cache's snapshot) writes its rows without their secondary indexes and
// builds those once at its end: a sorted build of each index is several times faster than keeping two dozen indexes
// through a million inserts in random key order. Measured at 1,000,000 sessions (the snapshot comes in id order, so
// only the table and its unique id index grow at their end): the writes took 49.6 s while the two indexes of the
// window's first view (newest first; an agent's Mine + Unassigned) were kept, 12.1 s with every index deferred, and
// the build of all of them at the end about 27 s. Meanwhile the window's pages are read without indexes (a full scan,
// about 0.2 s at a million rows), and the sync tells the window of a first load's pages at most once a second
// (sync.ts), so those scans cost the load little. A query naming a deferred index (INDEXED BY) runs without it
// (CacheDb.stmt). What was dropped is recorded in the cache itself: a cache opened mid-load (the app quit) keeps them
// deferred, and the load, started again, builds them at its end; only when a migration is pending are they built
// first, so no migration meets a cache without them.
import type { DatabaseSync } from 'node:sqlite';

const KEY = 'sync.deferredIndexes';

type Recorded = Array<{ name: string; sql: string }>;

function record(db: DatabaseSync, value: Recorded | null): void {
  db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    KEY,
    JSON.stringify(value),
  );
}

function recorded(db: DatabaseSync): Recorded | null {
  const hasKv = db.prepare(`SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'kv'`).get();
  if (!hasKv) return null;
  const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Recorded | null) : null;
}

/**
 * Drops the sessions' secondary indexes (unique ones aside) when the cache has no sessions yet, in
 * the caller's transaction; answers the names dropped.
 */
export function deferIndexesForFirstLoad(db: DatabaseSync): string[] {
  if (recorded(db) || db.prepare('SELECT 1 AS x FROM sessions LIMIT 1').get()) return [];
  const deferred = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND tbl_name IN ('sessions', 'sessions_base') AND sql IS NOT NULL
          AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
    )
    .all() as Recorded;
  if (deferred.length === 0) return [];
  record(db, deferred);
  for (const { name } of deferred) db.exec(`DROP INDEX "${name}"`);
  return deferred.map((r) => r.name);
}

/** The names recorded as deferred: what the cache's queries must do without until the load ends. */
export function recordedDeferredIndexes(db: DatabaseSync): string[] {
  return (recorded(db) ?? []).map((r) => r.name);
}

/** Builds the indexes a first load deferred, if any are recorded (at the load's end, or before a migration). */
export function buildDeferredIndexes(db: DatabaseSync): void {
  const deferred = recorded(db);
  if (!deferred) return;
  for (const { sql } of deferred) db.exec(sql.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
  record(db, null);
}
