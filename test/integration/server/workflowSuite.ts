// B10 on the backend, against a real database (PGlite and PostgreSQL): a session's status, assignee, snooze, first
// response and resolution times; the list's new filters and sorts; PATCH and the bulk assign, resolve and reopen by
// role; re-opening and waking on a participant's message; internal notes that no `/me` route ever shows; canned
// replies by role with strict input. Every write is checked for its events, its audit entry and its idempotent replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CannedReply,
  can,
  type Message,
  SESSION_WORKFLOW_FIELDS,
  type Session,
  type StaffRole,
  type User,
} from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';
import { SESSION_WORKFLOW_SORTS } from '../../../src/shared/sessionSorts.ts';
import { startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';
import { dataFingerprint } from './apiSuite.ts';

type Page<T> = { items: T[]; total: number };
const ROLES: StaffRole[] = ['agent', 'moderator', 'manager', 'admin'];
const HOUR = 3_600_000;

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message.length).toBeGreaterThan(5);
  if (field) expect(Object.keys(parsed.error.fields ?? {}), JSON.stringify(parsed.error)).toContain(field);
  return parsed.error;
}

export function defineWorkflowSuite(label: string, options: TestBackendOptions): void {
  describe(`agent workflow (B10) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    const tokens = {} as Record<StaffRole, string>;
    const staffId = {} as Record<StaffRole, string>;
    const staffName = {} as Record<StaffRole, string>;
    let customers: User[];
    let products: Array<{ id: string; name: string; sellerId: string }>;
    let made = 0;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    /** A fresh session (a product and customer pair not used before in this file). */
    const newSession = async () => {
      made++;
      const product = products[(made * 7) % products.length] as (typeof products)[number];
      const customer = customers.filter((c) => c.id !== product.sellerId)[(made * 5) % 50] as User;
      const r = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const patch = (id: string, body: unknown, role: StaffRole = 'admin', headers: Record<string, string> = {}) =>
      b.request<Session>('PATCH', `/admin/sessions/${id}`, { token: tokens[role], body, headers });
    const patched = async (id: string, body: unknown, role: StaffRole = 'admin') => {
      const r = await patch(id, body, role);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const session = (id: string) => get<Session>(`/admin/sessions/${id}`);
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;
    const changesAfter = async (after: number) =>
      (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${after}&limit=5000`)).events;
    const participantOf = async (s: Session, as: 'customer' | 'seller') => {
      const user = await get<User>(`/admin/users/${as === 'customer' ? s.customer.id : s.seller.id}`);
      return b.participantToken(user.email);
    };
    const participantSays = async (s: Session, as: 'customer' | 'seller', body: string) => {
      const r = await b.request<Message>('POST', `/me/sessions/${s.id}/messages`, {
        token: await participantOf(s, as),
        body: { body },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const staffSays = async (s: Session, body: string, role: StaffRole = 'agent') => {
      const r = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
        token: tokens[role],
        body: { body },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const audit = async (action: string) =>
      (
        await get<Page<{ action: string; targetId: string | null; details: Record<string, unknown> }>>(
          `/admin/audit-log?limit=100&action=${encodeURIComponent(action)}`,
        )
      ).items;
    /** The ids of every session matching a SQL condition on chat_sessions, in the list's default order. */
    const idsWhere = async (condition: string, params: unknown[] = []) =>
      (
        await b.db.query<{ id: string }>(
          `SELECT id FROM chat_sessions WHERE ${condition} ORDER BY last_message_at DESC, id DESC`,
          params,
        )
      ).rows.map((r) => r.id);
    const listIds = async (query: string, role: StaffRole = 'admin') => {
      const page = await get<Page<Session>>(`/admin/sessions?limit=500&${query}`, tokens[role]);
      expect(page.total, query).toBe(page.items.length);
      return page.items.map((s) => s.id);
    };

    beforeAll(async () => {
      b = await startTestBackend(options);
      admin = await b.adminToken();
      for (const role of ROLES) {
        tokens[role] = await b.token(role);
        const me = await get<{ staff: { id: string; name: string } }>('/auth/me', tokens[role]);
        staffId[role] = me.staff.id;
        staffName[role] = me.staff.name;
      }
      customers = (await get<Page<User>>('/admin/users?role=customer&limit=500')).items;
      products = (await get<Page<{ id: string; name: string; sellerId: string }>>('/admin/products?limit=500')).items;
    });
    afterAll(async () => {
      await b?.close();
    });

    describe('the session’s new fields', () => {
      it('a new session is open, unassigned, not snoozed, unanswered and unresolved; /me shows none of it', async () => {
        const s = await newSession();
        expect(s).toMatchObject({
          status: 'open',
          assigneeId: null,
          assigneeName: null,
          snoozedUntil: null,
          firstResponseAt: null,
          resolvedAt: null,
        });
        await patched(s.id, { status: 'pending', assigneeId: staffId.agent, snoozedUntil: '2099-01-01T00:00:00.000Z' });
        const customer = await participantOf(s, 'customer');
        const mine = (await get<Page<Session>>('/me/sessions?limit=500', customer)).items;
        const seen = mine.find((x) => x.id === s.id) as Session;
        expect(seen.product.id).toBe(s.product.id);
        for (const field of SESSION_WORKFLOW_FIELDS) expect(Object.keys(seen), field).not.toContain(field);
        const opened = await b.request<Session>('POST', '/me/sessions', {
          token: customer,
          body: { productId: s.product.id },
        });
        expect(opened.body.id).toBe(s.id);
        for (const field of SESSION_WORKFLOW_FIELDS) expect(Object.keys(opened.body), field).not.toContain(field);
      });

      it('the demo sessions’ first response is the first staff reply after the customer’s first message', async () => {
        const { rows } = await b.db.query<{ id: string; expected: string | null; actual: string | null }>(
          `SELECT s.id, s.first_response_at AS actual,
              (SELECT min(m.created_at) FROM chat_messages m WHERE m.session_id = s.id AND m.sender_role = 'staff'
                 AND m.kind = 'message' AND m.created_at >= (SELECT min(c.created_at) FROM chat_messages c
                   WHERE c.session_id = s.id AND c.sender_role = 'customer' AND c.kind = 'message')) AS expected
             FROM chat_sessions s`,
        );
        expect(rows.filter((r) => r.expected !== r.actual)).toEqual([]);
        expect(rows.filter((r) => r.actual !== null).length).toBeGreaterThan(10);
      });

      it('firstResponseAt: the first staff reply after the customer’s first message; not a seller’s, not a note', async () => {
        const s = await newSession();
        await staffSays(s, 'Welcome! (before the customer wrote)');
        expect((await session(s.id)).firstResponseAt).toBeNull();
        await participantSays(s, 'customer', 'Where is my order?');
        await participantSays(s, 'seller', 'It ships today.');
        const note = await b.request('POST', `/admin/sessions/${s.id}/notes`, {
          token: tokens.agent,
          body: { body: 'checked the courier' },
        });
        expect(note.status).toBe(201);
        expect((await session(s.id)).firstResponseAt).toBeNull();
        const reply = await staffSays(s, 'It is on its way.');
        expect((await session(s.id)).firstResponseAt).toBe(reply.createdAt);
        await staffSays(s, 'Anything else?', 'moderator');
        expect((await session(s.id)).firstResponseAt).toBe(reply.createdAt);
      });
    });

    describe('PATCH /admin/sessions/:id', () => {
      it('status: pending, resolved (resolvedAt stamped once), open again (cleared); events and audit entries', async () => {
        const s = await newSession();
        const seq = await lastSeq();
        const pending = await patched(s.id, { status: 'pending' }, 'agent');
        expect(pending).toMatchObject({ status: 'pending', resolvedAt: null });
        const resolved = await patched(s.id, { status: 'resolved' }, 'agent');
        expect(resolved.status).toBe('resolved');
        expect(Date.now() - Date.parse(resolved.resolvedAt as string)).toBeLessThan(60_000);
        expect((await patched(s.id, { status: 'resolved' })).resolvedAt).toBe(resolved.resolvedAt);
        const reopened = await patched(s.id, { status: 'open' }, 'agent');
        expect(reopened).toMatchObject({ status: 'open', resolvedAt: null });
        const events = await changesAfter(seq);
        expect(events.map((e) => (e.type === 'session.upserted' ? e.session.status : e.type))).toEqual([
          'pending',
          'resolved',
          'open',
        ]);
        expect(events[2]).toMatchObject({ type: 'session.upserted', session: reopened, actor: { kind: 'staff' } });
        const entries = [...(await audit('session.status')), ...(await audit('session.resolve'))].filter(
          (a) => a.targetId === s.id,
        );
        expect(entries.map((a) => a.details.to).sort()).toEqual(['open', 'pending', 'resolved']);
      });

      it('agents assign themselves and unassign themselves only; moderators, managers and admins anyone', async () => {
        const s = await newSession();
        const fp = await dataFingerprint(b);
        for (const target of [staffId.moderator, staffId.admin]) {
          expectError(await patch(s.id, { assigneeId: target }, 'agent'), 403, 'forbidden', 'assigneeId');
        }
        expect(await dataFingerprint(b)).toBe(fp);
        const mine = await patched(s.id, { assigneeId: staffId.agent }, 'agent');
        expect(mine).toMatchObject({ assigneeId: staffId.agent, assigneeName: staffName.agent });
        const unassigned = await patched(s.id, { assigneeId: null }, 'agent');
        expect(unassigned).toMatchObject({ assigneeId: null, assigneeName: null });
        for (const role of ['moderator', 'manager', 'admin'] as const) {
          for (const target of ROLES) {
            expect((await patched(s.id, { assigneeId: staffId[target] }, role)).assigneeName).toBe(staffName[target]);
          }
        }
        // someone else's session: an agent can neither take it nor unassign it
        await patched(s.id, { assigneeId: staffId.moderator }, 'manager');
        const fp2 = await dataFingerprint(b);
        expectError(await patch(s.id, { assigneeId: staffId.agent }, 'agent'), 403, 'forbidden', 'assigneeId');
        expectError(await patch(s.id, { assigneeId: null }, 'agent'), 403, 'forbidden', 'assigneeId');
        expect(await dataFingerprint(b)).toBe(fp2);
        // …but may still change its status and snooze it
        expect((await patched(s.id, { status: 'pending' }, 'agent')).assigneeId).toBe(staffId.moderator);
        expect((await patched(s.id, { assigneeId: null }, 'moderator')).assigneeId).toBeNull();
        const entries = (await audit('session.assign')).filter((a) => a.targetId === s.id);
        expect(entries.length).toBeGreaterThanOrEqual(12);
        expect(entries[0]?.details).toMatchObject({ from: staffId.moderator, to: null });
      });

      it('every staff role lists the active accounts to assign to, by name; participants may not', async () => {
        for (const role of ROLES) {
          const { items } = await get<{ items: Array<{ id: string; name: string; role: StaffRole }> }>(
            '/admin/assignees',
            tokens[role],
          );
          for (const r of ROLES) expect(items).toContainEqual({ id: staffId[r], name: staffName[r], role: r });
          const { rows } = await b.db.query<{ id: string }>(
            'SELECT id FROM staff WHERE disabled_at IS NULL ORDER BY name, id',
          );
          expect(items.map((i) => i.id)).toEqual(rows.map((r) => r.id));
        }
        expectError(
          await b.request('GET', '/admin/assignees', { token: await b.participantToken('customer3@demo.chatdesk') }),
          403,
          'forbidden',
        );
        expectError(
          await b.request('GET', '/admin/assignees?role=agent', { token: admin }),
          400,
          'bad_request',
          'role',
        );
      });

      it('parties need sessions.write; unknown or disabled staff, unknown fields and bad values are refused by name', async () => {
        const s = await newSession();
        const fp = await dataFingerprint(b);
        for (const role of ['agent', 'moderator', 'manager'] as const) {
          expect(can(role, 'sessions.write')).toBe(false);
          expectError(
            await patch(s.id, { lastMessageAt: '2026-01-01T00:00:00.000Z', status: 'pending' }, role),
            403,
            'forbidden',
            'lastMessageAt',
          );
        }
        expectError(await patch(s.id, { assigneeId: crypto.randomUUID() }), 404, 'not_found', 'assigneeId');
        expectError(await patch(s.id, { status: 'closed' }), 400, 'bad_request', 'status');
        expectError(await patch(s.id, { snoozedUntil: 'tomorrow 9:00' }), 400, 'bad_request', 'snoozedUntil');
        expectError(await patch(s.id, { assigneeId: 'me' }), 400, 'bad_request', 'assigneeId');
        expectError(await patch(s.id, { assignee: staffId.agent }), 400, 'bad_request', 'assignee');
        expectError(await patch(crypto.randomUUID(), { status: 'pending' }), 404, 'not_found', 'id');
        expect(await dataFingerprint(b)).toBe(fp);
        const created = await b.request<{ id: string }>('POST', '/admin/staff', {
          token: admin,
          body: {
            name: 'Leaving Agent',
            email: `leaving.${label}@demo.chatdesk`,
            role: 'agent',
            password: 'long-enough',
          },
        });
        expect(created.status).toBe(201);
        expect((await b.request('DELETE', `/admin/staff/${created.body.id}`, { token: admin })).status).toBe(200);
        expectError(await patch(s.id, { assigneeId: created.body.id }), 404, 'not_found', 'assigneeId');
      });

      it('a write that changes nothing emits nothing; an Idempotency-Key replays the answer', async () => {
        const s = await newSession();
        await patched(s.id, { status: 'pending' });
        const seq = await lastSeq();
        expect((await patched(s.id, { status: 'pending' })).status).toBe('pending');
        expect(await lastSeq()).toBe(seq);
        const key = crypto.randomUUID();
        const first = await patch(s.id, { assigneeId: staffId.agent }, 'agent', { 'idempotency-key': key });
        const fp = await dataFingerprint(b);
        const again = await patch(s.id, { assigneeId: staffId.agent }, 'agent', { 'idempotency-key': key });
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(first.body);
        expect(await dataFingerprint(b)).toBe(fp);
      });
    });

    describe('a participant’s message', () => {
      for (const as of ['customer', 'seller'] as const) {
        it(`a ${as}'s message re-opens a pending or resolved session and wakes a snoozed one`, async () => {
          const s = await newSession();
          await patched(s.id, { assigneeId: staffId.agent });
          for (const status of ['pending', 'resolved'] as const) {
            const future = new Date(Date.now() + 24 * HOUR).toISOString();
            await patched(s.id, { status, snoozedUntil: future });
            expect(await listIds(`status=open&snoozed=false&assignee=me`, 'agent')).not.toContain(s.id);
            const seq = await lastSeq();
            await participantSays(s, as, `hello again (${status})`);
            const now = await session(s.id);
            expect(now).toMatchObject({ status: 'open', resolvedAt: null, snoozedUntil: null });
            expect(now.assigneeId).toBe(staffId.agent);
            const [event] = await changesAfter(seq);
            expect(event).toMatchObject({ type: 'message.created', session: { status: 'open', snoozedUntil: null } });
            // back in the agent's open view (Mine)
            expect(await listIds('status=open&snoozed=false&assignee=me', 'agent')).toContain(s.id);
          }
        });
      }

      it('a staff reply neither re-opens nor wakes a session', async () => {
        const s = await newSession();
        const future = new Date(Date.now() + 2 * HOUR).toISOString();
        await patched(s.id, { status: 'pending', snoozedUntil: future });
        await staffSays(s, 'We will get back to you.');
        expect(await session(s.id)).toMatchObject({ status: 'pending', snoozedUntil: future });
        await patched(s.id, { status: 'resolved' });
        await staffSays(s, 'Closing this, thanks!');
        expect((await session(s.id)).status).toBe('resolved');
      });
    });

    describe('the list: filters and sorts', () => {
      it('snoozed: true until the time comes, false after it or when cleared; the open view hides snoozed sessions', async () => {
        const s = await newSession();
        const future = new Date(Date.now() + HOUR).toISOString();
        await patched(s.id, { snoozedUntil: future });
        expect(await listIds('snoozed=true')).toContain(s.id);
        expect(await listIds('snoozed=false')).not.toContain(s.id);
        expect(await listIds('status=open&snoozed=false')).not.toContain(s.id);
        expect(await listIds('status=open')).toContain(s.id);
        // a time that has passed (an outbox replayed late, or the time came): not snoozed any more
        const past = new Date(Date.now() - HOUR).toISOString();
        expect((await patched(s.id, { snoozedUntil: past })).snoozedUntil).toBe(past);
        expect(await listIds('snoozed=true')).not.toContain(s.id);
        expect(await listIds('status=open&snoozed=false')).toContain(s.id);
        await patched(s.id, { snoozedUntil: future });
        expect((await patched(s.id, { snoozedUntil: null }, 'agent')).snoozedUntil).toBeNull();
        expect(await listIds('status=open&snoozed=false')).toContain(s.id);
        const entries = (await audit('session.snooze')).filter((a) => a.targetId === s.id);
        expect(entries.length).toBe(4);
      });

      it('status, assignee (me, none, an id) and snoozed, alone and combined, match the database', async () => {
        const a = await newSession();
        const c = await newSession();
        await patched(a.id, { assigneeId: staffId.agent, status: 'pending' });
        await patched(c.id, { assigneeId: staffId.moderator, snoozedUntil: new Date(Date.now() + HOUR).toISOString() });
        const checks: Array<[string, StaffRole, string, unknown[]]> = [
          ['status=open', 'admin', `status = 'open'`, []],
          ['status=pending', 'admin', `status = 'pending'`, []],
          ['status=resolved', 'admin', `status = 'resolved'`, []],
          ['assignee=none', 'admin', 'assignee_id IS NULL', []],
          ['assignee=me', 'agent', 'assignee_id = $1', [staffId.agent]],
          ['assignee=me', 'moderator', 'assignee_id = $1', [staffId.moderator]],
          [`assignee=${staffId.moderator}`, 'agent', 'assignee_id = $1', [staffId.moderator]],
          ['snoozed=true', 'admin', 'snoozed_until > now()', []],
          ['snoozed=0', 'admin', '(snoozed_until IS NULL OR snoozed_until <= now())', []],
          [
            'status=open&snoozed=false&assignee=none',
            'admin',
            `status = 'open' AND assignee_id IS NULL AND (snoozed_until IS NULL OR snoozed_until <= now())`,
            [],
          ],
          [
            'status=pending&assignee=me&hasUnread=false',
            'agent',
            `status = 'pending' AND assignee_id = $1 AND unread_count = 0`,
            [staffId.agent],
          ],
        ];
        for (const [query, role, condition, params] of checks) {
          const expected = await idsWhere(condition, params);
          expect(await listIds(query, role), `${role} ${query}`).toEqual(expected.slice(0, 500));
        }
        expect(await listIds('assignee=me', 'agent')).toContain(a.id);
        expect(await listIds('assignee=me', 'moderator')).toContain(c.id);
        expect(await listIds('assignee=none')).not.toContain(a.id);
        expect(await listIds('snoozed=true')).toContain(c.id);
        for (const [query, field] of [
          ['status=closed', 'status'],
          ['assignee=somebody', 'assignee'],
          ['assignee=42', 'assignee'],
          ['snoozed=maybe', 'snoozed'],
          ['sort=assigneeId', 'sort'],
        ] as const) {
          expectError(await b.request('GET', `/admin/sessions?${query}`, { token: admin }), 400, 'bad_request', field);
        }
      });

      it('sorts by status, assignee, snoozedUntil, firstResponseAt and resolvedAt both ways, empty values last going up', async () => {
        const column: Record<(typeof SESSION_WORKFLOW_SORTS)[number], string> = {
          status: 'status',
          assignee: 'assignee_name',
          snoozedUntil: 'snoozed_until',
          firstResponseAt: 'first_response_at',
          resolvedAt: 'resolved_at',
        };
        const s = await newSession();
        await patched(s.id, { status: 'resolved', assigneeId: staffId.manager });
        for (const sort of SESSION_WORKFLOW_SORTS) {
          for (const order of ['asc', 'desc'] as const) {
            const all = await get<Page<Session>>(`/admin/sessions?sort=${sort}&order=${order}&limit=500`);
            const second = await get<Page<Session>>(`/admin/sessions?sort=${sort}&order=${order}&limit=20&offset=20`);
            expect(second.items.map((x) => x.id)).toEqual(all.items.slice(20, 40).map((x) => x.id));
            const { rows } = await b.db.query<{ id: string }>(
              `SELECT id FROM chat_sessions ORDER BY ${column[sort]} ${order}, id ${order} LIMIT 500`,
            );
            expect(
              all.items.map((x) => x.id),
              `${sort} ${order}`,
            ).toEqual(rows.map((r) => r.id));
            const key = all.items.map((x) =>
              sort === 'assignee' ? x.assigneeName : (x[sort as Exclude<typeof sort, 'assignee'>] ?? null),
            );
            const filled = key.filter((v) => v !== null) as string[];
            const sorted = [...filled].sort();
            // names follow the database's collation (checked above); statuses and ISO times sort as plain text
            if (sort !== 'assignee')
              expect(filled, `${sort} ${order}`).toEqual(order === 'asc' ? sorted : sorted.reverse());
            // empty values last going up, first going down
            const firstEmpty = key.indexOf(null);
            if (firstEmpty >= 0 && order === 'asc') expect(key.slice(firstEmpty).every((v) => v === null)).toBe(true);
            if (firstEmpty >= 0 && order === 'desc')
              expect(key.slice(0, key.lastIndexOf(null) + 1).every((v) => v === null)).toBe(true);
          }
        }
      });
    });

    describe('bulk assign, resolve and reopen', () => {
      it('by ids: resolve, reopen and assign change only what differs, with one event each and an audit entry', async () => {
        const [x, y, z] = [await newSession(), await newSession(), await newSession()];
        await patched(z.id, { status: 'resolved' });
        const ids = [x.id, y.id, z.id];
        let seq = await lastSeq();
        const resolved = await b.request<{ affected: number }>('POST', '/admin/sessions/resolve', {
          token: tokens.agent,
          body: { ids: [...ids, crypto.randomUUID()] },
        });
        expect(resolved.body).toEqual({ affected: 2 });
        let events = await changesAfter(seq);
        expect(events.map((e) => e.type === 'session.upserted' && e.session.id).sort()).toEqual([x.id, y.id].sort());
        for (const id of ids) expect((await session(id)).status).toBe('resolved');
        seq = await lastSeq();
        const reopened = await b.request<{ affected: number }>('POST', '/admin/sessions/reopen', {
          token: tokens.agent,
          body: { ids },
        });
        expect(reopened.body).toEqual({ affected: 3 });
        for (const id of ids) expect(await session(id)).toMatchObject({ status: 'open', resolvedAt: null });
        expect(await changesAfter(seq)).toHaveLength(3);
        await patched(x.id, { assigneeId: staffId.agent });
        seq = await lastSeq();
        const assigned = await b.request<{ affected: number }>('POST', '/admin/sessions/assign', {
          token: tokens.agent,
          body: { ids, assigneeId: staffId.agent },
        });
        expect(assigned.body).toEqual({ affected: 2 });
        events = await changesAfter(seq);
        expect(events.every((e) => e.type === 'session.upserted' && e.session.assigneeId === staffId.agent)).toBe(true);
        const entry = (await audit('session.assign')).find((a) => a.details.affected === 2);
        expect(entry?.details).toMatchObject({ assigneeId: staffId.agent, target: { ids, assigneeId: staffId.agent } });
        expect((await audit('session.resolve')).some((a) => a.details.affected === 2)).toBe(true);
        expect((await audit('session.reopen')).some((a) => a.details.affected === 3)).toBe(true);
      });

      it('an agent assigns and unassigns only themselves, never over someone else’s session (403, nothing changes)', async () => {
        const [x, y] = [await newSession(), await newSession()];
        await patched(y.id, { assigneeId: staffId.moderator });
        const fp = await dataFingerprint(b);
        const post = (body: unknown, role: StaffRole = 'agent') =>
          b.request<{ affected: number }>('POST', '/admin/sessions/assign', { token: tokens[role], body });
        expectError(await post({ ids: [x.id], assigneeId: staffId.manager }), 403, 'forbidden', 'assigneeId');
        expectError(await post({ ids: [x.id, y.id], assigneeId: staffId.agent }), 403, 'forbidden', 'assigneeId');
        expectError(await post({ ids: [y.id], assigneeId: null }), 403, 'forbidden', 'assigneeId');
        expect(await dataFingerprint(b)).toBe(fp);
        expect((await post({ ids: [x.id], assigneeId: staffId.agent })).body).toEqual({ affected: 1 });
        expect((await post({ ids: [x.id], assigneeId: null })).body).toEqual({ affected: 1 });
        expect((await post({ ids: [x.id, y.id], assigneeId: staffId.admin }, 'moderator')).body).toEqual({
          affected: 2,
        });
        expect((await post({ ids: [x.id, y.id], assigneeId: null }, 'manager')).body).toEqual({ affected: 2 });
        expectError(
          await post({ ids: [x.id], assigneeId: crypto.randomUUID() }, 'admin'),
          404,
          'not_found',
          'assigneeId',
        );
      });

      it('"all matching" with the new filters, refused with 409 and the count when more match than confirmed', async () => {
        const mine = [await newSession(), await newSession()];
        for (const s of mine) await patched(s.id, { assigneeId: staffId.agent, status: 'pending' });
        const filter = { assignee: 'me', status: 'pending' };
        const count = (await get<Page<Session>>('/admin/sessions?assignee=me&status=pending', tokens.agent)).total;
        expect(count).toBeGreaterThanOrEqual(2);
        const fp = await dataFingerprint(b);
        const tooFew = await b.request('POST', '/admin/sessions/resolve', {
          token: tokens.agent,
          body: { allMatching: { filter, confirmedCount: count - 1, asOf: new Date().toISOString() } },
        });
        expect(expectError(tooFew, 409, 'conflict', 'allMatching.confirmedCount')).toMatchObject({
          currentCount: count,
        });
        expect(await dataFingerprint(b)).toBe(fp);
        const done = await b.request<{ affected: number }>('POST', '/admin/sessions/resolve', {
          token: tokens.agent,
          body: { allMatching: { filter, confirmedCount: count, asOf: new Date().toISOString() } },
        });
        expect(done.body).toEqual({ affected: count });
        expect((await get<Page<Session>>('/admin/sessions?assignee=me&status=pending', tokens.agent)).total).toBe(0);
        const unassign = await b.request<{ affected: number }>('POST', '/admin/sessions/assign', {
          token: tokens.agent,
          body: {
            allMatching: {
              filter: { assignee: 'me', status: 'resolved' },
              confirmedCount: 10_000,
              asOf: new Date().toISOString(),
            },
            assigneeId: null,
          },
        });
        expect(unassign.body.affected).toBeGreaterThanOrEqual(2);
        for (const s of mine) expect((await session(s.id)).assigneeId).toBeNull();
        for (const body of [
          { ids: [mine[0]?.id] },
          { ids: [mine[0]?.id], assigneeId: 'me' },
          { ids: [], assigneeId: null },
          {
            allMatching: { filter: { status: 'closed' }, confirmedCount: 1, asOf: new Date().toISOString() },
            assigneeId: null,
          },
          { ids: [mine[0]?.id], assigneeId: null, also: 1 },
        ]) {
          expectError(await b.request('POST', '/admin/sessions/assign', { token: admin, body }), 400, 'bad_request');
        }
        expectError(
          await b.request('POST', '/admin/sessions/reopen', {
            token: admin,
            body: { ids: [mine[0]?.id], assigneeId: null },
          }),
          400,
          'bad_request',
          'assigneeId',
        );
      });
    });

    describe('internal notes', () => {
      it('staff see notes in the list and the feed; no /me route shows them, nothing counts them, nothing re-opens', async () => {
        const s = await newSession();
        const question = await participantSays(s, 'customer', 'Is it original?');
        await patched(s.id, { status: 'pending', snoozedUntil: new Date(Date.now() + HOUR).toISOString() });
        const before = await session(s.id);
        const unreadBefore = (await get<{ total: number }>('/admin/unread-total')).total;
        const seq = await lastSeq();
        const id = crypto.randomUUID();
        const note = await b.request<Message>('POST', `/admin/sessions/${s.id}/notes`, {
          token: tokens.agent,
          body: { id, body: '  Customer asked twice; check the supplier.  ' },
        });
        expect(note.status, JSON.stringify(note.body)).toBe(201);
        expect(note.body).toMatchObject({
          id,
          kind: 'note',
          senderRole: 'staff',
          senderId: staffId.agent,
          body: 'Customer asked twice; check the supplier.',
          flags: [],
          readAt: null,
        });
        // a replay of the client-made id writes nothing more
        const replay = await b.request<Message>('POST', `/admin/sessions/${s.id}/notes`, {
          token: tokens.agent,
          body: { id, body: 'Customer asked twice; check the supplier.' },
        });
        expect(replay.body).toEqual(note.body);
        // the session is as it was: counters, times, status, snooze
        expect(await session(s.id)).toEqual(before);
        expect((await get<{ total: number }>('/admin/unread-total')).total).toBe(unreadBefore);
        const events = await changesAfter(seq);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'message.created', message: note.body, session: before });
        // staff: the note among the messages
        const staffList = (await get<{ items: Message[] }>(`/admin/sessions/${s.id}/messages?limit=500`)).items;
        expect(staffList.map((m) => [m.kind, m.id])).toEqual([
          ['message', question.id],
          ['note', id],
        ]);
        expect(staffList).toHaveLength(before.messagesCount + 1);
        // participants: not in any /me route, for the customer or the seller
        for (const as of ['customer', 'seller'] as const) {
          const token = await participantOf(s, as);
          const theirs = await get<{ items: Message[]; hasMore: boolean }>(
            `/me/sessions/${s.id}/messages?limit=500`,
            token,
          );
          expect(theirs.items.map((m) => m.id)).toEqual([question.id]);
          expect(JSON.stringify(theirs)).not.toContain('supplier');
          expectError(
            await b.request('GET', `/me/sessions/${s.id}/messages?before=${id}`, { token }),
            404,
            'not_found',
            'before',
          );
          const sessions = await get<Page<Session>>('/me/sessions?limit=500', token);
          const mine = sessions.items.find((x) => x.id === s.id) as Session;
          expect(mine.messagesCount).toBe(1);
          expect(JSON.stringify(sessions)).not.toContain(id);
        }
        // a participant reading their messages leaves the note alone
        const sellerToken = await participantOf(s, 'seller');
        const read = await b.request<{ affected: number }>('POST', `/me/sessions/${s.id}/read`, { token: sellerToken });
        expect(read.body).toEqual({ affected: 1 });
        const stored = await b.db.query<{ read_at: string | null }>('SELECT read_at FROM chat_messages WHERE id = $1', [
          id,
        ]);
        expect(stored.rows[0]?.read_at).toBeNull();
        const audited = (await audit('note.create')).find((a) => a.targetId === id);
        expect(audited?.details).toEqual({ sessionId: s.id });
        // deleting a note leaves the counters too
        const counted = await session(s.id);
        const del = await b.request<Session>('DELETE', `/admin/messages/${id}`, { token: tokens.moderator });
        expect(del.status).toBe(200);
        expect(del.body).toEqual(counted);
        expect((await audit('note.delete')).some((a) => a.targetId === id)).toBe(true);
      });

      it('notes by role (everyone who replies), strict input, unknown sessions', async () => {
        const s = await newSession();
        for (const role of ROLES) {
          const r = await b.request<Message>('POST', `/admin/sessions/${s.id}/notes`, {
            token: tokens[role],
            body: { body: `note by ${role}` },
          });
          expect(r.status).toBe(can(role, 'messages.reply') ? 201 : 403);
        }
        const fp = await dataFingerprint(b);
        const post = (body: unknown, id = s.id) =>
          b.request('POST', `/admin/sessions/${id}/notes`, { token: tokens.agent, body });
        expectError(await post({ body: '  ' }), 400, 'bad_request', 'body');
        expectError(await post({ body: 'x'.repeat(5001) }), 400, 'bad_request', 'body');
        expectError(await post({ body: 'hi', kind: 'message' }), 400, 'bad_request', 'kind');
        expectError(await post({ body: 'hi' }, crypto.randomUUID()), 404, 'not_found', 'id');
        const customer = await participantOf(s, 'customer');
        expectError(
          await b.request('POST', `/admin/sessions/${s.id}/notes`, { token: customer, body: { body: 'hi' } }),
          403,
          'forbidden',
        );
        expect(await dataFingerprint(b)).toBe(fp);
        expect((await session(s.id)).messagesCount).toBe(0);
      });
    });

    describe('canned replies', () => {
      const sample = {
        shortcut: 'where',
        title: 'Where is my order',
        body: 'Hello {{customer}}, your {{product}} from {{seller}} is on its way. — {{ agent }}',
        language: 'en',
      };

      it('managers and admins create, edit and delete them; everybody lists them; events and audit entries', async () => {
        for (const role of ROLES) {
          const r = await b.request<CannedReply>('POST', '/admin/canned-replies', {
            token: tokens[role],
            body: { ...sample, shortcut: `where-${role}` },
          });
          if (can(role, 'cannedReplies.manage')) expect(r.status, JSON.stringify(r.body)).toBe(201);
          else expectError(r, 403, 'forbidden');
        }
        const seq = await lastSeq();
        const created = await b.request<CannedReply>('POST', '/admin/canned-replies', {
          token: tokens.manager,
          body: {
            ...sample,
            shortcut: 'أين',
            title: 'أين طلبي',
            body: 'مرحباً {{customer}}، طلبك في الطريق.',
            language: 'ar',
          },
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ shortcut: 'أين', language: 'ar' });
        expect(await changesAfter(seq)).toMatchObject([{ type: 'cannedReply.upserted', cannedReply: created.body }]);
        for (const role of ROLES) {
          const list = await get<Page<CannedReply>>('/admin/canned-replies', tokens[role]);
          expect(list.items.map((c) => c.shortcut)).toEqual(expect.arrayContaining(['where-admin', 'أين']));
        }
        expect((await get<Page<CannedReply>>('/admin/canned-replies?language=ar')).items.map((c) => c.id)).toEqual([
          created.body.id,
        ]);
        expect(
          (await get<Page<CannedReply>>(`/admin/canned-replies?search=${encodeURIComponent('اين طلبي')}`)).items,
        ).toHaveLength(1);
        expect((await get<Page<CannedReply>>('/admin/canned-replies?search=ON+ITS+WAY')).total).toBe(2);
        const edited = await b.request<CannedReply>('PATCH', `/admin/canned-replies/${created.body.id}`, {
          token: tokens.admin,
          body: { title: 'طلبي' },
        });
        expect(edited.body).toMatchObject({ title: 'طلبي', body: created.body.body });
        expect(edited.body.updatedAt >= created.body.updatedAt).toBe(true);
        for (const role of ['agent', 'moderator'] as const) {
          expectError(
            await b.request('PATCH', `/admin/canned-replies/${created.body.id}`, {
              token: tokens[role],
              body: { title: 'x' },
            }),
            403,
            'forbidden',
          );
          expectError(
            await b.request('DELETE', `/admin/canned-replies/${created.body.id}`, { token: tokens[role] }),
            403,
            'forbidden',
          );
        }
        const seq2 = await lastSeq();
        expect(
          (await b.request('DELETE', `/admin/canned-replies/${created.body.id}`, { token: tokens.manager })).body,
        ).toEqual({ affected: 1 });
        expect(await changesAfter(seq2)).toMatchObject([
          { type: 'cannedReply.deleted', cannedReplyId: created.body.id },
        ]);
        expectError(
          await b.request('DELETE', `/admin/canned-replies/${created.body.id}`, { token: tokens.manager }),
          404,
          'not_found',
          'id',
        );
        const actions = (
          await get<Page<{ action: string; targetId: string | null }>>('/admin/audit-log?limit=100')
        ).items
          .filter((a) => a.targetId === created.body.id)
          .map((a) => a.action);
        expect(actions.sort()).toEqual(['cannedReply.create', 'cannedReply.delete', 'cannedReply.update']);
        const customer = await b.participantToken('customer2@demo.chatdesk');
        expectError(await b.request('GET', '/admin/canned-replies', { token: customer }), 403, 'forbidden');
      });

      it('refuses unknown placeholders, bad shortcuts, missing or unknown fields and a taken shortcut, by name', async () => {
        const fp = await dataFingerprint(b);
        const post = (body: unknown) => b.request('POST', '/admin/canned-replies', { token: admin, body });
        const order = expectError(
          await post({ ...sample, shortcut: 'order', body: 'Your order {{order}} for {{customer}}' }),
          400,
          'bad_request',
          'body',
        );
        expect(order.fields?.body).toContain('{{order}}');
        expect(order.fields?.body).toContain('{{agent}}');
        expectError(await post({ ...sample, shortcut: 'has space' }), 400, 'bad_request', 'shortcut');
        expectError(await post({ ...sample, shortcut: '#where' }), 400, 'bad_request', 'shortcut');
        expectError(await post({ ...sample, shortcut: 'x'.repeat(41) }), 400, 'bad_request', 'shortcut');
        expectError(await post({ ...sample, shortcut: 'fr1', language: 'fr' }), 400, 'bad_request', 'language');
        expectError(await post({ ...sample, shortcut: 'b1', body: '' }), 400, 'bad_request', 'body');
        expectError(await post({ ...sample, shortcut: 't1', title: undefined }), 400, 'bad_request', 'title');
        expectError(await post({ ...sample, shortcut: 'k1', tags: ['x'] }), 400, 'bad_request', 'tags');
        expectError(await post({ ...sample, shortcut: 'WHERE-ADMIN' }), 409, 'conflict', 'shortcut');
        const existing = (await get<Page<CannedReply>>('/admin/canned-replies?search=where-admin'))
          .items[0] as CannedReply;
        const patchIt = (body: unknown) =>
          b.request('PATCH', `/admin/canned-replies/${existing.id}`, { token: admin, body });
        expectError(await patchIt({}), 400, 'bad_request');
        expectError(await patchIt({ body: '{{ seller }} {{agnet}}' }), 400, 'bad_request', 'body');
        expectError(await patchIt({ shortcut: 'where-manager' }), 409, 'conflict', 'shortcut');
        expectError(await patchIt({ language: 'ar', extra: true }), 400, 'bad_request', 'extra');
        expectError(
          await b.request('PATCH', `/admin/canned-replies/${crypto.randomUUID()}`, {
            token: admin,
            body: { title: 'x' },
          }),
          404,
          'not_found',
          'id',
        );
        expectError(
          await b.request('GET', '/admin/canned-replies?language=de', { token: admin }),
          400,
          'bad_request',
          'language',
        );
        expectError(
          await b.request('GET', '/admin/canned-replies?shortcut=x', { token: admin }),
          400,
          'bad_request',
          'shortcut',
        );
        expect(await dataFingerprint(b)).toBe(fp);
        // the same shortcut in the other language is another reply
        const ar = await post({ ...sample, shortcut: 'where-admin', language: 'ar' });
        expect(ar.status).toBe(201);
      });

      it('an Idempotency-Key or a client-made id makes a replay harmless', async () => {
        const id = crypto.randomUUID();
        const key = crypto.randomUUID();
        const body = { ...sample, id, shortcut: 'replayed' };
        const send = (headers: Record<string, string> = {}) =>
          b.request<CannedReply>('POST', '/admin/canned-replies', { token: admin, body, headers });
        const first = await send({ 'idempotency-key': key });
        expect(first.status).toBe(201);
        const seq = await lastSeq();
        const again = await send({ 'idempotency-key': key });
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(first.body);
        expect((await send()).body).toEqual(first.body);
        expect(await lastSeq()).toBe(seq);
        expectError(
          await b.request('POST', '/admin/canned-replies', { token: admin, body: { ...body, title: 'Other' } }),
          409,
          'conflict',
          'id',
        );
      });
    });
  });
}
