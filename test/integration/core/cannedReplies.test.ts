// Managing canned replies from the desk (B10) in the desk core against the real backend on PGlite: a manager
// creates, edits and deletes them through the outbox (shown at once in the list, sent once, on the backend after);
// the core refuses at once a shortcut the language already has (whatever its case), bad fields naming them, a reply
// it does not have, and an agent (who still reads the list); a change the backend refuses is put back, with a notice
// that the canned replies changed; another manager's change arrives through the feed with the same notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/bridge.ts';
import type { CannedReply } from '../../../src/shared/domain.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';

let backend: TestBackend;
let desk: TestDesk;
let manager: string;

const managerDesk = () =>
  startDeskCore({ backendUrl: backend.url, email: 'manager@demo.chatdesk', password: DEMO_PASSWORD });

async function onBackend(): Promise<CannedReply[]> {
  const r = await backend.request<{ items: CannedReply[] }>('GET', '/admin/canned-replies?limit=500', {
    token: manager,
  });
  expect(r.status).toBe(200);
  return r.body.items;
}

const listed = async (d: TestDesk = desk) => (await d.call('cannedReplies.list', { search: '' })).items;

beforeAll(async () => {
  backend = await startTestBackend();
  manager = await backend.token('manager');
  desk = await managerDesk();
  await desk.settled();
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

describe('canned replies managed from the desk (B10)', () => {
  it('creates, edits and deletes through the outbox: shown at once, then on the backend', async () => {
    const created = await desk.call('cannedReplies.create', {
      shortcut: 'refund-time',
      title: 'Refund timing',
      body: 'Hello {{customer}}, refunds for {{product}} take 5 working days.',
      language: 'en',
    });
    expect(created).toMatchObject({ shortcut: 'refund-time', language: 'en' });
    expect((await listed()).map((r) => r.id)).toContain(created.id);
    await desk.settled();
    expect((await onBackend()).find((r) => r.id === created.id)).toMatchObject({ title: 'Refund timing' });

    const edited = await desk.call('cannedReplies.update', { id: created.id, patch: { title: 'Refunds: how long' } });
    expect(edited.title).toBe('Refunds: how long');
    expect((await listed()).find((r) => r.id === created.id)?.title).toBe('Refunds: how long');
    await desk.settled();
    expect((await onBackend()).find((r) => r.id === created.id)?.title).toBe('Refunds: how long');

    expect(await desk.call('cannedReplies.delete', { id: created.id })).toEqual({ affected: 1 });
    expect((await listed()).map((r) => r.id)).not.toContain(created.id);
    await desk.settled();
    expect((await onBackend()).map((r) => r.id)).not.toContain(created.id);
  });

  it('refuses at once, naming the field: a shortcut taken in the language, bad fields, a reply it does not have', async () => {
    const taken = await desk.call('cannedReplies.create', {
      shortcut: 'Where',
      title: 'Where is my order',
      body: 'Your order of {{product}} is on its way.',
      language: 'en',
    });
    await desk.settled();
    const pendingBefore = (await desk.call('sync.state')).pendingActions;
    const dup = await desk.result('cannedReplies.create', {
      shortcut: 'WHERE',
      title: 'Another',
      body: 'Text',
      language: 'en',
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error).toMatchObject({ code: 'conflict', fields: { shortcut: expect.any(String) } });
    // The same shortcut in Arabic is another reply's to take.
    const arabic = await desk.call('cannedReplies.create', {
      shortcut: 'where',
      title: 'أين طلبي',
      body: 'طلبك {{product}} في الطريق يا {{customer}}.',
      language: 'ar',
    });
    expect(arabic.language).toBe('ar');
    const cases: Array<[unknown, string]> = [
      [{ shortcut: 'two words', title: 't', body: 'b', language: 'en' }, 'shortcut'],
      [{ shortcut: 'ok', title: 't', body: 'Hi {{buyer}}', language: 'en' }, 'body'],
      [{ shortcut: 'ok', title: '', body: 'b', language: 'en' }, 'title'],
      [{ shortcut: 'ok', title: 't', body: 'b', language: 'fr' }, 'language'],
      [{ shortcut: 'ok', title: 't', body: 'b', language: 'en', id: taken.id }, 'id'],
    ];
    for (const [input, field] of cases) {
      const r = await desk.result('cannedReplies.create', input as never);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(Object.keys(r.error.fields ?? {}), JSON.stringify(r.error)).toContain(field);
    }
    const renamed = await desk.result('cannedReplies.update', { id: arabic.id, patch: { language: 'en' } });
    expect(renamed.ok).toBe(false);
    if (!renamed.ok)
      expect(renamed.error).toMatchObject({ code: 'conflict', fields: { shortcut: expect.any(String) } });
    const missing = await desk.result('cannedReplies.delete', { id: '0b9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'not_found', fields: { id: expect.any(String) } });
    await desk.settled();
    expect((await desk.call('sync.state')).pendingActions).toBe(pendingBefore);
  });

  it('a change the backend refuses is put back, and the window is told the canned replies changed', async () => {
    // A reply the backend has but this desk has not seen yet (written straight into the database, no event).
    await backend.db.query(
      `INSERT INTO canned_replies (id, shortcut, title, body, language, search_text)
         VALUES (gen_random_uuid(), 'late', 'Written elsewhere', 'Body', 'en', 'late')`,
    );
    const since = desk.events.length;
    const mine = await desk.call('cannedReplies.create', {
      shortcut: 'late',
      title: 'Mine',
      body: 'B',
      language: 'en',
    });
    expect(mine.shortcut).toBe('late');
    const failed = await desk.waitForEvent('action.failed', (f) => f.kind === 'cannedReplies.create', { since });
    expect(failed.error.code).toBe('conflict');
    expect(failed.summary).toBe('Create the canned reply #late');
    expect((await listed()).map((r) => r.id)).not.toContain(mine.id);
    const notices = desk.events.slice(since).filter((e) => e.name === 'sessions.changed');
    expect(notices.some((e) => (e.payload as EventPayload<'sessions.changed'>).cannedRepliesChanged)).toBe(true);
  });

  it("another manager's change arrives through the feed; an agent reads the list but may not change it", async () => {
    const since = desk.events.length;
    const r = await backend.request<CannedReply>('POST', '/admin/canned-replies', {
      token: await backend.adminToken(),
      body: { shortcut: 'hours', title: 'Opening hours', body: 'We answer 9:00–17:00.', language: 'en' },
    });
    expect(r.status).toBe(201);
    await desk.waitForEvent('sessions.changed', (p) => p.cannedRepliesChanged === true, { since });
    expect((await listed()).map((x) => x.id)).toContain(r.body.id);

    const agent = await startDeskCore({
      backendUrl: backend.url,
      email: 'agent@demo.chatdesk',
      password: DEMO_PASSWORD,
    });
    try {
      expect((await listed(agent)).map((x) => x.shortcut)).toContain('hours');
      const refused = await agent.result('cannedReplies.update', { id: r.body.id, patch: { title: 'Mine now' } });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('forbidden');
      expect((await agent.call('sync.state')).pendingActions).toBe(0);
    } finally {
      await agent.close();
    }
  });
});
