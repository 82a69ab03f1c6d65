// B9 on the backend, against a real database (PGlite and PostgreSQL): the review queue (flagged messages enter it
// when written, participants' reports, staff escalations), its filters, sorts and badge; moderators' decisions
// (dismiss, remove with the participants' placeholder and the session's counters, restore within 30 days); every
// route by role; strict input; events in the feed and audit entries for every staff write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageReport, ParticipantMessage } from '../../../src/shared/api.ts';
import {
  can,
  type Message,
  type ModerationItem,
  type Sanction,
  type Session,
  type StaffRole,
  type User,
} from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';
import { dataFingerprint } from './apiSuite.ts';

type Page<T> = { items: T[]; total: number };
const ROLES: StaffRole[] = ['agent', 'moderator', 'manager', 'admin'];
const PHONE_TEXT = 'call me on +966 55 123 4567 and we settle it there';

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message.length).toBeGreaterThan(5);
  if (field) expect(Object.keys(parsed.error.fields ?? {}), JSON.stringify(parsed.error)).toContain(field);
  return parsed.error;
}

export function defineModerationSuite(label: string, options: TestBackendOptions): void {
  describe(`moderation workspace (B9) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    const tokens = {} as Record<StaffRole, string>;
    const staffId = {} as Record<StaffRole, string>;
    let customers: User[];
    let products: Array<{ id: string; sellerId: string }>;
    let made = 0;
    /** The backend's clock runs this far ahead of the real one (sanctions' ends). */
    let clockAhead = 0;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const newSession = async () => {
      made++;
      const product = products[(made * 11) % products.length] as (typeof products)[number];
      const customer = customers.filter((c) => c.id !== product.sellerId)[(made * 3) % 50] as User;
      const r = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const session = (id: string) => get<Session>(`/admin/sessions/${id}`);
    const participantOf = async (s: Session, as: 'customer' | 'seller') => {
      const user = await get<User>(`/admin/users/${as === 'customer' ? s.customer.id : s.seller.id}`);
      return b.participantToken(user.email);
    };
    const says = async (s: Session, as: 'customer' | 'seller', body: string) => {
      const r = await b.request<Message>('POST', `/me/sessions/${s.id}/messages`, {
        token: await participantOf(s, as),
        body: { body },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const report = async (s: Session, as: 'customer' | 'seller', messageId: string, body: unknown, headers = {}) =>
      b.request<MessageReport>('POST', `/me/messages/${messageId}/reports`, {
        token: await participantOf(s, as),
        body,
        headers,
      });
    const queue = (query = '', role: StaffRole = 'moderator') =>
      get<Page<ModerationItem>>(
        `/admin/moderation/queue?${query.includes('limit=') ? query : `limit=200&${query}`}`,
        tokens[role],
      );
    /** The item of a message, from the queue (open or resolved). */
    const itemOf = async (messageId: string) => {
      const id = (
        await b.db.query<{ id: string }>('SELECT id FROM moderation_items WHERE message_id = $1', [messageId])
      ).rows[0]?.id;
      expect(id, `no item for message ${messageId}`).toBeTruthy();
      return get<ModerationItem>(`/admin/moderation/items/${id}`, tokens.moderator);
    };
    const decideOn = (itemId: string, body: unknown, role: StaffRole = 'moderator', headers = {}) =>
      b.request<ModerationItem>('POST', `/admin/moderation/items/${itemId}/decision`, {
        token: tokens[role],
        body,
        headers,
      });
    const decided = async (itemId: string, body: unknown, role: StaffRole = 'moderator') => {
      const r = await decideOn(itemId, body, role);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;
    const changesAfter = async (after: number) =>
      (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${after}&limit=5000`)).events;
    const audit = async (action: string) =>
      (
        await get<Page<{ action: string; targetId: string | null; details: Record<string, unknown> }>>(
          `/admin/audit-log?limit=100&action=${encodeURIComponent(action)}`,
        )
      ).items;
    /** Every table's data (apiSuite's fingerprint) and the moderation tables. */
    const fingerprint = async () => {
      const { rows } = await b.db.query(`SELECT
        (SELECT md5(coalesce(string_agg(id::text || status || flagged || reports_count || array_to_string(categories, '+')
           || escalated || coalesce(decision_action, '-') || updated_at, ',' ORDER BY id), '')) FROM moderation_items) AS items,
        (SELECT count(*) FROM message_reports) AS reports,
        (SELECT count(*) FROM moderation_escalations) AS escalations,
        (SELECT md5(coalesce(string_agg(id::text || coalesce(lifted_at::text, '-'), ',' ORDER BY id), ''))
           FROM participant_sanctions) AS sanctions,
        (SELECT md5(coalesce(string_agg(id::text || coalesce(removed_at::text, '-'), ',' ORDER BY id), ''))
           FROM chat_messages) AS removed`);
      return `${await dataFingerprint(b)}${JSON.stringify(rows[0])}`;
    };
    const openCount = async () => (await get<{ open: number }>('/admin/moderation/counts', tokens.moderator)).open;
    const sqlOpenCount = async () =>
      (await b.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM moderation_items WHERE status = 'open'`)).rows[0]
        ?.n;
    const participantView = async (s: Session, as: 'customer' | 'seller', messageId: string) => {
      const page = await get<{ items: ParticipantMessage[] }>(
        `/me/sessions/${s.id}/messages?limit=500`,
        await participantOf(s, as),
      );
      return page.items.find((m) => m.id === messageId);
    };

    beforeAll(async () => {
      b = await startTestBackend({ ...options, clock: () => new Date(Date.now() + clockAhead) });
      admin = await b.adminToken();
      for (const role of ROLES) {
        tokens[role] = await b.token(role);
        staffId[role] = (await get<{ staff: { id: string } }>('/auth/me', tokens[role])).staff.id;
      }
      customers = (await get<Page<User>>('/admin/users?role=customer&limit=500')).items;
      products = (await get<Page<{ id: string; sellerId: string }>>('/admin/products?limit=500')).items;
    });
    afterAll(async () => {
      await b?.close();
    });

    it('the demo’s flagged messages are in the queue, open, oldest first; the badge counts them', async () => {
      const flagged = (
        await b.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM chat_messages WHERE flags <> '{}'`)
      ).rows[0]?.n;
      expect(flagged).toBeGreaterThan(0);
      const page = await queue();
      expect(page.total).toBe(flagged);
      expect(page.items.length).toBe(Math.min(200, flagged ?? 0));
      expect(await openCount()).toBe(flagged);
      const seen = page.items.map((i) => i.firstSeenAt);
      expect(seen).toEqual([...seen].sort());
      for (const item of page.items) {
        expect(item).toMatchObject({ status: 'open', reasons: ['flag'], reportsCount: 0, decision: null });
        expect(item.flags.length).toBeGreaterThan(0);
        expect(item.flags).toEqual(item.message.flags);
        expect(item.session.id).toBe(item.message.sessionId);
      }
    });

    it('a flagged message enters the queue as it is written, with an event', async () => {
      const s = await newSession();
      const seq = await lastSeq();
      const before = await openCount();
      const m = await says(s, 'seller', PHONE_TEXT);
      expect(m.flags).toContain('phone');
      const item = await itemOf(m.id);
      expect(item).toMatchObject({
        status: 'open',
        reasons: ['flag'],
        flags: m.flags,
        message: { id: m.id, body: PHONE_TEXT },
        session: { id: s.id, product: s.product, customer: s.customer, seller: s.seller },
        reports: [],
        escalations: [],
        decision: null,
      });
      expect(await openCount()).toBe(before + 1);
      const events = await changesAfter(seq);
      expect(events.map((e) => e.type)).toEqual(['message.created', 'moderation.item.upserted']);
      expect(events[1]).toMatchObject({ item: { id: item.id, status: 'open' } });
      // an unflagged message does not
      const plain = await says(s, 'customer', 'Is it still available in blue?');
      expect((await b.db.query('SELECT 1 FROM moderation_items WHERE message_id = $1', [plain.id])).rows).toHaveLength(
        0,
      );
    });

    describe('reports', () => {
      it('a participant reports the other’s message once: 201, then 200 with the first report', async () => {
        const s = await newSession();
        const m = await says(s, 'seller', 'Pay me half now and half later, trust me');
        const seq = await lastSeq();
        const first = await report(s, 'customer', m.id, { category: 'scam', note: 'asks for money up front' });
        expect(first.status, JSON.stringify(first.body)).toBe(201);
        expect(first.body).toMatchObject({ messageId: m.id, category: 'scam', note: 'asks for money up front' });
        const repeat = await report(s, 'customer', m.id, { category: 'spam' });
        expect(repeat.status, JSON.stringify(repeat.body)).toBe(200);
        expect(repeat.body).toEqual(first.body);
        const item = await itemOf(m.id);
        expect(item).toMatchObject({
          status: 'open',
          reasons: ['report'],
          reportsCount: 1,
          reports: [{ category: 'scam', note: 'asks for money up front', at: first.body.createdAt }],
        });
        // one event for the report, none for the repeat; participants' writes are not in the staff audit log
        const events = await changesAfter(seq);
        expect(events).toMatchObject([{ type: 'moderation.item.upserted', item: { id: item.id, reportsCount: 1 } }]);
        expect(events[0]?.actor).toMatchObject({ kind: 'user', id: s.customer.id });
        // staff's message can be reported by the seller too: reports count 2 on one item
        const staffMessage = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: tokens.agent,
          body: { body: 'Hello from support' },
        });
        for (const as of ['customer', 'seller'] as const) {
          expect((await report(s, as, staffMessage.body.id, { category: 'other' })).status).toBe(201);
        }
        expect(await itemOf(staffMessage.body.id)).toMatchObject({ reportsCount: 2, reasons: ['report'] });
      });

      it('the OpenAPI document names both answers of a report and every moderation route', async () => {
        const doc = await get<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(
          '/openapi.json',
          null,
        );
        expect(Object.keys(doc.paths['/api/v1/me/messages/{id}/reports']?.post?.responses ?? {})).toEqual(
          expect.arrayContaining(['200', '201']),
        );
        for (const path of [
          '/api/v1/admin/moderation/queue',
          '/api/v1/admin/moderation/counts',
          '/api/v1/admin/moderation/items/{id}',
          '/api/v1/admin/moderation/items/{id}/decision',
          '/api/v1/admin/messages/{id}/escalate',
          '/api/v1/admin/participants/{userId}/sanctions',
          '/api/v1/admin/sanctions/{id}',
        ]) {
          expect(Object.keys(doc.paths)).toContain(path);
        }
      });

      it('an Idempotency-Key replays the answer', async () => {
        const s = await newSession();
        const m = await says(s, 'customer', 'you are useless');
        const key = crypto.randomUUID();
        const first = await report(s, 'seller', m.id, { category: 'abuse' }, { 'idempotency-key': key });
        expect(first.status).toBe(201);
        const again = await report(s, 'seller', m.id, { category: 'abuse' }, { 'idempotency-key': key });
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(first.body);
        expect((await itemOf(m.id)).reportsCount).toBe(1);
      });

      it('refuses one’s own message, other people’s sessions, notes, removed messages and bad input', async () => {
        const s = await newSession();
        const m = await says(s, 'seller', 'My own words');
        const note = await b.request<Message>('POST', `/admin/sessions/${s.id}/notes`, {
          token: tokens.agent,
          body: { body: 'internal: watch this seller' },
        });
        expect(note.status).toBe(201);
        const fp = await fingerprint();
        expectError(await report(s, 'seller', m.id, { category: 'spam' }), 403, 'forbidden', 'id');
        // someone outside the session: as if the message did not exist
        const other = customers.find((c) => c.id !== s.customer.id && c.id !== s.seller.id) as User;
        const outsider = await b.participantToken(other.email);
        expectError(
          await b.request('POST', `/me/messages/${m.id}/reports`, { token: outsider, body: { category: 'spam' } }),
          404,
          'not_found',
          'id',
        );
        expectError(await report(s, 'customer', crypto.randomUUID(), { category: 'spam' }), 404, 'not_found', 'id');
        expectError(await report(s, 'customer', note.body.id, { category: 'spam' }), 404, 'not_found', 'id');
        expectError(await report(s, 'customer', m.id, { category: 'rude' }), 400, 'bad_request', 'category');
        expectError(await report(s, 'customer', m.id, {}), 400, 'bad_request', 'category');
        expectError(
          await report(s, 'customer', m.id, { category: 'spam', note: 'x'.repeat(1001) }),
          400,
          'bad_request',
          'note',
        );
        expectError(await report(s, 'customer', m.id, { category: 'spam', note: '  ' }), 400, 'bad_request', 'note');
        expectError(
          await report(s, 'customer', m.id, { category: 'spam', reporterId: s.seller.id }),
          400,
          'bad_request',
          'reporterId',
        );
        expectError(
          await b.request('POST', '/me/messages/42/reports', {
            token: await participantOf(s, 'customer'),
            body: { category: 'spam' },
          }),
          400,
          'bad_request',
          'id',
        );
        // staff do not report (they escalate)
        expectError(
          await b.request('POST', `/me/messages/${m.id}/reports`, { token: admin, body: { category: 'spam' } }),
          403,
          'forbidden',
        );
        expect(await fingerprint()).toBe(fp);
        // a removed message cannot be reported any more
        const flagged = await says(s, 'seller', PHONE_TEXT);
        await decided((await itemOf(flagged.id)).id, { action: 'remove', reason: 'phone number' });
        expectError(await report(s, 'customer', flagged.id, { category: 'spam' }), 409, 'conflict', 'id');
      });

      it('is refused while chat in the mobile app is switched off', async () => {
        const s = await newSession();
        const m = await says(s, 'seller', 'Hello there');
        const off = await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: false } });
        expect(off.status).toBe(200);
        try {
          expectError(await report(s, 'customer', m.id, { category: 'spam' }), 403, 'chat_disabled');
        } finally {
          await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: true } });
        }
      });
    });

    describe('the queue', () => {
      it('filters by status, reason and report category, sorts by reports count; strict query', async () => {
        const s = await newSession();
        const scam = await says(s, 'seller', 'Send the money by gift card please');
        await report(s, 'customer', scam.id, { category: 'scam' });
        const spam = await says(s, 'customer', 'Buy followers cheap!!!');
        await report(s, 'seller', spam.id, { category: 'spam' });
        const staff = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: tokens.agent,
          body: { body: 'Please keep it polite' },
        });
        for (const as of ['customer', 'seller'] as const) await report(s, as, staff.body.id, { category: 'abuse' });
        const ids = async (query: string) => (await queue(query)).items.map((i) => i.message.id);

        const reported = await queue('reason=report');
        expect(reported.items.every((i) => i.reasons.includes('report'))).toBe(true);
        expect(reported.items.map((i) => i.message.id)).toEqual(expect.arrayContaining([scam.id, spam.id]));
        expect(await ids('reason=flag')).not.toContain(scam.id);
        expect(await ids('category=scam')).toContain(scam.id);
        expect(await ids('category=scam')).not.toContain(spam.id);
        const abuse = await queue('category=abuse&reason=report');
        expect(abuse.items.map((i) => i.message.id)).toContain(staff.body.id);
        expect(abuse.items.every((i) => i.reports.some((r) => r.category === 'abuse'))).toBe(true);
        const sorted = await queue('sort=reportsCount&limit=5');
        expect(sorted.items[0]?.reportsCount).toBe(2);
        const twice = await queue('sort=reportsCount&limit=200');
        expect(twice.items.filter((i) => i.reportsCount === 2).map((i) => i.message.id)).toContain(staff.body.id);
        const counts = twice.items.map((i) => i.reportsCount);
        expect(counts).toEqual([...counts].sort((x, y) => y - x));
        // paging: offset and limit over the same order, total unchanged
        const all = await queue('limit=200');
        const second = await queue('offset=3&limit=3');
        expect(second.total).toBe(all.total);
        expect(second.items.map((i) => i.id)).toEqual(all.items.slice(3, 6).map((i) => i.id));
        expect((await queue('status=resolved')).items.every((i) => i.status === 'resolved')).toBe(true);

        for (const [query, field] of [
          ['status=closed', 'status'],
          ['reason=angry', 'reason'],
          ['category=rude', 'category'],
          ['sort=newest', 'sort'],
          ['limit=0', 'limit'],
          ['limit=201', 'limit'],
          ['offset=-1', 'offset'],
          ['color=red', 'color'],
        ]) {
          expectError(
            await b.request('GET', `/admin/moderation/queue?${query}`, { token: tokens.moderator }),
            400,
            'bad_request',
            field,
          );
        }
        expectError(
          await b.request('GET', '/admin/moderation/counts?status=open', { token: tokens.moderator }),
          400,
          'bad_request',
          'status',
        );
      });

      it('every route by role: managers read, moderators and admins decide, every role escalates', async () => {
        const s = await newSession();
        const m = await says(s, 'seller', PHONE_TEXT);
        const item = await itemOf(m.id);
        for (const role of ROLES) {
          const token = tokens[role];
          const reads = can(role, 'moderation.read');
          expect(reads, role).toBe(role !== 'agent');
          for (const path of [
            '/admin/moderation/queue',
            '/admin/moderation/counts',
            `/admin/moderation/items/${item.id}`,
          ]) {
            const r = await b.request('GET', path, { token });
            if (reads) expect(r.status, `${role} ${path}`).toBe(200);
            else expectError(r, 403, 'forbidden');
          }
          const decides = role === 'moderator' || role === 'admin';
          expect(can(role, 'moderation.decide'), role).toBe(decides);
          const r = await decideOn(item.id, { action: 'dismiss' }, role);
          if (decides) {
            expect(r.status, `${role}: ${JSON.stringify(r.body)}`).toBe(200);
            expect(r.body.decision?.staff?.id).toBe(staffId[role]);
          } else expectError(r, 403, 'forbidden');
          const escalated = await b.request<ModerationItem>('POST', `/admin/messages/${m.id}/escalate`, {
            token,
            body: { note: `a second look, says the ${role}` },
          });
          expect(escalated.status, `${role}: ${JSON.stringify(escalated.body)}`).toBe(201);
          expect(escalated.body.status).toBe('open');
        }
        const participant = await participantOf(s, 'customer');
        for (const [method, path] of [
          ['GET', '/admin/moderation/queue'],
          ['GET', '/admin/moderation/counts'],
          ['POST', `/admin/moderation/items/${item.id}/decision`],
          ['POST', `/admin/messages/${m.id}/escalate`],
        ] as const) {
          const body = method === 'POST' ? { body: {} } : {};
          expectError(await b.request(method, path, { token: participant, ...body }), 403, 'forbidden');
          expectError(await b.request(method, path, { token: null }), 401, 'unauthenticated');
        }
        const final = await itemOf(m.id);
        expect(final.escalations.map((e) => e.staff?.id)).toEqual(ROLES.map((role) => staffId[role]));
        expect(await openCount()).toBe(await sqlOpenCount());
      });
    });

    describe('decisions', () => {
      it('dismiss resolves the item and leaves the message; the badge goes down; audited, with an event', async () => {
        const s = await newSession();
        const m = await says(s, 'customer', 'my email is someone@example.com');
        const item = await itemOf(m.id);
        const before = await openCount();
        const seq = await lastSeq();
        const sessionBefore = await session(s.id);
        const done = await decided(item.id, { action: 'dismiss', reason: 'order details, allowed' });
        expect(done).toMatchObject({
          status: 'resolved',
          decision: { action: 'dismiss', reason: 'order details, allowed', staff: { id: staffId.moderator } },
        });
        expect(done.message.removed).toBeUndefined();
        expect(await openCount()).toBe(before - 1);
        expect((await queue('status=resolved')).items.map((i) => i.id)).toContain(item.id);
        expect((await queue()).items.map((i) => i.id)).not.toContain(item.id);
        expect(await session(s.id)).toEqual(sessionBefore);
        expect(await changesAfter(seq)).toMatchObject([{ type: 'moderation.item.upserted', item: done }]);
        expect((await audit('moderation.dismiss'))[0]).toMatchObject({
          targetId: item.id,
          details: { messageId: m.id, sessionId: s.id, reason: 'order details, allowed' },
        });
        expect((await participantView(s, 'seller', m.id))?.body).toBe(m.body);
        // a new report opens it again, with the last decision kept
        expect((await report(s, 'seller', m.id, { category: 'off_platform' })).status).toBe(201);
        expect(await itemOf(m.id)).toMatchObject({
          status: 'open',
          reasons: ['flag', 'report'],
          decision: { action: 'dismiss' },
        });
      });

      it('remove hides the message from the participants, takes it out of the counters; restore undoes both', async () => {
        const s = await newSession();
        await says(s, 'customer', 'Hello, is this available?');
        const m = await says(s, 'seller', PHONE_TEXT);
        await report(s, 'customer', m.id, { category: 'off_platform' });
        const before = await session(s.id);
        expect(before).toMatchObject({ messagesCount: 2, unreadCount: 2, flaggedCount: 1 });
        const item = await itemOf(m.id);
        const seq = await lastSeq();
        const removed = await decided(item.id, { action: 'remove', reason: 'Phone numbers are not allowed' });
        expect(removed).toMatchObject({
          status: 'resolved',
          decision: { action: 'remove', reason: 'Phone numbers are not allowed', staff: { id: staffId.moderator } },
          message: { id: m.id, body: PHONE_TEXT, removed: true, removedReason: 'Phone numbers are not allowed' },
        });
        const after = await session(s.id);
        expect(after).toMatchObject({ messagesCount: 1, unreadCount: 1, flaggedCount: 0 });
        const events = await changesAfter(seq);
        expect(events.map((e) => e.type)).toEqual(['message.updated', 'moderation.item.upserted']);
        expect(events[0]).toMatchObject({
          message: { id: m.id, removed: true, removedReason: 'Phone numbers are not allowed' },
          session: after,
        });
        expect((await audit('moderation.remove'))[0]).toMatchObject({
          targetId: item.id,
          details: { messageId: m.id, sessionId: s.id, reason: 'Phone numbers are not allowed' },
        });
        // participants read a placeholder; staff still read the body, marked removed
        for (const as of ['customer', 'seller'] as const) {
          const seen = await participantView(s, as, m.id);
          expect(seen).toMatchObject({
            id: m.id,
            removed: true,
            body: null,
            flags: [],
            removedReason: 'Phone numbers are not allowed',
          });
          expect(Object.keys(seen ?? {})).not.toContain('removedAt');
        }
        const staffList = await get<{ items: Message[] }>(`/admin/sessions/${s.id}/messages`, tokens.agent);
        expect(staffList.items.find((x) => x.id === m.id)).toMatchObject({ body: PHONE_TEXT, removed: true });
        // the customer reading the session leaves the removed message as it was: unread again once restored
        const read = await b.request<{ affected: number }>('POST', `/me/sessions/${s.id}/read`, {
          token: await participantOf(s, 'customer'),
        });
        expect(read.body.affected).toBe(0);
        expect(await session(s.id)).toMatchObject({ unreadCount: 1 });
        expectError(await decideOn(item.id, { action: 'remove' }), 409, 'conflict', 'action');
        expectError(await decideOn(item.id, { action: 'dismiss' }), 409, 'conflict', 'action');

        const restored = await decided(item.id, { action: 'restore', reason: 'it was the shop’s number' });
        expect(restored).toMatchObject({ status: 'resolved', decision: { action: 'restore' } });
        expect(restored.message.removed).toBeUndefined();
        expect(restored.message.body).toBe(PHONE_TEXT);
        expect(await session(s.id)).toMatchObject({ messagesCount: 2, unreadCount: 2, flaggedCount: 1 });
        expect((await participantView(s, 'customer', m.id))?.body).toBe(PHONE_TEXT);
        expect((await audit('moderation.restore'))[0]).toMatchObject({ targetId: item.id });
        expectError(await decideOn(item.id, { action: 'restore' }), 409, 'conflict', 'action');
        // the unread total follows the sessions' counters
        const unreadSum = (await b.db.query<{ n: number }>('SELECT sum(unread_count)::int AS n FROM chat_sessions'))
          .rows[0]?.n;
        expect((await get<{ total: number }>('/admin/unread-total')).total).toBe(unreadSum);
      });

      it('a removal older than 30 days cannot be restored; deleting a removed message counts it once', async () => {
        const s = await newSession();
        const m = await says(s, 'customer', 'whatsapp me please');
        const item = await itemOf(m.id);
        await decided(item.id, { action: 'remove' }, 'admin');
        await b.db.query(`UPDATE chat_messages SET removed_at = now() - interval '31 days' WHERE id = $1`, [m.id]);
        expectError(await decideOn(item.id, { action: 'restore' }, 'admin'), 409, 'conflict', 'action');
        await b.db.query(`UPDATE chat_messages SET removed_at = now() - interval '29 days' WHERE id = $1`, [m.id]);
        expect((await decideOn(item.id, { action: 'restore' }, 'admin')).status).toBe(200);
        await decided(item.id, { action: 'remove' }, 'admin');
        expect(await session(s.id)).toMatchObject({ messagesCount: 0, unreadCount: 0, flaggedCount: 0 });
        const deleted = await b.request<Session>('DELETE', `/admin/messages/${m.id}`, { token: admin });
        expect(deleted.status).toBe(200);
        expect(deleted.body).toMatchObject({ messagesCount: 0, unreadCount: 0, flaggedCount: 0 });
        // its item goes with it
        expect((await b.db.query('SELECT 1 FROM moderation_items WHERE id = $1', [item.id])).rows).toHaveLength(0);
        expectError(await decideOn(item.id, { action: 'dismiss' }), 404, 'not_found', 'id');
      });

      it('strict input: the action and the reason are checked and named; an Idempotency-Key replays', async () => {
        const s = await newSession();
        const m = await says(s, 'seller', PHONE_TEXT);
        const item = await itemOf(m.id);
        const fp = await fingerprint();
        expectError(await decideOn(item.id, { action: 'ban' }), 400, 'bad_request', 'action');
        expectError(await decideOn(item.id, {}), 400, 'bad_request', 'action');
        expectError(await decideOn(item.id, { action: 'dismiss', reason: '' }), 400, 'bad_request', 'reason');
        expectError(
          await decideOn(item.id, { action: 'remove', reason: 'x'.repeat(501) }),
          400,
          'bad_request',
          'reason',
        );
        expectError(await decideOn(item.id, { action: 'dismiss', extra: 1 }), 400, 'bad_request', 'extra');
        expectError(await decideOn('not-a-uuid', { action: 'dismiss' }), 400, 'bad_request', 'id');
        expectError(await decideOn(crypto.randomUUID(), { action: 'dismiss' }), 404, 'not_found', 'id');
        expect(await fingerprint()).toBe(fp);
        const key = crypto.randomUUID();
        const first = await decideOn(item.id, { action: 'remove', reason: 'no numbers' }, 'moderator', {
          'idempotency-key': key,
        });
        expect(first.status).toBe(200);
        const again = await decideOn(item.id, { action: 'remove', reason: 'no numbers' }, 'moderator', {
          'idempotency-key': key,
        });
        expect(again.status).toBe(200);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(first.body);
        expect(await session(s.id)).toMatchObject({ messagesCount: 0, flaggedCount: 0 });
      });
    });

    describe('escalations', () => {
      it('an agent sends a message to the queue with a note; audited, with an event; strict input', async () => {
        const s = await newSession();
        const m = await says(s, 'customer', 'I will leave a bad review everywhere unless you refund twice');
        const before = await openCount();
        const seq = await lastSeq();
        const r = await b.request<ModerationItem>('POST', `/admin/messages/${m.id}/escalate`, {
          token: tokens.agent,
          body: { note: 'threatening the seller' },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        expect(r.body).toMatchObject({
          status: 'open',
          reasons: ['escalated'],
          reportsCount: 0,
          message: { id: m.id },
          escalations: [{ note: 'threatening the seller', staff: { id: staffId.agent } }],
        });
        expect(await openCount()).toBe(before + 1);
        expect((await queue('reason=escalated')).items.map((i) => i.id)).toContain(r.body.id);
        expect(await changesAfter(seq)).toMatchObject([{ type: 'moderation.item.upserted', item: r.body }]);
        expect((await audit('moderation.escalate'))[0]).toMatchObject({
          targetId: m.id,
          details: { itemId: r.body.id, sessionId: s.id, note: 'threatening the seller' },
        });
        const fp = await fingerprint();
        const escalate = (id: string, body: unknown) =>
          b.request('POST', `/admin/messages/${id}/escalate`, { token: tokens.agent, body });
        expectError(await escalate(m.id, {}), 400, 'bad_request', 'note');
        expectError(await escalate(m.id, { note: '   ' }), 400, 'bad_request', 'note');
        expectError(await escalate(m.id, { note: 'x'.repeat(1001) }), 400, 'bad_request', 'note');
        expectError(await escalate(m.id, { note: 'ok', priority: 'high' }), 400, 'bad_request', 'priority');
        expectError(await escalate(crypto.randomUUID(), { note: 'ok' }), 404, 'not_found', 'id');
        const note = await b.request<Message>('POST', `/admin/sessions/${s.id}/notes`, {
          token: tokens.agent,
          body: { body: 'internal' },
        });
        const fpWithNote = await fingerprint();
        expect(fpWithNote).not.toBe(fp);
        expectError(await escalate(note.body.id, { note: 'ok' }), 409, 'conflict', 'id');
        expect(await fingerprint()).toBe(fpWithNote);
      });
    });

    it('every filter’s total and the badge, read from counters, equal counting the items', async () => {
      const reasons = ['', 'reason=flag', 'reason=report', 'reason=escalated'];
      const categories = [
        '',
        'category=spam',
        'category=abuse',
        'category=off_platform',
        'category=scam',
        'category=other',
      ];
      for (const status of ['open', 'resolved']) {
        for (const reason of reasons) {
          for (const category of categories) {
            const where = [`status = '${status}'`];
            if (reason === 'reason=flag') where.push('flagged');
            if (reason === 'reason=report') where.push('reports_count > 0');
            if (reason === 'reason=escalated') where.push('escalated');
            if (category) where.push(`'${category.slice('category='.length)}' = ANY (categories)`);
            const counted = (
              await b.db.query<{ n: number }>(
                `SELECT count(*)::int AS n FROM moderation_items WHERE ${where.join(' AND ')}`,
              )
            ).rows[0]?.n;
            const query = [`status=${status}`, reason, category, 'limit=1'].filter(Boolean).join('&');
            expect((await queue(query)).total, query).toBe(counted);
          }
        }
      }
      expect(await openCount()).toBe(await sqlOpenCount());
      // after one statement over many items, and after their messages are deleted with their session
      await b.db.query(`UPDATE moderation_items SET escalated = true WHERE status = 'open'`);
      expect((await queue('reason=escalated&limit=1')).total).toBe(await sqlOpenCount());
      const s = (await b.db.query<{ session_id: string }>('SELECT session_id FROM moderation_items LIMIT 1')).rows[0];
      expect((await b.request('DELETE', `/admin/sessions/${s?.session_id}`, { token: admin })).status).toBe(200);
      expect(await openCount()).toBe(await sqlOpenCount());
      const rows = (
        await b.db.query<{ bad: number }>(
          `SELECT count(*)::int AS bad FROM (
             SELECT status, flagged, reported, escalated, categories, sum(n) AS n FROM moderation_totals
              GROUP BY 1, 2, 3, 4, 5) t
           FULL JOIN (
             SELECT status, flagged, reports_count > 0 AS reported, escalated,
                    moderation_category_bits(categories) AS categories, count(*) AS n
               FROM moderation_items GROUP BY 1, 2, 3, 4, 5) c
           USING (status, flagged, reported, escalated, categories)
          WHERE coalesce(t.n, 0) <> coalesce(c.n, 0)`,
        )
      ).rows[0]?.bad;
      expect(rows).toBe(0);
    });

    describe('sanctions', () => {
      const sanction = (userId: string, body: unknown, role: StaffRole = 'moderator') =>
        b.request<Sanction>('POST', `/admin/participants/${userId}/sanctions`, { token: tokens[role], body });
      const given = async (userId: string, body: unknown, role: StaffRole = 'moderator') => {
        const r = await sanction(userId, body, role);
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        return r.body;
      };
      const lift = (id: string, role: StaffRole = 'moderator') =>
        b.request<Sanction>('DELETE', `/admin/sanctions/${id}`, { token: tokens[role] });
      const history = (userId: string, role: StaffRole = 'manager') =>
        get<Page<Sanction>>(`/admin/participants/${userId}/sanctions`, tokens[role]);
      const trySend = async (s: Session, as: 'customer' | 'seller', body = 'Hello again') =>
        b.request<Message>('POST', `/me/sessions/${s.id}/messages`, {
          token: await participantOf(s, as),
          body: { body },
        });
      const signIn = async (userId: string, password = DEMO_PASSWORD) => {
        const user = await get<User>(`/admin/users/${userId}`);
        return b.request<{ token: string }>('POST', '/auth/participant/login', {
          body: { email: user.email, password },
        });
      };

      it('a mute refuses the participant’s messages until it ends, by the backend’s clock; the other party writes on', async () => {
        const s = await newSession();
        await says(s, 'seller', 'Before the mute');
        const seq = await lastSeq();
        const mute = await given(s.seller.id, { kind: 'mute', minutes: 60, reason: 'phone numbers again' });
        expect(mute).toMatchObject({
          userId: s.seller.id,
          kind: 'mute',
          reason: 'phone numbers again',
          active: true,
          staff: { id: staffId.moderator },
          liftedAt: null,
        });
        expect(Date.parse(mute.endsAt as string) - Date.parse(mute.startsAt)).toBe(3_600_000);
        expect(await changesAfter(seq)).toMatchObject([{ type: 'sanction.upserted', sanction: mute }]);
        expect((await audit('sanction.create'))[0]).toMatchObject({
          targetId: s.seller.id,
          details: { sanctionId: mute.id, kind: 'mute', minutes: 60, reason: 'phone numbers again' },
        });
        const refused = expectError(await trySend(s, 'seller'), 403, 'participant_muted');
        expect(ErrorBody.parse((await trySend(s, 'seller')).body).error.until).toBe(mute.endsAt);
        expect(refused.message).toContain(mute.endsAt as string);
        // reading and reporting go on; the customer writes as before
        expect(
          (await get<{ items: unknown[] }>(`/me/sessions/${s.id}/messages`, await participantOf(s, 'seller'))).items
            .length,
        ).toBeGreaterThan(0);
        expect((await trySend(s, 'customer')).status).toBe(201);
        clockAhead = 59 * 60_000;
        expectError(await trySend(s, 'seller'), 403, 'participant_muted');
        clockAhead = 61 * 60_000;
        try {
          expect((await trySend(s, 'seller', 'After the mute')).status).toBe(201);
          const listed = await history(s.seller.id);
          expect(listed.items[0]).toMatchObject({ id: mute.id, active: false });
          expectError(await lift(mute.id), 409, 'conflict', 'id');
        } finally {
          clockAhead = 0;
        }
      });

      it('a ban refuses sign-in and the chat until lifted; a wrong password still says nothing of it', async () => {
        const s = await newSession();
        const token = await participantOf(s, 'customer');
        const ban = await given(s.customer.id, { kind: 'ban', reason: 'scams' }, 'admin');
        expect(ban).toMatchObject({ kind: 'ban', endsAt: null, active: true, staff: { id: staffId.admin } });
        const refused = await signIn(s.customer.id);
        expect(ErrorBody.parse(refused.body).error).toMatchObject({ code: 'participant_banned', until: null });
        expect(refused.status).toBe(403);
        expectError(await signIn(s.customer.id, 'wrong-password'), 401, 'unauthenticated');
        // a token from before the ban opens no chat route
        expectError(await b.request('GET', '/me/sessions', { token }), 403, 'participant_banned');
        expectError(await trySend(s, 'customer'), 403, 'participant_banned');
        const seq = await lastSeq();
        const lifted = await lift(ban.id);
        expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
        expect(lifted.body).toMatchObject({ id: ban.id, active: false, liftedBy: { id: staffId.moderator } });
        expect(lifted.body.liftedAt).not.toBeNull();
        expect(await changesAfter(seq)).toMatchObject([{ type: 'sanction.upserted', sanction: lifted.body }]);
        expect((await audit('sanction.lift'))[0]).toMatchObject({
          targetId: s.customer.id,
          details: { sanctionId: ban.id, kind: 'ban' },
        });
        // the ban revoked the tokens from before it: the customer signs in again
        expectError(await b.request('GET', '/me/sessions', { token }), 401, 'unauthenticated');
        expect((await signIn(s.customer.id)).status).toBe(200);
        b.forgetToken((await get<User>(`/admin/users/${s.customer.id}`)).email);
        expect((await trySend(s, 'customer')).status).toBe(201);
        expectError(await lift(ban.id), 409, 'conflict', 'id');
        // a ban with an end says when; it ends by the clock
        const timed = await given(s.customer.id, { kind: 'ban', minutes: 30, reason: 'cooling off' });
        const until = ErrorBody.parse((await signIn(s.customer.id)).body).error.until;
        expect(until).toBe(timed.endsAt);
        clockAhead = 31 * 60_000;
        try {
          expect((await signIn(s.customer.id)).status).toBe(200);
        } finally {
          clockAhead = 0;
        }
        await lift(timed.id);
        b.forgetToken((await get<User>(`/admin/users/${s.customer.id}`)).email);
      });

      it('a warning is recorded, never in force; by role; strict input', async () => {
        const s = await newSession();
        const warn = await given(s.seller.id, { kind: 'warn', reason: 'keep it on the platform' });
        expect(warn).toMatchObject({ kind: 'warn', endsAt: null, active: false });
        expect((await trySend(s, 'seller')).status).toBe(201);
        expectError(await lift(warn.id), 409, 'conflict', 'id');
        expect((await history(s.seller.id)).items.map((x) => x.id)).toContain(warn.id);
        const fp = await fingerprint();
        for (const role of ROLES) {
          const gives = role === 'moderator' || role === 'admin';
          if (!gives) {
            expectError(await sanction(s.seller.id, { kind: 'warn', reason: 'x' }, role), 403, 'forbidden');
            expectError(await lift(warn.id, role), 403, 'forbidden');
          }
          const r = await b.request('GET', `/admin/participants/${s.seller.id}/sanctions`, { token: tokens[role] });
          if (role === 'agent') expectError(r, 403, 'forbidden');
          else expect(r.status).toBe(200);
        }
        expectError(await sanction(s.seller.id, { kind: 'mute', reason: 'x' }), 400, 'bad_request', 'minutes');
        expectError(
          await sanction(s.seller.id, { kind: 'warn', minutes: 5, reason: 'x' }),
          400,
          'bad_request',
          'minutes',
        );
        expectError(
          await sanction(s.seller.id, { kind: 'mute', minutes: 0, reason: 'x' }),
          400,
          'bad_request',
          'minutes',
        );
        expectError(
          await sanction(s.seller.id, { kind: 'mute', minutes: 1.5, reason: 'x' }),
          400,
          'bad_request',
          'minutes',
        );
        expectError(await sanction(s.seller.id, { kind: 'kick', reason: 'x' }), 400, 'bad_request', 'kind');
        expectError(await sanction(s.seller.id, { kind: 'warn' }), 400, 'bad_request', 'reason');
        expectError(await sanction(s.seller.id, { kind: 'warn', reason: ' ' }), 400, 'bad_request', 'reason');
        expectError(
          await sanction(s.seller.id, { kind: 'warn', reason: 'x', until: '2030-01-01T00:00:00Z' }),
          400,
          'bad_request',
          'until',
        );
        expectError(await sanction('42', { kind: 'warn', reason: 'x' }), 400, 'bad_request', 'userId');
        expectError(await sanction(crypto.randomUUID(), { kind: 'warn', reason: 'x' }), 404, 'not_found', 'userId');
        expectError(await lift(crypto.randomUUID()), 404, 'not_found', 'id');
        expectError(
          await b.request('GET', `/admin/participants/${crypto.randomUUID()}/sanctions`, { token: admin }),
          404,
          'not_found',
          'userId',
        );
        expect(await fingerprint()).toBe(fp);
      });
    });
  });
}
