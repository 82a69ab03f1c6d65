// B9 in the desk core against the real backend on PGlite, beyond the queue: moderators (and admins) are told of items
// that open and of the open count ('moderation.review'), agents never; a mute in force is read for a conversation's
// participants (from the backend, kept in the cache, and from the feed for a role that cannot read sanctions); a
// removed message is restored from its conversation by its item, through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../src/shared/domain.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type CuttableProxy, startCuttableProxy, startDeskCore, type TestDesk } from '../../support/desk.ts';
import { backendSessions, participantPost } from './compare.ts';

let backend: TestBackend;
let moderator: TestDesk;
let agent: TestDesk;

async function participantOf(session: Session, as: 'customer' | 'seller'): Promise<string> {
  const admin = await backend.adminToken();
  const userId = as === 'customer' ? session.customer.id : session.seller.id;
  const user = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, { token: admin });
  return backend.participantToken(user.body.email);
}

beforeAll(async () => {
  backend = await startTestBackend();
  moderator = await startDeskCore({
    backendUrl: backend.url,
    email: 'moderator@demo.chatdesk',
    password: DEMO_PASSWORD,
  });
  agent = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk', password: DEMO_PASSWORD });
});
afterAll(async () => {
  await moderator?.close();
  await agent?.close();
  await backend?.close();
});

describe('moderators are told of the review queue; conversations show removals and sanctions', () => {
  it('notifies the moderator of a reported message with the open count, never the agent', async () => {
    const session = (await backendSessions(backend))[5] as Session;
    const since = Date.now();
    const m = await participantPost(backend, session, 'Is the colour the same as in the photo?', 'seller');
    const report = await backend.request('POST', `/me/messages/${m.id}/reports`, {
      token: await participantOf(session, 'customer'),
      body: { category: 'scam' },
    });
    expect(report.status).toBe(201);
    const told = await moderator.waitForEvent('moderation.review', (r) => r.notify.some((n) => n.messageId === m.id), {
      since,
    });
    const open = (await moderator.call('moderation.counts')).open;
    expect(told.open).toBe(open);
    expect(told.notify.find((n) => n.messageId === m.id)).toMatchObject({
      sessionId: session.id,
      senderName: session.seller.name,
      body: m.body,
      productName: session.product.name,
      reasons: ['report'],
    });
    // A second report of the same open item notifies no one again.
    const again = Date.now();
    await backend.request('POST', `/me/messages/${m.id}/reports`, {
      token: await participantOf(session, 'seller'),
      body: { category: 'spam' },
    });
    await moderator.settled();
    expect(
      moderator.events.filter(
        (e) =>
          e.at >= again &&
          e.name === 'moderation.review' &&
          (e.payload as { notify: Array<{ messageId: string }> }).notify.some((n) => n.messageId === m.id),
      ),
    ).toEqual([]);
    // The agent's desk applied the same feed and heard nothing of it.
    await agent.settled();
    expect(agent.events.filter((e) => e.name === 'moderation.review')).toEqual([]);
    expect((await agent.result('moderation.counts')).ok).toBe(false);
  });

  it('shows a mute in force for the conversation’s participants, to the moderator and to the agent', async () => {
    const session = (await backendSessions(backend))[6] as Session;
    const userIds = [session.customer.id, session.seller.id];
    expect((await moderator.call('moderation.activeSanctions', { userIds })).items).toEqual([]);
    await moderator.call('moderation.sanction', {
      userId: session.seller.id,
      sanction: { kind: 'mute', minutes: 60, reason: 'contact details' },
    });
    await moderator.settled();
    const mod = await moderator.call('moderation.activeSanctions', { userIds });
    expect(mod.items.map((s) => [s.userId, s.kind, s.active])).toEqual([[session.seller.id, 'mute', true]]);
    const endsAt = Date.parse(mod.items[0]?.endsAt as string);
    expect(Math.abs(endsAt - Date.now() - 3_600_000)).toBeLessThan(120_000);
    // The agent may not read sanctions from the backend; the feed brought it to their cache.
    await agent.waitFor(async () => (await agent.call('moderation.activeSanctions', { userIds })).items.length === 1);
    const bad = await agent.result('moderation.activeSanctions', { userIds: [], extra: 1 } as never);
    expect(bad.ok).toBe(false);
    // Lifted: no longer in force anywhere.
    await moderator.call('moderation.liftSanction', { id: mod.items[0]?.id as string });
    await moderator.settled();
    expect((await moderator.call('moderation.activeSanctions', { userIds })).items).toEqual([]);
    await agent.waitFor(async () => (await agent.call('moderation.activeSanctions', { userIds })).items.length === 0);
  });

  it('restores a removed message from its conversation; the agent may not', async () => {
    const session = (await backendSessions(backend))[8] as Session;
    const m = await participantPost(backend, session, 'call me on 0551234567', 'seller');
    const item = await moderator.waitFor(async () =>
      (await moderator.call('moderation.queue', { limit: 200 })).items.find((i) => i.message.id === m.id),
    );
    await moderator.call('moderation.decide', { id: item.id, action: 'remove', reason: 'Contact details' });
    await moderator.settled();
    const removed = (await moderator.call('messages.list', { sessionId: session.id, limit: 200 })).items.find(
      (x) => x.id === m.id,
    );
    expect(removed).toMatchObject({ removed: true, removedReason: 'Contact details', body: m.body });
    await agent.settled();
    const seenByAgent = (await agent.call('messages.list', { sessionId: session.id, limit: 200 })).items.find(
      (x) => x.id === m.id,
    );
    expect(seenByAgent).toMatchObject({ removed: true, removedReason: 'Contact details' });
    const refused = await agent.result('moderation.restoreMessage', { messageId: m.id });
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');

    await moderator.call('moderation.restoreMessage', { messageId: m.id });
    await moderator.settled();
    const back = (await moderator.call('messages.list', { sessionId: session.id, limit: 200 })).items.find(
      (x) => x.id === m.id,
    );
    expect(back?.removed).toBeUndefined();
    const unknown = await moderator.result('moderation.restoreMessage', { messageId: session.id });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
  });

  it('reads the rules, changes them through the outbox (offline: shown as made, sent once), the next message flagged', async () => {
    const proxy: CuttableProxy = await startCuttableProxy(backend.url);
    const admin = await startDeskCore({ backendUrl: proxy.url, email: 'admin@demo.chatdesk', password: DEMO_PASSWORD });
    const manager = await startDeskCore({
      backendUrl: backend.url,
      email: 'manager@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    try {
      const before = await admin.call('moderation.rules');
      expect(before.blockedWords).not.toContain('zanzibar deal');
      proxy.cut();
      await admin.waitFor(async () => (await admin.call('sync.state')).status === 'offline');
      const kept = await admin.call('moderation.rules');
      expect(kept).toMatchObject({ cached: true, blockedWords: before.blockedWords });
      const { revision, blockedWords, allowedDomains, detectPhones, detectEmails, detectLinks } = before;
      const body = { revision, blockedWords, allowedDomains, detectPhones, detectEmails, detectLinks };
      await admin.call('moderation.updateRules', {
        revision,
        blockedWords: [...blockedWords, 'zanzibar deal'],
        allowedDomains,
        detectPhones,
        detectEmails,
        detectLinks,
      });
      const shown = await admin.call('moderation.rules');
      expect(shown).toMatchObject({ pending: true, cached: true });
      expect(shown.blockedWords).toContain('zanzibar deal');
      // A bad rule is refused at once, naming the field; nothing queued.
      const bad = await admin.result('moderation.updateRules', { ...body, blockedWords: ['x'] });
      expect(bad.ok ? null : bad.error.code).toBe('bad_request');
      expect((await admin.call('sync.state')).pendingActions).toBe(1);

      proxy.restore();
      await admin.settled();
      const audit = await backend.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'moderation.rules%'`,
      );
      expect(audit.rows[0]?.n).toBe(1);
      const after = await admin.call('moderation.rules');
      expect(after.pending).toBeUndefined();
      expect(after.blockedWords).toContain('zanzibar deal');
      expect(after.updatedBy?.name).toBeTruthy();
      // The manager's desk hears the change through the feed and reads it; it may not change the rules.
      await manager.waitFor(async () =>
        (await manager.call('moderation.rules')).blockedWords.includes('zanzibar deal'),
      );
      const refused = await manager.result('moderation.updateRules', body);
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
      expect((await agent.result('moderation.rules')).ok).toBe(false);

      // The next message with the word is flagged and opens an item the moderator is told of.
      const session = (await backendSessions(backend))[9] as Session;
      const since = Date.now();
      const m = await participantPost(backend, session, 'Let us do the Zanzibar deal outside', 'seller');
      expect(m.flags).toContain('blocklisted');
      await moderator.waitForEvent('moderation.review', (r) => r.notify.some((n) => n.messageId === m.id), { since });
      // Put back, made from the revision in force now.
      await admin.call('moderation.updateRules', { ...body, revision: after.revision });
      await admin.settled();
    } finally {
      await admin.close();
      await manager.close();
      await proxy.close();
    }
  });
});
