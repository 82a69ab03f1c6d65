// B10's notifications in the desk core against the real backend on PGlite, signed in as the demo agent: with
// "only sessions assigned to me or unassigned" (a preference the core keeps for the account, through a restart) a
// customer's message in a session someone else has does not notify while one in the agent's own or an unassigned
// session does; a manager assigning a session to the agent notifies the agent, naming the manager, and the toast the
// desktop's policy makes of it says so; the agent taking a session alone notifies nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyPolicy } from '../../../src/main/core/notify/policy.ts';
import type { EventPayload } from '../../../src/shared/bridge.ts';
import type { Session } from '../../../src/shared/domain.ts';

import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import { backendSessions, participantPost } from './compare.ts';

type Changed = EventPayload<'sessions.changed'>;

let backend: TestBackend;
let desk: TestDesk;
let manager: string;
let staff: { agent: string; manager: string; managerName: string };
let sessions: Session[];

async function api<T>(token: string, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
  const r = await backend.request<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

const agentDesk = (dataDir?: string) =>
  startDeskCore({
    backendUrl: backend.url,
    email: 'agent@demo.chatdesk',
    password: DEMO_PASSWORD,
    ...(dataDir ? { dataDir } : {}),
  });

/**
 * A customer's message to `session`, waited for in the desk's cache (the feed applied, so a notice was sent): the
 * incoming messages its notices named for notifying.
 */
async function notified(body: string, session: Session): Promise<string[]> {
  const since = desk.events.length;
  const before = (await desk.call('sessions.get', { id: session.id })).messagesCount;
  await participantPost(backend, session, body);
  await desk.waitFor(async () => (await desk.call('sessions.get', { id: session.id })).messagesCount > before);
  return desk.events
    .slice(since)
    .filter((e) => e.name === 'sessions.changed')
    .flatMap((e) => (e.payload as Changed).notify.map((m) => m.body));
}

beforeAll(async () => {
  backend = await startTestBackend();
  const admin = await backend.adminToken();
  manager = await backend.token('manager');
  const list = await api<{ items: Array<{ id: string; role: string; name: string }> }>(
    admin,
    'GET',
    '/admin/assignees',
  );
  const find = (role: string) => list.items.find((s) => s.role === role) as { id: string; name: string };
  staff = { agent: find('agent').id, manager: find('manager').id, managerName: find('manager').name };
  sessions = await backendSessions(backend, 'sort=createdAt&order=asc');
  // One the agent has, one someone else has, one nobody has.
  await api(manager, 'PATCH', `/admin/sessions/${sessions[0]?.id}`, { assigneeId: staff.agent });
  await api(manager, 'PATCH', `/admin/sessions/${sessions[1]?.id}`, { assigneeId: staff.manager });
  desk = await agentDesk();
  await desk.settled();
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

describe('notifications for an agent (B10)', () => {
  it('notifies about every session by default, and only about mine or unassigned ones when chosen', async () => {
    const [mine, other, nobody] = sessions as [Session, Session, Session];
    expect((await desk.call('prefs.get')).notifyScope).toBe('all');
    expect(await notified('any news? (1)', other)).toEqual(['any news? (1)']);

    await desk.call('prefs.update', { notifyScope: 'mineOrUnassigned' });
    expect(await notified('any news? (2)', other)).toEqual([]);
    expect(await notified('any news? (3)', mine)).toEqual(['any news? (3)']);
    expect(await notified('any news? (4)', nobody)).toEqual(['any news? (4)']);
    // The unread total still counts the other's session.
    const other2 = await desk.call('sessions.get', { id: other.id });
    expect(other2.unreadCount).toBeGreaterThan(0);
  });

  it('keeps the choice for the account through a restart of the core', async () => {
    const dataDir = desk.dataDir;
    await desk.close({ keepData: true });
    desk = await agentDesk(dataDir);
    await desk.settled();
    expect((await desk.call('prefs.get')).notifyScope).toBe('mineOrUnassigned');
    const other = sessions[1] as Session;
    expect(await notified('still there? (5)', other)).toEqual([]);
    expect(await notified('still there? (6)', sessions[0] as Session)).toEqual(['still there? (6)']);
  });

  it('an assignment by a manager notifies the agent, naming the manager; taking one oneself does not', async () => {
    const target = sessions[5] as Session;
    const since = desk.events.length;
    await api(manager, 'PATCH', `/admin/sessions/${target.id}`, { assigneeId: staff.agent });
    const notice = await desk.waitForEvent('sessions.changed', (p) => (p.assigned?.length ?? 0) > 0, { since });
    expect(notice.assigned).toEqual([
      {
        sessionId: target.id,
        productName: target.product.name,
        customerName: target.customer.name,
        byName: staff.managerName,
      },
    ]);
    // What the desktop shell shows of it.
    const toast = new NotifyPolicy({ locale: 'en' }).onSessionsChanged(notice).show;
    expect(toast.map((t) => [t.title, t.sessionId])).toEqual([
      [`Session assigned to you by ${staff.managerName}`, target.id],
    ]);
    const ar = new NotifyPolicy({ locale: 'ar' }).onSessionsChanged(notice).show;
    expect(ar[0]?.title).toBe(`أُسندت إليك جلسة من ${staff.managerName}`);

    // The agent takes one alone: no notice for anyone's assignment.
    const own = sessions[6] as Session;
    const before = desk.events.length;
    await desk.call('sessions.triage', { id: own.id, patch: { assigneeId: staff.agent } });
    await desk.settled();
    const notices = desk.events.slice(before).filter((e) => e.name === 'sessions.changed');
    expect(notices.some((e) => ((e.payload as Changed).assigned?.length ?? 0) > 0)).toBe(false);
    expect((await desk.call('sessions.get', { id: own.id })).assigneeId).toBe(staff.agent);
  });
});
