// The moderation workspace (B9) in the desk core against the real backend on PGlite: a customer reports a seller's
// message, the moderator's desk pages the queue and reads the item with its conversation and the seller's
// sanctions, removes it through the outbox (queued while offline, sent once when back) and the customer then reads
// the placeholder through the participant API; the window is told the queue changed. Offline the queue and the item
// are answered from the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Session } from '../../../src/shared/domain.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type CuttableProxy, startCuttableProxy, startDeskCore, type TestDesk } from '../../support/desk.ts';
import { backendSessions, participantPost } from './compare.ts';

let backend: TestBackend;
let proxy: CuttableProxy;
let desk: TestDesk;

async function participantOf(session: Session, as: 'customer' | 'seller'): Promise<string> {
  const admin = await backend.adminToken();
  const userId = as === 'customer' ? session.customer.id : session.seller.id;
  const user = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, { token: admin });
  return backend.participantToken(user.body.email);
}

beforeAll(async () => {
  backend = await startTestBackend();
  proxy = await startCuttableProxy(backend.url);
  desk = await startDeskCore({ backendUrl: proxy.url, email: 'moderator@demo.chatdesk', password: DEMO_PASSWORD });
});
afterAll(async () => {
  await desk?.close();
  await proxy?.close();
  await backend?.close();
});

describe('the moderation workspace through the bridge', () => {
  it('queues a reported message, removes it through the outbox offline and exactly once, placeholder for the customer', async () => {
    const session = (await backendSessions(backend))[7] as Session;
    const before = await desk.call('moderation.counts');
    const m: Message = await participantPost(backend, session, 'Pay me outside the app, cheaper', 'seller');
    const customer = await participantOf(session, 'customer');
    const report = await backend.request('POST', `/me/messages/${m.id}/reports`, {
      token: customer,
      body: { category: 'off_platform', note: 'asks to pay outside' },
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);

    // The badge and the queue, filtered by reason and category, through the bridge.
    await desk.waitFor(async () => (await desk.call('moderation.counts')).open === before.open + 1);
    const page = await desk.call('moderation.queue', { reason: 'report', category: 'off_platform', limit: 50 });
    const item = page.items.find((i) => i.message.id === m.id);
    expect(item?.reportsCount).toBe(1);
    expect(item?.reasons).toContain('report');
    expect(item?.reports[0]?.category).toBe('off_platform');
    const spam = await desk.call('moderation.queue', { category: 'spam' });
    expect(spam.items.some((i) => i.message.id === m.id)).toBe(false);
    const bad = await desk.result('moderation.queue', { reason: 'gossip' as 'flag' });
    expect(bad.ok).toBe(false);

    // The item with its conversation and the seller's sanctions (none yet, then a warning).
    const itemId = item?.id as string;
    await desk.call('moderation.sanction', {
      userId: session.seller.id,
      sanction: { kind: 'warn', reason: 'off-platform payment' },
    });
    await desk.settled();
    const detail = await desk.call('moderation.item', { id: itemId });
    expect(detail.item.message.body).toBe(m.body);
    expect(detail.before.length).toBeGreaterThan(0);
    expect(detail.before.every((x) => x.createdAt <= m.createdAt && x.sessionId === session.id)).toBe(true);
    // After it, at most staff's own lines (a warning's notice in the conversation).
    expect(detail.after.filter((x) => x.senderRole !== 'staff')).toEqual([]);
    expect(detail.sanctions.map((s) => [s.kind, s.reason])).toEqual([['warn', 'off-platform payment']]);

    // Offline: the queue comes from the cache, marked so, with the same filters; the item opens from it too. The
    // removal is queued, the item leaves the cached open queue at once, and it is sent once when the backend is back.
    proxy.cut();
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline');
    const offline = await desk.call('moderation.queue', { reason: 'report', category: 'off_platform', limit: 200 });
    expect(offline.cached).toBe(true);
    expect(offline.items.some((i) => i.id === itemId)).toBe(true);
    expect(
      (await desk.call('moderation.queue', { category: 'spam', limit: 200 })).items.some((i) => i.id === itemId),
    ).toBe(false);
    const offlineDetail = await desk.call('moderation.item', { id: itemId });
    expect(offlineDetail.item.message.body).toBe(m.body);
    expect(offlineDetail.sanctions.map((s) => s.kind)).toEqual(['warn']);
    const since = Date.now();
    const queued = await desk.call('moderation.decide', {
      id: itemId,
      action: 'remove',
      reason: 'Payment off the app',
    });
    expect(typeof queued.actionId).toBe('string');
    expect((await desk.call('sync.state')).pendingActions).toBe(1);
    const afterDecision = await desk.call('moderation.queue', { limit: 200 });
    expect(afterDecision.items.some((i) => i.id === itemId)).toBe(false);
    expect(
      (await desk.call('moderation.queue', { status: 'resolved', limit: 200 })).items.some((i) => i.id === itemId),
    ).toBe(true);
    proxy.restore();
    await desk.settled();
    await desk.waitForEvent('sessions.changed', (c) => c.moderationChanged === true, { since });

    const audit = await backend.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'moderation.remove' AND target_id = $1`,
      [itemId],
    );
    expect(audit.rows[0]?.n).toBe(1);
    const resolved = await desk.call('moderation.queue', { status: 'resolved', limit: 200 });
    expect(resolved.items.find((i) => i.id === itemId)?.decision?.action).toBe('remove');
    expect((await desk.call('moderation.counts')).open).toBe(before.open);

    // The customer reads the placeholder; the moderator's cache still has the body, marked removed.
    const read = await backend.request<{ items: Array<{ id: string; removed?: boolean; body: string | null }> }>(
      'GET',
      `/me/sessions/${session.id}/messages`,
      { token: customer },
    );
    const seen = read.body.items.find((x) => x.id === m.id);
    expect(seen).toMatchObject({ removed: true, body: null, removedReason: 'Payment off the app' });
    const kept = (await desk.call('messages.list', { sessionId: session.id, limit: 500 })).items.find(
      (x) => x.id === m.id,
    );
    expect(kept).toMatchObject({ body: m.body, removed: true, removedReason: 'Payment off the app' });
  });

  it('refuses decisions to a role without moderation.decide at once, nothing queued', async () => {
    const manager = await startDeskCore({
      backendUrl: backend.url,
      email: 'manager@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    try {
      const page = await manager.call('moderation.queue', { limit: 1 });
      expect(page.total).toBeGreaterThan(0);
      const r = await manager.result('moderation.decide', { id: page.items[0]?.id as string, action: 'dismiss' });
      expect(r.ok ? null : r.error.code).toBe('forbidden');
      expect((await manager.call('sync.state')).pendingActions).toBe(0);
    } finally {
      await manager.close();
    }
  });
});
