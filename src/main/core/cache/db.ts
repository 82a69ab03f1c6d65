// The cache's handle on its SQLite file, shared by every part of the store (store.ts fronts them): the connection
// and its settings, statements prepared once per text, transactions, the key-value table, and what is kept between
// calls — the generation of the sessions table, the memo of totals valid for one generation, the memo of the
// folded names, and the collector of what a write changed for the grid.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SessionsChanged } from './actions.ts';
import { buildDeferredIndexes, deferIndexesForFirstLoad, recordedDeferredIndexes } from './deferredIndexes.ts';
import type { Row } from './rows.ts';
import { migrate, migrationPending } from './schema.ts';
import type { SearchMatches, SqlValue } from './sessionQuery.ts';

/** At most this many ids are named in one change notice; beyond, `all` tells the grid to refresh everything. */
export const MAX_NAMED_CHANGES = 2000;
const MAX_NOTIFY = 50;

/** The folded names of products, customers and sellers, in memory for the search (sessionPages.ts). */
export type NameLists = Record<keyof SearchMatches, { ids: string[]; keys: string[] }>;

/** What one write changed for the grid: collected while it runs, given out as one notice. */
export class ChangeCollector {
  readonly ids = new Set<string>();
  readonly deleted = new Set<string>();
  readonly read = new Set<string>();
  readonly notify: SessionsChanged['notify'] = [];
  all = false;
  /** Rows changed in bulk (SQL over many sessions): which of them became read is not known one by one. */
  readUnknown = false;
  settings = false;
  /** B9: the review queue changed (an item, a removed or restored message, a sanction). */
  moderation = false;
  /** B9: queue items that opened (moderationCache.ts), which notify moderators. */
  readonly review: NonNullable<SessionsChanged['review']> = [];
  /** B10: the canned replies changed (the feed, or a refused change put back). */
  cannedReplies = false;
  /** B9: the moderation rules changed (the feed names a new revision, or an edit made here was refused). */
  rules = false;
  /** B10: sessions assigned to the account by someone else (notifyScope.ts). */
  readonly assigned: NonNullable<SessionsChanged['assigned']> = [];

  result(unreadTotal: number): SessionsChanged {
    const all = this.all || this.ids.size + this.deleted.size > MAX_NAMED_CHANGES;
    const changes: SessionsChanged = {
      sessionIds: all ? [] : [...this.ids],
      all,
      deletedIds: all ? [] : [...this.deleted],
      unreadTotal,
      notify: this.notify.slice(-MAX_NOTIFY),
    };
    // Absent (rather than incomplete) when not every session that became read can be named: the shell then asks
    // about the sessions it still shows a toast for.
    if (!this.readUnknown && this.read.size <= MAX_NAMED_CHANGES) changes.readSessionIds = [...this.read];
    if (this.settings) changes.settingsChanged = true;
    if (this.moderation) changes.moderationChanged = true;
    if (this.review.length > 0) changes.review = this.review.slice(-MAX_NOTIFY);
    if (this.assigned.length > 0) changes.assigned = this.assigned.slice(-MAX_NOTIFY);
    if (this.cannedReplies) changes.cannedRepliesChanged = true;
    if (this.rules) changes.rulesChanged = true;
    return changes;
  }
}

export class CacheDb {
  readonly db: DatabaseSync;
  readonly #stmts = new Map<string, StatementSync>();
  /** Bumped on every write to sessions: the memo of totals is valid for one generation. */
  gen = 0;
  /** Totals of filters by filterKey, each valid while `gen` is unchanged (sessionPages.ts). */
  readonly totals = new Map<string, { gen: number; total: number }>();
  /** What the running write changed (see collect). */
  changes = new ChangeCollector();
  /** Memo of the folded names; dropped on every write to users or products. */
  names: NameLists | null = null;

  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
    this.db.exec('PRAGMA foreign_keys = OFF');
    // INSERT OR REPLACE must fire the delete trigger of the replaced row, or the running totals drift.
    this.db.exec('PRAGMA recursive_triggers = ON');
    this.db.exec('PRAGMA temp_store = MEMORY');
    this.db.exec('PRAGMA cache_size = -65536');
    this.db.exec('PRAGMA busy_timeout = 5000');
    // Reads through a memory map: the row lookups of a search or a sort cost no system call each.
    this.db.exec('PRAGMA mmap_size = 1073741824');
    // Indexes a first load left unbuilt (the app quit mid-load) stay deferred for the load started again, unless a
    // migration is pending: then they are built first, so it meets the cache it was written for.
    if (migrationPending(this.db)) buildDeferredIndexes(this.db);
    migrate(this.db);
    this.#deferred = new Set(recordedDeferredIndexes(this.db));
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Makes the data durable now (a checkpoint of the WAL), e.g. before the app quits. */
  checkpoint(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** The prepared statement of a text, prepared on first use and kept. */
  stmt(sql: string): StatementSync {
    let s = this.#stmts.get(sql);
    if (!s) {
      // While a first load defers indexes (deferredIndexes.ts), a query naming one of them runs without it.
      const text =
        this.#deferred.size === 0
          ? sql
          : sql.replace(/ INDEXED BY (\w+)/g, (named, index: string) => (this.#deferred.has(index) ? '' : named));
      s = this.db.prepare(text);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /** Secondary indexes of the sessions a first load is writing without (deferredIndexes.ts). */
  #deferred = new Set<string>();

  #syncDeferred(): void {
    const recorded = new Set(recordedDeferredIndexes(this.db));
    if (recorded.size === this.#deferred.size && [...recorded].every((n) => this.#deferred.has(n))) return;
    this.#deferred = recorded;
    this.#stmts.clear();
  }

  /** Drops most of the sessions' indexes if the cache has no sessions yet (a first load is about to write them). */
  deferIndexes(): void {
    const names = deferIndexesForFirstLoad(this.db);
    if (names.length === 0) return;
    this.#deferred = new Set(names);
    this.#stmts.clear();
  }

  /** Builds what deferIndexes dropped (the first load has ended). */
  buildIndexes(): void {
    if (this.#deferred.size === 0) return;
    buildDeferredIndexes(this.db);
    this.#deferred = new Set();
    this.#stmts.clear();
  }

  all(sql: string, ...params: SqlValue[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }

  get(sql: string, ...params: SqlValue[]): Row | undefined {
    return this.stmt(sql).get(...params) as Row | undefined;
  }

  /** Runs a write; the number of rows it changed. */
  run(sql: string, ...params: SqlValue[]): number {
    return Number(this.stmt(sql).run(...params).changes);
  }

  tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = fn();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      this.db.exec('ROLLBACK');
      // Deferring or building indexes rolled back with the rest: what the queries may use is what is recorded.
      this.#syncDeferred();
      throw error;
    }
  }

  /** Runs a write in a transaction and returns what changed for the grid, as one notice. */
  collect<T>(fn: () => T): { value: T; changes: SessionsChanged } {
    this.changes = new ChangeCollector();
    const value = this.tx(fn);
    const changes = this.changes.result(this.unreadTotal());
    this.changes = new ChangeCollector();
    return { value, changes };
  }

  /** The unread messages of all sessions (a running total kept by triggers, schema.ts). */
  unreadTotal(): number {
    return Number(this.get('SELECT unread FROM stats WHERE id = 1')?.unread ?? 0);
  }

  kvGet<T>(key: string): T | undefined {
    const row = this.get('SELECT value FROM kv WHERE key = ?', key);
    return row ? (JSON.parse(row.value as string) as T) : undefined;
  }

  kvSet(key: string, value: unknown): void {
    this.run(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value),
    );
  }
}
