// The change feed under load: concurrent writers through the API while two readers follow it (one with `changes`
// pages then the WebSocket, one on the WebSocket alone that drops and reconnects midway). Both must see every seq
// exactly once, in order, and end with the database's state. On PostgreSQL the same runs across two backend
// instances on one database (NOTIFY wakes the other instance).
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningServer, startServer } from '../../../src/server/app.ts';
import { appendEvents, pruneEvents, systemActor } from '../../../src/server/feed.ts';
import { SESSION_COLUMNS, type SessionRow, toSession } from '../../../src/server/store/rows.ts';
import { WsClose } from '../../../src/shared/api.ts';
import type { Session } from '../../../src/shared/domain.ts';
import {
  createTestDatabase,
  DEMO_PASSWORD,
  startTestBackend,
  TEST_PASSWORD_COST,
  type TestBackend,
} from '../../support/backend.ts';
import { followFeed } from './feedReader.ts';

async function signIn(url: string, path: string, email: string): Promise<string> {
  const r = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const r = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await r.json()) as unknown;
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Writers: customers and sellers talking, staff replying, marking read, creating and deleting sessions. */
async function runWriters(urls: string[], rounds: number): Promise<void> {
  const first = urls[0] as string;
  const admin = await signIn(first, '/auth/login', 'admin@demo.chatdesk');
  const agent = await signIn(first, '/auth/login', 'agent@demo.chatdesk');
  const sessions = ((await call(first, admin, 'GET', '/admin/sessions?limit=40')) as { items: Session[] }).items;
  const products = ((await call(first, admin, 'GET', '/admin/products?limit=10')) as { items: Array<{ id: string }> })
    .items;
  const customers = [3, 4, 5, 6].map((n) => `customer${n}@demo.chatdesk`);
  const writers = customers.map(async (email, w) => {
    const url = urls[w % urls.length] as string;
    const token = await signIn(url, '/auth/participant/login', email);
    for (let i = 0; i < rounds; i++) {
      const product = products[(w * 3 + i) % products.length] as { id: string };
      const session = (await call(url, token, 'POST', '/me/sessions', { productId: product.id })) as Session;
      await call(url, token, 'POST', `/me/sessions/${session.id}/messages`, { body: `writer ${w} round ${i}` });
      if (i % 3 === 0) await call(url, token, 'POST', `/me/sessions/${session.id}/read`);
    }
  });
  const staffWriter = (async () => {
    for (let i = 0; i < rounds; i++) {
      const url = urls[i % urls.length] as string;
      const s = sessions[i % sessions.length] as Session;
      await call(url, agent, 'POST', `/admin/sessions/${s.id}/messages`, { body: `support reply ${i}` });
      if (i % 2 === 0) await call(url, agent, 'POST', '/admin/sessions/mark-read', { ids: [s.id] });
      if (i % 5 === 4) {
        const created = (await call(url, admin, 'POST', '/admin/sessions', {
          productId: (products[i % products.length] as { id: string }).id,
          customerId: s.customer.id,
        })) as Session;
        if (i % 10 === 9) await call(url, admin, 'DELETE', `/admin/sessions/${created.id}`);
      }
    }
  })();
  await Promise.all([...writers, staffWriter]);
}

async function checkAgainstDb(server: RunningServer, readers: Awaited<ReturnType<typeof followFeed>>[]) {
  const { rows: head } = await server.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state');
  const lastSeq = head[0]?.s ?? 0;
  expect(lastSeq).toBeGreaterThan(50);
  for (const r of readers) await r.waitFor(lastSeq);
  const { rows } = await server.db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM chat_sessions s ORDER BY s.id`);
  const dbSessions = rows.map(toSession);
  const { rows: events } = await server.db.query<{ seq: number }>('SELECT seq FROM events ORDER BY seq');
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
  for (const r of readers) {
    expect(r.seqs).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    const mine = [...r.sessions.values()].sort((a, b) => a.id.localeCompare(b.id));
    expect(mine).toEqual(dbSessions);
  }
}

describe('change feed on PGlite', () => {
  let b: TestBackend;
  afterAll(async () => b?.close());

  it('concurrent writers; a paging reader and a reconnecting socket reader both see every seq once, in order, and the same state', async () => {
    b = await startTestBackend({ heartbeatMs: 100 });
    const admin = await b.adminToken();
    const pager = await followFeed({ url: b.url, token: admin, snapshot: true, usePaging: true });
    const socketOnly = await followFeed({ url: b.url, token: admin, snapshot: true, usePaging: false });
    const writing = runWriters([b.url], 12);
    await socketOnly.waitFor(20);
    await socketOnly.reconnect();
    await writing;
    await checkAgainstDb(b.server, [pager, socketOnly]);
    expect(socketOnly.heartbeats).toBeGreaterThan(0);
    // Live frames go out as bytes made once for every socket, still as text frames.
    expect(socketOnly.binaryFrames).toBe(0);
    // A third reader arriving late replays everything from 0 through the socket alone.
    const late = await followFeed({ url: b.url, token: admin, snapshot: false, usePaging: false });
    await late.waitFor(pager.cursor());
    expect(late.seqs).toEqual(pager.seqs);
    for (const r of [pager, socketOnly, late]) r.close();
  });

  it('refuses a socket without a valid token (4401) and a cursor older than the kept events (4410)', async () => {
    const admin = await b.adminToken();
    const closeCode = (url: string, token?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
        ws.on('close', (code) => resolve(code));
        ws.on('error', () => {});
      });
    const ws = `${b.url.replace('http', 'ws')}/api/v1/admin/events`;
    expect(await closeCode(`${ws}?after=0`, 'nope')).toBe(WsClose.unauthenticated);
    const customer = await b.participantToken('customer1@demo.chatdesk');
    expect(await closeCode(`${ws}?after=0`, customer)).toBe(WsClose.unauthenticated);
    expect(await closeCode(`${ws}?after=abc`, admin)).toBe(1008);
    // A token in the URL is refused even when it is valid: it would end up in proxies' logs.
    expect(await closeCode(`${ws}?after=0&token=${admin}`)).toBe(WsClose.unauthenticated);
    expect(await closeCode(`${ws}?after=0&%74oken=${admin}`, admin)).toBe(WsClose.unauthenticated);
    const pruned = await pruneEvents(b.db, { maxAgeMs: 1e12, maxEvents: 5 });
    expect(pruned).toBeGreaterThan(0);
    expect(await closeCode(`${ws}?after=0`, admin)).toBe(WsClose.cursorTooOld);
    const r = await b.request<{ error: { code: string } }>('GET', '/admin/changes?after=0', { token: admin });
    expect(r.status).toBe(410);
    expect(r.body.error.code).toBe('cursor_too_old');
    const { rows } = await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state');
    const ok = await b.request<{ events: unknown[] }>('GET', `/admin/changes?after=${(rows[0]?.s ?? 0) - 5}`, {
      token: admin,
    });
    expect(ok.body.events).toHaveLength(5);
  });
});

describe('change feed on PostgreSQL, two backend instances on one database', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('writers on both instances; readers on both, one moving to the other instance midway; all see every seq once and the same state', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const one = await startServer({
      databaseUrl: database.url,
      demo: true,
      demoPassword: DEMO_PASSWORD,
      loginRateLimit: 1000,
      passwordCost: TEST_PASSWORD_COST,
      poolSize: 6,
    });
    cleanup.push(() => one.close());
    const two = await startServer({
      databaseUrl: database.url,
      demo: true,
      demoPassword: DEMO_PASSWORD,
      loginRateLimit: 1000,
      passwordCost: TEST_PASSWORD_COST,
      poolSize: 6,
    });
    cleanup.push(() => two.close());
    expect(two.demo).toBeNull(); // the database was no longer empty
    const admin = await signIn(one.url, '/auth/login', 'admin@demo.chatdesk');
    const onOne = await followFeed({ url: one.url, token: admin, snapshot: true, usePaging: true });
    const onTwo = await followFeed({ url: two.url, token: admin, snapshot: true, usePaging: false });
    const writing = runWriters([one.url, two.url], 12);
    await onTwo.waitFor(25);
    await onTwo.reconnect(one.url);
    await onOne.waitFor(60);
    await onOne.reconnect(two.url);
    await writing;
    await checkAgainstDb(one, [onOne, onTwo]);
    onOne.close();
    onTwo.close();
  });
});

describe('change feed on PostgreSQL with 64 concurrent writers, slow and failed transactions mixed in (issue 18)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('readers on two instances see every event once, in order, gapless, and end with the database state', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const start = () =>
      startServer({
        databaseUrl: database.url,
        demo: true,
        demoPassword: DEMO_PASSWORD,
        loginRateLimit: 1000,
        passwordCost: TEST_PASSWORD_COST,
        poolSize: 40,
      });
    const one = await start();
    cleanup.push(() => one.close());
    const two = await start();
    cleanup.push(() => two.close());
    const admin = await signIn(one.url, '/auth/login', 'admin@demo.chatdesk');
    const readers = [
      await followFeed({ url: one.url, token: admin, snapshot: true, usePaging: true }),
      await followFeed({ url: two.url, token: admin, snapshot: true, usePaging: false }),
    ];
    // Few sessions, so writers collide on the same rows.
    const sessions = ((await call(one.url, admin, 'GET', '/admin/sessions?limit=6')) as { items: Session[] }).items;
    const target = (i: number) => sessions[i % sessions.length] as Session;

    // 64 senders through the API, half on each instance.
    const senders = Array.from({ length: 64 }, async (_, w) => {
      const url = w % 2 === 0 ? one.url : two.url;
      for (let i = 0; i < 4; i++) {
        await call(url, admin, 'POST', `/admin/sessions/${target(w + i).id}/messages`, { body: `sender ${w} #${i}` });
      }
    });
    // Slow transactions: they take their transaction id first (a write elsewhere), wait while the senders commit
    // newer transactions on the same session, then change it and append its state. They commit last, so the state
    // the readers must end with is theirs: ordering by transaction id would leave the readers with a sender's.
    // Failed ones do the same and roll back: their events never appear, and leave no gap.
    const slow = Array.from({ length: 8 }, async (_, w) => {
      const session = target(w);
      const fail = w % 3 === 2;
      await one.db
        .transaction(async (tx) => {
          await tx.query('UPDATE users SET updated_at = updated_at WHERE id = $1', [session.customer.id]);
          await new Promise((resolve) => setTimeout(resolve, 150 + 40 * w));
          const { rows } = await tx.query<SessionRow>(
            `UPDATE chat_sessions s SET updated_at = now() WHERE s.id = $1 RETURNING ${SESSION_COLUMNS}`,
            [session.id],
          );
          await appendEvents(tx, systemActor, [
            { type: 'session.upserted', session: toSession(rows[0] as SessionRow) },
          ]);
          if (fail) throw new Error('rolled back on purpose');
        })
        .catch((error: unknown) => {
          if (!(error instanceof Error) || error.message !== 'rolled back on purpose') throw error;
        });
    });
    await Promise.all([...senders, ...slow]);
    await one.hub.settle();
    await two.hub.settle();
    await checkAgainstDb(one, readers);
    const { rows } = await one.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE seq IS NULL');
    expect(rows[0]?.n).toBe(0);
    for (const r of readers) r.close();
  }, 120_000);
});
