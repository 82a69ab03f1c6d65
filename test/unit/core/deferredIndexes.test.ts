// The desk cache's first load on real node:sqlite (deferredIndexes.ts): an empty cache's snapshot writes the sessions
// without most of their secondary indexes and builds them at its end, the very same indexes; the window's queries
// (sorts, filters, searches, the quick views) answer the same during the load as after it; a cache closed mid-load
// keeps them deferred for the load started again; a build that rolls back leaves them deferred.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheDb } from '../../../src/main/core/cache/db.ts';
import { CacheStore } from '../../../src/main/core/cache/store.ts';
import type { SessionFilter, SessionSort } from '../../../src/shared/api.ts';
import { NEW_SESSION_WORKFLOW, type Session } from '../../../src/shared/domain.ts';

const NOW = Date.UTC(2026, 11, 5, 12, 0);
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const ME = randomUUID();

function session(i: number): Session {
  return {
    id: randomUUID(),
    product: { id: randomUUID(), name: `Product ${i % 40}` },
    customer: { id: randomUUID(), name: `Customer ${i % 70}` },
    seller: { id: randomUUID(), name: `Seller ${i % 9}` },
    messagesCount: 1 + (i % 13),
    unreadCount: i % 3,
    flaggedCount: i % 17 === 0 ? 1 : 0,
    lastMessageAt: at(-i),
    createdAt: at(-5000 - i),
    updatedAt: at(-i),
    ...NEW_SESSION_WORKFLOW,
    status: (['open', 'pending', 'resolved', 'open'] as const)[i % 4] ?? 'open',
    assigneeId: i % 5 === 0 ? ME : null,
    assigneeName: i % 5 === 0 ? 'Me' : null,
  };
}

/** The sessions' indexes as SQLite has them: name and definition. */
function indexes(store: CacheStore): string[] {
  return (
    store.db
      .prepare(
        `SELECT name || ': ' || sql AS d FROM sqlite_master
          WHERE type = 'index' AND tbl_name IN ('sessions', 'sessions_base') AND sql IS NOT NULL ORDER BY name`,
      )
      .all() as Array<{ d: string }>
  ).map((r) => r.d);
}

const QUERIES: Array<{ filter: SessionFilter; sort: SessionSort }> = [
  { filter: {}, sort: 'lastMessageAt' },
  { filter: { hasUnread: true }, sort: 'unreadCount' },
  { filter: { flagged: true }, sort: 'lastMessageAt' },
  { filter: { search: 'Product 7' }, sort: 'customer' },
  { filter: { status: 'open', snoozed: false, assignee: 'me' }, sort: 'lastMessageAt' },
  { filter: { status: 'open', snoozed: false, assignee: 'none' }, sort: 'lastMessageAt' },
  { filter: { status: 'pending' }, sort: 'createdAt' },
  { filter: {}, sort: 'seller' },
];

function answers(store: CacheStore): unknown[] {
  store.forgetTotals();
  return QUERIES.map(({ filter, sort }) => {
    const page = store.page({ filter, sort, order: 'desc', offset: 0, limit: 30 }, NOW);
    return { total: page.total, ids: page.rows.map((r) => r.id) };
  });
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatdesk-deferred-'));
  file = join(dir, 'cache.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the first load defers the sessions’ indexes and builds them at its end', () => {
  const sessions = Array.from({ length: 3000 }, (_, i) => session(i));

  it('drops them all while loading, answers every query the same meanwhile, and builds the same ones', () => {
    const store = new CacheStore(file);
    store.setValue('account', { backendUrl: 'http://x.test', staffId: ME });
    const before = indexes(store);
    expect(before.length).toBeGreaterThan(15);
    const gen = store.beginSnapshot(sessions.length);
    const during = indexes(store);
    // None is kept, not even the first view's (newest first; Mine + Unassigned): the window reads without them.
    expect(during).toEqual([]);
    for (let i = 0; i < sessions.length; i += 1000) {
      store.putSnapshotPage('sessions', sessions.slice(i, i + 1000), 10, gen);
    }
    const whileLoading = answers(store);
    store.finishSnapshot(gen);
    expect(indexes(store)).toEqual(before);
    expect(answers(store)).toEqual(whileLoading);
    expect((whileLoading[0] as { total: number }).total).toBe(3000);
    store.close();
  });

  it('a cache closed mid-load keeps them deferred; the load started again builds them at its end', () => {
    const store = new CacheStore(file);
    const before = indexes(store);
    const gen = store.beginSnapshot(sessions.length);
    store.putSnapshotPage('sessions', sessions.slice(0, 500), 10, gen);
    const during = indexes(store);
    store.close();
    const again = new CacheStore(file);
    expect(indexes(again)).toEqual(during);
    // The window's queries answer meanwhile, without the indexes they name.
    expect(answers(again)).toHaveLength(QUERIES.length);
    const next = again.beginSnapshot(sessions.length);
    again.putSnapshotPage('sessions', sessions, 11, next);
    again.finishSnapshot(next);
    expect(indexes(again)).toEqual(before);
    expect(again.page({ filter: {}, sort: 'lastMessageAt', order: 'desc', offset: 0, limit: 5 }, NOW).total).toBe(3000);
    again.close();
    // Opened again later: nothing is left to build, nothing is dropped.
    const later = new CacheStore(file);
    expect(indexes(later)).toEqual(before);
    later.close();
  });

  it('a build that rolls back leaves them deferred, and the queries still answer without them', () => {
    const db = new CacheDb(file);
    const gen = db.tx(() => {
      db.deferIndexes();
      return 1;
    });
    expect(gen).toBe(1);
    const during = db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'`).length;
    expect(() =>
      db.tx(() => {
        db.buildIndexes();
        throw new Error('the disk is full');
      }),
    ).toThrow('the disk is full');
    expect(db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'`)).toHaveLength(
      during,
    );
    // A query naming a deferred index still runs (without it).
    expect(db.all('SELECT id FROM sessions INDEXED BY sessions_by_created ORDER BY created_at LIMIT 1')).toEqual([]);
    db.tx(() => db.buildIndexes());
    expect(db.all('SELECT id FROM sessions INDEXED BY sessions_by_created ORDER BY created_at LIMIT 1')).toEqual([]);
    expect(
      db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'`).length,
    ).toBeGreaterThan(during);
    db.close();
  });
});
