// The desk cache: every read and write of the local SQLite file, synchronous, meant to run inside the cache worker
// (worker.ts) so the thread that serves the window never waits on the disk. Three layers of truth:
//   - the backend's state, applied from snapshots and feed events (full-state upserts, so replays are harmless);
//   - queued staff actions (outbox), laid over it at once (optimistic) — `sessions_base` keeps the backend's own
//     state of each session an action touches, and the shown row is rebuilt from it (overlay.ts) whenever a
//     feed event or the action's outcome arrives, so an echo never doubles and a refusal puts the row back;
//   - local preferences.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { z } from 'zod';
import { ChangesResult, type SessionFilter, SnapshotPage, snapshotItem } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import type {
  AppInfo,
  CallOutput,
  CallParsedInput,
  Option,
  Prefs,
  ProductOption,
  SessionPage,
  SessionPageInput,
} from '../../../shared/bridge.ts';
import type { Message, NamedRef, Order, Product, Session, Settings, Staff, User } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ChangeEvent } from '../../../shared/events.ts';
import { type ActionPayload, emptyChanges, isQueryTarget, type QueuedAction, type SessionsChanged } from './actions.ts';
import { type CachedMessageSearch, locallyDeleted, searchCachedMessages } from './messageSearch.ts';
import { overlayMessages, overlaySession } from './overlay.ts';
import {
  type Row,
  SESSION_COLUMN_LIST,
  SESSION_PLACEHOLDERS,
  sessionParams,
  sessionSearchText,
  toMessage,
  toOrder,
  toProduct,
  toSession,
  toUser,
  utc,
} from './rows.ts';
import { migrate } from './schema.ts';
import {
  filterKey,
  isEmptyFilter,
  likeContains,
  matchBranches,
  type SearchMatches,
  SORT_COLUMNS,
  SORT_INDEX,
  type SqlValue,
  sessionOrderBy,
  sessionWhere,
} from './sessionQuery.ts';

/** At most this many ids are named in one change notice; beyond, `all` tells the grid to refresh everything. */
const MAX_NAMED_CHANGES = 2000;
const MAX_NOTIFY = 50;
/** Above this many matching products and people, a search scans the folded names instead. */
const MAX_SEARCH_IDS = 3000;
/** Up to this many matching rows, a page sorts them rather than walking the sort's index. */
const COLLECT_BELOW = 20_000;
/** Up to this many matches of a search, its page reads and sorts them all (one pass over the participant indexes). */
const COLLECT_MATCHES_BELOW = 5_000;
/** Up to this many matches of a search, its default-sorted page is cut from the participant indexes' keys. */
const TOP_KEYS_BELOW = 250_000;
/** The name sorts, and the kind of search match whose names they order by. */
const NAME_SORT_KIND: Partial<Record<SessionPageInput['sort'], keyof SearchMatches>> = {
  product: 'products',
  customer: 'customers',
  seller: 'sellers',
};

export const DEFAULT_PREFS: Prefs = {
  locale: null,
  columnState: null,
  savedViews: [],
  notificationsPaused: false,
  paneWidth: null,
};

export interface SyncMeta {
  cursor: number;
  /** True once a full snapshot has been loaded (else the next start loads one). */
  snapshotDone: boolean;
  lastSyncedAt: string | null;
  snapshot: { gen: number; minSeq: number | null; loaded: number; total: number } | null;
}

export interface ApplyResult {
  changes: SessionsChanged;
  cursor: number;
  applied: number;
  /** The batch started after a hole in the feed (events are missing): ask for the changes after `cursor`. */
  gap: boolean;
}

export interface EnqueueResult {
  action: QueuedAction;
  value: unknown;
  changes: SessionsChanged;
}

class ChangeCollector {
  readonly ids = new Set<string>();
  readonly deleted = new Set<string>();
  readonly read = new Set<string>();
  readonly notify: SessionsChanged['notify'] = [];
  all = false;
  /** Rows changed in bulk (SQL over many sessions): which of them became read is not known one by one. */
  readUnknown = false;
  settings = false;

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
    return changes;
  }
}

export class CacheStore {
  readonly db: DatabaseSync;
  readonly #stmts = new Map<string, StatementSync>();
  /** Bumped on every write to sessions: the memo of totals is valid for one generation. */
  #gen = 0;
  readonly #totals = new Map<string, { gen: number; total: number }>();
  #changes = new ChangeCollector();
  /** Memo of #nameLists(); dropped on every write to users or products. */
  #names: Record<keyof SearchMatches, { ids: string[]; keys: string[] }> | null = null;

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
    migrate(this.db);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  /** Makes the data durable now (a checkpoint of the WAL), e.g. before the app quits. */
  checkpoint(): void {
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  // ---------------------------------------------------------------- plumbing

  #stmt(sql: string): StatementSync {
    let s = this.#stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  #all(sql: string, ...params: SqlValue[]): Row[] {
    return this.#stmt(sql).all(...params) as Row[];
  }

  #get(sql: string, ...params: SqlValue[]): Row | undefined {
    return this.#stmt(sql).get(...params) as Row | undefined;
  }

  #run(sql: string, ...params: SqlValue[]): number {
    return Number(this.#stmt(sql).run(...params).changes);
  }

  #tx<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const value = fn();
      this.db.exec('COMMIT');
      return value;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Runs a write in a transaction and returns what changed for the grid, as one notice. */
  #collect<T>(fn: () => T): { value: T; changes: SessionsChanged } {
    this.#changes = new ChangeCollector();
    const value = this.#tx(fn);
    const changes = this.#changes.result(this.unreadTotal());
    this.#changes = new ChangeCollector();
    return { value, changes };
  }

  #kvGet<T>(key: string): T | undefined {
    const row = this.#get('SELECT value FROM kv WHERE key = ?', key);
    return row ? (JSON.parse(row.value as string) as T) : undefined;
  }

  #kvSet(key: string, value: unknown): void {
    this.#run(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      JSON.stringify(value),
    );
  }

  // ---------------------------------------------------------------- shown sessions

  #sessionRow(id: string): Row | undefined {
    return this.#get(`SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE id = ?`, id);
  }

  /** Writes the shown row of a session (null: not shown) and records the change. */
  #show(id: string, session: Session | null, gen?: number): void {
    const old = this.#get('SELECT unread_count, gen FROM sessions WHERE id = ?', id);
    this.#gen++;
    if (!session) {
      if (old) {
        this.#run('DELETE FROM sessions WHERE id = ?', id);
        this.#changes.deleted.add(id);
        this.#changes.ids.delete(id);
      }
      return;
    }
    const rowGen = gen ?? (old ? Number(old.gen) : 0);
    this.#run(
      `INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST}) VALUES (${SESSION_PLACEHOLDERS})`,
      ...sessionParams(session, rowGen),
    );
    this.#changes.ids.add(id);
    this.#changes.deleted.delete(id);
    if (old && Number(old.unread_count) > 0 && session.unreadCount === 0) this.#changes.read.add(id);
  }

  #hasBase(id: string): boolean {
    return this.#get('SELECT 1 AS x FROM sessions_base WHERE id = ?', id) !== undefined;
  }

  /** Keeps the backend's state of a session before the first queued action changes it. */
  #ensureBase(id: string): void {
    if (this.#hasBase(id)) return;
    const copied = this.#run(
      `INSERT INTO sessions_base (${SESSION_COLUMN_LIST}, absent) SELECT ${SESSION_COLUMN_LIST}, 0 FROM sessions WHERE id = ?`,
      id,
    );
    if (copied === 0) this.#insertAbsentBase(id);
  }

  #insertAbsentBase(id: string): void {
    this.#run(
      `INSERT OR REPLACE INTO sessions_base (${SESSION_COLUMN_LIST}, absent)
       VALUES (?, '', '', '', '', '', '', '', '', '', 0, 0, 0, '', '', '', '', 0, 1)`,
      id,
    );
  }

  #actionsTouching(sessionId: string): QueuedAction[] {
    return this.#all(
      `SELECT o.* FROM outbox o JOIN outbox_touch t ON t.action_seq = o.seq WHERE t.session_id = ? ORDER BY o.seq`,
      sessionId,
    ).map(toAction);
  }

  /** Rebuilds the shown row (and the messages' overlay) from the backend's state plus the actions still queued. */
  #recompute(sessionId: string): void {
    const base = this.#get(`SELECT * FROM sessions_base WHERE id = ?`, sessionId);
    const actions = this.#actionsTouching(sessionId);
    if (!base) {
      if (actions.length === 0) this.#resetMessageOverlay(sessionId);
      return;
    }
    let session: Session | null = Number(base.absent) === 1 ? null : toSession(base);
    this.#resetMessageOverlay(sessionId);
    for (const action of actions) {
      session = overlaySession(this.#overlayCtx, action, session, sessionId);
      overlayMessages(this.#overlayCtx, action, sessionId);
    }
    this.#show(sessionId, session, Number(base.gen));
    if (actions.length === 0) this.#run('DELETE FROM sessions_base WHERE id = ?', sessionId);
  }

  #resetMessageOverlay(sessionId: string): void {
    this.#run(
      'UPDATE messages SET pending_read_at = NULL, hidden = 0 WHERE session_id = ? AND (pending_read_at IS NOT NULL OR hidden = 1)',
      sessionId,
    );
    // A message sent here whose sending was refused (its action is gone).
    this.#run(
      `DELETE FROM messages WHERE session_id = ? AND origin = 'pending' AND id NOT IN (
         SELECT json_extract(o.payload, '$.message.id') FROM outbox o JOIN outbox_touch t ON t.action_seq = o.seq
          WHERE t.session_id = ? AND o.kind = 'messages.send')`,
      sessionId,
      sessionId,
    );
  }

  /** What overlay.ts may read and write (the messages the effects depend on). */
  readonly #overlayCtx = {
    message: (id: string) => this.#get('SELECT * FROM messages WHERE id = ?', id),
    countUnreadAmong: (sessionId: string, ids: string[]) =>
      Number(
        this.#get(
          `SELECT count(*) AS n FROM messages WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))
              AND read_at IS NULL AND pending_read_at IS NULL AND sender_role <> 'staff' AND origin = 'server' AND hidden = 0`,
          sessionId,
          JSON.stringify(ids),
        )?.n ?? 0,
      ),
    markRead: (sessionId: string, at: string, ids?: string[]) => {
      if (ids) {
        this.#run(
          `UPDATE messages SET pending_read_at = ? WHERE session_id = ? AND id IN (SELECT value FROM json_each(?))
              AND read_at IS NULL AND pending_read_at IS NULL AND sender_role <> 'staff'`,
          at,
          sessionId,
          JSON.stringify(ids),
        );
      } else {
        this.#run(
          `UPDATE messages SET pending_read_at = ? WHERE session_id = ? AND read_at IS NULL AND pending_read_at IS NULL
              AND sender_role <> 'staff'`,
          at,
          sessionId,
        );
      }
    },
    hide: (id: string) => {
      this.#run('UPDATE messages SET hidden = 1 WHERE id = ?', id);
    },
  };

  /** The backend says this is the session's state now. */
  #serverSession(session: Session, gen?: number): void {
    if (this.#hasBase(session.id)) {
      const prev = this.#get('SELECT gen FROM sessions_base WHERE id = ?', session.id);
      this.#run(
        `INSERT OR REPLACE INTO sessions_base (${SESSION_COLUMN_LIST}, absent) VALUES (${SESSION_PLACEHOLDERS}, 0)`,
        ...sessionParams(session, gen ?? Number(prev?.gen ?? 0)),
      );
      this.#recompute(session.id);
    } else {
      this.#show(session.id, session, gen);
    }
  }

  /** The backend deleted the session (and its messages). */
  #serverSessionDeleted(sessionId: string): void {
    this.#run(`DELETE FROM messages WHERE session_id = ? AND origin = 'server'`, sessionId);
    if (this.#hasBase(sessionId)) {
      this.#insertAbsentBase(sessionId);
      this.#recompute(sessionId);
    } else {
      this.#show(sessionId, null);
    }
  }

  #upsertServerMessage(m: Message): boolean {
    const existed = this.#get('SELECT origin FROM messages WHERE id = ?', m.id);
    this.#run(
      `INSERT INTO messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'server')
       ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id, sender_role = excluded.sender_role,
         sender_id = excluded.sender_id, sender_name = excluded.sender_name, body = excluded.body,
         flags = excluded.flags, read_at = excluded.read_at, created_at = excluded.created_at, origin = 'server'`,
      m.id,
      m.sessionId,
      m.senderRole,
      m.senderId,
      m.senderName,
      m.body,
      JSON.stringify(m.flags),
      m.readAt ? utc(m.readAt) : null,
      utc(m.createdAt),
    );
    return existed !== undefined;
  }

  #upsertUser(u: User, gen: number): void {
    this.#names = null;
    this.#run(
      `INSERT OR REPLACE INTO users (id, name, email, role, created_at, name_key, search_text, gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      u.id,
      u.name,
      u.email,
      u.role,
      utc(u.createdAt),
      foldArabic(u.name),
      foldArabic(`${u.name} ${u.email}`),
      gen,
    );
  }

  #upsertProduct(p: Product, gen: number): void {
    this.#names = null;
    this.#run(
      `INSERT OR REPLACE INTO products (id, name, seller_id, price, currency, created_at, name_key, gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      p.id,
      p.name,
      p.sellerId,
      p.price,
      p.currency,
      utc(p.createdAt),
      foldArabic(p.name),
      gen,
    );
  }

  #upsertOrder(o: Order, gen: number): void {
    this.#run(
      `INSERT OR REPLACE INTO orders (id, customer_id, product_id, status, quantity, total, currency, created_at, gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      o.id,
      o.customerId,
      o.productId,
      o.status,
      o.quantity,
      o.total,
      o.currency,
      utc(o.createdAt),
      gen,
    );
  }

  // ---------------------------------------------------------------- sync

  syncMeta(): SyncMeta {
    return {
      cursor: this.#kvGet<number>('sync.cursor') ?? 0,
      snapshotDone: this.#kvGet<boolean>('sync.snapshotDone') ?? false,
      lastSyncedAt: this.#kvGet<string>('sync.lastSyncedAt') ?? null,
      snapshot: this.#kvGet<SyncMeta['snapshot']>('sync.snapshot') ?? null,
    };
  }

  markSynced(at: string): void {
    this.#kvSet('sync.lastSyncedAt', at);
  }

  /** Starts (or restarts) loading a full snapshot; the data already here stays browsable until it is replaced. */
  beginSnapshot(total: number): number {
    return this.#tx(() => {
      const gen = (this.#kvGet<number>('sync.snapshotGen') ?? 0) + 1;
      this.#kvSet('sync.snapshotGen', gen);
      this.#kvSet('sync.snapshot', { gen, minSeq: null, loaded: 0, total });
      this.#kvSet('sync.snapshotDone', false);
      return gen;
    });
  }

  /** One page of one kind; `seq` is the feed position the page is consistent with. */
  putSnapshotPage(
    kind: 'users' | 'products' | 'orders' | 'sessions',
    items: unknown[],
    seq: number,
    gen: number,
  ): { changes: SessionsChanged; progress: number } {
    const { value, changes } = this.#collect(() => {
      for (const item of items) {
        if (kind === 'users') this.#upsertUser(item as User, gen);
        else if (kind === 'products') this.#upsertProduct(item as Product, gen);
        else if (kind === 'orders') this.#upsertOrder(item as Order, gen);
        else this.#serverSession(item as Session, gen);
      }
      const snap = this.#kvGet<NonNullable<SyncMeta['snapshot']>>('sync.snapshot') ?? {
        gen,
        minSeq: null,
        loaded: 0,
        total: 0,
      };
      snap.minSeq = snap.minSeq === null ? seq : Math.min(snap.minSeq, seq);
      snap.loaded += items.length;
      this.#kvSet('sync.snapshot', snap);
      return snap.total > 0 ? Math.min(1, snap.loaded / snap.total) : 1;
    });
    if (kind === 'sessions' && items.length > 0) {
      // Every loaded row refreshes: no need to name a thousand of them.
      changes.all = true;
      changes.sessionIds = [];
      changes.deletedIds = [];
    }
    return { changes, progress: value };
  }

  /**
   * A snapshot page as the backend's JSON text: parsed and checked against the contract here, in the worker, so the
   * thread that serves the window only carries a string.
   */
  putSnapshotPageText(
    kind: 'users' | 'products' | 'orders' | 'sessions',
    text: string | ArrayBuffer | Uint8Array,
    gen: number,
  ): { changes: SessionsChanged; progress: number; nextCursor: string | null; count: number } {
    const page = parseContract(SnapshotPage, text, `the ${kind} snapshot`);
    const items = parseContract(z.array(snapshotItem[kind]), page.items, `the ${kind} snapshot's items`);
    const { changes, progress } = this.putSnapshotPage(kind, items, page.seq, gen);
    return { changes, progress, nextCursor: page.nextCursor, count: items.length };
  }

  /** A page of the change feed as JSON text: parsed, checked and applied here (see applyEvents). */
  applyChangesText(
    text: string | ArrayBuffer | Uint8Array,
    options: { notify?: boolean } = {},
  ): ApplyResult & { received: number; hasMore: boolean } {
    const page = parseContract(ChangesResult, text, 'the change feed');
    if (page.events.length === 0) {
      return {
        changes: emptyChanges(this.unreadTotal()),
        cursor: this.syncMeta().cursor,
        applied: 0,
        gap: false,
        received: 0,
        hasMore: page.hasMore,
      };
    }
    return { ...this.applyEvents(page.events, options), received: page.events.length, hasMore: page.hasMore };
  }

  /** Drops what the snapshot did not contain and sets the cursor to replay the feed from the snapshot's start. */
  finishSnapshot(gen: number): { changes: SessionsChanged; cursor: number } {
    const { value, changes } = this.#collect(() => {
      const snap = this.#kvGet<NonNullable<SyncMeta['snapshot']>>('sync.snapshot');
      const cursor = snap?.minSeq ?? this.#kvGet<number>('sync.cursor') ?? 0;
      this.#names = null;
      this.#run('DELETE FROM users WHERE gen < ?', gen);
      this.#run('DELETE FROM products WHERE gen < ?', gen);
      this.#run('DELETE FROM orders WHERE gen < ?', gen);
      // Sessions no longer on the backend: the untouched ones in one statement, the others through their base.
      const gone = this.#run('DELETE FROM sessions WHERE gen < ? AND id NOT IN (SELECT id FROM sessions_base)', gen);
      if (gone > 0) {
        this.#gen++;
        this.#changes.readUnknown = true;
      }
      for (const row of this.#all('SELECT id FROM sessions_base WHERE gen < ? AND absent = 0', gen)) {
        this.#serverSessionDeleted(row.id as string);
      }
      // Messages may have changed unseen (deleted, read): keep only what queued actions need; the rest is fetched
      // again when a conversation is opened.
      this.#run(`DELETE FROM messages WHERE origin = 'server' AND pending_read_at IS NULL AND hidden = 0`);
      this.#run(`DELETE FROM messages WHERE origin = 'server' AND session_id NOT IN (SELECT id FROM sessions)`);
      this.#kvSet('sync.cursor', cursor);
      this.#kvSet('sync.snapshotDone', true);
      this.#kvSet('sync.snapshot', null);
      this.#kvSet('sync.lastSyncedAt', new Date().toISOString());
      this.#totals.clear();
      return cursor;
    });
    changes.all = true;
    return { changes, cursor: value };
  }

  /**
   * Applies feed events in seq order in one transaction; events at or below the cursor are skipped (replays are
   * harmless). `notify`: new incoming customer/seller messages go into the notice (not during a first replay).
   */
  applyEvents(events: ChangeEvent[], options: { notify?: boolean } = {}): ApplyResult {
    let applied = 0;
    let gap = false;
    const { value: cursor, changes } = this.#collect(() => {
      let cursor = this.#kvGet<number>('sync.cursor') ?? 0;
      for (const event of events) {
        if (event.seq <= cursor) continue;
        if (event.seq !== cursor + 1) {
          gap = true;
          break;
        }
        this.#applyEvent(event, options.notify ?? true);
        cursor = event.seq;
        applied++;
      }
      if (applied > 0) {
        this.#kvSet('sync.cursor', cursor);
        this.#kvSet('sync.lastSyncedAt', new Date().toISOString());
      }
      return cursor;
    });
    return { changes, cursor, applied, gap };
  }

  #applyEvent(event: ChangeEvent, notify: boolean): void {
    switch (event.type) {
      case 'session.upserted':
        this.#serverSession(event.session);
        break;
      case 'session.deleted':
        this.#serverSessionDeleted(event.sessionId);
        break;
      case 'message.created': {
        const m = event.message;
        const known = this.#get('SELECT origin FROM messages WHERE id = ?', m.id);
        this.#upsertServerMessage(m);
        this.#serverSession(event.session);
        if (notify && !known && m.senderRole !== 'staff' && m.readAt === null) {
          this.#changes.notify.push({ ...m, productName: event.session.product.name });
        }
        break;
      }
      case 'message.deleted':
        this.#run('DELETE FROM messages WHERE id = ?', event.messageId);
        this.#serverSession(event.session);
        break;
      case 'messages.read':
        this.#run(
          'UPDATE messages SET read_at = ? WHERE id IN (SELECT value FROM json_each(?))',
          utc(event.readAt),
          JSON.stringify(event.messageIds),
        );
        this.#serverSession(event.session);
        break;
      case 'user.upserted':
        this.#upsertUser(event.user, this.#kvGet<number>('sync.snapshotGen') ?? 0);
        break;
      case 'product.upserted':
        this.#upsertProduct(event.product, this.#kvGet<number>('sync.snapshotGen') ?? 0);
        break;
      case 'order.upserted':
        this.#upsertOrder(event.order, this.#kvGet<number>('sync.snapshotGen') ?? 0);
        break;
      case 'settings.updated':
        this.#kvSet('settings', event.settings);
        this.#changes.settings = true;
        break;
    }
  }

  // ---------------------------------------------------------------- queries

  unreadTotal(): number {
    return Number(this.#get('SELECT unread FROM stats WHERE id = 1')?.unread ?? 0);
  }

  sessionCount(): number {
    return Number(this.#get('SELECT sessions FROM stats WHERE id = 1')?.sessions ?? 0);
  }

  page(input: SessionPageInput, now = Date.now()): SessionPage {
    const matches = this.#searchMatches(input.filter);
    if (matches && (input.filter.flagged === true || input.filter.activeWithinDays !== undefined)) {
      // A search narrowed to flagged or recently active sessions usually matches few of them: one pass over the
      // participant indexes then gives both the total and the rows to sort (instead of one pass to count them and
      // another to page them). Searches without those filters tend to match many, and would read this pass in vain.
      const few = this.#fewMatches(input.filter, now, matches);
      if (few) {
        this.#rememberTotal(input.filter, now, few.length);
        if (few.length === 0) return { rows: [], total: 0 };
        const rows = this.#all(
          `SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE rowid IN (SELECT value FROM json_each(?))
            ORDER BY ${sessionOrderBy(input.sort, input.order, true)} LIMIT ? OFFSET ?`,
          JSON.stringify(few),
          input.limit,
          input.offset,
        );
        return { rows: rows.map(toSession), total: few.length };
      }
    }
    const total = this.#count(input.filter, now, matches);
    if (total === 0) return { rows: [], total };
    if (matches) return { rows: this.#pageOfMatches(input, now, matches, total).map(toSession), total };
    const where = sessionWhere(input.filter, now, matches);
    // Few matches: sort them; many: walk the sort's index and stop after the page.
    const collect = !isEmptyFilter(input.filter) && total <= COLLECT_BELOW;
    // Many matches: walk the sort's index (the planner may otherwise pick a filter's index and sort them all).
    const from =
      !collect && !isEmptyFilter(input.filter) ? `sessions INDEXED BY ${SORT_INDEX[input.sort]}` : 'sessions';
    const rows = this.#all(
      `SELECT ${SESSION_COLUMN_LIST} FROM ${from} WHERE ${where.sql}
        ORDER BY ${sessionOrderBy(input.sort, input.order, collect)} LIMIT ? OFFSET ?`,
      ...where.params,
      input.limit,
      input.offset,
    );
    return { rows: rows.map(toSession), total };
  }

  /**
   * The rowids of a search's sessions when there are at most COLLECT_MATCHES_BELOW of them (the page then sorts them
   * all, whatever the sort, as the collect plan does); null when there are more, or the remembered total says so.
   */
  #fewMatches(filter: SessionFilter, now: number, matches: SearchMatches): number[] | null {
    const memo = this.#totals.get(filterKey(filter, now));
    if (memo && memo.gen === this.#gen && memo.total > COLLECT_MATCHES_BELOW) return null;
    // UNION ALL streams and stops at the limit (a session matched by two names comes twice, and is counted once).
    const branches = matchBranches(filter, now, matches, false, true);
    if (!branches) return [];
    const rows = this.#all(`SELECT r FROM (${branches.sql}) LIMIT ?`, ...branches.params, COLLECT_MATCHES_BELOW + 1);
    return rows.length > COLLECT_MATCHES_BELOW ? null : [...new Set(rows.map((row) => row.r as number))];
  }

  #rememberTotal(filter: SessionFilter, now: number, total: number): void {
    if (this.#totals.size > 64) this.#totals.clear();
    this.#totals.set(filterKey(filter, now), { gen: this.#gen, total });
  }

  /** The number of sessions matching a filter, remembered until the next write. */
  count(filter: SessionFilter, now = Date.now()): number {
    return this.#count(filter, now, this.#searchMatches(filter));
  }

  #count(filter: SessionFilter, now: number, matches: SearchMatches | null): number {
    if (isEmptyFilter(filter)) return this.sessionCount();
    const flagsOnly = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
    if (flagsOnly.length === 1) {
      const stats = this.#get('SELECT sessions, unread_sessions, flagged_sessions FROM stats WHERE id = 1') as Row;
      const [key, value] = flagsOnly[0] as [string, unknown];
      if (key === 'hasUnread') {
        const n = Number(stats.unread_sessions);
        return value ? n : Number(stats.sessions) - n;
      }
      if (key === 'flagged') {
        const n = Number(stats.flagged_sessions);
        return value ? n : Number(stats.sessions) - n;
      }
    }
    const key = filterKey(filter, now);
    const memo = this.#totals.get(key);
    if (memo && memo.gen === this.#gen) return memo.total;
    let total: number;
    if (matches) {
      // Counted from the product/customer/seller indexes alone (they carry the columns of the other filters).
      const union = matchBranches(filter, now, matches, false);
      total = union ? Number(this.#get(`SELECT count(*) AS n FROM (${union.sql})`, ...union.params)?.n ?? 0) : 0;
    } else {
      const where = sessionWhere(filter, now, matches);
      total = Number(this.#get(`SELECT count(*) AS n FROM sessions WHERE ${where.sql}`, ...where.params)?.n ?? 0);
    }
    this.#rememberTotal(filter, now, total);
    return total;
  }

  /**
   * The search as the ids of the products, customers and sellers whose names contain it (small tables), so the
   * sessions are found through their indexes; null (scan the folded names) when too many match to be worth it.
   */
  #searchMatches(filter: SessionFilter): SearchMatches | null {
    const folded = filter.search ? foldArabic(filter.search) : '';
    // A participant or product filter is already selective: its index leads and the names are checked per row.
    if (!folded || folded.includes('|') || filter.customerId || filter.sellerId || filter.productId) return null;
    // The same test as `name_key LIKE '%…%'` (both sides folded, so lower case), over names kept in memory.
    const names = this.#nameLists();
    const found: SearchMatches = { products: [], customers: [], sellers: [] };
    let n = 0;
    for (const kind of ['products', 'customers', 'sellers'] as const) {
      const list = names[kind];
      for (let i = 0; i < list.keys.length; i++) {
        if (!(list.keys[i] as string).includes(folded)) continue;
        if (++n > MAX_SEARCH_IDS) return null;
        found[kind].push(list.ids[i] as string);
      }
    }
    return found;
  }

  /** The folded names of products, customers and sellers, read once and again after any of them changes. */
  #nameLists(): Record<keyof SearchMatches, { ids: string[]; keys: string[] }> {
    if (this.#names) return this.#names;
    const lists: Record<keyof SearchMatches, { ids: string[]; keys: string[] }> = {
      products: { ids: [], keys: [] },
      customers: { ids: [], keys: [] },
      sellers: { ids: [], keys: [] },
    };
    for (const r of this.#all('SELECT id, name_key FROM products')) {
      lists.products.ids.push(r.id as string);
      lists.products.keys.push(r.name_key as string);
    }
    for (const r of this.#all(`SELECT id, name_key, role FROM users WHERE role IN ('customer', 'seller')`)) {
      const list = r.role === 'customer' ? lists.customers : lists.sellers;
      list.ids.push(r.id as string);
      list.keys.push(r.name_key as string);
    }
    this.#names = lists;
    return lists;
  }

  /**
   * A page of a search resolved to ids (see #searchMatches), by the cheapest of three plans:
   *  - "top keys": for the default sort (last message), the page's latest rows are picked from the product/customer/
   *    seller indexes alone (they carry the time), then only those rows are read;
   *  - "walk": the sort's index is walked and each row checked, stopping after the page — cheap when matches are
   *    spread along that order; a name sort of the kind the search matched walks only the range of those names;
   *  - "collect": every match is read and sorted — when few match (a few thousand), or when a walk could cross most of the table
   *    before meeting them (a name sort of a kind that matched alongside others).
   */
  #pageOfMatches(input: SessionPageInput, now: number, matches: SearchMatches, total: number): Row[] {
    const { filter, sort, order, offset, limit } = input;
    const dir = order === 'asc' ? 'ASC' : 'DESC';
    const wanted = offset + limit;
    const cols = SESSION_COLUMN_LIST;
    const kinds = (['products', 'customers', 'sellers'] as const).filter((k) => matches[k].length > 0);
    const walkCost = (wanted * this.sessionCount()) / total;

    if (sort === 'lastMessageAt' && total > COLLECT_MATCHES_BELOW && total <= TOP_KEYS_BELOW && walkCost > total / 8) {
      const keyed = matchBranches(filter, now, matches, true);
      if (!keyed) return [];
      // One pass over the indexes keeps the `wanted` latest; rows tied with the last of them (same time, other id)
      // are added by a seek, so the id order at the page's edge is exact.
      const top = this.#all(`SELECT r, k FROM (${keyed.sql}) ORDER BY k ${dir} LIMIT ?`, ...keyed.params, wanted);
      const rowids = new Set(top.map((t) => t.r as number));
      const edge = top.length === wanted ? top[top.length - 1]?.k : undefined;
      if (edge !== undefined) {
        for (const t of this.#all(`SELECT r FROM (${keyed.sql}) WHERE k = ?`, ...keyed.params, edge)) {
          rowids.add(t.r as number);
        }
      }
      return this.#all(
        `SELECT ${cols} FROM sessions WHERE rowid IN (SELECT value FROM json_each(?))
          ORDER BY ${sessionOrderBy(sort, order, true)} LIMIT ? OFFSET ?`,
        JSON.stringify([...rowids]),
        limit,
        offset,
      );
    }

    const nameKind = NAME_SORT_KIND[sort];
    let range: { sql: string; params: SqlValue[] } | null = null;
    let walk = walkCost < total && total > COLLECT_MATCHES_BELOW;
    if (nameKind && matches[nameKind].length > 0) {
      if (kinds.length === 1) {
        // Every match carries one of the matched names: walk only between the first and the last of them.
        const table = nameKind === 'products' ? 'products' : 'users';
        const span = this.#get(
          `SELECT min(name_key) AS lo, max(name_key) AS hi FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
          JSON.stringify(matches[nameKind]),
        );
        if (span?.lo != null && span.hi != null) {
          range = { sql: ` AND ${SORT_COLUMNS[sort]} BETWEEN ? AND ?`, params: [span.lo, span.hi] };
        } else walk = false;
      } else {
        walk = false;
      }
    }
    if (walk) {
      const where = sessionWhere(filter, now, matches);
      return this.#all(
        `SELECT ${cols} FROM sessions INDEXED BY ${SORT_INDEX[sort]} WHERE ${where.sql}${range?.sql ?? ''}
          ORDER BY ${sessionOrderBy(sort, order)} LIMIT ? OFFSET ?`,
        ...where.params,
        ...(range?.params ?? []),
        limit,
        offset,
      );
    }
    const union = matchBranches(filter, now, matches, false);
    if (!union) return [];
    return this.#all(
      `SELECT ${cols} FROM sessions WHERE rowid IN (${union.sql})
        ORDER BY ${sessionOrderBy(sort, order, true)} LIMIT ? OFFSET ?`,
      ...union.params,
      limit,
      offset,
    );
  }

  /** Forgets the remembered totals (benchmarks measure the first page of a filter, count included). */
  forgetTotals(): void {
    this.#totals.clear();
  }

  /** Ids of the sessions matching a filter (bulk actions, export), in the given order. */
  matchingIds(filter: SessionFilter, now = Date.now()): string[] {
    const where = sessionWhere(filter, now);
    return this.#all(`SELECT id FROM sessions WHERE ${where.sql}`, ...where.params).map((r) => r.id as string);
  }

  getSession(id: string): Session | null {
    const row = this.#sessionRow(id);
    return row ? toSession(row) : null;
  }

  requireSession(id: string, field = 'id'): Session {
    const session = this.getSession(id);
    if (!session) throw new AppError('not_found', `No chat session with id ${id}`, { [field]: 'no such session' });
    return session;
  }

  messagesList(sessionId: string, before: string | undefined, limit: number): { items: Message[]; hasMore: boolean } {
    let rows: Row[];
    if (before) {
      const anchor = this.#get(
        'SELECT created_at, id FROM messages WHERE id = ? AND session_id = ?',
        before,
        sessionId,
      );
      if (!anchor) {
        throw new AppError('not_found', `No message ${before} in this session`, { before: 'no such message here' });
      }
      rows = this.#all(
        `SELECT * FROM messages WHERE session_id = ? AND hidden = 0 AND (created_at, id) < (?, ?)
          ORDER BY created_at DESC, id DESC LIMIT ?`,
        sessionId,
        anchor.created_at as string,
        anchor.id as string,
        limit + 1,
      );
    } else {
      rows = this.#all(
        'SELECT * FROM messages WHERE session_id = ? AND hidden = 0 ORDER BY created_at DESC, id DESC LIMIT ?',
        sessionId,
        limit + 1,
      );
    }
    const hasMore = rows.length > limit;
    return { items: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  /**
   * Keeps a page of messages fetched from the backend; server messages inside the page's time range that the page
   * does not hold were deleted meanwhile. Messages newer than the page are left alone (a live event may have
   * brought them after the fetch).
   */
  putMessages(sessionId: string, items: Message[], complete: boolean, before?: string): void {
    this.#tx(() => {
      for (const m of items) this.#upsertServerMessage(m);
      const first = items[0];
      const last = items.at(-1);
      if (first && last) {
        const ids = JSON.stringify(items.map((m) => m.id));
        const lower = complete ? '' : utc(first.createdAt);
        let upper = utc(last.createdAt);
        if (before) {
          const anchor = this.#get('SELECT created_at FROM messages WHERE id = ?', before);
          if (anchor) upper = anchor.created_at as string;
        }
        this.#run(
          `DELETE FROM messages WHERE session_id = ? AND origin = 'server' AND created_at >= ? AND created_at <= ?
              AND id NOT IN (SELECT value FROM json_each(?)) AND id <> ?`,
          sessionId,
          lower,
          upper,
          ids,
          before ?? '',
        );
      } else if (complete && !before) {
        this.#run(`DELETE FROM messages WHERE session_id = ? AND origin = 'server'`, sessionId);
      }
      if (this.#hasBase(sessionId)) {
        this.#resetMessageOverlay(sessionId);
        for (const action of this.#actionsTouching(sessionId)) overlayMessages(this.#overlayCtx, action, sessionId);
      }
    });
  }

  /** Checks that product, customer and seller exist here and fit together (as the backend will); names each field. */
  resolveParties(
    productId: string,
    customerId: string,
    sellerId?: string,
  ): { product: NamedRef; customer: NamedRef; seller: NamedRef } {
    const product = this.#get('SELECT id, name, seller_id FROM products WHERE id = ?', productId);
    const sid = sellerId ?? (product?.seller_id as string | undefined);
    const customer = this.#get('SELECT id, name, role FROM users WHERE id = ?', customerId);
    const seller = sid ? this.#get('SELECT id, name, role FROM users WHERE id = ?', sid) : undefined;
    const missing: Record<string, string> = {};
    if (!product) missing.productId = 'no such product';
    if (!customer) missing.customerId = 'no such customer';
    if (!seller) missing.sellerId = 'no such seller';
    if (Object.keys(missing).length) {
      throw new AppError('not_found', `Unknown ${Object.keys(missing)[0]}`, missing);
    }
    if (!product || !customer || !seller) throw new AppError('not_found', 'Unknown product');
    if (customer.id === seller.id) {
      throw new AppError('conflict', 'The customer and the seller must be different people', {
        sellerId: 'must differ from the customer',
      });
    }
    const wrong: Record<string, string> = {};
    if (customer.role !== 'customer') wrong.customerId = 'is not a customer';
    if (seller.role !== 'seller') wrong.sellerId = 'is not a seller';
    if (Object.keys(wrong).length) {
      throw new AppError('bad_request', `Wrong participant: ${Object.entries(wrong)[0]?.join(' ')}`, wrong);
    }
    return {
      product: { id: product.id as string, name: product.name as string },
      customer: { id: customer.id as string, name: customer.name as string },
      seller: { id: seller.id as string, name: seller.name as string },
    };
  }

  optionsUsers(role: 'customer' | 'seller', search: string, limit: number): Option[] {
    const folded = foldArabic(search);
    const rows = folded
      ? this.#all(
          `SELECT id, name, email FROM users WHERE role = ? AND search_text LIKE ? ESCAPE '\\' ORDER BY name_key, id LIMIT ?`,
          role,
          likeContains(folded),
          limit,
        )
      : this.#all('SELECT id, name, email FROM users WHERE role = ? ORDER BY name_key, id LIMIT ?', role, limit);
    return rows.map((r) => ({ id: r.id as string, label: r.name as string, hint: r.email as string }));
  }

  optionsProducts(search: string, limit: number): ProductOption[] {
    const folded = foldArabic(search);
    const rows = this.#all(
      `SELECT p.id, p.name, p.seller_id, u.name AS seller_name FROM products p LEFT JOIN users u ON u.id = p.seller_id
        WHERE (? = '' OR p.name_key LIKE ? ESCAPE '\\') ORDER BY p.name_key, p.id LIMIT ?`,
      folded,
      likeContains(folded),
      limit,
    );
    return rows.map((r) => ({
      id: r.id as string,
      label: r.name as string,
      sellerId: r.seller_id as string,
      ...(r.seller_name ? { hint: r.seller_name as string } : {}),
    }));
  }

  usersList(input: CallParsedInput<'users.list'>): CallOutput<'users.list'> {
    const folded = foldArabic(input.search);
    const where = `(? IS NULL OR role = ?) AND (? = '' OR search_text LIKE ? ESCAPE '\\')`;
    const params: SqlValue[] = [input.role ?? null, input.role ?? null, folded, likeContains(folded)];
    const rows = this.#all(
      `SELECT * FROM users WHERE ${where} ORDER BY name_key, id LIMIT ? OFFSET ?`,
      ...params,
      input.limit,
      input.offset,
    );
    const total = Number(this.#get(`SELECT count(*) AS n FROM users WHERE ${where}`, ...params)?.n ?? 0);
    return {
      items: rows.map((r) => ({
        ...toUser(r),
        sessionsCount: Number(
          this.#get(
            r.role === 'seller'
              ? 'SELECT count(*) AS n FROM sessions WHERE seller_id = ?'
              : 'SELECT count(*) AS n FROM sessions WHERE customer_id = ?',
            r.id as string,
          )?.n ?? 0,
        ),
      })),
      total,
    };
  }

  ordersList(input: CallParsedInput<'orders.list'>): CallOutput<'orders.list'> {
    const folded = foldArabic(input.search);
    const where = `(? IS NULL OR o.customer_id = ?) AND (? IS NULL OR o.product_id = ?)
      AND (? = '' OR u.search_text LIKE ? ESCAPE '\\' OR p.name_key LIKE ? ESCAPE '\\')`;
    const like = likeContains(folded);
    const params: SqlValue[] = [
      input.customerId ?? null,
      input.customerId ?? null,
      input.productId ?? null,
      input.productId ?? null,
      folded,
      like,
      like,
    ];
    const from = 'FROM orders o LEFT JOIN users u ON u.id = o.customer_id LEFT JOIN products p ON p.id = o.product_id';
    const rows = this.#all(
      `SELECT o.*, u.name AS customer_name, p.name AS product_name ${from} WHERE ${where}
        ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?`,
      ...params,
      input.limit,
      input.offset,
    );
    const total = Number(this.#get(`SELECT count(*) AS n ${from} WHERE ${where}`, ...params)?.n ?? 0);
    return {
      items: rows.map((r) => ({
        ...toOrder(r),
        customerName: (r.customer_name as string | null) ?? '',
        productName: (r.product_name as string | null) ?? '',
      })),
      total,
    };
  }

  ordersForSession(sessionId: string): Order[] {
    const session = this.requireSession(sessionId, 'sessionId');
    return this.#all(
      'SELECT * FROM orders WHERE customer_id = ? AND product_id = ? ORDER BY created_at DESC, id DESC',
      session.customer.id,
      session.product.id,
    ).map(toOrder);
  }

  productGet(id: string): Product {
    const row = this.#get('SELECT * FROM products WHERE id = ?', id);
    if (!row) throw new AppError('not_found', `No product with id ${id}`, { id: 'no such product' });
    return toProduct(row);
  }

  /** The backend's settings with a queued change laid over them. */
  settings(): Settings {
    const pending = this.#get(`SELECT payload FROM outbox WHERE kind = 'settings.update' ORDER BY seq DESC LIMIT 1`);
    if (pending) return (JSON.parse(pending.payload as string) as { settings: Settings }).settings;
    return this.#kvGet<Settings>('settings') ?? { chatMobileEnabled: true };
  }

  putSettings(settings: Settings): void {
    this.#kvSet('settings', settings);
  }

  prefs(): Prefs {
    const stored = this.#kvGet<Partial<Prefs>>('prefs') ?? {};
    return { ...DEFAULT_PREFS, ...stored };
  }

  updatePrefs(patch: Partial<Prefs>): Prefs {
    const next = { ...this.prefs(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.#kvSet('prefs', next);
    return next;
  }

  /** Free-form values of the core (the account this cache belongs to, …). */
  getValue<T>(key: string): T | undefined {
    return this.#kvGet<T>(`core.${key}`);
  }

  setValue(key: string, value: unknown): void {
    this.#kvSet(`core.${key}`, value);
  }

  // ---------------------------------------------------------------- outbox

  /**
   * Writes a staff action: checks it against the cache (a clear error at once, nothing queued), queues it and
   * lays its effect over the cache — one transaction, so a crash leaves either both or neither.
   */
  enqueue(payload: ActionPayload, actionId: string, now: string): EnqueueResult {
    const { value, changes } = this.#collect(() => {
      const touched = this.#prepare(payload);
      const info = this.#stmt(
        `INSERT INTO outbox (id, kind, payload, state, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      ).run(actionId, payload.kind, JSON.stringify(payload), now);
      const seq = Number(info.lastInsertRowid);
      const action: QueuedAction = {
        seq,
        id: actionId,
        kind: payload.kind,
        payload,
        state: 'pending',
        attempts: 0,
        lastError: null,
        createdAt: now,
      };
      const result = this.#applyNew(action, touched);
      return { action, result };
    });
    return { action: value.action, value: value.result, changes };
  }

  /** Checks an action and names the sessions it touches (a SQL statement for "all matching"). */
  #prepare(payload: ActionPayload): string[] | { sql: string; params: SqlValue[] } {
    switch (payload.kind) {
      case 'sessions.create': {
        const s = payload.session;
        if (this.getSession(s.id)) throw new AppError('conflict', 'A session with this id exists', { id: 'is taken' });
        return [s.id];
      }
      case 'sessions.update':
      case 'sessions.delete':
        this.requireSession(payload.id);
        return [payload.id];
      case 'sessions.deleteMany':
      case 'sessions.markRead': {
        const target = payload.target;
        if (isQueryTarget(target)) {
          const where = sessionWhere(target.query, Date.now());
          const extra = payload.kind === 'sessions.markRead' ? ' AND unread_count > 0' : '';
          return { sql: `SELECT id FROM sessions WHERE ${where.sql}${extra}`, params: where.params };
        }
        return target.ids.filter((id) => this.#sessionRow(id) !== undefined);
      }
      case 'messages.send':
        this.requireSession(payload.message.sessionId, 'sessionId');
        return [payload.message.sessionId];
      case 'messages.delete': {
        const row = this.#get('SELECT session_id, hidden FROM messages WHERE id = ?', payload.id);
        if (!row || Number(row.hidden) === 1) {
          throw new AppError('not_found', `No message with id ${payload.id}`, { id: 'no such message' });
        }
        payload.sessionId = row.session_id as string;
        return [payload.sessionId];
      }
      case 'messages.markRead':
        this.requireSession(payload.sessionId, 'sessionId');
        return [payload.sessionId];
      case 'settings.update':
        return [];
    }
  }

  #applyNew(action: QueuedAction, touched: string[] | { sql: string; params: SqlValue[] }): unknown {
    const p = action.payload;
    if (Array.isArray(touched)) {
      for (const id of touched) {
        this.#ensureBase(id);
        this.#run('INSERT OR IGNORE INTO outbox_touch (session_id, action_seq) VALUES (?, ?)', id, action.seq);
      }
    } else {
      // "All matching": named in SQL, laid over in SQL (the effects of these two kinds do not depend on the row).
      this.#run(
        `INSERT OR IGNORE INTO sessions_base (${SESSION_COLUMN_LIST}, absent)
         SELECT ${SESSION_COLUMN_LIST}, 0 FROM sessions WHERE id IN (${touched.sql})`,
        ...touched.params,
      );
      this.#run(
        `INSERT OR IGNORE INTO outbox_touch (session_id, action_seq) SELECT id, ? FROM (${touched.sql})`,
        action.seq,
        ...touched.params,
      );
    }
    const ids = Array.isArray(touched)
      ? touched
      : this.#all('SELECT session_id AS id FROM outbox_touch WHERE action_seq = ?', action.seq).map(
          (r) => r.id as string,
        );

    if (p.kind === 'sessions.deleteMany' || p.kind === 'sessions.markRead') {
      if (ids.length > MAX_NAMED_CHANGES) return this.#applyBulk(action, ids.length);
    }
    let affected = 0;
    let result: unknown;
    for (const id of ids) {
      const before = this.getSession(id);
      let after: Session | null;
      if (p.kind === 'messages.send') this.#insertPendingMessage(p.message);
      after = overlaySession(this.#overlayCtx, action, before, id);
      overlayMessages(this.#overlayCtx, action, id);
      this.#show(id, after);
      if (p.kind === 'sessions.markRead' || p.kind === 'messages.markRead') {
        affected += Math.max(0, (before?.unreadCount ?? 0) - (after?.unreadCount ?? 0));
      } else if (p.kind === 'sessions.delete' || p.kind === 'sessions.deleteMany') {
        if (before && !after) affected++;
      } else if (p.kind === 'messages.delete') {
        affected = 1;
      }
      result = after;
    }
    switch (p.kind) {
      case 'sessions.create':
      case 'sessions.update':
        return result;
      case 'messages.send':
        return p.message;
      case 'settings.update':
        return p.settings;
      default:
        return { affected };
    }
  }

  #applyBulk(action: QueuedAction, count: number): { affected: number } {
    const inAction = 'SELECT session_id FROM outbox_touch WHERE action_seq = ?';
    this.#gen++;
    this.#changes.all = true;
    if (action.payload.kind === 'sessions.deleteMany') {
      const affected = this.#run(`DELETE FROM sessions WHERE id IN (${inAction})`, action.seq);
      return { affected };
    }
    const affected = Number(
      this.#get(`SELECT coalesce(sum(unread_count), 0) AS n FROM sessions WHERE id IN (${inAction})`, action.seq)?.n,
    );
    this.#changes.readUnknown = true;
    this.#run(`UPDATE sessions SET unread_count = 0 WHERE id IN (${inAction}) AND unread_count > 0`, action.seq);
    this.#run(
      `UPDATE messages SET pending_read_at = ? WHERE session_id IN (${inAction}) AND read_at IS NULL
          AND pending_read_at IS NULL AND sender_role <> 'staff'`,
      action.createdAt,
      action.seq,
    );
    void count;
    return { affected };
  }

  #insertPendingMessage(m: Message): void {
    this.#run(
      `INSERT INTO messages (id, session_id, sender_role, sender_id, sender_name, body, flags, read_at, created_at, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 'pending')`,
      m.id,
      m.sessionId,
      m.senderRole,
      m.senderId,
      m.senderName,
      m.body,
      JSON.stringify(m.flags),
      utc(m.createdAt),
    );
  }

  /** The next action to send (in order), or null. */
  nextPending(): QueuedAction | null {
    const row = this.#get(`SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 1`);
    return row ? toAction(row) : null;
  }

  pendingCount(): number {
    return Number(this.#get(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`)?.n ?? 0);
  }

  ackedCount(): number {
    return Number(this.#get(`SELECT count(*) AS n FROM outbox WHERE state = 'acked'`)?.n ?? 0);
  }

  listActions(): QueuedAction[] {
    return this.#all('SELECT * FROM outbox ORDER BY seq').map(toAction);
  }

  recordAttempt(actionId: string, error: string | null): void {
    this.#run('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?', error, actionId);
  }

  /** The backend accepted the action; its effect stays laid over until its events are applied (settleAcked). */
  markAcked(actionId: string, response?: unknown): void {
    this.#tx(() => {
      const row = this.#get('SELECT kind FROM outbox WHERE id = ?', actionId);
      this.#run(`UPDATE outbox SET state = 'acked' WHERE id = ?`, actionId);
      if (row?.kind === 'settings.update' && response) this.#kvSet('settings', response);
    });
  }

  /** Called once the cache has applied the feed up to the backend's head: accepted actions are now in it. */
  settleAcked(): SessionsChanged {
    const acked = this.#all(`SELECT seq FROM outbox WHERE state = 'acked' ORDER BY seq`).map((r) => Number(r.seq));
    if (acked.length === 0) return emptyChanges(this.unreadTotal());
    return this.#collect(() => {
      for (const seq of acked) this.#removeAction(seq);
    }).changes;
  }

  /** The backend refused the action: it is dropped and the cache shows the backend's state again. */
  refuse(actionId: string): { action: QueuedAction | null; changes: SessionsChanged } {
    const row = this.#get('SELECT * FROM outbox WHERE id = ?', actionId);
    if (!row) return { action: null, changes: emptyChanges(this.unreadTotal()) };
    const action = toAction(row);
    const { changes } = this.#collect(() => {
      this.#removeAction(action.seq);
      // The settings shown were the queued change laid over the backend's: they go back.
      if (action.kind === 'settings.update') this.#changes.settings = true;
    });
    return { action, changes };
  }

  #removeAction(seq: number): void {
    const touched = this.#all('SELECT session_id FROM outbox_touch WHERE action_seq = ?', seq).map(
      (r) => r.session_id as string,
    );
    this.#run('DELETE FROM outbox_touch WHERE action_seq = ?', seq);
    this.#run('DELETE FROM outbox WHERE seq = ?', seq);
    if (touched.length > MAX_NAMED_CHANGES) {
      // A bulk action: sessions no other action touches go back to the backend's state in a few statements.
      this.#changes.all = true;
      this.#changes.readUnknown = true;
      this.#gen++;
      this.db.exec(
        'CREATE TEMP TABLE IF NOT EXISTS settle (id TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.settle;',
      );
      const ins = this.#stmt('INSERT OR IGNORE INTO temp.settle (id) VALUES (?)');
      for (const id of touched) ins.run(id);
      this.db.exec('DELETE FROM temp.settle WHERE id IN (SELECT session_id FROM outbox_touch)');
      this.#run(`DELETE FROM sessions WHERE id IN (SELECT b.id FROM sessions_base b JOIN temp.settle s ON s.id = b.id
        WHERE b.absent = 1)`);
      this.#run(`INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST})
        SELECT ${SESSION_COLUMN_LIST} FROM sessions_base WHERE absent = 0 AND id IN (SELECT id FROM temp.settle)`);
      this.#run(
        `UPDATE messages SET pending_read_at = NULL, hidden = 0 WHERE session_id IN (SELECT id FROM temp.settle)`,
      );
      this.#run('DELETE FROM sessions_base WHERE id IN (SELECT id FROM temp.settle)');
      const rest = this.#all(
        'SELECT DISTINCT session_id AS id FROM outbox_touch WHERE session_id IN (SELECT value FROM json_each(?))',
        JSON.stringify(touched),
      );
      for (const r of rest) this.#recompute(r.id as string);
      return;
    }
    for (const id of touched) this.#recompute(id);
  }

  // ---------------------------------------------------------------- export and benchmarks

  /** Rows of a filtered, sorted list in pages by offset (export reads through this). */
  sessionsSlice(
    filter: SessionFilter,
    sort: SessionPageInput['sort'],
    order: SessionPageInput['order'],
    offset: number,
    limit: number,
  ): Session[] {
    const where = sessionWhere(filter, Date.now());
    return this.#all(
      `SELECT ${SESSION_COLUMN_LIST} FROM sessions WHERE ${where.sql} ORDER BY ${sessionOrderBy(sort, order)} LIMIT ? OFFSET ?`,
      ...where.params,
      limit,
      offset,
    ).map(toSession);
  }

  /** Writes generated sessions straight into the cache (benchmarks, tests). */
  bulkInsertSessions(sessions: Session[]): void {
    this.#tx(() => {
      const stmt = this.#stmt(
        `INSERT OR REPLACE INTO sessions (${SESSION_COLUMN_LIST}) VALUES (${SESSION_PLACEHOLDERS})`,
      );
      for (const s of sessions) stmt.run(...sessionParams(s, 0));
      this.#gen++;
    });
  }

  /** B2 offline: the messages held here whose folded body contains the folded query (messageSearch.ts). */
  messageSearch(input: CachedMessageSearch): ReturnType<typeof searchCachedMessages> {
    return searchCachedMessages(this.db, input);
  }

  /** Of a backend search's hits, those deleted here while the delete is queued (see locallyDeleted). */
  messageSearchDeleted(hits: Array<{ id: string; sessionId: string }>): ReturnType<typeof locallyDeleted> {
    return locallyDeleted(this.db, hits);
  }

  info(): Pick<AppInfo, 'name'> & { sessions: number; unread: number; pending: number } {
    return { name: 'cache', sessions: this.sessionCount(), unread: this.unreadTotal(), pending: this.pendingCount() };
  }
}

function toAction(r: Row): QueuedAction {
  return {
    seq: Number(r.seq),
    id: r.id as string,
    kind: r.kind as QueuedAction['kind'],
    payload: JSON.parse(r.payload as string) as ActionPayload,
    state: r.state as QueuedAction['state'],
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: r.created_at as string,
  };
}

export { type Staff, sessionSearchText };

function parseContract<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  let value = input;
  const text = input instanceof ArrayBuffer || input instanceof Uint8Array ? new TextDecoder().decode(input) : input;
  if (typeof text === 'string') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError('internal', `The backend sent ${what} as something other than JSON`, undefined, 502);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('internal', `The backend sent ${what} outside the contract`, undefined, 502);
  return parsed.data;
}
