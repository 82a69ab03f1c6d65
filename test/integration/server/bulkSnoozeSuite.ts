// B10's bulk snooze on the backend, against a real database (PGlite and PostgreSQL): POST /admin/sessions/snooze over
// the bulk target — by ids and "all matching" (409 with the count when more match than confirmed, nothing changed),
// waking with null, a time already past; strict input naming the field; every role with sessions.triage; one event
// per changed session, one audit entry, and an idempotent replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, StaffRole, User } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';
import { startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };
const HOUR = 3_600_000;

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  if (field) expect(Object.keys(parsed.error.fields ?? {}), JSON.stringify(parsed.error)).toContain(field);
  return parsed.error;
}

export function defineBulkSnoozeSuite(label: string, options: TestBackendOptions): void {
  describe(`bulk snooze (B10) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    const tokens = {} as Record<StaffRole, string>;
    let customers: User[];
    let products: Array<{ id: string; sellerId: string }>;
    let made = 0;

    const get = async <T>(path: string, token: string = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const newSession = async () => {
      made++;
      const product = products[(made * 7) % products.length] as (typeof products)[number];
      const customer = customers.filter((c) => c.id !== product.sellerId)[(made * 3) % 40] as User;
      const r = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const snooze = (body: unknown, role: StaffRole = 'agent', headers: Record<string, string> = {}) =>
      b.request<{ affected: number }>('POST', '/admin/sessions/snooze', { token: tokens[role], body, headers });
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;
    const changesAfter = async (after: number) =>
      (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${after}&limit=5000`)).events;
    const snoozedOf = async (ids: string[]) =>
      (
        await b.db.query<{ id: string; at: Date | null }>(
          'SELECT id, snoozed_until AS at FROM chat_sessions WHERE id = ANY($1::uuid[]) ORDER BY id',
          [ids],
        )
      ).rows.map((r) => [r.id, r.at ? new Date(r.at).toISOString() : null]);

    beforeAll(async () => {
      b = await startTestBackend(options);
      admin = await b.adminToken();
      for (const role of ['agent', 'moderator', 'manager', 'admin'] as const) tokens[role] = await b.token(role);
      customers = (await get<Page<User>>('/admin/users?role=customer&limit=500')).items;
      products = (await get<Page<{ id: string; sellerId: string }>>('/admin/products?limit=500')).items;
    });
    afterAll(async () => {
      await b?.close();
    });

    it('by ids: snoozes until a time, one event per changed session and an audit entry; null wakes them', async () => {
      const [s1, s2, s3] = [await newSession(), await newSession(), await newSession()];
      const until = new Date(Date.now() + 2 * HOUR).toISOString();
      const before = await lastSeq();
      const r = await snooze({ ids: [s1.id, s2.id], snoozedUntil: until });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.affected).toBe(2);
      expect(await snoozedOf([s1.id, s2.id, s3.id])).toEqual(
        [
          [s1.id, until],
          [s2.id, until],
          [s3.id, null],
        ].sort((a, z) => String(a[0]).localeCompare(String(z[0]))),
      );
      const events = (await changesAfter(before)).filter((e) => e.type === 'session.upserted');
      expect(events.map((e) => (e.type === 'session.upserted' ? e.session.snoozedUntil : null))).toEqual([
        until,
        until,
      ]);
      // Snoozed sessions leave the open view until then.
      const open = await get<Page<Session>>('/admin/sessions?status=open&snoozed=false&limit=500');
      expect(open.items.map((s) => s.id)).not.toContain(s1.id);
      // The same again changes nothing; s3 alone changes when included.
      expect((await snooze({ ids: [s1.id, s2.id, s3.id], snoozedUntil: until })).body.affected).toBe(1);
      const audit = await get<Page<{ action: string; details: Record<string, unknown> }>>(
        '/admin/audit-log?limit=100&action=session.snooze',
      );
      expect(audit.items.some((a) => a.details.affected === 2 && a.details.snoozedUntil === until)).toBe(true);
      // Waking: null.
      expect((await snooze({ ids: [s1.id, s2.id, s3.id], snoozedUntil: null }, 'manager')).body.affected).toBe(3);
      expect((await snoozedOf([s1.id, s2.id, s3.id])).every(([, at]) => at === null)).toBe(true);
    });

    it('a time already past leaves the sessions not snoozed (an outbox replayed late); a replay is not doubled', async () => {
      const s = await newSession();
      const past = new Date(Date.now() - HOUR).toISOString();
      expect((await snooze({ ids: [s.id], snoozedUntil: past })).body.affected).toBe(1);
      const open = await get<Page<Session>>('/admin/sessions?status=open&snoozed=false&limit=500');
      expect(open.items.map((x) => x.id)).toContain(s.id);
      const key = { 'idempotency-key': crypto.randomUUID() };
      const until = new Date(Date.now() + HOUR).toISOString();
      const first = await snooze({ ids: [s.id], snoozedUntil: until }, 'moderator', key);
      const before = await lastSeq();
      const replay = await snooze({ ids: [s.id], snoozedUntil: until }, 'moderator', key);
      expect(replay.status).toBe(first.status);
      expect(replay.body).toEqual(first.body);
      expect(await changesAfter(before)).toEqual([]);
    });

    it('"all matching": refused with 409 and the count when more match than confirmed, nothing changed', async () => {
      const sessions = [await newSession(), await newSession(), await newSession()];
      // Match exactly these three by a filter: a customer's sessions left open.
      const customerId = sessions[0]?.customer.id as string;
      const filter = { customerId, status: 'open', snoozed: false };
      const page = await get<Page<Session>>(
        `/admin/sessions?customerId=${customerId}&status=open&snoozed=false&limit=500`,
      );
      const count = page.total;
      expect(count).toBeGreaterThan(0);
      const until = new Date(Date.now() + 24 * HOUR).toISOString();
      const before = await lastSeq();
      const tooFew = await snooze({
        allMatching: { filter, confirmedCount: count - 1, asOf: new Date().toISOString() },
        snoozedUntil: until,
      });
      expect(expectError(tooFew, 409, 'conflict', 'allMatching.confirmedCount')).toMatchObject({ currentCount: count });
      expect(await changesAfter(before)).toEqual([]);
      const done = await snooze({
        allMatching: { filter, confirmedCount: count, asOf: new Date().toISOString() },
        snoozedUntil: until,
      });
      expect(done.body.affected).toBe(count);
      const after = await get<Page<Session>>(`/admin/sessions?customerId=${customerId}&status=open&snoozed=false`);
      expect(after.total).toBe(0);
    });

    it('strict input: an unknown key, a bad time, a missing snoozedUntil or no session are refused naming the field', async () => {
      const s = await newSession();
      const until = new Date(Date.now() + HOUR).toISOString();
      expectError(await snooze({ ids: [s.id], snoozedUntil: until, sleep: true }), 400, 'bad_request', 'sleep');
      expectError(await snooze({ ids: [s.id], snoozedUntil: 'tomorrow' }), 400, 'bad_request', 'snoozedUntil');
      expectError(await snooze({ ids: [s.id] }), 400, 'bad_request');
      expectError(await snooze({ ids: [], snoozedUntil: until }), 400, 'bad_request', 'ids');
      expectError(
        await snooze({
          allMatching: { filter: { snozed: true }, confirmedCount: 1, asOf: new Date().toISOString() },
          snoozedUntil: until,
        }),
        400,
        'bad_request',
      );
      expect((await snoozedOf([s.id]))[0]?.[1]).toBeNull();
      const anonymous = await b.request('POST', '/admin/sessions/snooze', {
        body: { ids: [s.id], snoozedUntil: until },
      });
      expect(anonymous.status).toBe(401);
    });
  });
}
