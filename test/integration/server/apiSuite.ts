// Every route of the backend, run by api.pglite.test.ts and api.postgres.test.ts against a real database: happy
// paths for each feature id, the role matrix, idempotent replays, the F12 gate, and bad input answered with a
// clear 4xx while the data stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Message, type Session, StaffRole, type User } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import { ChangeEvent } from '../../../src/shared/events.ts';
import { startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };
const ROLES = StaffRole.options;

/** A fingerprint of everything a refused request must leave alone. */
export async function dataFingerprint(b: TestBackend): Promise<string> {
  const { rows } = await b.db.query<Record<string, unknown>>(`SELECT
    (SELECT md5(coalesce(string_agg(id::text || product_id || customer_id || seller_id || product_name || customer_name
       || seller_name || messages_count || unread_count || flagged_count || last_message_at || updated_at || status
       || coalesce(assignee_id::text, '-') || coalesce(snoozed_until::text, '-') || coalesce(resolved_at::text, '-'), ',' ORDER BY id), ''))
       FROM chat_sessions) AS sessions,
    (SELECT md5(coalesce(string_agg(id::text || session_id || kind || body || coalesce(read_at::text, '-') || array_to_string(flags, '+'), ',' ORDER BY id), ''))
       FROM chat_messages) AS messages,
    (SELECT md5(coalesce(string_agg(id::text || shortcut || title || body || language || updated_at, ',' ORDER BY id), ''))
       FROM canned_replies) AS canned,
    (SELECT md5(coalesce(string_agg(id::text || name || email, ',' ORDER BY id), '')) FROM users) AS users,
    (SELECT md5(coalesce(string_agg(id::text || name, ',' ORDER BY id), '')) FROM products) AS products,
    (SELECT count(*) FROM orders) AS orders,
    (SELECT count(*) FROM staff WHERE disabled_at IS NULL) AS staff,
    (SELECT chat_mobile_enabled FROM settings) AS chat,
    (SELECT last_seq FROM feed_state) AS seq,
    (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'auth.%') AS audit`);
  return JSON.stringify(rows[0]);
}

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message.length).toBeGreaterThan(5);
  if (field) expect(Object.keys(parsed.error.fields ?? {}), JSON.stringify(parsed.error)).toContain(field);
  return parsed.error;
}

export function defineApiSuite(label: string, options: TestBackendOptions): void {
  describe(`backend API on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    let users: User[];
    let customers: User[];
    let sellers: User[];
    let products: Array<{ id: string; name: string; sellerId: string }>;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const newSession = async (i = 0) => {
      const product = products[i % products.length] as (typeof products)[number];
      const customer = customers[(i * 3) % customers.length] as User;
      const r = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;
    const changesAfter = async (after: number) =>
      (
        await get<{ events: ChangeEvent[]; lastSeq: number; hasMore: boolean }>(
          `/admin/changes?after=${after}&limit=5000`,
        )
      ).events;

    beforeAll(async () => {
      b = await startTestBackend(options);
      admin = await b.adminToken();
      users = (await get<Page<User>>('/admin/users?limit=500')).items;
      customers = users.filter((u) => u.role === 'customer');
      sellers = users.filter((u) => u.role === 'seller');
      products = (await get<Page<{ id: string; name: string; sellerId: string }>>('/admin/products?limit=500')).items;
    });
    afterAll(async () => {
      await b?.close();
    });

    describe('staff sign-in', () => {
      it('signs in, tells who and what the role may do, and signs out for good', async () => {
        const login = await b.request<{ token: string; staff: { role: string }; permissions: string[] }>(
          'POST',
          '/auth/login',
          { body: { email: 'MODERATOR@demo.chatdesk', password: 'demo-password' } },
        );
        expect(login.status).toBe(200);
        expect(login.body.staff.role).toBe('moderator');
        expect(login.body.permissions).toContain('messages.delete');
        expect(login.body.permissions).not.toContain('settings.write');
        const me = await get<{ staff: { email: string } }>('/auth/me', login.body.token);
        expect(me.staff.email).toBe('moderator@demo.chatdesk');
        const stored = await b.db.query('SELECT 1 FROM auth_tokens WHERE token_hash = $1', [login.body.token]);
        expect(stored.rows).toHaveLength(0); // only the hash is kept
        expect((await b.request('POST', '/auth/logout', { token: login.body.token })).status).toBe(200);
        expectError(await b.request('GET', '/auth/me', { token: login.body.token }), 401, 'unauthenticated');
      });

      it('refuses wrong passwords and unknown accounts alike, and bad input with the field named', async () => {
        const wrong = await b.request('POST', '/auth/login', {
          body: { email: 'admin@demo.chatdesk', password: 'nope' },
        });
        const unknown = await b.request('POST', '/auth/login', {
          body: { email: 'nobody@demo.chatdesk', password: 'nope' },
        });
        expectError(wrong, 401, 'unauthenticated');
        expect(unknown.body).toEqual(wrong.body);
        expectError(
          await b.request('POST', '/auth/login', { body: { email: 'not-an-email', password: 'x' } }),
          400,
          'bad_request',
          'email',
        );
        expectError(
          await b.request('POST', '/auth/login', { body: { email: 'a@b.co' } }),
          400,
          'bad_request',
          'password',
        );
        expectError(await b.request('GET', '/admin/sessions', { token: 'garbage' }), 401, 'unauthenticated');
        expectError(await b.request('GET', '/admin/sessions', { token: null }), 401, 'unauthenticated');
      });

      it('sends security headers', async () => {
        const r = await b.request('GET', '/admin/unread-total', { token: admin });
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
        expect(r.headers.get('x-frame-options')).toBeTruthy();
        expect(r.headers.get('strict-transport-security')).toBeTruthy();
      });
    });

    describe('sessions list (F1–F6)', () => {
      it('F2/F4: lists every session, most recent activity first, with counters and names', async () => {
        const page = await get<Page<Session>>('/admin/sessions?limit=500');
        const { rows } = await b.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_sessions');
        expect(page.total).toBe(rows[0]?.n);
        expect(page.items.length).toBe(Math.min(500, page.total));
        const times = page.items.map((s) => s.lastMessageAt);
        expect(times).toEqual([...times].sort().reverse());
        const s = page.items[0] as Session;
        expect(s.product.name.length).toBeGreaterThan(0);
        expect(s.customer.name.length).toBeGreaterThan(0);
        expect(s.seller.name.length).toBeGreaterThan(0);
      });

      it('F1: the unread total is the sum of the sessions’ unread counts, which count unread customer/seller messages', async () => {
        const { total } = await get<{ total: number }>('/admin/unread-total');
        const { rows } = await b.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM chat_messages WHERE read_at IS NULL AND sender_role <> 'staff'`,
        );
        expect(total).toBe(rows[0]?.n);
        expect(total).toBeGreaterThan(0);
        const mismatched = await b.db.query(
          `SELECT s.id FROM chat_sessions s WHERE s.unread_count <> (SELECT count(*) FROM chat_messages m
             WHERE m.session_id = s.id AND m.read_at IS NULL AND m.sender_role <> 'staff')
             OR s.messages_count <> (SELECT count(*) FROM chat_messages m WHERE m.session_id = s.id AND m.kind = 'message')`,
        );
        expect(mismatched.rows).toEqual([]);
      });

      it('F3: sorts by every column both ways (ties by id), paging without overlap', async () => {
        const keyOf: Record<string, (s: Session) => string | number> = {
          product: (s) => s.product.name,
          customer: (s) => s.customer.name,
          seller: (s) => s.seller.name,
          messagesCount: (s) => s.messagesCount,
          unreadCount: (s) => s.unreadCount,
          flaggedCount: (s) => s.flaggedCount,
          lastMessageAt: (s) => s.lastMessageAt,
          createdAt: (s) => s.createdAt,
          updatedAt: (s) => s.updatedAt,
        };
        for (const [sort, key] of Object.entries(keyOf)) {
          for (const order of ['asc', 'desc'] as const) {
            const all = await get<Page<Session>>(`/admin/sessions?sort=${sort}&order=${order}&limit=500`);
            const first = await get<Page<Session>>(`/admin/sessions?sort=${sort}&order=${order}&limit=20`);
            const second = await get<Page<Session>>(`/admin/sessions?sort=${sort}&order=${order}&limit=20&offset=20`);
            expect([...first.items, ...second.items].map((s) => s.id)).toEqual(all.items.slice(0, 40).map((s) => s.id));
            const { rows } = await b.db.query<{ id: string }>(
              `SELECT id FROM chat_sessions ORDER BY ${
                {
                  product: 'product_name',
                  customer: 'customer_name',
                  seller: 'seller_name',
                  messagesCount: 'messages_count',
                  unreadCount: 'unread_count',
                  flaggedCount: 'flagged_count',
                  lastMessageAt: 'last_message_at',
                  createdAt: 'created_at',
                  updatedAt: 'updated_at',
                }[sort]
              } ${order}, id ${order} LIMIT 500`,
            );
            expect(
              all.items.map((s) => s.id),
              `${sort} ${order}`,
            ).toEqual(rows.map((r) => r.id));
            if (typeof key(all.items[0] as Session) === 'number') {
              const values = all.items.map(key) as number[];
              const sorted = [...values].sort((x, y) => (order === 'asc' ? x - y : y - x));
              expect(values).toEqual(sorted);
            }
          }
        }
        // A later page of a filtered list follows on from the one before it (pages past the first skip by the index).
        for (const filter of ['hasUnread=true', 'flagged=false&activeWithinDays=3650']) {
          const all = await get<Page<Session>>(`/admin/sessions?${filter}&sort=customer&limit=60`);
          const pages = await Promise.all(
            [0, 20, 40].map((offset) =>
              get<Page<Session>>(`/admin/sessions?${filter}&sort=customer&limit=20&offset=${offset}`),
            ),
          );
          expect(all.items.length, filter).toBeGreaterThan(40);
          expect(pages.flatMap((page) => page.items.map((s) => s.id))).toEqual(all.items.map((s) => s.id));
          expect(pages[2]?.items[0], 'whole rows, not just their ids').toEqual(all.items[40]);
        }
      });

      it('F5: one search box over product, customer and seller names, Arabic-folded and case-blind', async () => {
        const sample = (await get<Page<Session>>('/admin/sessions?limit=500')).items;
        const arabicCustomer = sample.find((s) => /[أإآ]/.test(s.customer.name) || /ة/.test(s.customer.name));
        for (const [term, match] of [
          ['عطر', (s: Session) => s.product.name.includes('عطر')],
          ['tech haven', (s: Session) => s.seller.name === 'Tech Haven'],
          ['BABY', (s: Session) => /baby/i.test(`${s.product.name} ${s.seller.name}`)],
        ] as const) {
          const found = await get<Page<Session>>(`/admin/sessions?limit=500&search=${encodeURIComponent(term)}`);
          expect(found.total, term).toBeGreaterThan(0);
          expect(found.items.every(match), term).toBe(true);
          expect(found.total).toBe(sample.filter(match).length);
        }
        if (arabicCustomer) {
          // typed without hamza / with haa for taa marbuta, as staff often type it
          const plain = arabicCustomer.customer.name.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه');
          const found = await get<Page<Session>>(`/admin/sessions?limit=500&search=${encodeURIComponent(plain)}`);
          expect(found.items.map((s) => s.id)).toContain(arabicCustomer.id);
        }
        for (const literal of ['%', '_', "'; DROP TABLE chat_sessions; --", '<script>alert(1)</script>']) {
          const found = await get<Page<Session>>(`/admin/sessions?search=${encodeURIComponent(literal)}`);
          expect(found.total, literal).toBe(0);
        }
        expectError(
          await b.request('GET', `/admin/sessions?search=${'x'.repeat(201)}`, { token: admin }),
          400,
          'bad_request',
          'search',
        );
      });

      it('F6: filters by customer, seller, product, unread, recent activity and flagged, and combines them', async () => {
        const all = (await get<Page<Session>>('/admin/sessions?limit=500')).items;
        const s0 = all[0] as Session;
        const checks: Array<[string, (s: Session) => boolean]> = [
          [`customerId=${s0.customer.id}`, (s) => s.customer.id === s0.customer.id],
          [`sellerId=${s0.seller.id}`, (s) => s.seller.id === s0.seller.id],
          [`productId=${s0.product.id}`, (s) => s.product.id === s0.product.id],
          ['hasUnread=true', (s) => s.unreadCount > 0],
          ['hasUnread=false', (s) => s.unreadCount === 0],
          ['flagged=1', (s) => s.flaggedCount > 0],
          ['activeWithinDays=7', (s) => Date.parse(s.lastMessageAt) >= Date.now() - 7 * 86_400_000 - 60_000],
          [
            `sellerId=${s0.seller.id}&hasUnread=true&activeWithinDays=30`,
            (s) => s.seller.id === s0.seller.id && s.unreadCount > 0,
          ],
        ];
        for (const [query, match] of checks) {
          const page = await get<Page<Session>>(`/admin/sessions?limit=500&${query}`);
          expect(page.items.every(match), query).toBe(true);
          expect(page.total, query).toBe(all.filter(match).length);
        }
        expect(all.some((s) => s.flaggedCount > 0)).toBe(true);
        expect(all.some((s) => s.unreadCount > 0)).toBe(true);
      });
    });

    describe('creating and editing sessions (F7, F9)', () => {
      it('F9: creates with the product’s owner as seller by default; visible in the list at once; an event carries it', async () => {
        const before = await lastSeq();
        const product = products[5] as (typeof products)[number];
        const customer = customers[4] as User;
        const lastMessageAt = new Date(Date.now() + 60_000).toISOString();
        const r = await b.request<Session>('POST', '/admin/sessions', {
          token: admin,
          body: { productId: product.id, customerId: customer.id, lastMessageAt },
        });
        expect(r.status).toBe(201);
        expect(r.body.seller.id).toBe(product.sellerId);
        expect(r.body.product.name).toBe(product.name);
        expect(r.body.messagesCount).toBe(0);
        expect(r.body.lastMessageAt).toBe(lastMessageAt);
        const list = await get<Page<Session>>('/admin/sessions?limit=1');
        expect(list.items[0]?.id).toBe(r.body.id);
        const events = await changesAfter(before);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'session.upserted', session: r.body, actor: { kind: 'staff' } });
      });

      it('F9: an explicit seller, a client-made id kept and replayed without a second session', async () => {
        const id = crypto.randomUUID();
        const body = {
          id,
          productId: (products[1] as { id: string }).id,
          customerId: (customers[1] as User).id,
          sellerId: (sellers[3] as User).id,
        };
        const first = await b.request<Session>('POST', '/admin/sessions', { token: admin, body });
        expect(first.status).toBe(201);
        expect(first.body.id).toBe(id);
        expect(first.body.seller.id).toBe((sellers[3] as User).id);
        const seq = await lastSeq();
        const again = await b.request<Session>('POST', '/admin/sessions', { token: admin, body });
        expect(again.body.id).toBe(id);
        expect(await lastSeq()).toBe(seq);
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { ...body, customerId: (customers[2] as User).id },
          }),
          409,
          'conflict',
          'id',
        );
      });

      it('F9: required fields, unknown ids and a customer equal to the seller are refused naming the field', async () => {
        const fp = await dataFingerprint(b);
        const product = (products[0] as { id: string }).id;
        const customer = (customers[0] as User).id;
        expectError(
          await b.request('POST', '/admin/sessions', { token: admin, body: { customerId: customer } }),
          400,
          'bad_request',
          'productId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', { token: admin, body: { productId: product } }),
          400,
          'bad_request',
          'customerId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', { token: admin, body: { productId: 'x', customerId: customer } }),
          400,
          'bad_request',
          'productId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: crypto.randomUUID(), customerId: customer },
          }),
          404,
          'not_found',
          'productId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: product, customerId: crypto.randomUUID() },
          }),
          404,
          'not_found',
          'customerId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: product, customerId: customer, sellerId: crypto.randomUUID() },
          }),
          404,
          'not_found',
          'sellerId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: product, customerId: customer, sellerId: customer },
          }),
          409,
          'conflict',
          'sellerId',
        );
        const owner = (products[0] as { sellerId: string }).sellerId;
        expectError(
          await b.request('POST', '/admin/sessions', { token: admin, body: { productId: product, customerId: owner } }),
          409,
          'conflict',
          'sellerId',
        );
        const notOwner = sellers.find((x) => x.id !== owner) as User;
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: product, customerId: notOwner.id },
          }),
          400,
          'bad_request',
          'customerId',
        );
        expectError(
          await b.request('POST', '/admin/sessions', {
            token: admin,
            body: { productId: product, customerId: customer, lastMessageAt: 'yesterday' },
          }),
          400,
          'bad_request',
          'lastMessageAt',
        );
        expect(await dataFingerprint(b)).toBe(fp);
      });

      it('F7: reads one session, edits product/customer/seller/time, deletes it with its messages', async () => {
        const s = await newSession(7);
        expect((await get<Session>(`/admin/sessions/${s.id}`)).id).toBe(s.id);
        const product = products[9] as (typeof products)[number];
        const patched = await b.request<Session>('PATCH', `/admin/sessions/${s.id}`, {
          token: admin,
          body: { productId: product.id, sellerId: product.sellerId, lastMessageAt: '2026-01-02T03:04:05.678Z' },
        });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        expect(patched.body.product).toEqual({ id: product.id, name: product.name });
        expect(patched.body.lastMessageAt).toBe('2026-01-02T03:04:05.678Z');
        const found = await get<Page<Session>>(`/admin/sessions?search=${encodeURIComponent(product.name)}&limit=500`);
        expect(found.items.map((x) => x.id)).toContain(s.id);
        expectError(
          await b.request('PATCH', `/admin/sessions/${s.id}`, { token: admin, body: {} }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('PATCH', `/admin/sessions/${s.id}`, { token: admin, body: { customerId: product.sellerId } }),
          409,
          'conflict',
          'sellerId',
        );
        await b.request('POST', `/admin/sessions/${s.id}/messages`, { token: admin, body: { body: 'hello' } });
        const before = await lastSeq();
        expect((await b.request('DELETE', `/admin/sessions/${s.id}`, { token: admin })).body).toEqual({ affected: 1 });
        expectError(await b.request('GET', `/admin/sessions/${s.id}`, { token: admin }), 404, 'not_found', 'id');
        const left = await b.db.query('SELECT 1 FROM chat_messages WHERE session_id = $1', [s.id]);
        expect(left.rows).toHaveLength(0);
        expect(await changesAfter(before)).toMatchObject([{ type: 'session.deleted', sessionId: s.id }]);
        expectError(await b.request('DELETE', `/admin/sessions/${s.id}`, { token: admin }), 404, 'not_found', 'id');
      });
    });

    describe('bulk actions (F8)', () => {
      it('marks every message of the checked sessions read, by ids and by "all matching" confirmed', async () => {
        const unread = (await get<Page<Session>>('/admin/sessions?hasUnread=true&limit=3')).items;
        expect(unread.length).toBeGreaterThan(1);
        const expected = unread.reduce((n, s) => n + s.unreadCount, 0);
        const totalBefore = (await get<{ total: number }>('/admin/unread-total')).total;
        const seq = await lastSeq();
        const r = await b.request<{ affected: number }>('POST', '/admin/sessions/mark-read', {
          token: admin,
          body: { ids: unread.map((s) => s.id) },
        });
        expect(r.body).toEqual({ affected: expected });
        expect((await get<{ total: number }>('/admin/unread-total')).total).toBe(totalBefore - expected);
        const events = await changesAfter(seq);
        expect(events.map((e) => e.type)).toEqual(unread.map(() => 'messages.read'));
        for (const e of events) if (e.type === 'messages.read') expect(e.session.unreadCount).toBe(0);
        // all matching: every unread session of one seller, at the count confirmed
        const target = (await get<Page<Session>>('/admin/sessions?hasUnread=true&limit=1')).items[0] as Session;
        const confirmedCount = (await get<Page<Session>>(`/admin/sessions?sellerId=${target.seller.id}&hasUnread=true`))
          .total;
        const r2 = await b.request<{ affected: number }>('POST', '/admin/sessions/mark-read', {
          token: admin,
          body: {
            allMatching: {
              filter: { sellerId: target.seller.id, hasUnread: true },
              confirmedCount,
              asOf: new Date().toISOString(),
            },
          },
        });
        expect(r2.body.affected).toBeGreaterThan(0);
        expect((await get<Page<Session>>(`/admin/sessions?sellerId=${target.seller.id}&hasUnread=true`)).total).toBe(0);
      });

      it('deletes the checked sessions, by ids and by "all matching" confirmed; unknown ids are skipped', async () => {
        const a = await newSession(11);
        const c = await newSession(12);
        const r = await b.request<{ affected: number }>('POST', '/admin/sessions/delete', {
          token: admin,
          body: { ids: [a.id, c.id, crypto.randomUUID()] },
        });
        expect(r.body).toEqual({ affected: 2 });
        const d = await newSession(13);
        const marker = await b.request<Session>('PATCH', `/admin/sessions/${d.id}`, {
          token: admin,
          body: { lastMessageAt: '2001-01-01T00:00:00.000Z' },
        });
        expect(marker.status).toBe(200);
        const byQuery = await b.request<{ affected: number }>('POST', '/admin/sessions/delete', {
          token: admin,
          body: {
            allMatching: {
              filter: { customerId: d.customer.id, productId: d.product.id },
              confirmedCount: (
                await get<Page<Session>>(`/admin/sessions?customerId=${d.customer.id}&productId=${d.product.id}`)
              ).total,
              asOf: new Date().toISOString(),
            },
          },
        });
        expect(byQuery.body.affected).toBeGreaterThanOrEqual(1);
        expectError(await b.request('GET', `/admin/sessions/${d.id}`, { token: admin }), 404, 'not_found');
      });

      it('refuses empty, oversized and malformed targets', async () => {
        const fp = await dataFingerprint(b);
        expectError(
          await b.request('POST', '/admin/sessions/delete', { token: admin, body: { ids: [] } }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', '/admin/sessions/delete', { token: admin, body: { ids: ['1 OR 1=1'] } }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', '/admin/sessions/delete', {
            token: admin,
            body: { ids: Array.from({ length: 1001 }, () => crypto.randomUUID()) },
          }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', '/admin/sessions/mark-read', {
            token: admin,
            body: { allMatching: { filter: { hasUnread: 'yes' }, confirmedCount: 1, asOf: new Date().toISOString() } },
          }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', '/admin/sessions/mark-read', { token: admin, body: {} }),
          400,
          'bad_request',
        );
        expect(await dataFingerprint(b)).toBe(fp);
      });
    });

    describe('messages (F10) and moderation flags (B3)', () => {
      it('pages messages oldest first, backwards with `before`', async () => {
        const busy = (await get<Page<Session>>('/admin/sessions?sort=messagesCount&order=desc&limit=1'))
          .items[0] as Session;
        const all = await get<{ items: Message[]; hasMore: boolean }>(`/admin/sessions/${busy.id}/messages?limit=500`);
        expect(all.items).toHaveLength(busy.messagesCount);
        expect(all.hasMore).toBe(false);
        const times = all.items.map((m) => m.createdAt);
        expect(times).toEqual([...times].sort());
        const last5 = await get<{ items: Message[]; hasMore: boolean }>(`/admin/sessions/${busy.id}/messages?limit=5`);
        expect(last5.items.map((m) => m.id)).toEqual(all.items.slice(-5).map((m) => m.id));
        expect(last5.hasMore).toBe(true);
        const older = await get<{ items: Message[] }>(
          `/admin/sessions/${busy.id}/messages?limit=5&before=${last5.items[0]?.id}`,
        );
        expect(older.items.map((m) => m.id)).toEqual(all.items.slice(-10, -5).map((m) => m.id));
        expectError(
          await b.request('GET', `/admin/sessions/${busy.id}/messages?before=${crypto.randomUUID()}`, { token: admin }),
          404,
          'not_found',
          'before',
        );
        expectError(
          await b.request('GET', `/admin/sessions/${crypto.randomUUID()}/messages`, { token: admin }),
          404,
          'not_found',
          'id',
        );
        expectError(
          await b.request('GET', `/admin/sessions/${busy.id}/messages?limit=0`, { token: admin }),
          400,
          'bad_request',
          'limit',
        );
      });

      it('a staff reply counts as a message but never as unread; flags phone, e-mail, link and blocklisted words', async () => {
        const s = await newSession(21);
        const reply = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: await b.token('agent'),
          body: { body: '  مرحباً، كيف نساعدك؟  ' },
        });
        expect(reply.status).toBe(201);
        expect(reply.body).toMatchObject({ senderRole: 'staff', body: 'مرحباً، كيف نساعدك؟', flags: [], readAt: null });
        let now = await get<Session>(`/admin/sessions/${s.id}`);
        expect(now).toMatchObject({ messagesCount: 1, unreadCount: 0, flaggedCount: 0 });
        expect(now.lastMessageAt >= reply.body.createdAt).toBe(true);
        const flagged = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: admin,
          body: { body: 'كلمني واتساب ٠٥٥١٢٣٤٥٦٧ أو mail me@shop.sa أو www.deals.com' },
        });
        expect([...flagged.body.flags].sort()).toEqual(['blocklisted', 'email', 'link', 'phone']);
        now = await get<Session>(`/admin/sessions/${s.id}`);
        expect(now).toMatchObject({ messagesCount: 2, flaggedCount: 1 });
        const f = await get<Page<Session>>(`/admin/sessions?flagged=true&limit=500`);
        expect(f.items.map((x) => x.id)).toContain(s.id);
      });

      it('deletes one message and marks messages read, keeping the counters exact', async () => {
        const s = (await get<Page<Session>>('/admin/sessions?hasUnread=true&sort=unreadCount&order=desc&limit=1'))
          .items[0] as Session;
        const messages = (await get<{ items: Message[] }>(`/admin/sessions/${s.id}/messages?limit=500`)).items;
        const unread = messages.filter((m) => m.readAt === null && m.senderRole !== 'staff');
        expect(unread.length).toBe(s.unreadCount);
        const seq = await lastSeq();
        const one = await b.request<{ affected: number }>('POST', '/admin/messages/mark-read', {
          token: await b.token('agent'),
          body: { ids: [unread[0]?.id] },
        });
        expect(one.body).toEqual({ affected: 1 });
        const again = await b.request<{ affected: number }>('POST', '/admin/messages/mark-read', {
          token: admin,
          body: { ids: [unread[0]?.id, crypto.randomUUID()] },
        });
        expect(again.body).toEqual({ affected: 0 });
        expect((await get<Session>(`/admin/sessions/${s.id}`)).unreadCount).toBe(s.unreadCount - 1);
        const [ev] = await changesAfter(seq);
        expect(ev).toMatchObject({ type: 'messages.read', messageIds: [unread[0]?.id] });
        const victim = (unread[1] ?? messages.at(-1)) as Message;
        const del = await b.request<Session>('DELETE', `/admin/messages/${victim.id}`, {
          token: await b.token('moderator'),
        });
        expect(del.status).toBe(200);
        expect(del.body.messagesCount).toBe(s.messagesCount - 1);
        expect(del.body.unreadCount).toBe(unread[1] ? s.unreadCount - 2 : s.unreadCount - 1);
        expectError(
          await b.request('DELETE', `/admin/messages/${victim.id}`, { token: admin }),
          404,
          'not_found',
          'id',
        );
        const audit = await get<Page<{ action: string; targetId: string | null; staff: { name: string } | null }>>(
          '/admin/audit-log?limit=20',
          await b.token('manager'),
        );
        expect(audit.items.find((a) => a.action === 'message.delete' && a.targetId === victim.id)?.staff?.name).toBe(
          'Mona Moderator',
        );
      });

      it('refuses empty, oversized and wrongly typed messages', async () => {
        const s = (await get<Page<Session>>('/admin/sessions?limit=1')).items[0] as Session;
        const fp = await dataFingerprint(b);
        const post = (body: unknown) => b.request('POST', `/admin/sessions/${s.id}/messages`, { token: admin, body });
        expectError(await post({ body: '   ' }), 400, 'bad_request', 'body');
        expectError(await post({ body: 'x'.repeat(5001) }), 400, 'bad_request', 'body');
        expectError(await post({ body: 42 }), 400, 'bad_request', 'body');
        expectError(await post({}), 400, 'bad_request', 'body');
        expectError(await post({ body: 'hi', id: 'not-a-uuid' }), 400, 'bad_request', 'id');
        expectError(
          await b.request('POST', `/admin/sessions/${s.id}/messages`, { token: admin, rawBody: '{"body": "x"' }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', `/admin/sessions/${s.id}/messages`, {
            token: admin,
            rawBody: 'body=x',
            headers: { 'content-type': 'text/plain' },
          }),
          400,
          'bad_request',
        );
        expectError(
          await b.request('POST', `/admin/sessions/${crypto.randomUUID()}/messages`, {
            token: admin,
            body: { body: 'hi' },
          }),
          404,
          'not_found',
          'id',
        );
        expect(await dataFingerprint(b)).toBe(fp);
      });

      it('stores SQL and script text as plain text', async () => {
        const s = await newSession(31);
        const nasty = `'); DELETE FROM chat_messages; -- <script>alert("x")</script>`;
        const r = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: admin,
          body: { body: nasty },
        });
        expect(r.status).toBe(201);
        const back = await get<{ items: Message[] }>(`/admin/sessions/${s.id}/messages`);
        expect(back.items.map((m) => m.body)).toEqual([nasty]);
        expect(
          Number((await b.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chat_messages')).rows[0]?.n),
        ).toBeGreaterThan(1000);
      });
    });

    describe('people, products, orders (F13) and renames', () => {
      it('lists users by role and search, products by seller and search, orders by customer and product', async () => {
        const sellerPage = await get<Page<User>>('/admin/users?role=seller&limit=500');
        expect(sellerPage.items.every((u) => u.role === 'seller')).toBe(true);
        expect(sellerPage.total).toBe(sellers.length);
        const found = await get<Page<User>>(`/admin/users?search=${encodeURIComponent('seller3@demo')}`);
        expect(found.items.map((u) => u.email)).toEqual(['seller3@demo.chatdesk']);
        const seller = sellers[0] as User;
        const own = await get<Page<{ sellerId: string }>>(`/admin/products?sellerId=${seller.id}&limit=500`);
        expect(own.total).toBeGreaterThan(0);
        expect(own.items.every((p) => p.sellerId === seller.id)).toBe(true);
        const orders = await get<Page<{ customerId: string; productId: string }>>('/admin/orders?limit=500');
        expect(orders.total).toBeGreaterThan(50);
        const o = orders.items[0] as { customerId: string; productId: string };
        const mine = await get<Page<{ customerId: string; productId: string }>>(
          `/admin/orders?customerId=${o.customerId}&productId=${o.productId}`,
        );
        expect(mine.items.length).toBeGreaterThan(0);
        expect(mine.items.every((x) => x.customerId === o.customerId && x.productId === o.productId)).toBe(true);
        expect((await get<User>(`/admin/users/${seller.id}`)).id).toBe(seller.id);
        expectError(
          await b.request('GET', `/admin/users/${crypto.randomUUID()}`, { token: admin }),
          404,
          'not_found',
          'id',
        );
        expectError(await b.request('GET', '/admin/users?role=staff', { token: admin }), 400, 'bad_request', 'role');
        expectError(
          await b.request('GET', '/admin/orders?status=lost', { token: admin }),
          400,
          'bad_request',
          'status',
        );
      });

      it('a renamed customer or product shows the new name on every session, searchable, with events', async () => {
        const s = (await get<Page<Session>>('/admin/sessions?limit=1')).items[0] as Session;
        const count = (await get<Page<Session>>(`/admin/sessions?customerId=${s.customer.id}`)).total;
        const seq = await lastSeq();
        const renamed = await b.request<User>('PATCH', `/admin/users/${s.customer.id}`, {
          token: admin,
          body: { name: 'إيمان المُعدّلة' },
        });
        expect(renamed.status).toBe(200);
        const page = await get<Page<Session>>(
          `/admin/sessions?search=${encodeURIComponent('ايمان المعدله')}&limit=500`,
        );
        expect(page.total).toBe(count);
        expect(page.items.every((x) => x.customer.name === 'إيمان المُعدّلة')).toBe(true);
        const types = (await changesAfter(seq)).map((e) => e.type);
        expect(types.filter((t) => t === 'session.upserted')).toHaveLength(count);
        expect(types).toContain('user.upserted');
        const p = await b.request<{ name: string }>('PATCH', `/admin/products/${s.product.id}`, {
          token: admin,
          body: { name: 'Renamed product' },
        });
        expect(p.body.name).toBe('Renamed product');
        expect((await get<Session>(`/admin/sessions/${s.id}`)).product.name).toBe('Renamed product');
        expectError(
          await b.request('PATCH', `/admin/products/${s.product.id}`, { token: admin, body: { name: '' } }),
          400,
          'bad_request',
          'name',
        );
        expectError(
          await b.request('PATCH', `/admin/users/${crypto.randomUUID()}`, { token: admin, body: { name: 'x' } }),
          404,
          'not_found',
          'id',
        );
      });
    });

    describe('participants (F11) and the chat switch (F12)', () => {
      it('F11: a customer asks, the seller sees it unread and answers, the customer reads; staff see it all in the feed', async () => {
        const customerToken = await b.participantToken('customer5@demo.chatdesk');
        const me = await get<User>('/me', customerToken);
        expect(me.role).toBe('customer');
        const product = products[17] as (typeof products)[number];
        const seq = await lastSeq();
        const opened = await b.request<Session>('POST', '/me/sessions', {
          token: customerToken,
          body: { productId: product.id },
        });
        expect(opened.status, JSON.stringify(opened.body)).toBe(200);
        expect(opened.body.customer.id).toBe(me.id);
        const reopened = await b.request<Session>('POST', '/me/sessions', {
          token: customerToken,
          body: { productId: product.id },
        });
        expect(reopened.body.id).toBe(opened.body.id);
        const ask = await b.request<Message>('POST', `/me/sessions/${opened.body.id}/messages`, {
          token: customerToken,
          body: { body: 'هل هذا المنتج متوفر بمقاس كبير؟' },
        });
        expect(ask.status).toBe(201);
        expect(ask.body).toMatchObject({ senderRole: 'customer', senderId: me.id, readAt: null });
        const sellerUser = users.find((u) => u.id === product.sellerId) as User;
        const sellerToken = await b.participantToken(sellerUser.email);
        const inbox = await get<Page<Session>>('/me/sessions?limit=500', sellerToken);
        const mine = inbox.items.find((x) => x.id === opened.body.id) as Session;
        expect(mine.unreadCount).toBe(1);
        expect(inbox.items.every((x) => x.seller.id === product.sellerId)).toBe(true);
        expect(
          (await b.request<{ affected: number }>('POST', `/me/sessions/${opened.body.id}/read`, { token: sellerToken }))
            .body,
        ).toEqual({ affected: 1 });
        await b.request('POST', `/me/sessions/${opened.body.id}/messages`, {
          token: sellerToken,
          body: { body: 'Yes, XL is in stock.' },
        });
        const thread = await get<{ items: Message[] }>(`/me/sessions/${opened.body.id}/messages`, customerToken);
        expect(thread.items.map((m) => m.senderRole)).toEqual(['customer', 'seller']);
        expect(thread.items[0]?.readAt).not.toBeNull();
        expect(
          (
            await b.request<{ affected: number }>('POST', `/me/sessions/${opened.body.id}/read`, {
              token: customerToken,
            })
          ).body,
        ).toEqual({ affected: 1 });
        const staffView = await get<Session>(`/admin/sessions/${opened.body.id}`);
        expect(staffView).toMatchObject({ messagesCount: 2, unreadCount: 0 });
        const types = (await changesAfter(seq)).map((e) => `${e.type}:${e.actor.kind}`);
        expect(types).toEqual([
          'session.upserted:user',
          'message.created:user',
          'messages.read:user',
          'message.created:user',
          'messages.read:user',
        ]);
      });

      it('F11: never another user’s data', async () => {
        const other = await b.participantToken('customer6@demo.chatdesk');
        const victim = (await get<Page<Session>>(`/admin/sessions?customerId=${(customers[0] as User).id}&limit=1`))
          .items[0];
        const victimSession = victim ?? (await newSession(0));
        const fp = await dataFingerprint(b);
        expectError(
          await b.request('GET', `/me/sessions/${victimSession.id}/messages`, { token: other }),
          404,
          'not_found',
          'id',
        );
        expectError(
          await b.request('POST', `/me/sessions/${victimSession.id}/messages`, { token: other, body: { body: 'hi' } }),
          404,
          'not_found',
        );
        expectError(
          await b.request('POST', `/me/sessions/${victimSession.id}/read`, { token: other }),
          404,
          'not_found',
        );
        const mine = await get<Page<Session>>('/me/sessions?limit=500', other);
        const me = await get<User>('/me', other);
        expect(mine.items.every((x) => x.customer.id === me.id)).toBe(true);
        expectError(await b.request('GET', '/admin/sessions', { token: other }), 403, 'forbidden');
        expectError(await b.request('GET', '/me/sessions', { token: admin }), 403, 'forbidden');
        const sellerToken = await b.participantToken('seller2@demo.chatdesk');
        expectError(
          await b.request('POST', '/me/sessions', {
            token: sellerToken,
            body: { productId: (products[0] as { id: string }).id },
          }),
          403,
          'forbidden',
        );
        expectError(
          await b.request('POST', '/me/sessions', { token: other, body: { productId: crypto.randomUUID() } }),
          404,
          'not_found',
          'productId',
        );
        expect(await dataFingerprint(b)).toBe(fp);
      });

      it('F12: switched off, every participant chat route answers chat_disabled while staff keep working; on again, it works', async () => {
        const customer = await b.participantToken('customer7@demo.chatdesk');
        const own = (await get<Page<Session>>('/me/sessions', customer)).items[0];
        const seq = await lastSeq();
        const off = await b.request('PUT', '/admin/settings', {
          token: await b.token('manager'),
          body: { chatMobileEnabled: false },
        });
        expect(off.body).toEqual({ chatMobileEnabled: false });
        expect(await changesAfter(seq)).toMatchObject([
          { type: 'settings.updated', settings: { chatMobileEnabled: false } },
        ]);
        const fp = await dataFingerprint(b);
        const sid = own?.id ?? crypto.randomUUID();
        for (const [method, path, body] of [
          ['GET', '/me/sessions', undefined],
          ['POST', '/me/sessions', { productId: (products[0] as { id: string }).id }],
          ['GET', `/me/sessions/${sid}/messages`, undefined],
          ['POST', `/me/sessions/${sid}/messages`, { body: 'hello?' }],
          ['POST', `/me/sessions/${sid}/read`, undefined],
        ] as const) {
          expectError(await b.request(method, path, { token: customer, body }), 403, 'chat_disabled');
        }
        expect(await dataFingerprint(b)).toBe(fp);
        expect((await b.request('GET', '/admin/sessions?limit=1', { token: admin })).status).toBe(200);
        if (own)
          expect(
            (
              await b.request('POST', `/admin/sessions/${own.id}/messages`, {
                token: admin,
                body: { body: 'staff still here' },
              })
            ).status,
          ).toBe(201);
        expect((await get<{ chatMobileEnabled: boolean }>('/admin/settings')).chatMobileEnabled).toBe(false);
        await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: true } });
        expect((await b.request('GET', '/me/sessions', { token: customer })).status).toBe(200);
        expectError(
          await b.request('PUT', '/admin/settings', { token: admin, body: { chatMobileEnabled: 'no' } }),
          400,
          'bad_request',
          'chatMobileEnabled',
        );
      });
    });

    describe('roles (B4)', () => {
      it('every route allows exactly the roles with its permission; participants and anonymous callers are refused', async () => {
        const doc = await get<{
          paths: Record<string, Record<string, { 'x-permission'?: string; security?: unknown }>>;
        }>('/openapi.json', null);
        const fp = await dataFingerprint(b);
        let checked = 0;
        for (const [path, ops] of Object.entries(doc.paths)) {
          for (const [method, op] of Object.entries(ops)) {
            const permission = op['x-permission'];
            if (!permission) continue;
            const url = path.replace('/api/v1', '').replace('{id}', crypto.randomUUID()).replace('{kind}', 'users');
            for (const role of ROLES) {
              // An allowed role gets past the gate and stops at validation (empty body) or the unknown id.
              const r = await b.request(method.toUpperCase(), url, {
                token: await b.token(role),
                ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
              });
              if (can(role, permission as never)) {
                expect([200, 400, 404], `${role} ${method} ${path}: ${JSON.stringify(r.body)}`).toContain(r.status);
              } else {
                expectError(r, 403, 'forbidden');
              }
            }
            expectError(await b.request(method.toUpperCase(), url, { token: null }), 401, 'unauthenticated');
            expectError(
              await b.request(method.toUpperCase(), url, {
                token: await b.participantToken('customer9@demo.chatdesk'),
              }),
              403,
              'forbidden',
            );
            checked++;
          }
        }
        expect(checked).toBeGreaterThanOrEqual(25);
        expect(await dataFingerprint(b)).toBe(fp);
      });

      it('admins manage staff accounts; a disabled account’s tokens stop working; the audit log records it', async () => {
        const created = await b.request<{ id: string; role: string }>('POST', '/admin/staff', {
          token: admin,
          body: { name: 'New Agent', email: 'new.agent@demo.chatdesk', role: 'agent', password: 'long-enough' },
        });
        expect(created.status).toBe(201);
        expectError(
          await b.request('POST', '/admin/staff', {
            token: admin,
            body: { name: 'Dup', email: 'NEW.agent@demo.chatdesk', role: 'agent', password: 'long-enough' },
          }),
          409,
          'conflict',
          'email',
        );
        expectError(
          await b.request('POST', '/admin/staff', {
            token: admin,
            body: { name: 'X', email: 'x@y.zz', role: 'boss', password: 'long-enough' },
          }),
          400,
          'bad_request',
          'role',
        );
        expectError(
          await b.request('POST', '/admin/staff', {
            token: admin,
            body: { name: 'X', email: 'x@y.zz', role: 'agent', password: 'short' },
          }),
          400,
          'bad_request',
          'password',
        );
        const login = await b.request<{ token: string }>('POST', '/auth/login', {
          body: { email: 'new.agent@demo.chatdesk', password: 'long-enough' },
        });
        expect(login.status).toBe(200);
        const list = await get<Page<{ email: string }>>('/admin/staff');
        expect(list.items.map((s) => s.email)).toContain('new.agent@demo.chatdesk');
        expect((await b.request('DELETE', `/admin/staff/${created.body.id}`, { token: admin })).status).toBe(200);
        expectError(await b.request('GET', '/auth/me', { token: login.body.token }), 401, 'unauthenticated');
        const me = await get<{ staff: { id: string } }>('/auth/me');
        expectError(await b.request('DELETE', `/admin/staff/${me.staff.id}`, { token: admin }), 409, 'conflict');
        const audit = await get<Page<{ action: string }>>('/admin/audit-log?limit=50');
        expect(audit.items.map((a) => a.action)).toEqual(
          expect.arrayContaining(['staff.create', 'staff.disable', 'settings.update', 'session.create']),
        );
      });
    });

    describe('idempotent writes', () => {
      it('a repeated Idempotency-Key returns the first result and changes nothing', async () => {
        const s = await newSession(41);
        const key = crypto.randomUUID();
        const send = () =>
          b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
            token: admin,
            body: { body: 'once only' },
            headers: { 'idempotency-key': key },
          });
        const first = await send();
        const fp = await dataFingerprint(b);
        const second = await send();
        expect(second.status).toBe(201);
        expect(second.body).toEqual(first.body);
        expect(second.headers.get('idempotent-replayed')).toBe('true');
        expect(await dataFingerprint(b)).toBe(fp);
        expectError(
          await b.request('POST', `/admin/sessions/${s.id}/messages`, {
            token: admin,
            body: { body: 'something else' },
            headers: { 'idempotency-key': key },
          }),
          409,
          'conflict',
          'Idempotency-Key',
        );
        // the key belongs to its signer: another staff member's same key is a new request
        const other = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: await b.token('agent'),
          body: { body: 'once only' },
          headers: { 'idempotency-key': key },
        });
        expect(other.body.id).not.toBe(first.body.id);
      });

      it('a key of any characters (quotes, backslashes, SQL, accents) is claimed as sent and replays', async () => {
        const s = await newSession(43);
        // The claim, sent with the transaction's BEGIN, takes the key as a parameter: stored and found as sent.
        for (const key of [`it's \\ "q" '); DROP TABLE idempotency_keys; --`, 'clé ñ ü ß', "\\x41 $1 E'\\'"]) {
          const send = () =>
            b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
              token: admin,
              body: { body: `keyed ${key.length}` },
              headers: { 'idempotency-key': key },
            });
          const first = await send();
          expect(first.status, key).toBe(201);
          const again = await send();
          expect(again.headers.get('idempotent-replayed'), key).toBe('true');
          expect(again.body).toEqual(first.body);
          const { rows } = await b.db.query<{ key: string }>('SELECT key FROM idempotency_keys WHERE key = $1', [key]);
          expect(rows).toEqual([{ key }]);
        }
        expect((await get<Session>(`/admin/sessions/${s.id}`)).messagesCount).toBe(3);
      });

      it('concurrent requests with one key write once', async () => {
        const s = await newSession(42);
        const key = crypto.randomUUID();
        const results = await Promise.all(
          Array.from({ length: 6 }, () =>
            b.request<{ affected?: number; id?: string }>('POST', `/admin/sessions/${s.id}/messages`, {
              token: admin,
              body: { body: 'tap tap tap' },
              headers: { 'idempotency-key': key },
            }),
          ),
        );
        const ok = results.filter((r) => r.status === 201);
        expect(ok.length).toBeGreaterThanOrEqual(1);
        expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
        for (const r of results) if (r.status !== 201) expect(r.status).toBe(409);
        expect((await get<Session>(`/admin/sessions/${s.id}`)).messagesCount).toBe(1);
      });

      it('bulk, delete, settings and participant writes replay too; a refused request replays its refusal', async () => {
        const s = await newSession(43);
        const key = crypto.randomUUID();
        const del1 = await b.request('DELETE', `/admin/sessions/${s.id}`, {
          token: admin,
          headers: { 'idempotency-key': key },
        });
        const del2 = await b.request('DELETE', `/admin/sessions/${s.id}`, {
          token: admin,
          headers: { 'idempotency-key': key },
        });
        expect(del1.status).toBe(200);
        expect(del2.status).toBe(200);
        expect(del2.body).toEqual(del1.body);
        const badKey = crypto.randomUUID();
        const bad1 = await b.request('PATCH', `/admin/sessions/${crypto.randomUUID()}`, {
          token: admin,
          body: { lastMessageAt: '2026-01-01T00:00:00Z' },
          headers: { 'idempotency-key': badKey },
        });
        expectError(bad1, 404, 'not_found');
        const customer = await b.participantToken('customer8@demo.chatdesk');
        const own = (await get<Page<Session>>('/me/sessions', customer)).items[0];
        if (own) {
          const k = crypto.randomUUID();
          const m1 = await b.request<Message>('POST', `/me/sessions/${own.id}/messages`, {
            token: customer,
            body: { body: 'hi' },
            headers: { 'idempotency-key': k },
          });
          const m2 = await b.request<Message>('POST', `/me/sessions/${own.id}/messages`, {
            token: customer,
            body: { body: 'hi' },
            headers: { 'idempotency-key': k },
          });
          expect(m2.body.id).toBe(m1.body.id);
        }
        expectError(
          await b.request('PUT', '/admin/settings', {
            token: admin,
            body: { chatMobileEnabled: true },
            headers: { 'idempotency-key': 'x'.repeat(201) },
          }),
          400,
          'bad_request',
          'Idempotency-Key',
        );
      });

      it('a client-made message id makes an offline replay harmless even without a key', async () => {
        const s = await newSession(44);
        const id = crypto.randomUUID();
        const a = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: admin,
          body: { id, body: 'queued offline' },
        });
        const c = await b.request<Message>('POST', `/admin/sessions/${s.id}/messages`, {
          token: admin,
          body: { id, body: 'queued offline' },
        });
        expect(a.status).toBe(201);
        expect(c.body).toEqual(a.body);
        expect((await get<Session>(`/admin/sessions/${s.id}`)).messagesCount).toBe(1);
        expectError(
          await b.request('POST', `/admin/sessions/${s.id}/messages`, {
            token: admin,
            body: { id, body: 'different' },
          }),
          409,
          'conflict',
          'id',
        );
      });
    });

    describe('desk sync: changes and snapshot', () => {
      it('changes pages in seq order with hasMore; a cursor ahead of the feed is refused', async () => {
        const head = await lastSeq();
        expect(head).toBeGreaterThan(5);
        const page = await get<{ events: ChangeEvent[]; lastSeq: number; hasMore: boolean }>(
          '/admin/changes?after=0&limit=3',
        );
        expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(page.lastSeq).toBe(3);
        expect(page.hasMore).toBe(true);
        for (const e of page.events) ChangeEvent.parse(e);
        const tail = await get<{ events: ChangeEvent[]; lastSeq: number; hasMore: boolean }>(
          `/admin/changes?after=${head}`,
        );
        expect(tail).toEqual({ events: [], lastSeq: head, hasMore: false });
        expectError(
          await b.request('GET', `/admin/changes?after=${head + 1000}`, { token: admin }),
          410,
          'cursor_too_old',
          'after',
        );
        expectError(await b.request('GET', '/admin/changes?after=-1', { token: admin }), 400, 'bad_request', 'after');
        expectError(await b.request('GET', '/admin/changes?limit=5001', { token: admin }), 400, 'bad_request', 'limit');
      });

      it('snapshot pages every kind by id, the total on the first page only, and the feed position', async () => {
        for (const kind of ['users', 'products', 'orders', 'sessions'] as const) {
          const seen: string[] = [];
          let cursor: string | null = null;
          let total: number | undefined;
          let seq = 0;
          do {
            const page: { items: Array<{ id: string }>; nextCursor: string | null; total?: number; seq: number } =
              await get(`/admin/snapshot/${kind}?limit=37${cursor ? `&cursor=${cursor}` : ''}`);
            seen.push(...page.items.map((i) => i.id));
            // Counted once, for the first page; later pages skip counting.
            if (cursor === null) total = page.total;
            else expect(page.total, kind).toBeUndefined();
            cursor = page.nextCursor;
            seq = page.seq;
          } while (cursor);
          expect(seen.length, kind).toBe(total);
          expect([...seen].sort()).toEqual(seen);
          expect(seq).toBe(await lastSeq());
        }
        expectError(await b.request('GET', '/admin/snapshot/staff', { token: admin }), 400, 'bad_request', 'kind');
        expectError(
          await b.request('GET', '/admin/snapshot/users?cursor=abc', { token: admin }),
          400,
          'bad_request',
          'cursor',
        );
      });
    });

    describe('bad input on every route', () => {
      it('malformed ids, wrong types, unknown query values, huge bodies and unknown routes get a clear 4xx; nothing changes', async () => {
        const doc = await get<{
          paths: Record<
            string,
            Record<string, { requestBody?: unknown; parameters?: Array<{ in: string; name: string }> }>
          >;
        }>('/openapi.json', null);
        const fp = await dataFingerprint(b);
        const customer = await b.participantToken('customer3@demo.chatdesk');
        for (const [path, ops] of Object.entries(doc.paths)) {
          for (const [method, op] of Object.entries(ops)) {
            const token = /\/me(\/|$)|\/participant\//.test(path) ? customer : admin;
            const base = path.replace('/api/v1', '');
            if (base.includes('{id}')) {
              const r = await b.request(method.toUpperCase(), base.replace('{id}', "1' OR '1'='1"), {
                token,
                ...(op.requestBody ? { body: {} } : {}),
              });
              expectError(r, 400, 'bad_request', 'id');
            }
            const url = base.replace('{id}', crypto.randomUUID()).replace('{kind}', 'sessions');
            if (op.requestBody) {
              for (const body of [[], 'text', 42, null, { '<script>': "'; DROP TABLE users; --" }]) {
                const r = await b.request(method.toUpperCase(), url, { token, body });
                expect(
                  [400, 401, 404],
                  `${method} ${path} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`,
                ).toContain(r.status);
                ErrorBody.parse(r.body);
              }
              const huge = await b.request(method.toUpperCase(), url, { token, body: { body: 'x'.repeat(300_000) } });
              expectError(huge, 413, 'payload_too_large');
            }
            for (const p of op.parameters ?? []) {
              if (p.in !== 'query') continue;
              const r = await b.request(
                method.toUpperCase(),
                `${url}?${p.name}=${encodeURIComponent('{"$ne":null}')}&${p.name}=2`,
                { token },
              );
              expect([200, 400, 404], `${method} ${path} ?${p.name}: ${JSON.stringify(r.body)}`).toContain(r.status);
              if (r.status !== 200) ErrorBody.parse(r.body);
            }
          }
        }
        expectError(await b.request('GET', '/admin/nothing-here', { token: admin }), 404, 'not_found');
        expectError(await b.request('GET', '/admin/sessions?limit=501', { token: admin }), 400, 'bad_request', 'limit');
        expectError(
          await b.request('GET', '/admin/sessions?sort=password', { token: admin }),
          400,
          'bad_request',
          'sort',
        );
        expectError(
          await b.request('GET', '/admin/sessions?order=sideways', { token: admin }),
          400,
          'bad_request',
          'order',
        );
        expectError(
          await b.request('GET', '/admin/sessions?hasUnread=maybe', { token: admin }),
          400,
          'bad_request',
          'hasUnread',
        );
        expectError(
          await b.request('GET', '/admin/sessions?customerId=42', { token: admin }),
          400,
          'bad_request',
          'customerId',
        );
        expectError(
          await b.request('GET', '/admin/sessions?activeWithinDays=0', { token: admin }),
          400,
          'bad_request',
          'activeWithinDays',
        );
        expectError(
          await b.request('GET', '/admin/sessions?offset=-5', { token: admin }),
          400,
          'bad_request',
          'offset',
        );
        expect(await dataFingerprint(b)).toBe(fp);
      });

      it('serves an OpenAPI document made from the same schemas', async () => {
        const doc = await get<{
          openapi: string;
          paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        }>('/openapi.json', null);
        expect(doc.openapi).toMatch(/^3\./);
        for (const p of [
          '/api/v1/admin/sessions',
          '/api/v1/admin/sessions/{id}/messages',
          '/api/v1/me/sessions',
          '/api/v1/auth/login',
          '/api/v1/admin/changes',
          '/api/v1/admin/snapshot/{kind}',
        ]) {
          expect(Object.keys(doc.paths)).toContain(p);
        }
        const list = doc.paths['/api/v1/admin/sessions']?.get as unknown as { parameters: Array<{ name: string }> };
        expect(list.parameters.map((p) => p.name)).toEqual(
          expect.arrayContaining(['search', 'sort', 'order', 'hasUnread', 'limit']),
        );
      });
    });

    describe('kept counters (issue 18)', () => {
      it('after everything this suite did, the unread total and the unfiltered total are what counting gives', async () => {
        const counted = async () => {
          const { rows } = await b.db.query<{ sessions: number; unread: number }>(
            'SELECT count(*)::int AS sessions, coalesce(sum(unread_count), 0)::int AS unread FROM chat_sessions',
          );
          return rows[0] as { sessions: number; unread: number };
        };
        const check = async () => {
          const truth = await counted();
          expect((await get<{ total: number }>('/admin/unread-total')).total).toBe(truth.unread);
          expect((await get<Page<Session>>('/admin/sessions?limit=1')).total).toBe(truth.sessions);
          return truth;
        };
        const before = await check();
        expect(before.sessions).toBeGreaterThan(0);
        // One statement over many sessions (as a bulk action writes) moves them by the sum of its rows.
        await b.db.query(
          'UPDATE chat_sessions SET unread_count = unread_count + 2 WHERE id IN (SELECT id FROM chat_sessions LIMIT 7)',
        );
        expect((await check()).unread).toBe(before.unread + 14);
        await b.db.query(
          'UPDATE chat_sessions SET unread_count = unread_count - 2 WHERE id IN (SELECT id FROM chat_sessions WHERE unread_count >= 2 LIMIT 7)',
        );
        expect((await check()).unread).toBe(before.unread);
      });
    });
  });
}
