// The backend's state coming in: full snapshots (page by page, then what they did not contain is dropped) and the
// change feed (events applied in seq order, a hole reported, replays harmless since every write is a full-state
// upsert). Pages arrive as the backend's JSON text and are parsed and checked against the contract here, in the
// cache worker. Where the sync stands (cursor, snapshot progress) is kept in the key-value table.
import { z } from 'zod';
import { ChangesResult, type SnapshotKind, SnapshotPage, snapshotItem } from '../../../shared/api.ts';
import { foldArabic } from '../../../shared/arabicFold.ts';
import type { Order, Product, Session, User } from '../../../shared/domain.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ChangeEvent } from '../../../shared/events.ts';
import { userSearchText } from '../../../shared/search.ts';
import { emptyChanges, type SessionsChanged } from './actions.ts';
import { deleteCannedReply, upsertCannedReply } from './cannedReplies.ts';
import type { CacheDb } from './db.ts';
import { upsertServerMessage } from './messages.ts';
import { applyModerationItem, upsertSanction } from './moderationCache.ts';
import { assigneeBefore, inNotifyScope, noticeAssignment } from './notifyScope.ts';
import { utc } from './rows.ts';
import { serverSession, serverSessionDeleted } from './shownSessions.ts';

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

export function syncMeta(db: CacheDb): SyncMeta {
  return {
    cursor: db.kvGet<number>('sync.cursor') ?? 0,
    snapshotDone: db.kvGet<boolean>('sync.snapshotDone') ?? false,
    lastSyncedAt: db.kvGet<string>('sync.lastSyncedAt') ?? null,
    snapshot: db.kvGet<SyncMeta['snapshot']>('sync.snapshot') ?? null,
  };
}

export function markSynced(db: CacheDb, at: string): void {
  db.kvSet('sync.lastSyncedAt', at);
}

/** Starts (or restarts) loading a full snapshot; the data already here stays browsable until it is replaced. */
export function beginSnapshot(db: CacheDb, total: number): number {
  return db.tx(() => {
    // An empty cache's first load writes the sessions without most of their indexes (deferredIndexes.ts).
    db.deferIndexes();
    const gen = (db.kvGet<number>('sync.snapshotGen') ?? 0) + 1;
    db.kvSet('sync.snapshotGen', gen);
    db.kvSet('sync.snapshot', { gen, minSeq: null, loaded: 0, total });
    db.kvSet('sync.snapshotDone', false);
    return gen;
  });
}

/** One page of one kind; `seq` is the feed position the page is consistent with. */
export function putSnapshotPage(
  db: CacheDb,
  kind: SnapshotKind,
  items: unknown[],
  seq: number,
  gen: number,
): { changes: SessionsChanged; progress: number } {
  const { value, changes } = db.collect(() => {
    for (const item of items) {
      if (kind === 'users') upsertUser(db, item as User, gen);
      else if (kind === 'products') upsertProduct(db, item as Product, gen);
      else if (kind === 'orders') upsertOrder(db, item as Order, gen);
      else serverSession(db, item as Session, gen);
    }
    const snap = db.kvGet<NonNullable<SyncMeta['snapshot']>>('sync.snapshot') ?? {
      gen,
      minSeq: null,
      loaded: 0,
      total: 0,
    };
    snap.minSeq = snap.minSeq === null ? seq : Math.min(snap.minSeq, seq);
    snap.loaded += items.length;
    db.kvSet('sync.snapshot', snap);
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
export function putSnapshotPageText(
  db: CacheDb,
  kind: SnapshotKind,
  text: string | ArrayBuffer | Uint8Array,
  gen: number,
): { changes: SessionsChanged; progress: number; nextCursor: string | null; count: number } {
  const page = parseSnapshotPageText(kind, text);
  const { changes, progress } = putSnapshotPage(db, kind, page.items, page.seq, gen);
  return { changes, progress, nextCursor: page.nextCursor, count: page.items.length };
}

/** A snapshot page's JSON text, parsed and checked against the contract (its items too). */
export function parseSnapshotPageText(
  kind: SnapshotKind,
  text: string | ArrayBuffer | Uint8Array,
): { items: unknown[]; seq: number; nextCursor: string | null } {
  const page = parseContract(SnapshotPage, text, `the ${kind} snapshot`);
  const items = parseContract(z.array(snapshotItem[kind]), page.items, `the ${kind} snapshot's items`);
  return { items, seq: page.seq, nextCursor: page.nextCursor };
}

/** Drops what the snapshot did not contain and sets the cursor to replay the feed from the snapshot's start. */
export function finishSnapshot(db: CacheDb, gen: number): { changes: SessionsChanged; cursor: number } {
  const { value, changes } = db.collect(() => {
    const snap = db.kvGet<NonNullable<SyncMeta['snapshot']>>('sync.snapshot');
    const cursor = snap?.minSeq ?? db.kvGet<number>('sync.cursor') ?? 0;
    db.names = null;
    db.run('DELETE FROM users WHERE gen < ?', gen);
    db.run('DELETE FROM products WHERE gen < ?', gen);
    db.run('DELETE FROM orders WHERE gen < ?', gen);
    // Sessions no longer on the backend: the untouched ones in one statement, the others through their base.
    const gone = db.run('DELETE FROM sessions WHERE gen < ? AND id NOT IN (SELECT id FROM sessions_base)', gen);
    if (gone > 0) {
      db.gen++;
      db.changes.readUnknown = true;
    }
    for (const row of db.all('SELECT id FROM sessions_base WHERE gen < ? AND absent = 0', gen)) {
      serverSessionDeleted(db, row.id as string);
    }
    // Messages may have changed unseen (deleted, read): keep only what queued actions need; the rest is fetched
    // again when a conversation is opened.
    db.run(`DELETE FROM messages WHERE origin = 'server' AND pending_read_at IS NULL AND hidden = 0`);
    db.run(`DELETE FROM messages WHERE origin = 'server' AND session_id NOT IN (SELECT id FROM sessions)`);
    db.kvSet('sync.cursor', cursor);
    db.kvSet('sync.snapshotDone', true);
    db.kvSet('sync.snapshot', null);
    db.kvSet('sync.lastSyncedAt', new Date().toISOString());
    db.totals.clear();
    // A first load's deferred indexes, each built in one sorted pass now that every row is in.
    db.buildIndexes();
    return cursor;
  });
  changes.all = true;
  return { changes, cursor: value };
}

/** A page of the change feed as JSON text: parsed, checked and applied here (see applyEvents). */
export function applyChangesText(
  db: CacheDb,
  text: string | ArrayBuffer | Uint8Array,
  options: { notify?: boolean } = {},
): ApplyResult & { received: number; hasMore: boolean } {
  const page = parseContract(ChangesResult, text, 'the change feed');
  if (page.events.length === 0) {
    return {
      changes: emptyChanges(db.unreadTotal()),
      cursor: syncMeta(db).cursor,
      applied: 0,
      gap: false,
      received: 0,
      hasMore: page.hasMore,
    };
  }
  return { ...applyEvents(db, page.events, options), received: page.events.length, hasMore: page.hasMore };
}

/**
 * Applies feed events in seq order in one transaction; events at or below the cursor are skipped (replays are
 * harmless). `notify`: new incoming customer/seller messages go into the notice (not during a first replay).
 */
export function applyEvents(db: CacheDb, events: ChangeEvent[], options: { notify?: boolean } = {}): ApplyResult {
  let applied = 0;
  let gap = false;
  const { value: cursor, changes } = db.collect(() => {
    let cursor = db.kvGet<number>('sync.cursor') ?? 0;
    for (const event of events) {
      if (event.seq <= cursor) continue;
      if (event.seq !== cursor + 1) {
        gap = true;
        break;
      }
      applyEvent(db, event, options.notify ?? true);
      cursor = event.seq;
      applied++;
    }
    if (applied > 0) {
      db.kvSet('sync.cursor', cursor);
      db.kvSet('sync.lastSyncedAt', new Date().toISOString());
    }
    return cursor;
  });
  return { changes, cursor, applied, gap };
}

function applyEvent(db: CacheDb, event: ChangeEvent, notify: boolean): void {
  switch (event.type) {
    case 'session.upserted': {
      const before = notify ? assigneeBefore(db, event.session.id) : undefined;
      serverSession(db, event.session);
      if (notify) noticeAssignment(db, before, event.session, event.actor);
      break;
    }
    case 'session.deleted':
      serverSessionDeleted(db, event.sessionId);
      break;
    case 'message.created': {
      const m = event.message;
      const known = db.get('SELECT origin FROM messages WHERE id = ?', m.id);
      upsertServerMessage(db, m);
      serverSession(db, event.session);
      if (notify && !known && m.senderRole !== 'staff' && m.readAt === null && inNotifyScope(db, event.session)) {
        db.changes.notify.push({ ...m, productName: event.session.product.name });
      }
      break;
    }
    case 'message.updated':
      // B9: removed or restored by a moderator; staff still read it, the session's counters change.
      upsertServerMessage(db, event.message);
      serverSession(db, event.session);
      db.changes.moderation = true;
      break;
    case 'moderation.item.upserted':
      // B9: kept for the Moderation section offline; an item that opened notifies moderators.
      applyModerationItem(db, event.item, notify);
      break;
    case 'sanction.upserted':
      // B9: kept, so a conversation shows a mute or ban in force beside the participant's name.
      upsertSanction(db, event.sanction);
      db.changes.moderation = true;
      break;
    case 'message.deleted':
      db.run('DELETE FROM messages WHERE id = ?', event.messageId);
      serverSession(db, event.session);
      break;
    case 'messages.read':
      db.run(
        'UPDATE messages SET read_at = ? WHERE id IN (SELECT value FROM json_each(?))',
        utc(event.readAt),
        JSON.stringify(event.messageIds),
      );
      serverSession(db, event.session);
      break;
    case 'user.upserted':
      upsertUser(db, event.user, db.kvGet<number>('sync.snapshotGen') ?? 0);
      break;
    case 'product.upserted':
      upsertProduct(db, event.product, db.kvGet<number>('sync.snapshotGen') ?? 0);
      break;
    case 'order.upserted':
      upsertOrder(db, event.order, db.kvGet<number>('sync.snapshotGen') ?? 0);
      break;
    case 'settings.updated':
      db.kvSet('settings', event.settings);
      db.changes.settings = true;
      break;
    case 'cannedReply.upserted':
      upsertCannedReply(db, event.cannedReply);
      db.changes.cannedReplies = true;
      break;
    case 'cannedReply.deleted':
      deleteCannedReply(db, event.cannedReplyId);
      db.changes.cannedReplies = true;
      break;
    case 'moderation.rules.updated':
      // B9: only the revision comes through the feed (it reaches every role); a desk whose role reads the rules
      // fetches them on this notice (the core, sync.ts) and keeps them for the rules editor offline.
      db.changes.rules = true;
      break;
  }
}

function upsertUser(db: CacheDb, u: User, gen: number): void {
  db.names = null;
  db.run(
    `INSERT OR REPLACE INTO users (id, name, email, role, created_at, name_key, search_text, gen)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    u.id,
    u.name,
    u.email,
    u.role,
    utc(u.createdAt),
    foldArabic(u.name),
    userSearchText(u.name, u.email),
    gen,
  );
}

function upsertProduct(db: CacheDb, p: Product, gen: number): void {
  db.names = null;
  db.run(
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

function upsertOrder(db: CacheDb, o: Order, gen: number): void {
  db.run(
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

/** Parses the backend's JSON (text or bytes) and checks it against the contract; a 502 names what was wrong. */
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
