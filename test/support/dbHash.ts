// Test helper: has anything in a database changed? `databaseHash` is an md5 per table over every row of every table
// in the `public` schema (rows in their text form, sorted), so a refused request can be checked to have left the data
// exactly as it was. `createDataGuard` does the same cheaply between many requests: PostgreSQL hands out a
// transaction id to every transaction that writes (committed or rolled back), so while the next id to be handed out
// (`pg_current_snapshot()`'s xmax) stays the same nothing can have changed, and the tables are hashed again only
// when it moved.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../src/server/db/db.ts';

export type TableHashes = Record<string, string>;

export async function tableNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/** An md5 per table of every row (its text form, sorted), for the tables not in `exclude`. */
export async function databaseHash(db: Queryable, exclude: readonly string[] = []): Promise<TableHashes> {
  const tables = (await tableNames(db)).filter((t) => !exclude.includes(t));
  if (tables.length === 0) return {};
  const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
  const sql = `SELECT ${tables
    .map(
      (t) =>
        `(SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM ${quote(t)} r) AS ${quote(t)}`,
    )
    .join(', ')}`;
  const { rows } = await db.query<Record<string, string>>(sql);
  return { ...rows[0] };
}

/** One hash of all the table hashes. */
export const combinedHash = (hashes: TableHashes): string =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(hashes).sort()))
    .digest('hex');

/** The tables whose hash differs (added or removed tables included). */
export function changedTables(before: TableHashes, after: TableHashes): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

/** The next transaction id PostgreSQL will hand out: it moves whenever any transaction has written. */
async function writeMark(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ mark: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS mark');
  return rows[0]?.mark ?? '';
}

export interface DataGuard {
  /** The tables changed since the last check (or since the guard was made); empty when nothing changed. */
  check(): Promise<string[]>;
  /** How many times the tables were hashed (the rest were answered by the transaction id alone). */
  readonly hashes: number;
}

/**
 * Watches a database for changes between checks. `exclude` names bookkeeping tables a refused request may write by
 * design (e.g. the remembered refusals of `idempotency_keys`).
 */
export async function createDataGuard(db: Queryable, exclude: readonly string[] = []): Promise<DataGuard> {
  let mark = await writeMark(db);
  let hashes = await databaseHash(db, exclude);
  let count = 1;
  return {
    get hashes() {
      return count;
    },
    async check() {
      const now = await writeMark(db);
      if (now === mark) return [];
      const after = await databaseHash(db, exclude);
      count++;
      // The mark is read before the hash: a write that lands in between is seen by the next check.
      mark = now;
      const changed = changedTables(hashes, after);
      hashes = after;
      return changed;
    },
  };
}
