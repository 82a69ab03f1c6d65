// The desk cache on real node:sqlite: migrations, feed events (order, replays, holes, notices), the outbox's
// overlay (shown at once, an echo never doubles, a refusal puts things back), totals, search.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COLUMNS, sessionRow } from '../../../src/main/core/cache/rows.ts';
import { migrations } from '../../../src/main/core/cache/schema.ts';
import { CacheStore } from '../../../src/main/core/cache/store.ts';
import type { SessionFilter, SessionSort } from '../../../src/shared/api.ts';
import { foldArabic } from '../../../src/shared/arabicFold.ts';
import { type Message, NEW_SESSION_WORKFLOW, type Session, type User } from '../../../src/shared/domain.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';

let dir: string;
let store: CacheStore;
let seq = 0;

const T = (minutesAgo: number) => new Date(Date.UTC(2026, 10, 24, 12, 0) - minutesAgo * 60_000).toISOString();
const actor = { kind: 'system' as const, id: null };
const user = (name: string, role: User['role']): User => ({
  id: randomUUID(),
  name,
  email: `${name.replace(/\s/g, '.')}@x.test`,
  role,
  createdAt: T(9999),
});
const customer = user('أحمد الحربي', 'customer');
const customer2 = user('Emma Smith', 'customer');
const seller = user('Store One', 'seller');
const product = {
  id: randomUUID(),
  name: 'Wireless Phone Case',
  sellerId: seller.id,
  price: 5,
  currency: 'SAR',
  createdAt: T(9999),
};

function session(over: Partial<Session> = {}): Session {
  return {
    id: randomUUID(),
    product: { id: product.id, name: product.name },
    customer: { id: customer.id, name: customer.name },
    seller: { id: seller.id, name: seller.name },
    messagesCount: 2,
    unreadCount: 1,
    flaggedCount: 0,
    lastMessageAt: T(10),
    createdAt: T(100),
    updatedAt: T(10),
    ...NEW_SESSION_WORKFLOW,
    ...over,
  };
}
function message(s: Session, over: Partial<Message> = {}): Message {
  return {
    id: randomUUID(),
    sessionId: s.id,
    kind: 'message',
    senderRole: 'customer',
    senderId: s.customer.id,
    senderName: s.customer.name,
    body: 'hello',
    flags: [],
    readAt: null,
    createdAt: T(5),
    ...over,
  };
}
const ev = <E extends ChangeEvent['type']>(type: E, body: object): ChangeEvent =>
  ({ seq: ++seq, at: T(0), actor, type, ...body }) as ChangeEvent;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-cache-unit-'));
  store = new CacheStore(join(dir, 'cache.sqlite'));
  seq = 0;
  store.applyEvents([
    ev('user.upserted', { user: customer }),
    ev('user.upserted', { user: customer2 }),
    ev('user.upserted', { user: seller }),
    ev('product.upserted', { product }),
  ]);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cache store', () => {
  it('migrates a new file, and reopening keeps the data and the cursor', () => {
    const s = session();
    store.applyEvents([ev('session.upserted', { session: s })]);
    store.close();
    store = new CacheStore(join(dir, 'cache.sqlite'));
    expect(Number((store.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)).toBe(
      migrations.at(-1)?.version,
    );
    expect((store.db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect(store.getSession(s.id)).toEqual(s);
    expect(store.syncMeta().cursor).toBe(seq);
  });

  it('migrates a cache made before the agent workflow: its sessions read as untriaged until a new snapshot', () => {
    store.close();
    const file = join(dir, 'old.sqlite');
    const old = new DatabaseSync(file);
    for (const m of migrations.filter((m) => m.version <= 3)) old.exec(m.sql);
    old.exec('PRAGMA user_version = 3');
    const s = session();
    const row = sessionRow(s, 0);
    // The columns of version 3: those before B10's.
    const v3 = SESSION_COLUMNS.slice(0, SESSION_COLUMNS.indexOf('status'));
    old
      .prepare(`INSERT INTO sessions (${v3.join(', ')}) VALUES (${v3.map(() => '?').join(', ')})`)
      .run(...v3.map((c) => row[c]));
    old.exec(`INSERT INTO kv (key, value) VALUES ('sync.snapshotDone', 'true'), ('sync.cursor', '41')`);
    old.close();
    store = new CacheStore(file);
    expect(store.getSession(s.id)).toEqual({ ...s, ...NEW_SESSION_WORKFLOW });
    // The rows lack what the backend now sends: the next start loads a snapshot (the cursor is kept meanwhile).
    expect(store.syncMeta()).toMatchObject({ snapshotDone: false, cursor: 41 });
  });

  it('applies events in seq order once: replays are skipped, a hole stops the batch', () => {
    const s = session();
    const first = store.applyEvents([ev('session.upserted', { session: s })]);
    expect(first).toMatchObject({ applied: 1, gap: false, cursor: seq });
    expect(first.changes.sessionIds).toEqual([s.id]);
    const replay = store.applyEvents([{ ...(ev('session.upserted', { session: s }) as ChangeEvent), seq: seq - 1 }]);
    expect(replay.applied).toBe(0);
    seq += 5;
    const hole = store.applyEvents([ev('session.deleted', { sessionId: s.id })]);
    expect(hole).toMatchObject({ applied: 0, gap: true });
    expect(store.getSession(s.id)).toEqual(s);
  });

  it('notifies new incoming customer/seller messages only, and keeps the unread totals by trigger', () => {
    const s = session({ unreadCount: 0, messagesCount: 0 });
    store.applyEvents([ev('session.upserted', { session: s })]);
    seq = store.syncMeta().cursor;
    const m1 = message(s);
    const staff = message(s, { senderRole: 'staff', body: 'support' });
    const r = store.applyEvents([
      ev('message.created', { message: m1, session: { ...s, messagesCount: 1, unreadCount: 1 } }),
      ev('message.created', { message: staff, session: { ...s, messagesCount: 2, unreadCount: 1 } }),
    ]);
    expect(r.changes.notify).toEqual([{ ...m1, productName: product.name }]);
    expect(r.changes.unreadTotal).toBe(1);
    // Replaced rows (INSERT OR REPLACE) must not inflate the totals.
    for (let i = 0; i < 3; i++) store.applyEvents([ev('session.upserted', { session: { ...s, unreadCount: 4 } })]);
    expect(store.unreadTotal()).toBe(4);
    const read = store.applyEvents([
      ev('messages.read', { messageIds: [m1.id], readAt: T(0), session: { ...s, unreadCount: 0, messagesCount: 2 } }),
    ]);
    expect(read.changes.readSessionIds).toEqual([s.id]);
    expect(read.changes.unreadTotal).toBe(0);
    expect(
      store.applyEvents([ev('message.created', { message: m1, session: s })], { notify: true }).changes.notify,
    ).toEqual([]);
  });

  it('shows a sent message at once, counts it once when its echo arrives, and settles', () => {
    const s = session({ messagesCount: 2, unreadCount: 1 });
    store.applyEvents([ev('session.upserted', { session: s })]);
    const m = message(s, { senderRole: 'staff', body: 'on its way', createdAt: T(1) });
    const { value, changes } = store.enqueue({ kind: 'messages.send', message: m }, randomUUID(), T(1));
    expect(value).toEqual(m);
    expect(changes.sessionIds).toEqual([s.id]);
    expect(store.getSession(s.id)?.messagesCount).toBe(3);
    expect(store.pendingCount()).toBe(1);
    const action = store.nextPending();
    if (!action) throw new Error('queued');
    // An unrelated customer message arrives before ours is sent: the shown count keeps ours on top.
    const other = message(s, { createdAt: T(0.5) });
    store.applyEvents([ev('message.created', { message: other, session: { ...s, messagesCount: 3, unreadCount: 2 } })]);
    expect(store.getSession(s.id)?.messagesCount).toBe(4);
    store.markAcked(action.id);
    // The echo of ours: the backend's state counts it now, the overlay does not add it again.
    store.applyEvents([
      ev('message.created', {
        message: { ...m, createdAt: T(0.2) },
        session: { ...s, messagesCount: 4, unreadCount: 2 },
      }),
    ]);
    expect(store.getSession(s.id)?.messagesCount).toBe(4);
    store.settleAcked();
    expect(store.getSession(s.id)?.messagesCount).toBe(4);
    expect(store.listActions()).toEqual([]);
    expect(store.messagesList(s.id, undefined, 10).items.map((x) => x.id)).toEqual([m.id, other.id].reverse());
  });

  it('puts the backend state back when an action is refused, keeping the effects of the others', () => {
    const s = session({ unreadCount: 3, messagesCount: 5 });
    store.applyEvents([ev('session.upserted', { session: s })]);
    const markRead = store.enqueue({ kind: 'sessions.markRead', target: { ids: [s.id] } }, randomUUID(), T(1));
    expect(markRead.value).toEqual({ affected: 3 });
    const del = store.enqueue({ kind: 'sessions.delete', id: s.id }, randomUUID(), T(1));
    expect(del.changes.deletedIds).toEqual([s.id]);
    expect(store.getSession(s.id)).toBeNull();
    expect(store.unreadTotal()).toBe(0);
    // The backend says the session changed meanwhile: still hidden (our delete is queued).
    store.applyEvents([ev('session.upserted', { session: { ...s, messagesCount: 6, unreadCount: 4 } })]);
    expect(store.getSession(s.id)).toBeNull();
    const refused = store.refuse(del.action.id);
    expect(refused.action?.kind).toBe('sessions.delete');
    expect(store.getSession(s.id)).toEqual({ ...s, messagesCount: 6, unreadCount: 0 });
    store.refuse(markRead.action.id);
    expect(store.getSession(s.id)).toEqual({ ...s, messagesCount: 6, unreadCount: 4 });
    expect(store.unreadTotal()).toBe(4);
    expect(store.db.prepare('SELECT count(*) AS n FROM sessions_base').get()).toEqual({ n: 0 });
  });

  it('tells a backend message search what waits in the outbox: deleted messages and sessions, queued replies', () => {
    const s = session({ messagesCount: 2 });
    const t = session({ messagesCount: 1 });
    store.applyEvents([ev('session.upserted', { session: s }), ev('session.upserted', { session: t })]);
    const kept = message(s, { body: 'the lamp works', createdAt: T(0.1) });
    const removed = message(s, { body: 'the lamp is broken', createdAt: T(0.2) });
    const inGone = message(t, { body: 'lamp colour?', createdAt: T(0.3) });
    store.putMessages(s.id, [kept, removed], true);
    store.putMessages(t.id, [inGone], true);
    store.enqueue({ kind: 'messages.delete', id: removed.id, sessionId: s.id }, randomUUID(), T(1));
    store.enqueue({ kind: 'sessions.delete', id: t.id }, randomUUID(), T(1));
    const reply = message(s, { senderRole: 'staff', body: 'A new LAMP is on its way', createdAt: T(2) });
    store.enqueue({ kind: 'messages.send', message: reply }, randomUUID(), T(2));
    // A hit the cache never held (a conversation not opened here) is not its to judge.
    const unknown = { id: randomUUID(), sessionId: randomUUID() };
    const hits = [kept, removed, inGone].map((m) => ({ id: m.id, sessionId: m.sessionId }));
    expect(store.messageSearchDeleted([...hits, unknown])).toEqual({ messageIds: [removed.id], sessionIds: [t.id] });
    const queued = store.messageSearch({ folded: 'lamp', limit: 10, pendingOnly: true });
    expect(queued.items.map((m) => m.id)).toEqual([reply.id]);
    expect(queued.items[0]?.product).toEqual(s.product);
    // Once the backend has it (acknowledged and settled), it is no longer a queued reply.
    const sent = store.listActions().find((a) => a.kind === 'messages.send');
    if (!sent) throw new Error('queued send');
    store.markAcked(sent.id);
    store.applyEvents([ev('message.created', { message: reply, session: { ...s, messagesCount: 3 } })]);
    store.settleAcked();
    expect(store.messageSearch({ folded: 'lamp', limit: 10, pendingOnly: true }).items).toEqual([]);
  });

  it('refuses an action that names nothing known, with the field, and queues nothing', () => {
    expect(() => store.enqueue({ kind: 'sessions.delete', id: randomUUID() }, randomUUID(), T(0))).toThrow(
      /No chat session/,
    );
    expect(() =>
      store.enqueue({ kind: 'messages.delete', id: randomUUID(), sessionId: '' }, randomUUID(), T(0)),
    ).toThrow(/No message/);
    expect(() => store.resolveParties(product.id, seller.id, seller.id)).toThrow(/different people/);
    expect(store.listActions()).toEqual([]);
  });

  it('finds the same sessions by search whether through matching names or a scan of the folded text', () => {
    const sessions = [
      session(),
      session({ customer: { id: customer2.id, name: customer2.name } }),
      session({ lastMessageAt: T(60 * 24 * 10) }),
    ];
    store.applyEvents(sessions.map((s) => ev('session.upserted', { session: s })));
    for (const search of ['احمد', 'أحـمد', 'EMMA', 'phone case', 'store', 'nothing', 'a', '%', '_']) {
      const page = store.page({ filter: { search }, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 100 });
      const folded = foldArabic(search);
      const expected = sessions
        .filter((s) => [s.product.name, s.customer.name, s.seller.name].some((n) => foldArabic(n).includes(folded)))
        .sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt) || b.id.localeCompare(a.id));
      expect(
        page.rows.map((r) => r.id),
        search,
      ).toEqual(expected.map((s) => s.id));
      expect(page.total, search).toBe(expected.length);
    }
    expect(
      store.page(
        { filter: { activeWithinDays: 7 }, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 9 },
        Date.parse(T(0)),
      ).total,
    ).toBe(2);
  });

  it('names the sessions whose unread fell to zero (readSessionIds), and leaves it out when it cannot name them', () => {
    const a = session({ unreadCount: 2 });
    const b = session({ unreadCount: 1 });
    const c = session({ unreadCount: 0 });
    store.applyEvents([a, b, c].map((s) => ev('session.upserted', { session: s })));
    // Read here (queued): named at once; a session that had nothing unread is not named.
    const local = store.enqueue({ kind: 'sessions.markRead', target: { ids: [a.id, c.id] } }, randomUUID(), T(1));
    expect(local.changes.readSessionIds).toEqual([a.id]);
    expect(local.changes.unreadTotal).toBe(1);
    // Read elsewhere (a colleague, the feed): named too; a new unread message on another session is not a read.
    const m = message(b);
    const remote = store.applyEvents([
      ev('message.created', { message: m, session: { ...b, unreadCount: 2, messagesCount: 3 } }),
      ev('messages.read', { messageIds: [m.id], readAt: T(0), session: { ...b, unreadCount: 0, messagesCount: 3 } }),
    ]);
    expect(remote.changes.readSessionIds).toEqual([b.id]);
    // Refused: the unread count comes back up, nothing is named as read.
    const refused = store.refuse(local.action.id);
    expect(refused.changes.readSessionIds).toEqual([]);
    expect(new Set(refused.changes.sessionIds)).toEqual(new Set([a.id, c.id]));
    expect(store.unreadTotal()).toBe(2);

    // "All matching" over more sessions than one notice names: changed in bulk, so the read ones are not listed
    // (absent, not a partial list) and the shell asks about the sessions it still shows a toast for.
    store.bulkInsertSessions(Array.from({ length: 2100 }, () => session({ unreadCount: 1 })));
    const bulk = store.enqueue(
      {
        kind: 'sessions.markRead',
        target: { allMatching: { filter: { hasUnread: true }, confirmedCount: 2102, asOf: T(1) } },
      },
      randomUUID(),
      T(1),
    );
    expect(bulk.value).toEqual({ affected: 2102 });
    expect(bulk.changes.all).toBe(true);
    expect(bulk.changes.readSessionIds).toBeUndefined();
    expect(bulk.changes.unreadTotal).toBe(0);
  });

  it('pages a search the same whichever plan answers it (top keys, index walk, collect): every sort, order, filter', () => {
    const me = { id: randomUUID(), name: 'Sara Agent' };
    const other = { id: randomUUID(), name: 'أمل' };
    store.setValue('account', { backendUrl: 'http://x', staffId: me.id });
    const people = ['أحمد الحربي', 'احمد سالم', 'Emma Stone', 'Ahmad Store', 'فاطمة', 'Liam Phone'].map((n, i) =>
      user(n, i % 2 ? 'seller' : 'customer'),
    );
    const customers = people.filter((p) => p.role === 'customer');
    const sellers = people.filter((p) => p.role === 'seller');
    const products = ['Phone Case', 'سماعات أصلية', 'Emma Lamp', 'Store Bag'].map((name, i) => ({
      id: randomUUID(),
      name,
      sellerId: (sellers[i % sellers.length] as User).id,
      price: 1,
      currency: 'SAR',
      createdAt: T(9999),
    }));
    store.applyEvents([
      ...people.map((u) => ev('user.upserted', { user: u })),
      ...products.map((p) => ev('product.upserted', { product: p })),
    ]);
    let r = 7;
    const rand = (n: number) => {
      r = (r * 1103515245 + 12345) % 2147483648;
      return r % n;
    };
    const all: Session[] = Array.from({ length: 400 }, () => {
      const p = products[rand(products.length)] as (typeof products)[number];
      const c = customers[rand(customers.length)] as User;
      const sl = sellers[rand(sellers.length)] as User;
      return session({
        product: { id: p.id, name: p.name },
        customer: { id: c.id, name: c.name },
        seller: { id: sl.id, name: sl.name },
        messagesCount: rand(6),
        unreadCount: rand(3),
        flaggedCount: rand(10) === 0 ? 1 : 0,
        // Whole minutes: ties on the time, broken by id as the SQL does.
        lastMessageAt: T(rand(60 * 24 * 20)),
        createdAt: T(60 * 24 * 20 + rand(1000)),
        updatedAt: T(rand(50)),
        status: (['open', 'pending', 'resolved'] as const)[rand(3)] ?? 'open',
        ...[
          { assigneeId: null, assigneeName: null },
          { assigneeId: me.id, assigneeName: me.name },
        ][rand(2)],
        ...(rand(3) === 0 ? { assigneeId: other.id, assigneeName: other.name } : {}),
        // Snoozed until a time past (T(n) is n minutes before now), to come, or not.
        snoozedUntil: [null, T(5), T(-60 * (1 + rand(48)))][rand(3)] ?? null,
        firstResponseAt: rand(2) ? T(rand(5000)) : null,
        resolvedAt: rand(2) ? T(rand(5000)) : null,
      });
    });
    store.applyEvents(all.map((s) => ev('session.upserted', { session: s })));
    const now = Date.parse(T(0));
    const key: Record<SessionSort, (s: Session) => string | number> = {
      product: (s) => foldArabic(s.product.name),
      customer: (s) => foldArabic(s.customer.name),
      seller: (s) => foldArabic(s.seller.name),
      messagesCount: (s) => s.messagesCount,
      unreadCount: (s) => s.unreadCount,
      flaggedCount: (s) => s.flaggedCount,
      lastMessageAt: (s) => s.lastMessageAt,
      createdAt: (s) => s.createdAt,
      updatedAt: (s) => s.updatedAt,
      status: (s) => s.status,
      // Empty values last going up, as the backend sorts them.
      assignee: (s) => (s.assigneeName === null ? '\u{10FFFF}' : foldArabic(s.assigneeName)),
      snoozedUntil: (s) => s.snoozedUntil ?? '~',
      firstResponseAt: (s) => s.firstResponseAt ?? '~',
      resolvedAt: (s) => s.resolvedAt ?? '~',
    };
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const searches = ['احمد', 'emma', 'STORE', 'phone', 'سماعات', 'فاطمه', 'ahmad', ''];
    const extras: SessionFilter[] = [
      {},
      { hasUnread: true },
      { flagged: false },
      { flagged: true },
      { activeWithinDays: 5 },
      { flagged: true, activeWithinDays: 30 },
      { status: 'open', snoozed: false },
      { status: 'open', snoozed: false, assignee: 'me' },
      { status: 'open', snoozed: false, assignee: 'none' },
      { status: 'open', snoozed: false, assignee: 'meOrNone' },
      { assignee: other.id, hasUnread: true },
      { status: 'resolved' },
      { snoozed: true, flagged: true },
    ];
    let checked = 0;
    for (const search of searches) {
      for (const extra of extras) {
        const filter = { search, ...extra };
        const folded = foldArabic(search);
        const matching = all.filter(
          (s) =>
            [s.product.name, s.customer.name, s.seller.name].some((n) => foldArabic(n).includes(folded)) &&
            (extra.hasUnread === undefined || s.unreadCount > 0) &&
            (extra.flagged === undefined || (extra.flagged ? s.flaggedCount > 0 : s.flaggedCount === 0)) &&
            (!extra.activeWithinDays || Date.parse(s.lastMessageAt) >= now - extra.activeWithinDays * 86_400_000) &&
            (!extra.status || s.status === extra.status) &&
            (!extra.assignee ||
              (extra.assignee === 'meOrNone'
                ? s.assigneeId === null || s.assigneeId === me.id
                : s.assigneeId ===
                  (extra.assignee === 'me' ? me.id : extra.assignee === 'none' ? null : extra.assignee))) &&
            (extra.snoozed === undefined ||
              extra.snoozed === (s.snoozedUntil !== null && Date.parse(s.snoozedUntil) > now)),
        );
        for (const sort of Object.keys(key) as SessionSort[]) {
          for (const order of ['asc', 'desc'] as const) {
            const sign = order === 'asc' ? 1 : -1;
            const expected = [...matching].sort((a, b) => sign * (cmp(key[sort](a), key[sort](b)) || cmp(a.id, b.id)));
            for (const [offset, limit] of [
              [0, 3],
              [5, 40],
              [0, 500],
            ] as const) {
              const page = store.page({ filter, sort, order, offset, limit }, now);
              const label = `${JSON.stringify(filter)} ${sort} ${order} ${offset}+${limit}`;
              expect(page.total, label).toBe(matching.length);
              expect(
                page.rows.map((x) => x.id),
                label,
              ).toEqual(expected.slice(offset, offset + limit).map((x) => x.id));
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(searches.length * extras.length * Object.keys(key).length * 2 * 3);
  });

  it('parses and checks snapshot and feed pages sent as text, refusing what is outside the contract', () => {
    const s = session();
    const gen = store.beginSnapshot(1);
    const text = JSON.stringify({ items: [s], nextCursor: null, seq: seq, total: 1 });
    const page = store.putSnapshotPageText('sessions', text, gen);
    expect(page).toMatchObject({ nextCursor: null, count: 1, progress: 1 });
    expect(page.changes.all).toBe(true);
    expect(store.getSession(s.id)).toEqual(s);
    // As the bytes the backend sent (what the sync hands over, transferred to the worker).
    const bytes = new TextEncoder().encode(text).buffer as ArrayBuffer;
    expect(store.putSnapshotPageText('sessions', bytes, gen)).toMatchObject({ nextCursor: null, count: 1 });
    expect(() => store.putSnapshotPageText('sessions', '{not json', gen)).toThrow(/other than JSON/);
    const bad = JSON.stringify({ items: [{ ...s, unreadCount: 'many' }], nextCursor: null, seq, total: 1 });
    expect(() => store.putSnapshotPageText('sessions', bad, gen)).toThrow(
      /sessions snapshot's items outside the contract/,
    );
    store.finishSnapshot(gen);

    const m = message(s);
    const feed = {
      events: [ev('message.created', { message: m, session: { ...s, messagesCount: 3, unreadCount: 2 } })],
      lastSeq: seq,
      hasMore: false,
    };
    const applied = store.applyChangesText(JSON.stringify(feed), { notify: true });
    expect(applied).toMatchObject({ applied: 1, received: 1, hasMore: false, cursor: seq });
    expect(applied.changes.notify.map((x) => x.id)).toEqual([m.id]);
    expect(store.applyChangesText(JSON.stringify({ events: [], lastSeq: seq, hasMore: false }))).toMatchObject({
      applied: 0,
      received: 0,
      cursor: seq,
    });
    expect(() => store.applyChangesText(JSON.stringify({ events: [{ seq: 1 }], lastSeq: 1, hasMore: false }))).toThrow(
      /change feed outside the contract/,
    );
  });

  it('keeps preferences per key', () => {
    expect(store.prefs()).toEqual({
      locale: null,
      columnState: null,
      savedViews: [],
      notificationsPaused: false,
      paneWidth: null,
      colorScheme: 'system',
      notifySound: true,
      notifyWhich: 'all',
      quietHours: null,
      notifyScope: 'all',
    });
    store.updatePrefs({ locale: 'ar' });
    store.updatePrefs({ notificationsPaused: true });
    expect(store.prefs()).toMatchObject({ locale: 'ar', notificationsPaused: true });
  });
});
