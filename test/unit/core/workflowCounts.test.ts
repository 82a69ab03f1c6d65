// B10 in the desk cache on real node:sqlite: the running counts per status and assignee (migration 5) stay equal to
// counting the rows through inserts, replaces, status and assignee changes and deletes; the quick views' totals and
// first pages answered from them and from the view index equal the plain SQL answer; a cache made before is filled
// by the migration. And the notice: under "only mine or unassigned" someone else's session does not notify, and an
// assignment by someone else notifies the assignee with the assigner's name.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../src/main/core/cache/schema.ts';
import { CacheStore } from '../../../src/main/core/cache/store.ts';
import type { SessionFilter } from '../../../src/shared/api.ts';
import { NEW_SESSION_WORKFLOW, type Session } from '../../../src/shared/domain.ts';
import type { Actor, ChangeEvent } from '../../../src/shared/events.ts';

const ME = randomUUID();
const OTHER = randomUUID();
const NOW = Date.UTC(2026, 10, 24, 12, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

let dir: string;
let store: CacheStore;
let seq = 0;

function session(i: number, over: Partial<Session> = {}): Session {
  return {
    id: randomUUID(),
    product: { id: randomUUID(), name: `Product ${i}` },
    customer: { id: randomUUID(), name: `Customer ${i}` },
    seller: { id: randomUUID(), name: `Seller ${i}` },
    messagesCount: 1,
    unreadCount: 0,
    flaggedCount: 0,
    lastMessageAt: at(-i),
    createdAt: at(-1000 - i),
    updatedAt: at(-i),
    ...NEW_SESSION_WORKFLOW,
    ...over,
  };
}

/** A mix: every status, mine / someone else's / nobody's, some snoozed past NOW and some snoozed before. */
function mixed(n: number): Session[] {
  return Array.from({ length: n }, (_, i) =>
    session(i, {
      status: (['open', 'open', 'pending', 'resolved'] as const)[i % 4],
      assigneeId: i % 5 === 0 ? ME : i % 5 === 1 ? OTHER : null,
      assigneeName: i % 5 === 0 ? 'Me' : i % 5 === 1 ? 'Other Agent' : null,
      snoozedUntil: i % 7 === 0 ? at(60) : i % 11 === 0 ? at(-60) : null,
    }),
  );
}

const VIEWS: SessionFilter[] = [
  { status: 'open', snoozed: false, assignee: 'me' },
  { status: 'open', snoozed: false, assignee: 'none' },
  { status: 'open', snoozed: false },
  { status: 'open', snoozed: false, assignee: 'meOrNone' },
  { status: 'pending', assignee: OTHER },
  { snoozed: true },
  { status: 'resolved' },
];

/** The plain answer: the rows themselves, filtered and sorted in JavaScript. */
function expected(filter: SessionFilter): Session[] {
  const all = store.sessionsSlice({}, 'lastMessageAt', 'desc', 0, 100_000);
  const snoozedNow = (s: Session) => s.snoozedUntil !== null && Date.parse(s.snoozedUntil) > NOW;
  return all.filter(
    (s) =>
      (!filter.status || s.status === filter.status) &&
      (filter.assignee === undefined ||
        (filter.assignee === 'me'
          ? s.assigneeId === ME
          : filter.assignee === 'none'
            ? s.assigneeId === null
            : filter.assignee === 'meOrNone'
              ? s.assigneeId === null || s.assigneeId === ME
              : s.assigneeId === filter.assignee)) &&
      (filter.snoozed === undefined || snoozedNow(s) === filter.snoozed),
  );
}

function checkViews(): void {
  for (const filter of VIEWS) {
    store.forgetTotals();
    const want = expected(filter);
    const page = store.page({ filter, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 25 }, NOW);
    expect({ filter, total: page.total }).toEqual({ filter, total: want.length });
    expect(page.rows.map((r) => r.id)).toEqual(want.slice(0, 25).map((s) => s.id));
  }
}

function countsMatchRows(): void {
  const kept = store.db.prepare('SELECT status, assignee, n FROM workflow_counts WHERE n <> 0 ORDER BY 1, 2').all();
  const counted = store.db
    .prepare(
      `SELECT status, ifnull(assignee_id, '') AS assignee, count(*) AS n FROM sessions GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
  expect(kept).toEqual(counted);
}

const ev = (type: ChangeEvent['type'], body: object, actor: Actor = { kind: 'system', id: null }) =>
  ({ seq: ++seq, at: at(0), actor, type, ...body }) as ChangeEvent;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-wfcounts-'));
  store = new CacheStore(join(dir, 'cache.sqlite'));
  store.setValue('account', { backendUrl: 'http://x.test', staffId: ME });
  seq = 0;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('workflow counts', () => {
  it('follow inserts, replaces, status and assignee changes and deletes; the views answer as the rows do', () => {
    const rows = mixed(300);
    store.bulkInsertSessions(rows);
    countsMatchRows();
    checkViews();
    // Through the feed (INSERT OR REPLACE of the shown row): reassign, resolve, reopen, unassign, delete.
    const events: ChangeEvent[] = [];
    rows.slice(0, 60).forEach((s, i) => {
      const status = (['resolved', 'open', 'pending'] as const)[i % 3];
      const assigneeId = i % 2 ? ME : i % 3 ? null : OTHER;
      events.push(ev('session.upserted', { session: { ...s, status, assigneeId, assigneeName: assigneeId && 'X' } }));
    });
    for (const s of rows.slice(60, 80)) events.push(ev('session.deleted', { sessionId: s.id }));
    store.applyEvents(events, { notify: false });
    countsMatchRows();
    checkViews();
    // Straight SQL over many rows (a bulk action's overlay does this).
    store.db.exec(`UPDATE sessions SET status = 'resolved' WHERE assignee_id IS NULL`);
    store.db.exec(`UPDATE sessions SET assignee_id = NULL, assignee_name = NULL WHERE status = 'pending'`);
    store.db.exec(`DELETE FROM sessions WHERE rowid % 9 = 0`);
    store.db.exec('UPDATE sessions SET gen = gen');
    countsMatchRows();
  });

  it('pages of a one-assignee view walk the view index in the page order', () => {
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM sessions INDEXED BY sessions_view_by_last_message
           WHERE status = 'open' AND assignee_id = ? AND (snoozed_until IS NULL OR snoozed_until <= ?)
           ORDER BY last_message_at DESC, id DESC LIMIT 100`,
      )
      .all(ME, at(0)) as Array<{ detail: string }>;
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toContain('sessions_view_by_last_message');
    expect(text).not.toContain('TEMP B-TREE');
  });

  it('a cache made before (version 4) gets its counts filled by the migration', () => {
    store.close();
    const file = join(dir, 'v4.sqlite');
    const old = new DatabaseSync(file);
    for (const m of migrations.filter((m) => m.version <= 4)) old.exec(m.sql);
    old.exec('PRAGMA user_version = 4');
    old.exec(`INSERT INTO kv (key, value) VALUES ('core.account', '${JSON.stringify({ staffId: ME })}')`);
    const insert = old.prepare(
      `INSERT INTO sessions (id, product_id, product_name, product_key, customer_id, customer_name, customer_key,
         seller_id, seller_name, seller_key, messages_count, unread_count, flagged_count, last_message_at, created_at,
         updated_at, search_text, status, assignee_id, assignee_name, snoozed_until)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, ?, ?, ?, '', ?, ?, ?, ?)`,
    );
    for (const s of mixed(50)) {
      insert.run(
        s.id,
        s.product.id,
        s.product.name,
        s.product.name.toLowerCase(),
        s.customer.id,
        s.customer.name,
        s.customer.name.toLowerCase(),
        s.seller.id,
        s.seller.name,
        s.seller.name.toLowerCase(),
        s.lastMessageAt,
        s.createdAt,
        s.updatedAt,
        s.status,
        s.assigneeId,
        s.assigneeName,
        s.snoozedUntil,
      );
    }
    old.close();
    store = new CacheStore(file);
    countsMatchRows();
    checkViews();
  });
});

describe('notifications in the cache (B10)', () => {
  const incoming = (s: Session) =>
    ev('message.created', {
      session: { ...s, unreadCount: s.unreadCount + 1 },
      message: {
        id: randomUUID(),
        sessionId: s.id,
        kind: 'message',
        senderRole: 'customer',
        senderId: s.customer.id,
        senderName: s.customer.name,
        body: 'where is my order?',
        flags: [],
        readAt: null,
        createdAt: at(0),
      },
    });

  it('"only mine or unassigned" leaves someone else\'s sessions out of the notice', () => {
    const mine = session(1, { assigneeId: ME, assigneeName: 'Me' });
    const nobody = session(2);
    const other = session(3, { assigneeId: OTHER, assigneeName: 'Other Agent' });
    store.bulkInsertSessions([mine, nobody, other]);
    const all = store.applyEvents([incoming(mine), incoming(nobody), incoming(other)]);
    expect(all.changes.notify.map((m) => m.sessionId).sort()).toEqual([mine.id, nobody.id, other.id].sort());
    store.updatePrefs({ notifyScope: 'mineOrUnassigned' });
    const scoped = store.applyEvents([incoming(mine), incoming(nobody), incoming(other)]);
    expect(scoped.changes.notify.map((m) => m.sessionId).sort()).toEqual([mine.id, nobody.id].sort());
    // The session itself follows the feed all the same.
    expect(store.getSession(other.id)?.unreadCount).toBe(1);
  });

  it("an assignment by someone else notifies the assignee, named; one's own, a replay or another's does not", () => {
    store.setValue('assignees', [{ id: OTHER, name: 'Other Agent' }]);
    const s = session(1);
    const t = session(2);
    store.bulkInsertSessions([s, t]);
    const staff = (id: string) => ({ kind: 'staff' as const, id });
    const toMe = { ...s, assigneeId: ME, assigneeName: 'Me' };
    const byOther = store.applyEvents([ev('session.upserted', { session: toMe }, staff(OTHER))]);
    expect(byOther.changes.assigned).toEqual([
      { sessionId: s.id, productName: 'Product 1', customerName: 'Customer 1', byName: 'Other Agent' },
    ]);
    // Already mine: a later change (resolved) is not an assignment.
    const again = store.applyEvents([
      ev('session.upserted', { session: { ...toMe, status: 'resolved' } }, staff(OTHER)),
    ]);
    expect(again.changes.assigned).toBeUndefined();
    // Taken by oneself, or given to someone else: nothing for me.
    const self = store.applyEvents([
      ev('session.upserted', { session: { ...t, assigneeId: ME, assigneeName: 'Me' } }, staff(ME)),
    ]);
    expect(self.changes.assigned).toBeUndefined();
    const u = session(3);
    store.bulkInsertSessions([u]);
    const toOther = store.applyEvents([
      ev('session.upserted', { session: { ...u, assigneeId: OTHER, assigneeName: 'Other Agent' } }, staff(ME)),
    ]);
    expect(toOther.changes.assigned).toBeUndefined();
    // The first replay after a snapshot does not notify.
    const v = session(4);
    store.bulkInsertSessions([v]);
    const replay = store.applyEvents(
      [ev('session.upserted', { session: { ...v, assigneeId: ME, assigneeName: 'Me' } }, staff(OTHER))],
      { notify: false },
    );
    expect(replay.changes.assigned).toBeUndefined();
  });
});
