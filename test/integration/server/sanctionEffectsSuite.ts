// What B9's sanctions do to the participant, on the backend against a real database (PGlite and PostgreSQL): a warning
// is a system message in each of their sessions, read by them through `/me` and by staff, never by the other party,
// never unread for staff nor counted; a ban stops every token they already hold at once (403 participant_banned with
// its end), until it ends or is lifted and they sign in again.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantMessage } from '../../../src/shared/api.ts';
import type { Message, Sanction, Session, StaffRole, User } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };

function expectError(response: { status: number; body: unknown }, status: number, code: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  return parsed.error;
}

export function defineSanctionEffectsSuite(label: string, options: TestBackendOptions): void {
  describe(`what sanctions do to the participant (B9) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    let moderator: string;
    let users: User[];
    let products: Array<{ id: string; sellerId: string }>;
    let made = 0;
    /** The backend's clock runs this far ahead of the real one. */
    let clockAhead = 0;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const email = async (id: string) => (await get<User>(`/admin/users/${id}`)).email;
    const newSession = async (productIndex: number) => {
      made++;
      const product = products[productIndex % products.length] as (typeof products)[number];
      const customer = users[(made * 7) % 40] as User;
      const r = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const sanction = async (userId: string, body: unknown, role: StaffRole = 'moderator') => {
      const r = await b.request<Sanction>('POST', `/admin/participants/${userId}/sanctions`, {
        token: role === 'admin' ? admin : moderator,
        body,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const meMessages = async (sessionId: string, token: string) =>
      (await get<{ items: ParticipantMessage[] }>(`/me/sessions/${sessionId}/messages?limit=500`, token)).items;
    const staffMessages = async (sessionId: string) =>
      (await get<{ items: Message[] }>(`/admin/sessions/${sessionId}/messages?limit=500`)).items;
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;
    const signIn = async (userId: string) =>
      b.request<{ token: string }>('POST', '/auth/participant/login', {
        body: { email: await email(userId), password: DEMO_PASSWORD },
      });

    beforeAll(async () => {
      b = await startTestBackend({ ...options, clock: () => new Date(Date.now() + clockAhead) });
      admin = await b.adminToken();
      moderator = await b.token('moderator');
      users = (await get<Page<User>>('/admin/users?role=customer&limit=100')).items;
      products = (await get<Page<{ id: string; sellerId: string }>>('/admin/products?limit=500')).items;
    });
    afterAll(async () => {
      await b?.close();
    });

    it('a warning is a system message in each of the participant’s sessions, for them and staff only', async () => {
      const s = await newSession(3);
      const other = (await newSession(3 + products.length)) as Session;
      expect(other.seller.id).toBe(s.seller.id);
      const sellerId = s.seller.id;
      const seller = await b.participantToken(await email(sellerId));
      const customer = await b.participantToken(await email(s.customer.id));
      await b.request('POST', `/me/sessions/${s.id}/messages`, { token: customer, body: { body: 'Is it new?' } });
      const sessionsOf = (
        await b.db.query<{ id: string }>('SELECT id FROM chat_sessions WHERE customer_id = $1 OR seller_id = $1', [
          sellerId,
        ])
      ).rows.map((r) => r.id);
      const before = await get<Session>(`/admin/sessions/${s.id}`);
      const queued = (await b.db.query('SELECT 1 FROM moderation_items')).rows.length;
      const seq = await lastSeq();

      // the reason holds a blocked word and a link: a system message is never flagged
      const reason = 'Keep the sale here: no WhatsApp, no bit.ly/x links';
      const warn = await sanction(sellerId, { kind: 'warn', reason });

      const events = (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${seq}&limit=5000`)).events;
      expect(events[0]).toMatchObject({ type: 'sanction.upserted', sanction: { id: warn.id } });
      const created = events.filter((e) => e.type === 'message.created');
      expect(created).toHaveLength(sessionsOf.length);
      expect(new Set(created.map((e) => e.type === 'message.created' && e.message.sessionId))).toEqual(
        new Set(sessionsOf),
      );
      for (const e of created) {
        expect(e).toMatchObject({
          message: { kind: 'system', senderRole: 'staff', recipientId: sellerId, flags: [], readAt: null },
        });
      }
      const audit = await get<Page<{ details: Record<string, unknown> }>>(
        '/admin/audit-log?limit=1&action=sanction.create',
      );
      expect(audit.items[0]?.details).toMatchObject({ sanctionId: warn.id, systemMessages: sessionsOf.length });

      // the participant reads it through /me, in both of the sessions made here; the other party never does
      for (const id of [s.id, other.id]) {
        const notice = (await meMessages(id, seller)).filter((m) => m.kind === 'system');
        expect(notice).toHaveLength(1);
        expect(notice[0]).toMatchObject({ kind: 'system', recipientId: sellerId, readAt: null });
        expect(notice[0]?.body).toContain(reason);
      }
      expect((await meMessages(s.id, customer)).some((m) => m.kind === 'system')).toBe(false);
      // staff read it in the session's messages
      const staffView = (await staffMessages(s.id)).filter((m) => m.kind === 'system');
      expect(staffView).toMatchObject([{ kind: 'system', recipientId: sellerId, flags: [] }]);
      const noticeId = staffView[0]?.id as string;

      // in no counter: the session reads the same to staff and to both participants
      const after = await get<Session>(`/admin/sessions/${s.id}`);
      expect(after).toEqual(before);
      for (const token of [seller, customer]) {
        const mine = (await get<Page<Session>>('/me/sessions?limit=500', token)).items.find((x) => x.id === s.id);
        expect(mine).toMatchObject({
          messagesCount: before.messagesCount,
          unreadCount: before.unreadCount,
          flaggedCount: before.flaggedCount,
          lastMessageAt: before.lastMessageAt,
        });
      }
      expect((await b.db.query('SELECT 1 FROM moderation_items')).rows.length).toBe(queued);

      // the participant marks it read; the other party's read leaves it alone; staff unread does not move
      expect((await b.request('POST', `/me/sessions/${s.id}/read`, { token: customer })).status).toBe(200);
      expect((await staffMessages(s.id)).find((m) => m.id === noticeId)?.readAt).toBeNull();
      expect((await b.request('POST', `/me/sessions/${s.id}/read`, { token: seller })).status).toBe(200);
      expect((await staffMessages(s.id)).find((m) => m.id === noticeId)?.readAt).not.toBeNull();
      expect((await get<Session>(`/admin/sessions/${s.id}`)).unreadCount).toBe(0);

      // nothing for participants to report, nor for staff to send to the queue
      expectError(
        await b.request('POST', `/me/messages/${noticeId}/reports`, { token: customer, body: { category: 'spam' } }),
        404,
        'not_found',
      );
      expectError(
        await b.request('POST', `/me/messages/${noticeId}/reports`, { token: seller, body: { category: 'spam' } }),
        403,
        'forbidden',
      );
      expectError(
        await b.request('POST', `/admin/messages/${noticeId}/escalate`, {
          token: await b.token('agent'),
          body: { note: 'look' },
        }),
        409,
        'conflict',
      );
    });

    it('a ban stops the participant’s existing tokens at once, saying until when, until they sign in after it', async () => {
      const s = await newSession(5);
      const customerId = s.customer.id;
      const token = await b.participantToken(await email(customerId));
      expect((await b.request('GET', '/me', { token })).status).toBe(200);
      const ban = await sanction(customerId, { kind: 'ban', minutes: 30, reason: 'scams' }, 'admin');
      const audit = await get<Page<{ details: Record<string, unknown> }>>(
        '/admin/audit-log?limit=1&action=sanction.create',
      );
      expect(audit.items[0]?.details).toMatchObject({ sanctionId: ban.id, kind: 'ban' });
      expect(audit.items[0]?.details.tokensRevoked).toBeGreaterThanOrEqual(1);
      // every participant route, the chat and the rest alike, with the ban's end
      for (const [method, path] of [
        ['GET', '/me'],
        ['GET', '/me/products'],
        ['GET', '/me/sessions'],
        ['GET', `/me/sessions/${s.id}/messages`],
        ['POST', `/me/sessions/${s.id}/read`],
      ] as const) {
        const error = expectError(await b.request(method, path, { token }), 403, 'participant_banned');
        expect(error.until, path).toBe(ban.endsAt);
      }
      expectError(
        await b.request('POST', `/me/sessions/${s.id}/messages`, { token, body: { body: 'still here?' } }),
        403,
        'participant_banned',
      );
      const { rows } = await b.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM auth_tokens WHERE subject_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
        [customerId],
      );
      expect(rows[0]?.n).toBe(0);
      // once it ends the old token stays dead; signing in again works
      clockAhead = 31 * 60_000;
      try {
        expectError(await b.request('GET', '/me', { token }), 401, 'unauthenticated');
        const again = await signIn(customerId);
        expect(again.status, JSON.stringify(again.body)).toBe(200);
        expect((await b.request('GET', '/me', { token: again.body.token })).status).toBe(200);
      } finally {
        clockAhead = 0;
      }
      b.forgetToken(await email(customerId));
    });

    it('a ban until lifted says so (until null); lifted, the participant signs in again', async () => {
      const s = await newSession(8);
      const sellerId = s.seller.id;
      const token = await b.participantToken(await email(sellerId));
      const second = (await signIn(sellerId)).body.token;
      const ban = await sanction(sellerId, { kind: 'ban', reason: 'fraud' });
      for (const t of [token, second]) {
        const error = expectError(await b.request('GET', '/me/sessions', { token: t }), 403, 'participant_banned');
        expect(error.until).toBeNull();
      }
      expectError(await signIn(sellerId), 403, 'participant_banned');
      const lifted = await b.request('DELETE', `/admin/sanctions/${ban.id}`, { token: moderator });
      expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
      expectError(await b.request('GET', '/me/sessions', { token }), 401, 'unauthenticated');
      const again = await signIn(sellerId);
      expect(again.status).toBe(200);
      expect((await b.request('GET', '/me/sessions', { token: again.body.token })).status).toBe(200);
      b.forgetToken(await email(sellerId));
      // a mute or a warning leaves the tokens as they were
      const fresh = await b.participantToken(await email(sellerId));
      await sanction(sellerId, { kind: 'mute', minutes: 5, reason: 'calm down' });
      await sanction(sellerId, { kind: 'warn', reason: 'last warning' });
      expect((await b.request('GET', '/me/sessions', { token: fresh })).status).toBe(200);
    });

    it('a warning goes into the participant’s live conversations (at most 100), or with none live their latest', async () => {
      const s = await newSession(7);
      await newSession(7 + products.length);
      const sellerId = s.seller.id;
      const sessionsOf = async (where: string) =>
        (
          await b.db.query<{ id: string }>(
            `SELECT id FROM chat_sessions WHERE (customer_id = $1 OR seller_id = $1) ${where}
              ORDER BY last_message_at DESC, id`,
            [sellerId],
          )
        ).rows.map((r) => r.id);
      // One of them resolved (set straight in the database): no warning there.
      await b.db.query(`UPDATE chat_sessions SET status = 'resolved', resolved_at = now() WHERE id = $1`, [s.id]);
      const warned = async () =>
        (
          await b.db.query<{ session_id: string }>(
            `SELECT session_id FROM chat_messages WHERE kind = 'system' AND recipient_id = $1 AND body LIKE $2`,
            [sellerId, `%${marker}%`],
          )
        ).rows
          .map((r) => r.session_id)
          .sort();
      let marker = `live ${Date.now()}`;
      await sanction(sellerId, { kind: 'warn', reason: marker });
      const live = await sessionsOf(`AND status <> 'resolved'`);
      expect(live.length).toBeGreaterThan(0);
      expect(await warned()).toEqual(live.slice(0, 100).sort());
      expect(await warned()).not.toContain(s.id);
      // Nothing live: the latest conversation only.
      const all = await sessionsOf('');
      await b.db.query(`UPDATE chat_sessions SET status = 'resolved', resolved_at = now() WHERE id = ANY($1::uuid[])`, [
        all,
      ]);
      marker = `latest ${Date.now()}`;
      await sanction(sellerId, { kind: 'warn', reason: marker });
      expect(await warned()).toEqual([all[0]]);
      await b.db.query(`UPDATE chat_sessions SET status = 'open', resolved_at = NULL WHERE id = ANY($1::uuid[])`, [
        all,
      ]);
    });

    // PostgreSQL only: a second connection holds a session's row as a message's write does while it commits. PGlite
    // serves one connection at a time, so nothing can hold a row beside it there; every run of the suite runs this test
    // in sanctionEffects.postgres.test.ts.
    it.skipIf(!options.postgres)(
      'a warning’s events carry each session as committed before it, not as read while a message was committing',
      async () => {
        const s = await newSession(5);
        const seq = await lastSeq();
        const other = new pg.Client({ connectionString: b.databaseUrl });
        await other.connect();
        try {
          // A message's write in flight: the session's counters changed, not committed yet.
          await other.query('BEGIN');
          await other.query('UPDATE chat_sessions SET messages_count = messages_count + 1 WHERE id = $1', [s.id]);
          const warning = sanction(s.seller.id, { kind: 'warn', reason: 'contact details in the chat' });
          // Whatever the warning has done by then, the message's write commits now.
          await new Promise((resolve) => setTimeout(resolve, 300));
          await other.query('COMMIT');
          await warning;
        } finally {
          await other.end();
        }
        const events = (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${seq}&limit=5000`)).events;
        const mine = events.find((e) => e.type === 'message.created' && e.session.id === s.id);
        const now = await get<Session>(`/admin/sessions/${s.id}`);
        // The event's session is the committed one (with the message's count), which desks then show.
        expect(mine?.type === 'message.created' ? mine.session.messagesCount : null).toBe(now.messagesCount);
      },
    );
  });
}
