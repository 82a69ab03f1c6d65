// A write route without a guard reads its caller's token with its transaction's BEGIN (one round trip, issue 18),
// claiming the Idempotency-Key for the token's subject in the same breath. What must hold, on PGlite and PostgreSQL:
// the refusals keep their order (401, then 403, then 400 for the input or the key), a refused request leaves no claim
// behind and changes nothing, a token signed out a moment ago is refused at once, and the key then works for its
// owner as for anyone else's request. A participant's write reads its chat gate (F12, B9) in the same round trip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Session } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

const backends: Array<{ label: string; options: TestBackendOptions }> = [
  { label: 'PGlite', options: {} },
  { label: 'PostgreSQL', options: { postgres: true } },
];

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const { error } = ErrorBody.parse(response.body);
  expect(error.code).toBe(code);
  if (field) expect(Object.keys(error.fields ?? {}), JSON.stringify(error)).toContain(field);
}

describe.each(backends)('a write’s caller, read with its BEGIN, on $label', ({ options }) => {
  let b: TestBackend;
  let session: Session;
  beforeAll(async () => {
    b = await startTestBackend({ ...options, checkResponses: true });
    const admin = await b.adminToken();
    session = (await b.request<{ items: Session[] }>('GET', '/admin/sessions?limit=1', { token: admin })).body
      .items[0] as Session;
  });
  afterAll(async () => b?.close());

  const keysOf = async (key: string) =>
    (await b.db.query<{ principal: string }>('SELECT principal FROM idempotency_keys WHERE key = $1', [key])).rows;
  const messagesCount = async () =>
    (await b.request<Session>('GET', `/admin/sessions/${session.id}`, { token: await b.adminToken() })).body
      .messagesCount;
  const signIn = async (email: string) =>
    (await b.request<{ token: string }>('POST', '/auth/login', { body: { email, password: DEMO_PASSWORD } })).body
      .token;
  const reply = (token: string | null, body: unknown, key?: string) =>
    b.request<Message>('POST', `/admin/sessions/${session.id}/messages`, {
      token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('refuses a token signed out a moment ago (401), before its input, and keeps no claim of its key', async () => {
    const token = await signIn('agent@demo.chatdesk');
    const before = await messagesCount();
    expect((await b.request('POST', '/auth/logout', { token })).status).toBe(200);
    const key = crypto.randomUUID();
    expectError(await reply(token, { body: 'after signing out' }, key), 401, 'unauthenticated');
    // Bad input and a malformed key from the same token: still 401, the caller comes first.
    expectError(await reply(token, { body: '', extra: 1 }, key), 401, 'unauthenticated');
    expectError(await reply(token, { body: 'x' }, 'k'.repeat(201)), 401, 'unauthenticated');
    expect(await keysOf(key)).toEqual([]);
    expect(await messagesCount()).toBe(before);
    // The same key from someone signed in is theirs, and works.
    const agent = await b.token('agent');
    const sent = await reply(agent, { body: 'with the key' }, key);
    expect(sent.status).toBe(201);
    const again = await reply(agent, { body: 'with the key' }, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(sent.body);
    const { rows } = await b.db.query<{ id: string }>(`SELECT id FROM staff WHERE email = 'agent@demo.chatdesk'`);
    expect(await keysOf(key)).toEqual([{ principal: `staff:${rows[0]?.id}` }]);
    expect(await messagesCount()).toBe(before + 1);
  });

  it('refuses a participant on a staff route (403) before the input, and keeps no claim', async () => {
    const customer = await b.participantToken('customer1@demo.chatdesk');
    const key = crypto.randomUUID();
    expectError(await reply(customer, { nonsense: true }, key), 403, 'forbidden');
    expect(await keysOf(key)).toEqual([]);
    // A role without the permission: 403 too (the moderator may reply; the export-only manager route is elsewhere).
    const moderator = await b.token('moderator');
    const settingsKey = crypto.randomUUID();
    const refused = await b.request('PUT', '/admin/settings', {
      token: moderator,
      body: { chatMobileEnabled: false },
      headers: { 'idempotency-key': settingsKey },
    });
    expectError(refused, 403, 'forbidden');
    expect(await keysOf(settingsKey)).toEqual([]);
  });

  it('names the field of bad input and of a malformed key (400) for a caller signed in, keeping nothing', async () => {
    const admin = await b.adminToken();
    const before = await messagesCount();
    const key = crypto.randomUUID();
    expectError(await reply(admin, { body: 'x', sender: 'me' }, key), 400, 'bad_request', 'sender');
    expect(await keysOf(key)).toEqual([]);
    expectError(await reply(admin, { body: 'x' }, 'k'.repeat(201)), 400, 'bad_request', 'Idempotency-Key');
    expectError(await reply(admin, { body: 'x' }, ''), 400, 'bad_request', 'Idempotency-Key');
    expect(await messagesCount()).toBe(before);
  });

  it('keeps a refusal of the write itself with its key, so the replay answers the same', async () => {
    const admin = await b.adminToken();
    const key = crypto.randomUUID();
    const missing = crypto.randomUUID();
    const send = () =>
      b.request('POST', `/admin/sessions/${missing}/messages`, {
        token: admin,
        body: { body: 'to nowhere' },
        headers: { 'idempotency-key': key },
      });
    expectError(await send(), 404, 'not_found', 'id');
    const again = await send();
    expectError(again, 404, 'not_found', 'id');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await keysOf(key)).toHaveLength(1);
  });

  it("reads a participant's chat gate with the BEGIN too: its refusal comes after the input's and keeps no claim", async () => {
    const customer = await b.participantToken('customer1@demo.chatdesk');
    const admin = await b.adminToken();
    const own = (await b.request<{ items: Session[] }>('GET', '/me/sessions?limit=1', { token: customer })).body
      .items[0] as Session;
    const send = (body: unknown, key: string) =>
      b.request<Message>('POST', `/me/sessions/${own.id}/messages`, {
        token: customer,
        body,
        headers: { 'idempotency-key': key },
      });
    const chat = async (on: boolean) =>
      expect(
        (await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: on } })).status,
      ).toBe(200);
    const count = async () =>
      (await b.request<Session>('GET', `/admin/sessions/${own.id}`, { token: admin })).body.messagesCount;
    const before = await count();
    await chat(false);
    try {
      const key = crypto.randomUUID();
      expectError(await send({ body: 'x', extra: 1 }, key), 400, 'bad_request', 'extra');
      expectError(await send({ body: 'while chat is off' }, key), 403, 'chat_disabled');
      expect(await keysOf(key)).toEqual([]);
    } finally {
      await chat(true);
    }
    expect(await count()).toBe(before);
    const key = crypto.randomUUID();
    const sent = await send({ body: 'chat is on again' }, key);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(await keysOf(key)).toHaveLength(1);
    expect(await count()).toBe(before + 1);
  });
});
