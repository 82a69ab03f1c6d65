// The agent workflow (B10) in the desk core against the real backend on PGlite: the cache keeps each session's
// status, assignee, snooze and response times and each message's kind as the backend has them, filters and sorts by
// them like the backend, queues assign / resolve / reopen / snooze and internal notes through the outbox (shown at
// once, sent once, a refusal undone), follows canned replies live, and keeps the reply box's drafts per account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionFilter, SessionSort } from '../../../src/shared/api.ts';
import type { CannedReply, Message, Session } from '../../../src/shared/domain.ts';
import { SESSION_WORKFLOW_SORTS } from '../../../src/shared/sessionSorts.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import { backendSessions, deskSessions, expectCacheEqualsBackend, participantPost } from './compare.ts';

let backend: TestBackend;
let desk: TestDesk;
let admin: string;
let manager: string;
let ids: { admin: string; agent: string };

const qs = (filter: SessionFilter, sort: SessionSort, order: 'asc' | 'desc') => {
  const p = new URLSearchParams({ sort, order });
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
};

async function api<T>(token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
  const r = await backend.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

beforeAll(async () => {
  backend = await startTestBackend();
  admin = await backend.adminToken();
  manager = await backend.token('manager');
  const staff = await api<{ items: Array<{ id: string; role: string }> }>(admin, 'GET', '/admin/assignees');
  ids = {
    admin: staff.items.find((s) => s.role === 'admin')?.id ?? '',
    agent: staff.items.find((s) => s.role === 'agent')?.id ?? '',
  };
  // A spread of workflow states made on the backend before the desk's first sync.
  const all = await backendSessions(backend, 'sort=createdAt&order=asc');
  const at = (i: number) => all[i] as Session;
  for (let i = 0; i < 12; i++) {
    await api(manager, 'PATCH', `/admin/sessions/${at(i).id}`, { assigneeId: i % 3 === 0 ? ids.agent : ids.admin });
  }
  await api(manager, 'POST', '/admin/sessions/resolve', { ids: [at(0).id, at(4).id, at(20).id] });
  await api(manager, 'PATCH', `/admin/sessions/${at(1).id}`, { status: 'pending' });
  const later = new Date(Date.now() + 3 * 3_600_000).toISOString();
  await api(manager, 'PATCH', `/admin/sessions/${at(2).id}`, { snoozedUntil: later });
  await api(manager, 'PATCH', `/admin/sessions/${at(13).id}`, { snoozedUntil: later });
  await api(manager, 'PATCH', `/admin/sessions/${at(14).id}`, {
    snoozedUntil: new Date(Date.now() - 60_000).toISOString(),
  });
  await api(manager, 'POST', `/admin/sessions/${at(3).id}/notes`, { body: 'Called the courier: parcel on its way' });
  desk = await startDeskCore({ backendUrl: backend.url });
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

describe('the cache keeps the workflow', () => {
  it('keeps every workflow field and each message’s kind as the backend has them (snapshot and feed)', async () => {
    const remote = await backendSessions(backend);
    expect(remote.some((s) => s.status === 'resolved' && s.resolvedAt !== null)).toBe(true);
    expect(remote.some((s) => s.assigneeName !== null)).toBe(true);
    const noted = remote.find((s) => s.assigneeId !== null) as Session;
    await expectCacheEqualsBackend(desk, backend, [noted.id]);
    // Changes made elsewhere arrive through the feed: a note, a status, an assignment.
    await api(manager, 'POST', `/admin/sessions/${noted.id}/notes`, { body: 'Refund approved by finance' });
    await api(manager, 'PATCH', `/admin/sessions/${noted.id}`, { status: 'pending', assigneeId: ids.agent });
    await desk.waitFor(async () => (await desk.call('sessions.get', { id: noted.id })).status === 'pending');
    const messages = await desk.call('messages.list', { sessionId: noted.id, limit: 500 });
    expect(messages.items.filter((m) => m.kind === 'note').map((m) => m.body)).toContain('Refund approved by finance');
    await expectCacheEqualsBackend(desk, backend, [noted.id]);
  });

  it('filters by status, assignee (me, none, an id) and snoozed like the backend, alone and combined', async () => {
    await desk.settled();
    const filters: SessionFilter[] = [
      { status: 'open' },
      { status: 'resolved' },
      { status: 'pending' },
      { assignee: 'me' },
      { assignee: 'none' },
      { assignee: ids.agent },
      { snoozed: true },
      { snoozed: false },
      // The quick views: Mine, Unassigned, All open.
      { status: 'open', snoozed: false, assignee: 'me' },
      { status: 'open', snoozed: false, assignee: 'none' },
      { status: 'open', snoozed: false },
      // An agent's default view: Mine and Unassigned, open.
      { status: 'open', snoozed: false, assignee: 'meOrNone' },
      { assignee: 'meOrNone' },
      { status: 'open', hasUnread: true, assignee: 'none' },
      { search: 'a', status: 'open', assignee: 'none' },
      { search: 'a', flagged: true, snoozed: false },
    ];
    for (const filter of filters) {
      const remote = await api<{ items: Session[]; total: number }>(
        admin,
        'GET',
        `/admin/sessions?limit=500&${qs(filter, 'lastMessageAt', 'desc')}`,
      );
      const local = await desk.call('sessions.page', { filter, sort: 'lastMessageAt', order: 'desc', limit: 500 });
      const label = JSON.stringify(filter);
      expect(local.total, label).toBe(remote.total);
      expect(
        local.rows.map((s) => s.id),
        label,
      ).toEqual(remote.items.map((s) => s.id));
    }
    const mine = await desk.call('sessions.page', { filter: { assignee: 'me' }, limit: 500 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((s) => s.assigneeId === ids.admin)).toBe(true);
  });

  it('sorts by every workflow column in both orders like the backend (empty values last going up)', async () => {
    await desk.settled();
    for (const sort of SESSION_WORKFLOW_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const remote = await api<{ items: Session[] }>(admin, 'GET', `/admin/sessions?limit=60&${qs({}, sort, order)}`);
        const local = await desk.call('sessions.page', { sort, order, limit: 60 });
        expect(
          local.rows.map((s) => s.id),
          `${sort} ${order}`,
        ).toEqual(remote.items.map((s) => s.id));
      }
    }
  });
});

describe('workflow actions through the outbox', () => {
  it('assigns, snoozes, resolves and reopens: shown at once, then the same on the backend', async () => {
    await desk.settled();
    const open = await desk.call('sessions.page', {
      filter: { status: 'open', assignee: 'none', snoozed: false },
      limit: 3,
    });
    const [a, b, c] = open.rows as [Session, Session, Session];
    const mine = await desk.call('sessions.triage', { id: a.id, patch: { assigneeId: ids.admin } });
    expect(mine).toMatchObject({ assigneeId: ids.admin, assigneeName: 'Amal Admin' });
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const snoozed = await desk.call('sessions.triage', { id: b.id, patch: { snoozedUntil: until } });
    expect(snoozed.snoozedUntil).toBe(until);
    // Out of the open view at once.
    const view = await desk.call('sessions.page', { filter: { status: 'open', snoozed: false }, limit: 500 });
    expect(view.rows.some((s) => s.id === b.id)).toBe(false);

    const resolved = await desk.call('sessions.resolve', { target: { ids: [a.id, c.id] } });
    expect(resolved).toEqual({ affected: 2 });
    const shown = await desk.call('sessions.get', { id: c.id });
    expect(shown.status).toBe('resolved');
    expect(shown.resolvedAt).not.toBeNull();
    // Again: nothing more to resolve.
    expect(await desk.call('sessions.resolve', { target: { ids: [a.id] } })).toEqual({ affected: 0 });
    expect(await desk.call('sessions.reopen', { target: { ids: [c.id] } })).toEqual({ affected: 1 });
    const assigned = await desk.call('sessions.assign', { target: { ids: [b.id, c.id] }, assigneeId: ids.agent });
    expect(assigned).toEqual({ affected: 2 });
    expect((await desk.call('sessions.get', { id: c.id })).assigneeName).toBe('عادل الدعم');

    await expectCacheEqualsBackend(desk, backend, [a.id]);
    const back = await api<Session>(admin, 'GET', `/admin/sessions/${c.id}`);
    expect(back).toMatchObject({ status: 'open', resolvedAt: null, assigneeId: ids.agent });
    expect((await api<Session>(admin, 'GET', `/admin/sessions/${a.id}`)).status).toBe('resolved');
    expect((await api<Session>(admin, 'GET', `/admin/sessions/${b.id}`)).snoozedUntil).toBe(until);
  });

  it('resolves "all matching" with the count confirmed, and refuses more than was confirmed', async () => {
    await desk.settled();
    const filter: SessionFilter = { status: 'pending' };
    const { total } = await desk.call('sessions.page', { filter, limit: 1 });
    expect(total).toBeGreaterThan(0);
    const asOf = new Date().toISOString();
    if (total > 1) {
      const refused = await desk.result('sessions.resolve', {
        target: { allMatching: { filter, confirmedCount: total - 1, asOf } },
      });
      expect(refused.ok).toBe(false);
    }
    const done = await desk.call('sessions.resolve', {
      target: { allMatching: { filter, confirmedCount: total, asOf } },
    });
    expect(done).toEqual({ affected: total });
    expect((await desk.call('sessions.page', { filter, limit: 1 })).total).toBe(0);
    await expectCacheEqualsBackend(desk, backend);
  });

  it('writes an internal note the participants never get, which leaves the session’s counters alone', async () => {
    await desk.settled();
    const [s] = (await desk.call('sessions.page', { filter: { assignee: 'none' }, limit: 1 })).rows as [Session];
    const note = await desk.call('messages.send', { sessionId: s.id, body: 'VIP customer, be gentle', note: true });
    expect(note).toMatchObject({ kind: 'note', senderRole: 'staff' });
    const shown = await desk.call('messages.list', { sessionId: s.id });
    expect(shown.items.at(-1)).toMatchObject({ id: note.id, kind: 'note' });
    expect((await desk.call('sessions.get', { id: s.id })).messagesCount).toBe(s.messagesCount);
    await desk.settled();
    const remote = await api<{ items: Message[] }>(admin, 'GET', `/admin/sessions/${s.id}/messages?limit=500`);
    expect(remote.items.find((m) => m.id === note.id)).toMatchObject({ kind: 'note', body: 'VIP customer, be gentle' });
    // The customer's own view of the conversation does not hold it.
    const customer = await api<{ email: string }>(admin, 'GET', `/admin/users/${s.customer.id}`);
    const token = await backend.participantToken(customer.email);
    const theirs = await api<{ items: Array<{ id: string }> }>(token, 'GET', `/me/sessions/${s.id}/messages?limit=500`);
    expect(theirs.items.some((m) => m.id === note.id)).toBe(false);
    await expectCacheEqualsBackend(desk, backend, [s.id]);
  });

  it('an agent may not take someone else’s session: the backend refuses, the desk puts it back and says why', async () => {
    const agentDesk = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk' });
    try {
      const [theirs] = (await agentDesk.call('sessions.page', { filter: { assignee: ids.admin }, limit: 1 })).rows as [
        Session,
      ];
      const since = Date.now();
      const shown = await agentDesk.call('sessions.triage', { id: theirs.id, patch: { assigneeId: ids.agent } });
      expect(shown.assigneeId).toBe(ids.agent);
      const failed = await agentDesk.waitForEvent('action.failed', undefined, { since });
      expect(JSON.stringify(failed)).toMatch(/forbidden|assign/i);
      await agentDesk.settled();
      expect((await agentDesk.call('sessions.get', { id: theirs.id })).assigneeId).toBe(ids.admin);
      // Their own: taken, and shown as theirs in Mine.
      const [free] = (await agentDesk.call('sessions.page', { filter: { assignee: 'none' }, limit: 1 })).rows as [
        Session,
      ];
      await agentDesk.call('sessions.triage', { id: free.id, patch: { assigneeId: ids.agent } });
      const mine = await agentDesk.call('sessions.page', { filter: { assignee: 'me' }, limit: 500 });
      expect(mine.rows.map((s) => s.id)).toContain(free.id);
      await expectCacheEqualsBackend(agentDesk, backend);
    } finally {
      await agentDesk.close();
    }
  });

  it('a customer message re-opens a resolved session in the cache as on the backend', async () => {
    await desk.settled();
    const [s] = (await desk.call('sessions.page', { filter: { status: 'resolved' }, limit: 1 })).rows as [Session];
    await participantPost(backend, s, 'It broke again');
    await desk.waitFor(async () => (await desk.call('sessions.get', { id: s.id })).status === 'open');
    expect((await desk.call('sessions.get', { id: s.id })).resolvedAt).toBeNull();
    await expectCacheEqualsBackend(desk, backend);
  });

  it('refuses bad input clearly', async () => {
    const [s] = (await deskSessions(desk)) as [Session];
    const empty = await desk.result('sessions.triage', { id: s.id, patch: {} });
    expect(empty.ok).toBe(false);
    const status = await desk.result('sessions.triage', { id: s.id, patch: { status: 'closed' as 'open' } });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(status.error.fields).toHaveProperty(['patch.status']);
    const nobody = await desk.result('sessions.assign', {
      target: { ids: [s.id] },
      assigneeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(nobody.ok).toBe(false);
    if (!nobody.ok) expect(nobody.error.fields).toHaveProperty('assigneeId');
  });
});

describe('canned replies and drafts', () => {
  it('lists canned replies from the backend, follows their changes live, and answers from the cache', async () => {
    const created = await api<CannedReply>(manager, 'POST', '/admin/canned-replies', {
      shortcut: 'where',
      title: 'Where is my order',
      body: 'Hello {{customer}}, your {{product}} is on its way. — {{agent}}',
      language: 'en',
    });
    await api(manager, 'POST', '/admin/canned-replies', {
      shortcut: 'شكرا',
      title: 'شكر',
      body: 'شكرا لك يا {{customer}}',
      language: 'ar',
    });
    const all = await desk.call('cannedReplies.list', {});
    expect(all.items.map((r) => r.shortcut)).toEqual(expect.arrayContaining(['where', 'شكرا']));
    expect((await desk.call('cannedReplies.list', { language: 'ar' })).items.map((r) => r.shortcut)).toEqual(['شكرا']);
    // A search answers from the cache, which follows the feed.
    await api(manager, 'PATCH', `/admin/canned-replies/${created.id}`, { shortcut: 'order' });
    await desk.waitFor(async () => {
      const found = await desk.call('cannedReplies.list', { search: 'ord' });
      return found.items[0]?.id === created.id;
    });
    await api(manager, 'DELETE', `/admin/canned-replies/${created.id}`);
    await desk.waitFor(
      async () => (await desk.call('cannedReplies.list', { search: 'order' })).items.length === 0,
      10_000,
      'the deleted reply gone',
    );
  });

  it('keeps a draft per session across switching and a restart; sending clears it', async () => {
    const [s, t] = (await deskSessions(desk)) as [Session, Session];
    await desk.call('drafts.set', { sessionId: s.id, body: 'Half-written answer', note: false });
    await desk.call('drafts.set', { sessionId: t.id, body: 'A note in progress', note: true });
    expect(await desk.call('drafts.get', { sessionId: s.id })).toEqual({ body: 'Half-written answer', note: false });
    const dataDir = desk.dataDir;
    const secrets = desk.secrets;
    await desk.close({ keepData: true });
    desk = await startDeskCore({ dataDir, secrets, waitForSync: false });
    expect(await desk.call('drafts.get', { sessionId: t.id })).toEqual({ body: 'A note in progress', note: true });
    await desk.call('messages.send', { sessionId: s.id, body: 'Half-written answer' });
    expect(await desk.call('drafts.get', { sessionId: s.id })).toEqual({ body: '', note: false });
    await desk.call('drafts.set', { sessionId: t.id, body: '  ', note: true });
    expect(await desk.call('drafts.get', { sessionId: t.id })).toEqual({ body: '', note: false });
    // A draft past a message's limit is kept whole (the reply box refuses to send it until it is shortened).
    const long = 'x'.repeat(6000);
    await desk.call('drafts.set', { sessionId: t.id, body: long, note: false });
    expect(await desk.call('drafts.get', { sessionId: t.id })).toEqual({ body: long, note: false });
    await expect(desk.call('messages.send', { sessionId: t.id, body: long })).rejects.toThrow(/body/);
  });
});
