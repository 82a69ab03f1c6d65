// Shared checks of the desk core's integration tests: the cache against what the backend holds.
import { expect } from 'vitest';
import type { Message, Session } from '../../../src/shared/domain.ts';
import type { BackendApi as TestBackend, TestDesk } from '../../support/desk.ts';

export async function backendSessions(backend: TestBackend, query = ''): Promise<Session[]> {
  const token = await backend.adminToken();
  const all: Session[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await backend.request<{ items: Session[]; total: number }>(
      'GET',
      `/admin/sessions?limit=500&offset=${offset}${query ? `&${query}` : ''}`,
      { token },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    all.push(...r.body.items);
    if (all.length >= r.body.total || r.body.items.length === 0) break;
  }
  return all;
}

export async function deskSessions(desk: TestDesk): Promise<Session[]> {
  const all: Session[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await desk.call('sessions.page', { offset, limit: 1000 });
    all.push(...page.rows);
    if (all.length >= page.total || page.rows.length === 0) break;
  }
  return all;
}

export async function backendMessages(backend: TestBackend, sessionId: string): Promise<Message[]> {
  const r = await backend.request<{ items: Message[] }>('GET', `/admin/sessions/${sessionId}/messages?limit=500`, {
    token: await backend.adminToken(),
  });
  expect(r.status).toBe(200);
  return r.body.items;
}

export async function backendUnread(backend: TestBackend): Promise<number> {
  const r = await backend.request<{ total: number }>('GET', '/admin/unread-total', {
    token: await backend.adminToken(),
  });
  return r.body.total;
}

/** Every session (counters, names, times), the unread total and the messages of `sessionIds` equal the backend's. */
export async function expectCacheEqualsBackend(
  desk: TestDesk,
  backend: TestBackend,
  sessionIds: string[] = [],
): Promise<void> {
  await desk.settled();
  const [remote, local] = await Promise.all([backendSessions(backend), deskSessions(desk)]);
  expect(local.length).toBe(remote.length);
  expect(local).toEqual(remote);
  expect((await desk.call('unread.total')).total).toBe(await backendUnread(backend));
  for (const id of sessionIds) {
    const exists = remote.some((s) => s.id === id);
    if (!exists) {
      expect((await desk.result('sessions.get', { id })).ok).toBe(false);
      continue;
    }
    const [rm, lm] = await Promise.all([
      backendMessages(backend, id),
      desk.call('messages.list', { sessionId: id, limit: 500 }),
    ]);
    expect(lm.items).toEqual(rm);
  }
}

export async function participantPost(
  backend: TestBackend,
  session: Session,
  body: string,
  as: 'customer' | 'seller' = 'customer',
): Promise<Message> {
  const token = await backend.adminToken();
  const userId = as === 'customer' ? session.customer.id : session.seller.id;
  const user = await backend.request<{ email: string }>('GET', `/admin/users/${userId}`, { token });
  const participant = await backend.participantToken(user.body.email);
  const r = await backend.request<Message>('POST', `/me/sessions/${session.id}/messages`, {
    token: participant,
    body: { body },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
