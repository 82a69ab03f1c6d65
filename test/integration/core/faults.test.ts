// Faults with nothing lost or doubled: the backend restarted in the middle of a stream of messages, the network
// cut while actions are queued (and answers lost on the way back), the desk core killed with a full outbox, the
// feed pruned past the desk's cursor. After each, the cache equals the backend and each action happened once.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src/main/web/fileSecretStore.ts';
import { type RunningServer, startServer } from '../../../src/server/app.ts';
import { pruneEvents } from '../../../src/server/feed.ts';
import type { AuditEntry, Message, Session } from '../../../src/shared/domain.ts';
import type { Result } from '../../../src/shared/result.ts';
import { startTestBackend, TEST_PASSWORD_COST, type TestBackend } from '../../support/backend.ts';
import {
  type BackendApi,
  backendAt,
  type CuttableProxy,
  DEMO_ADMIN,
  startCuttableProxy,
  startDeskCore,
  type TestDesk,
} from '../../support/desk.ts';
import { backendMessages, backendSessions, expectCacheEqualsBackend } from './compare.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
});

async function backendWithDesk(viaProxy: boolean): Promise<{
  backend: TestBackend;
  desk: TestDesk;
  proxy: CuttableProxy | null;
  token: string;
}> {
  const backend = await startTestBackend();
  cleanups.push(() => backend.close());
  const proxy = viaProxy ? await startCuttableProxy(backend.url) : null;
  if (proxy) cleanups.push(() => proxy.close());
  const desk = await startDeskCore({ backendUrl: proxy?.url ?? backend.url });
  cleanups.push(() => desk.close());
  return { backend, desk, proxy, token: await backend.adminToken() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function emailOf(backend: BackendApi, userId: string): Promise<string> {
  const r = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, {
    token: await backend.adminToken(),
  });
  return r.body.email;
}

/** Posts as a participant with a client-made id, retrying through outages (a retry can never double it). */
async function postUntilAccepted(backend: BackendApi, token: string, sessionId: string, id: string, body: string) {
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      const r = await backend.request('POST', `/me/sessions/${sessionId}/messages`, { token, body: { id, body } });
      if (r.status === 201) return;
    } catch {
      // the backend is down: try again
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`message ${body} never accepted`);
}

async function auditCount(backend: BackendApi, token: string, targetIds: string[]): Promise<Map<string, number>> {
  const r = await backend.request<{ items: AuditEntry[] }>('GET', '/admin/audit-log?limit=500', { token });
  const counts = new Map(targetIds.map((id) => [id, 0]));
  for (const entry of r.body.items) {
    if (entry.targetId && counts.has(entry.targetId)) counts.set(entry.targetId, (counts.get(entry.targetId) ?? 0) + 1);
  }
  return counts;
}

describe('desk core under faults', () => {
  it('the backend shut down and restarted in the middle of a stream of messages: every message once', async () => {
    const { backend, desk } = await backendWithDesk(false);
    const [session] = await backendSessions(backend);
    if (!session) throw new Error('sessions');
    const customer = await backend.participantToken(await emailOf(backend, session.customer.id));
    const port = Number(new URL(backend.url).port);
    let restarted: RunningServer | null = null;
    cleanups.push(async () => {
      await restarted?.close();
    });

    const ids = Array.from({ length: 60 }, () => randomUUID());
    const stream = (async () => {
      for (const [i, id] of ids.entries()) {
        await postUntilAccepted(backend, customer, session.id, id, `stream ${i}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await desk.waitFor(async () => (await backendMessages(backend, session.id)).length >= session.messagesCount + 20);
    await backend.server.close();
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline', 10_000, 'offline');
    await new Promise((r) => setTimeout(r, 300));
    restarted = await startServer({
      db: backend.db,
      port,
      logger: 'silent',
      loginRateLimit: 1000,
      passwordCost: TEST_PASSWORD_COST,
    });
    await stream;

    await expectCacheEqualsBackend(desk, backend, [session.id]);
    const local = await desk.call('messages.list', { sessionId: session.id, limit: 500 });
    for (const id of ids) expect(local.items.filter((m) => m.id === id)).toHaveLength(1);
    const final = await desk.call('sessions.get', { id: session.id });
    expect(final.messagesCount).toBe(session.messagesCount + ids.length);
    expect(final.unreadCount).toBe(session.unreadCount + ids.length);
    const statuses = desk.events
      .filter((e) => e.name === 'sync.state')
      .map((e) => (e.payload as { status: string }).status);
    expect(statuses).toContain('offline');
    expect(statuses.at(-1)).toBe('online');
  });

  it('the backend killed (SIGKILL) mid-stream and started again on the same data: every message once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chatdesk-killed-backend-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const children: ChildProcess[] = [];
    cleanups.push(async () => {
      for (const child of children) child.kill('SIGKILL');
    });
    const startBackendProcess = async (): Promise<ChildProcess> => {
      const child = fork(resolve(import.meta.dirname, 'fixtures/backendChild.ts'), [dataDir, String(port)], {
        execPath: process.execPath,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      await new Promise<void>((ready, failed) => {
        child.once('message', () => ready());
        child.once('exit', (code) => failed(new Error(`the backend process exited (${code})`)));
      });
      return child;
    };
    let child = await startBackendProcess();
    const backend = backendAt(`http://127.0.0.1:${port}`);
    const desk = await startDeskCore({ backendUrl: backend.url });
    cleanups.push(() => desk.close());
    const [session] = await backendSessions(backend);
    if (!session) throw new Error('sessions');
    const customer = await backend.participantToken(await emailOf(backend, session.customer.id));

    const ids = Array.from({ length: 60 }, () => randomUUID());
    const stream = (async () => {
      for (const [i, id] of ids.entries()) {
        await postUntilAccepted(backend, customer, session.id, id, `stream ${i}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await desk.waitFor(
      async () => (await desk.call('sessions.get', { id: session.id })).messagesCount >= session.messagesCount + 20,
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline', 15_000, 'offline');
    child = await startBackendProcess();
    await stream;

    await expectCacheEqualsBackend(desk, backend, [session.id]);
    const remote = await backendMessages(backend, session.id);
    const local = await desk.call('messages.list', { sessionId: session.id, limit: 500 });
    for (const id of ids) {
      expect(remote.filter((m) => m.id === id)).toHaveLength(1);
      expect(local.items.filter((m) => m.id === id)).toHaveLength(1);
    }
    const final = await desk.call('sessions.get', { id: session.id });
    expect(final.messagesCount).toBe(session.messagesCount + ids.length);
    expect(final.unreadCount).toBe(session.unreadCount + ids.length);
    expect((await desk.call('sync.state')).status).toBe('online');
  });

  it('the network cut while actions are queued, then restored: sent once each, in order', async () => {
    const { backend, desk, proxy, token } = await backendWithDesk(true);
    if (!proxy) throw new Error('proxy');
    const sessions = await backendSessions(backend);
    const [s1, s2, s3, s4] = sessions as [Session, Session, Session, Session];
    proxy.cut();
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline', 10_000, 'offline');

    const sent: Message[] = [];
    for (const body of ['one', 'two', 'three']) sent.push(await desk.call('messages.send', { sessionId: s1.id, body }));
    await desk.call('sessions.markRead', { target: { ids: [s2.id] } });
    await desk.call('sessions.delete', { id: s3.id });
    const customers = await desk.call('options.users', { role: 'customer', limit: 3 });
    const created = await desk.call('sessions.create', {
      productId: s4.product.id,
      customerId: (customers.items.find((c) => c.id !== s4.customer.id) ?? customers.items[0])?.id ?? '',
      sellerId: s4.seller.id,
      lastMessageAt: new Date().toISOString(),
    });
    await desk.call('messages.send', { sessionId: created.id, body: 'made offline' });
    await desk.call('sessions.update', { id: s4.id, patch: { lastMessageAt: '2026-03-03T03:03:03.000Z' } });
    await desk.call('settings.update', { chatMobileEnabled: false });

    // Shown at once, queued, offline.
    const state = await desk.call('sync.state');
    expect(state.status).toBe('offline');
    expect(state.offlineSince).not.toBeNull();
    expect(state.pendingActions).toBe(9);
    expect((await desk.call('sessions.get', { id: s1.id })).messagesCount).toBe(s1.messagesCount + 3);
    expect((await desk.call('sessions.get', { id: s2.id })).unreadCount).toBe(0);
    expect((await desk.result('sessions.get', { id: s3.id })).ok).toBe(false);
    expect((await desk.call('messages.list', { sessionId: created.id })).items.map((m) => m.body)).toEqual([
      'made offline',
    ]);
    // Meanwhile a customer writes in the first session; the desk does not know yet.
    const customer = await backend.participantToken(await emailOf(backend, s1.customer.id));
    await postUntilAccepted(backend, customer, s1.id, randomUUID(), 'while you were away');

    proxy.restore();
    await expectCacheEqualsBackend(desk, backend, [s1.id, s2.id, s3.id, s4.id, created.id]);
    const remote = await backendMessages(backend, s1.id);
    // The customer's message reached the backend while the desk was cut off; the queued ones follow, in order.
    expect(remote.map((m) => m.body).slice(-4)).toEqual(['while you were away', 'one', 'two', 'three']);
    const audits = await auditCount(backend, token, [...sent.map((m) => m.id), created.id]);
    for (const [id, n] of audits) expect(n, id).toBe(1);
    expect((await desk.call('settings.get')).chatMobileEnabled).toBe(false);
    expect((await desk.call('sync.state')).pendingActions).toBe(0);
  });

  it('answers lost on the way back: the resend is recognised by its key, nothing doubles', async () => {
    const { backend, desk, proxy, token } = await backendWithDesk(true);
    if (!proxy) throw new Error('proxy');
    const [s1] = await backendSessions(backend, 'hasUnread=true');
    if (!s1) throw new Error('sessions');
    proxy.dropResponses();
    const message = await desk.call('messages.send', { sessionId: s1.id, body: 'did you get this?' });
    await desk.call('sessions.markRead', { target: { ids: [s1.id] } });
    // The backend has the message although the desk never heard back.
    await desk.waitFor(async () => (await backendMessages(backend, s1.id)).some((m) => m.id === message.id));
    proxy.restore();
    await expectCacheEqualsBackend(desk, backend, [s1.id]);
    expect((await backendMessages(backend, s1.id)).filter((m) => m.id === message.id)).toHaveLength(1);
    expect((await auditCount(backend, token, [message.id])).get(message.id)).toBe(1);
    expect((await desk.call('sessions.get', { id: s1.id })).unreadCount).toBe(0);
  });

  it('the desk core killed (SIGKILL) with a full outbox and started again: every action sent once', async () => {
    const backend = await startTestBackend();
    cleanups.push(() => backend.close());
    const proxy = await startCuttableProxy(backend.url);
    cleanups.push(() => proxy.close());
    const token = await backend.adminToken();
    const dataDir = mkdtempSync(join(tmpdir(), 'chatdesk-killed-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));

    const child: ChildProcess = fork(resolve(import.meta.dirname, 'fixtures/deskChild.ts'), [dataDir], {
      execPath: process.execPath,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    cleanups.push(async () => {
      child.kill('SIGKILL');
    });
    let nextId = 1;
    const replies = new Map<number, (r: Result<unknown>) => void>();
    const ready = new Promise<void>((resolveReady) => {
      child.on('message', (msg: { ready?: boolean; id?: number; result?: Result<unknown> }) => {
        if (msg.ready) resolveReady();
        if (msg.id && msg.result) replies.get(msg.id)?.(msg.result);
      });
    });
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const id = nextId++;
      const result = await new Promise<Result<unknown>>((r) => {
        replies.set(id, r);
        child.send({ id, name, input });
      });
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value as T;
    };
    await ready;
    await call('account.signIn', { backendUrl: proxy.url, ...DEMO_ADMIN });
    const deadline = Date.now() + 30_000;
    while ((await call<{ status: string }>('sync.state')).status !== 'online') {
      if (Date.now() > deadline) throw new Error('child never synced');
      await new Promise((r) => setTimeout(r, 50));
    }
    proxy.cut();
    const sessions = await backendSessions(backend, 'hasUnread=true');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const s = sessions[i % 4] as Session;
      ids.push((await call<Message>('messages.send', { sessionId: s.id, body: `queued ${i}` })).id);
    }
    await call('sessions.markRead', { target: { ids: [(sessions[5] as Session).id] } });
    await call('sessions.delete', { id: (sessions[6] as Session).id });
    expect((await call<{ pendingActions: number }>('sync.state')).pendingActions).toBe(22);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    proxy.restore();
    const desk = await startDeskCore({
      dataDir,
      secrets: createFileSecretStore(join(dataDir, 'secrets')),
      waitForSync: false,
    });
    cleanups.push(() => desk.close());
    expect((await desk.call('account.state')).signedIn).toBe(true);
    await expectCacheEqualsBackend(
      desk,
      backend,
      sessions.slice(0, 7).map((s) => s.id),
    );
    const counts = await auditCount(backend, token, ids);
    for (const id of ids) expect(counts.get(id), id).toBe(1);
    for (const s of sessions.slice(0, 4)) {
      const bodies = (await backendMessages(backend, s.id)).map((m) => m.body).filter((b) => b.startsWith('queued'));
      expect(bodies).toEqual(ids.map((_, i) => `queued ${i}`).filter((_, i) => i % 4 === sessions.indexOf(s)));
    }
  });

  it('a cursor the backend no longer keeps: a full resync, queued actions kept and sent once', async () => {
    const { backend, desk, proxy, token } = await backendWithDesk(true);
    if (!proxy) throw new Error('proxy');
    const sessions = await backendSessions(backend);
    const [s1, s2] = sessions as [Session, Session];
    proxy.cut();
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline', 10_000, 'offline');
    const queued = await desk.call('messages.send', { sessionId: s1.id, body: 'queued before the resync' });
    // Changes the desk misses, then the feed forgets them.
    await backend.request('DELETE', `/admin/sessions/${s2.id}`, { token });
    await backend.request('PATCH', `/admin/products/${s1.product.id}`, { token, body: { name: 'Renamed product' } });
    const customer = await backend.participantToken(await emailOf(backend, s1.customer.id));
    await postUntilAccepted(backend, customer, s1.id, randomUUID(), 'missed message');
    await pruneEvents(backend.db, { maxAgeMs: 365 * 24 * 3600_000, maxEvents: 1 });
    const from = desk.events.length;
    proxy.restore();
    await expectCacheEqualsBackend(desk, backend, [s1.id, s2.id]);
    const statuses = desk.events.slice(from).filter((e) => e.name === 'sync.state');
    expect(statuses.some((e) => (e.payload as { status: string }).status === 'syncing')).toBe(true);
    expect((await backendMessages(backend, s1.id)).filter((m) => m.id === queued.id)).toHaveLength(1);
    expect((await desk.call('sessions.get', { id: s1.id })).product.name).toBe('Renamed product');
  });
});
