// Bulk jobs (issue 17): "all matching" over more sessions than one request names runs in parts of up to 1,000, each
// an outbox action, with 'bulk.progress' as the backend takes them; cancelling stops before the next part, so the
// part queued lands and the rest stays as it was. A real backend (PGlite, the demo marketplace plus 10,000 generated
// sessions) and a real desk core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBulk } from '../../../src/server/db/generate.ts';
import { MAX_BULK_IDS } from '../../../src/shared/api.ts';
import type { BulkJobProgress } from '../../../src/shared/bridge.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { DEMO_ADMIN, startDeskCore, type TestDesk } from '../../support/desk.ts';

let backend: TestBackend;
let desk: TestDesk;

beforeAll(async () => {
  backend = await startTestBackend({ checkResponses: false });
  await generateBulk(backend.db, { sessions: 10_000, messages: 20_000 });
  desk = await startDeskCore({ backendUrl: backend.url });
}, 120_000);
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

async function backendCount(where: string): Promise<number> {
  const { rows } = await backend.db.query<{ n: string }>(`SELECT count(*) AS n FROM chat_sessions WHERE ${where}`);
  return Number(rows[0]?.n);
}

/** The job's progress events from `since` on, until (and with) the one that ends it. */
async function runToEnd(jobId: string, since: number): Promise<BulkJobProgress[]> {
  const end = await desk.waitForEvent('bulk.progress', (p) => p.jobId === jobId && p.state !== 'running', {
    since,
    timeoutMs: 60_000,
  });
  const seen = desk.events
    .filter((e) => e.at >= since && e.name === 'bulk.progress')
    .map((e) => e.payload as BulkJobProgress)
    .filter((p) => p.jobId === jobId);
  expect(seen).toContainEqual(end);
  return seen;
}

describe('bulk jobs over "all matching"', () => {
  it('marks every matching session read in parts of 1,000, reporting progress until the backend has them all', async () => {
    await desk.settled(60_000);
    const filter = { hasUnread: true };
    const { total } = await desk.call('sessions.page', { filter, limit: 1 });
    expect(total).toBeGreaterThan(2 * MAX_BULK_IDS);
    expect(await backendCount('unread_count > 0')).toBe(total);
    const since = Date.now();
    const started = await desk.call('bulk.start', {
      action: 'markRead',
      target: { allMatching: { filter, confirmedCount: total, asOf: new Date().toISOString() } },
    });
    expect(started).toMatchObject({ action: 'markRead', state: 'running', total, done: 0 });
    const seen = await runToEnd(started.jobId, since);
    const last = seen.at(-1);
    expect(last).toMatchObject({ state: 'done', total, queued: total, done: total, error: null });
    // Progress only grows, by parts of at most 1,000, and there is one report per part at least.
    const done = seen.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const steps = done
      .slice(1)
      .map((d, i) => d - (done[i] ?? 0))
      .filter((d) => d > 0);
    expect(steps.length).toBe(Math.ceil(total / MAX_BULK_IDS));
    expect(Math.max(...steps)).toBeLessThanOrEqual(MAX_BULK_IDS);
    // The backend has them all read; the desk shows the same once the feed is in.
    expect(await backendCount('unread_count > 0')).toBe(0);
    await desk.settled(60_000);
    expect((await desk.call('unread.total')).total).toBe(0);
    expect((await desk.call('sessions.page', { filter, limit: 1 })).total).toBe(0);
  });

  it('cancelling stops before the next part: the part queued lands, every other session stays', async () => {
    await desk.settled(60_000);
    const before = await backendCount('true');
    const { total } = await desk.call('sessions.page', { limit: 1 });
    expect(total).toBe(before);
    const since = Date.now();
    const started = await desk.call('bulk.start', {
      action: 'delete',
      target: { allMatching: { filter: {}, confirmedCount: total, asOf: new Date().toISOString() } },
    });
    const cancelled = await desk.call('bulk.cancel', { jobId: started.jobId });
    expect(cancelled).toMatchObject({ state: 'cancelled', total, queued: MAX_BULK_IDS });
    // The part handed over before the cancel is still sent and reported; no other part follows.
    await desk.waitForEvent('bulk.progress', (p) => p.jobId === started.jobId && p.done === MAX_BULK_IDS, {
      since,
      timeoutMs: 30_000,
    });
    await desk.settled(60_000);
    expect(await backendCount('true')).toBe(before - MAX_BULK_IDS);
    expect((await desk.call('sessions.page', { limit: 1 })).total).toBe(before - MAX_BULK_IDS);
    const reports = desk.events.filter(
      (e) => e.at >= since && e.name === 'bulk.progress' && (e.payload as BulkJobProgress).jobId === started.jobId,
    );
    expect(reports.every((e) => (e.payload as BulkJobProgress).queued <= MAX_BULK_IDS)).toBe(true);
    // Cancelling again answers with how it ended.
    expect(await desk.call('bulk.cancel', { jobId: started.jobId })).toMatchObject({
      state: 'cancelled',
      done: MAX_BULK_IDS,
    });
  });

  it('is refused at once, with the count now, when the filter matches more than was confirmed; nothing is queued', async () => {
    await desk.settled(60_000);
    const { total } = await desk.call('sessions.page', { limit: 1 });
    const before = await backendCount('true');
    const result = await desk.result('bulk.start', {
      action: 'delete',
      target: { allMatching: { filter: {}, confirmedCount: total - 1, asOf: new Date().toISOString() } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'conflict', currentCount: total });
    expect(Object.keys(result.error.fields ?? {})).toContain('target.allMatching.confirmedCount');
    expect((await desk.call('sync.state')).pendingActions).toBe(0);
    expect(await backendCount('true')).toBe(before);
  });

  it('bad input is refused naming the field: ids instead of a filter, an unknown key, an unknown job', async () => {
    const asOf = new Date().toISOString();
    const cases: Array<[unknown, string]> = [
      [{ action: 'delete', target: { ids: ['x'] } }, 'target'],
      [{ action: 'delete', target: { allMatching: { filter: {}, confirmedCount: 5, asOf } }, force: true }, 'force'],
      [{ action: 'archive', target: { allMatching: { filter: {}, confirmedCount: 5, asOf } } }, 'action'],
      [{ action: 'delete', target: { allMatching: { filter: { selerId: 'x' }, confirmedCount: 5, asOf } } }, 'target'],
    ];
    for (const [input, field] of cases) {
      const result = await desk.result('bulk.start', input as never);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('bad_request');
      expect(
        Object.keys(result.error.fields ?? {}).some((f) => f.startsWith(field)),
        JSON.stringify(result.error),
      ).toBe(true);
    }
    const unknown = await desk.result('bulk.cancel', { jobId: 'no-such-job' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.error).toMatchObject({ code: 'not_found', fields: { jobId: 'no such bulk action' } });
  });

  it('touches only sessions created by the confirmation (asOf): one created after it is left alone', async () => {
    await desk.settled(60_000);
    const one = (await desk.call('sessions.page', { limit: 1 })).rows[0];
    if (!one) throw new Error('no session');
    const filter = { productId: one.product.id };
    const atConfirmation = (await desk.call('sessions.page', { filter, limit: 1 })).total;
    const asOf = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A session of the same product, made after the person confirmed.
    const { rows } = await backend.db.query<{ id: string }>(
      `SELECT id FROM users WHERE role = 'customer'
         AND id NOT IN (SELECT customer_id FROM chat_sessions WHERE product_id = $1) LIMIT 1`,
      [one.product.id],
    );
    const created = await backend.request<{ id: string }>('POST', '/admin/sessions', {
      token: await backend.adminToken(),
      body: { productId: one.product.id, customerId: rows[0]?.id },
    });
    expect(created.status).toBe(201);
    await desk.settled(60_000);
    expect((await desk.call('sessions.page', { filter, limit: 1 })).total).toBe(atConfirmation + 1);
    const since = Date.now();
    const started = await desk.call('bulk.start', {
      action: 'delete',
      target: { allMatching: { filter, confirmedCount: atConfirmation, asOf } },
    });
    expect(started.total).toBe(atConfirmation);
    await desk.waitForEvent('bulk.progress', (p) => p.jobId === started.jobId && p.state === 'done', {
      since,
      timeoutMs: 30_000,
    });
    await desk.settled(60_000);
    expect(await backendCount(`product_id = '${one.product.id}'`)).toBe(1);
    expect((await desk.call('sessions.get', { id: created.body.id })).id).toBe(created.body.id);
  });

  it('an agent may not delete in bulk: refused as forbidden before anything is taken', async () => {
    const agent = await startDeskCore({
      backendUrl: backend.url,
      email: 'agent@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    try {
      const { total } = await agent.call('sessions.page', { limit: 1 });
      const result = await agent.result('bulk.start', {
        action: 'delete',
        target: { allMatching: { filter: {}, confirmedCount: total, asOf: new Date().toISOString() } },
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('forbidden');
      expect((await agent.call('sync.state')).pendingActions).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it('signing out interrupts a job: the part queued is sent at the next sign-in, nothing more', async () => {
    await desk.settled(60_000);
    const before = await backendCount('true');
    expect(before).toBeGreaterThan(2 * MAX_BULK_IDS);
    const since = Date.now();
    const started = await desk.call('bulk.start', {
      action: 'delete',
      target: { allMatching: { filter: {}, confirmedCount: before, asOf: new Date().toISOString() } },
    });
    await desk.call('account.signOut', {});
    const end = await desk.waitForEvent('bulk.progress', (p) => p.jobId === started.jobId && p.state !== 'running', {
      since,
      timeoutMs: 30_000,
    });
    expect(end.state).toBe('interrupted');
    expect(end.queued).toBeLessThanOrEqual(MAX_BULK_IDS);
    await desk.call('account.signIn', { backendUrl: backend.url, email: DEMO_ADMIN.email, password: DEMO_PASSWORD });
    await desk.settled(60_000);
    // The part queued before the sign-out landed; no part after it was queued.
    expect(await backendCount('true')).toBe(before - end.queued);
  });
});
