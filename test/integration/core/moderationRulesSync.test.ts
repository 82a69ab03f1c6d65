// B9's moderation rules in desk cores against the real backend on PGlite: an edit made offline from an old revision
// never undoes another moderator's edit (the backend refuses it, the outbox drops it and says why, the desk shows the
// rules in force); two edits made here one after the other both go through; the feed carries only the revision, so
// an agent's desk never holds the rules, while a moderator's desk fetches them when another moderator edits them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/bridge.ts';
import type { ModerationRules } from '../../../src/shared/moderationRules.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type CuttableProxy, startCuttableProxy, startDeskCore, type TestDesk } from '../../support/desk.ts';

let backend: TestBackend;
let proxy: CuttableProxy;
/** Moderator A, behind a connection the test cuts. */
let a: TestDesk;
/** Moderator B, online. */
let b: TestDesk;
let agent: TestDesk;

const SECOND_MODERATOR = { email: 'moderator.b@demo.chatdesk', password: 'second-moderator-pw' };

const edit = (rules: ModerationRules, over: Partial<ModerationRules>) => ({
  revision: rules.revision,
  blockedWords: rules.blockedWords,
  allowedDomains: rules.allowedDomains,
  detectPhones: rules.detectPhones,
  detectEmails: rules.detectEmails,
  detectLinks: rules.detectLinks,
  ...over,
});
/** What a desk's cache keeps of the rules (null: nothing), read from the cache itself. */
const keptRules = async (desk: TestDesk) => (await desk.core.accounts.runtime?.cache.call('cachedRules')) ?? null;
const backendRules = async () =>
  (await backend.request<ModerationRules>('GET', '/admin/moderation/rules', { token: await backend.adminToken() }))
    .body;

beforeAll(async () => {
  backend = await startTestBackend();
  const created = await backend.request('POST', '/admin/staff', {
    token: await backend.adminToken(),
    body: { name: 'Badr Moderator', role: 'moderator', ...SECOND_MODERATOR },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  proxy = await startCuttableProxy(backend.url);
  a = await startDeskCore({ backendUrl: proxy.url, email: 'moderator@demo.chatdesk', password: DEMO_PASSWORD });
  b = await startDeskCore({ backendUrl: backend.url, ...SECOND_MODERATOR });
  agent = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk', password: DEMO_PASSWORD });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await agent?.close();
  await proxy?.close();
  await backend?.close();
});

describe('moderation rules in the desk (B9)', () => {
  it('an edit made offline from an old revision is refused; the other moderator’s edit stays; A is told', async () => {
    const start = await a.call('moderation.rules');
    expect(start.revision).toBe((await backendRules()).revision);
    proxy.cut();
    await a.waitFor(async () => (await a.call('sync.state')).status === 'offline');

    // A, offline, adds "paypal": queued, shown as made.
    await a.call('moderation.updateRules', edit(start, { blockedWords: [...start.blockedWords, 'paypal'] }));
    expect(await a.call('moderation.rules')).toMatchObject({ pending: true, cached: true });

    // B, online, adds "venmo" and turns phone detection off (it was on).
    expect(start.detectPhones).toBe(true);
    const seenByB = await b.call('moderation.rules');
    await b.call(
      'moderation.updateRules',
      edit(seenByB, { blockedWords: [...seenByB.blockedWords, 'venmo'], detectPhones: false }),
    );
    await b.settled();
    const byB = await backendRules();
    expect(byB.blockedWords).toContain('venmo');
    expect(byB.detectPhones).toBe(false);

    // A comes back: the queued edit reaches the backend, which refuses it; nothing of B's is undone.
    const since = Date.now();
    proxy.restore();
    const failure = await a.waitForEvent('action.failed', (f) => f.kind === 'moderation.updateRules', { since });
    expect(failure.error.code).toBe('conflict');
    expect(failure.error.fields?.revision).toContain(byB.revision);
    await a.settled();
    expect(await backendRules()).toEqual(byB);
    expect((await a.call('sync.state')).pendingActions).toBe(0);
    // A's desk shows the rules in force (B's), nothing pending, and keeps them.
    const shown = await a.call('moderation.rules');
    expect(shown.pending).toBeUndefined();
    expect(shown).toMatchObject({ revision: byB.revision, detectPhones: false });
    expect(shown.blockedWords).toContain('venmo');
    expect(shown.blockedWords).not.toContain('paypal');
    expect((await keptRules(a))?.revision).toBe(byB.revision);
    const audits = await backend.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'moderation.rules.update'`,
    );
    expect(audits.rows[0]?.n).toBe(1);
  });

  it('two edits made here one after the other (the second on the first, still queued) both apply', async () => {
    const start = await a.call('moderation.rules');
    proxy.cut();
    await a.waitFor(async () => (await a.call('sync.state')).status === 'offline');
    await a.call('moderation.updateRules', edit(start, { blockedWords: [...start.blockedWords, 'cashapp'] }));
    const shown = await a.call('moderation.rules');
    // Made from what the editor shows: the first edit laid over the rules, with the revision it was made from.
    expect(shown.revision).toBe(start.revision);
    await a.call('moderation.updateRules', edit(shown, { detectLinks: false }));
    proxy.restore();
    await a.settled();
    const after = await backendRules();
    expect(after.blockedWords).toContain('cashapp');
    expect(after.detectLinks).toBe(false);
    expect(a.events.filter((e) => e.name === 'action.failed')).toHaveLength(1); // the refusal of the test before
  });

  it('the feed carries no words: an agent’s desk never holds the rules; a moderator’s fetches them', async () => {
    await agent.settled();
    await b.settled();
    const since = Date.now();
    const current = await a.call('moderation.rules');
    await a.call(
      'moderation.updateRules',
      edit(current, { blockedWords: [...current.blockedWords, 'zelle-only'], allowedDomains: ['pay.example.org'] }),
    );
    await a.settled();
    const next = await backendRules();
    // B's desk heard of it through the feed and fetched the rules before telling its window.
    await b.waitForEvent('sessions.changed', (c) => c.rulesChanged === true, { since });
    const atB = await keptRules(b);
    expect(atB?.revision).toBe(next.revision);
    expect(atB?.blockedWords).toContain('zelle-only');
    // The agent's desk applied the same event: nothing of the rules in its cache or on its bridge.
    await agent.settled();
    expect(await keptRules(agent)).toBeNull();
    expect((await agent.result('moderation.rules')).ok).toBe(false);
    const told = JSON.stringify(agent.events.map((e) => e.payload as EventPayload<'sessions.changed'>));
    for (const word of ['zelle-only', 'pay.example.org', 'venmo', 'paypal']) expect(told).not.toContain(word);
    // Nor does the feed the agent's desk reads.
    const feed = await backend.request<unknown>('GET', '/admin/changes?after=0&limit=1000', {
      token: await backend.token('agent'),
    });
    expect(feed.status).toBe(200);
    expect(JSON.stringify(feed.body)).toContain('moderation.rules.updated');
    for (const word of ['zelle-only', 'pay.example.org', 'venmo'])
      expect(JSON.stringify(feed.body)).not.toContain(word);
  });
});
