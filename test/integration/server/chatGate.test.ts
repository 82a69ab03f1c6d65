// The participant routes' gate in one statement, read by the caller's token (chatGateStatement, judgeChatGate): chat
// in the mobile app switched off (F12) comes first, then a ban in force (B9, with its end); a mute or a warning lets
// the participant in (a mute only stops their messages: refused when sending), and so do sanctions that ended or were
// lifted. On PGlite and PostgreSQL, participants signed in and sanctions given through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../../src/server/auth.ts';
import { chatGateStatement, judgeChatGate } from '../../../src/server/store/sanctions.ts';
import type { Sanction, Session } from '../../../src/shared/domain.ts';
import { startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

const backends: Array<{ label: string; options: TestBackendOptions }> = [
  { label: 'PGlite', options: {} },
  { label: 'PostgreSQL', options: { postgres: true } },
];

describe.each(backends)('the participants’ chat gate on $label', ({ options }) => {
  let b: TestBackend;
  let admin: string;
  /** Distinct customers and sellers of the demo marketplace, one per test role. */
  let people: string[];
  /** Each one's token, hashed as the gate reads it. */
  const hashes = new Map<string, string>();
  beforeAll(async () => {
    b = await startTestBackend(options);
    admin = await b.adminToken();
    const { items } = (await b.request<{ items: Session[] }>('GET', '/admin/sessions?limit=50', { token: admin })).body;
    people = [...new Set(items.flatMap((s) => [s.customer.id, s.seller.id]))].slice(0, 6);
    expect(people.length).toBe(6);
    // Signed in before any sanction (a ban revokes their tokens; the gate still finds whose a token is).
    for (const id of people) {
      const { rows } = await b.db.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [id]);
      hashes.set(id, tokenHash(await b.participantToken(rows[0]?.email as string)));
    }
  });
  afterAll(async () => b?.close());

  const sanction = async (userId: string, body: unknown) => {
    const r = await b.request<Sanction>('POST', `/admin/participants/${userId}/sanctions`, { token: admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const chat = async (on: boolean) => {
    const r = await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: on } });
    expect(r.status).toBe(200);
  };
  const gate = async (userId: string, now = new Date(), what: 'use' | 'send' = 'use') => {
    const { sql, params } = chatGateStatement(hashes.get(userId) as string, now);
    judgeChatGate((await b.db.query(sql, params)).rows, what);
  };

  it('lets in a participant with no sanction, or only a warning or a mute', async () => {
    const [a, c] = [people[0] as string, people[1] as string];
    await expect(gate(a)).resolves.toBeUndefined();
    await sanction(c, { kind: 'warn', reason: 'mind the rules' });
    const mute = await sanction(c, { kind: 'mute', minutes: 60, reason: 'calm down' });
    await expect(gate(c)).resolves.toBeUndefined();
    // Sending is what a mute stops, until its end.
    await expect(gate(c, new Date(), 'send')).rejects.toMatchObject({ code: 'participant_muted', until: mute.endsAt });
    await expect(gate(c, new Date(Date.now() + 61 * 60_000), 'send')).resolves.toBeUndefined();
    await expect(gate(a, new Date(), 'send')).resolves.toBeUndefined();
  });

  it('reads nothing of anyone for a token no one holds: chat on, no sanction', async () => {
    const { sql, params } = chatGateStatement(tokenHash('not a token'), new Date());
    expect((await b.db.query(sql, params)).rows).toEqual([{ enabled: true, kind: null, ends_at: null }]);
  });

  it('refuses a banned participant with the ban’s end, and lets them in once it ended', async () => {
    const userId = people[2] as string;
    const ban = await sanction(userId, { kind: 'ban', minutes: 30, reason: 'scams' });
    await expect(gate(userId)).rejects.toMatchObject({ code: 'participant_banned', until: ban.endsAt });
    await expect(gate(userId, new Date(Date.now() + 31 * 60_000))).resolves.toBeUndefined();
  });

  it('says chat is off before it says banned, and lets everyone in again once it is on', async () => {
    const banned = people[3] as string;
    await sanction(banned, { kind: 'ban', reason: 'fraud' });
    const free = people[4] as string;
    await chat(false);
    try {
      await expect(gate(banned)).rejects.toMatchObject({ code: 'chat_disabled' });
      await expect(gate(free)).rejects.toMatchObject({ code: 'chat_disabled' });
    } finally {
      await chat(true);
    }
    await expect(gate(free)).resolves.toBeUndefined();
    await expect(gate(banned)).rejects.toMatchObject({ code: 'participant_banned', until: null });
  });
});
