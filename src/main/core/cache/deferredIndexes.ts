// The first load of the sessions (an empty cache's snapshot) writes its rows without most of their secondary indexes
// and builds those once at its end: a sorted build of each index is several times faster than keeping two dozen
// indexes through a million inserts in random key order (measured at 200,000 sessions: 56 s kept, 22 s deferred and
// built). The indexes the window's first view walks stay, so the rows it shows while the load runs come as fast as
// ever; a query naming a deferred index (INDEXED BY) runs without it meanwhile (CacheDb.stmt). What was dropped is
// recorded in the cache itself: a cache opened mid-load (the app quit) keeps them deferred, and the load, started
// again, builds them at its end; only when a migration is pending are they built first, so no migration meets a
// cache without them.
import type { DatabaseSync } from 'node:sqlite';

const KEY = 'sync.deferredIndexes';

/** Walked by the window's first view (newest first; an agent's Mine + Unassigned): kept while the load runs. */
const KEPT = new Set(['sessions_by_last_message', 'sessions_view_by_last_message']);

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
 * Drops the sessions' secondary indexes (unique ones and the kept ones aside) when the cache has no sessions yet, in
 * the caller's transaction; answers the names dropped.
 */
export function deferIndexesForFirstLoad(db: DatabaseSync): string[] {
  if (recorded(db) || db.prepare('SELECT 1 AS x FROM sessions LIMIT 1').get()) return [];
  const deferred = (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_master
          WHERE type = 'index' AND tbl_name IN ('sessions', 'sessions_base') AND sql IS NOT NULL
            AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
      )
      .all() as Recorded
  ).filter((r) => !KEPT.has(r.name));
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
