// B9's rules of B3's flags on the backend, against a real database (PGlite and PostgreSQL): read and edited by role,
// strict input naming the field, an Idempotency-Key, an event and an audit entry; a change applies to the next
// message written (through this instance, another instance on the same database, or an edit this process never saw)
// and never to messages already written; links found by the real list of top-level domains.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../src/server/app.ts';
import type { ModerationRules, ModerationRulesBody } from '../../../src/shared/api.ts';
import type { Message, Session, StaffRole, User } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import type { ChangeEvent } from '../../../src/shared/events.ts';
import {
  MAX_ALLOWED_DOMAINS,
  MAX_BLOCKED_WORD_LENGTH,
  MAX_BLOCKED_WORDS,
} from '../../../src/shared/moderationRules.ts';
import {
  startTestBackend,
  TEST_PASSWORD_COST,
  type TestBackend,
  type TestBackendOptions,
} from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };
const ROLES: StaffRole[] = ['agent', 'moderator', 'manager', 'admin'];

function expectError(response: { status: number; body: unknown }, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  const parsed = ErrorBody.parse(response.body);
  expect(parsed.error.code).toBe(code);
  if (field) expect(Object.keys(parsed.error.fields ?? {}), JSON.stringify(parsed.error)).toContain(field);
  return parsed.error;
}

export function defineModerationRulesSuite(label: string, options: TestBackendOptions): void {
  describe(`moderation rules (B9) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    const tokens = {} as Record<StaffRole, string>;
    let installed: ModerationRules;
    let s: Session;
    let customer: User;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const rulesBody = (over: Partial<ModerationRulesBody> = {}): ModerationRulesBody => ({
      blockedWords: installed.blockedWords,
      allowedDomains: installed.allowedDomains,
      detectPhones: installed.detectPhones,
      detectEmails: installed.detectEmails,
      detectLinks: installed.detectLinks,
      ...over,
    });
    const put = (body: unknown, role: StaffRole = 'moderator', headers: Record<string, string> = {}, url = '') =>
      url
        ? fetch(`${url}/api/v1/admin/moderation/rules`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as ModerationRules }))
        : b.request<ModerationRules>('PUT', '/admin/moderation/rules', { token: tokens[role], body, headers });
    const edited = async (over: Partial<ModerationRulesBody>, role: StaffRole = 'moderator') => {
      const r = await put(rulesBody(over), role);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    /** The customer writes in the session (through another instance when `url` is given). */
    const says = async (body: string, url = '') => {
      const token = await b.participantToken(customer.email);
      const r = url
        ? await fetch(`${url}/api/v1/me/sessions/${s.id}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ body }),
          }).then(async (x) => ({ status: x.status, body: (await x.json()) as Message }))
        : await b.request<Message>('POST', `/me/sessions/${s.id}/messages`, { token, body: { body } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    const storedFlags = async (id: string) =>
      (await b.db.query<{ flags: string[] }>('SELECT flags FROM chat_messages WHERE id = $1', [id])).rows[0]?.flags;
    const rulesRow = async () => JSON.stringify((await b.db.query('SELECT * FROM moderation_rules')).rows[0]);
    const lastSeq = async () =>
      (await b.db.query<{ s: number }>('SELECT last_seq AS s FROM feed_state')).rows[0]?.s ?? 0;

    beforeAll(async () => {
      b = await startTestBackend(options);
      admin = await b.adminToken();
      for (const role of ROLES) tokens[role] = await b.token(role);
      installed = await get<ModerationRules>('/admin/moderation/rules');
      const products = (await get<Page<{ id: string; sellerId: string }>>('/admin/products?limit=5')).items;
      const product = products[0] as { id: string; sellerId: string };
      customer = (await get<Page<User>>('/admin/users?role=customer&limit=5')).items[2] as User;
      const created = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      s = created.body;
    });
    afterEach(async () => {
      // each test starts from the rules as installed
      expect((await put(rulesBody(), 'admin')).status).toBe(200);
    });
    afterAll(async () => {
      await b?.close();
    });

    it('starts with the blocked words the flags always had, every detection on, no domain allowed', () => {
      expect(installed).toMatchObject({
        allowedDomains: [],
        detectPhones: true,
        detectEmails: true,
        detectLinks: true,
        updatedAt: null,
        updatedBy: null,
      });
      expect(installed.blockedWords).toEqual(expect.arrayContaining(['واتساب', 'whatsapp', 'iban', 'تحويل بنكي']));
    });

    it('moderators, admins and managers read the rules; agents and participants are refused', async () => {
      for (const role of ROLES) {
        const r = await b.request('GET', '/admin/moderation/rules', { token: tokens[role] });
        if (role === 'agent') expectError(r, 403, 'forbidden');
        else expect(r.status).toBe(200);
      }
      expectError(
        await b.request('GET', '/admin/moderation/rules', { token: await b.participantToken(customer.email) }),
        403,
        'forbidden',
      );
      expectError(await b.request('GET', '/admin/moderation/rules', { token: null }), 401, 'unauthenticated');
    });

    it('moderators and admins edit them; managers and agents are refused and nothing changes', async () => {
      const before = await rulesRow();
      for (const role of ['manager', 'agent'] as const) {
        expectError(await put(rulesBody({ blockedWords: ['x-refused'] }), role), 403, 'forbidden');
      }
      expect(await rulesRow()).toBe(before);
      for (const role of ['moderator', 'admin'] as const) {
        const rules = await edited({ blockedWords: [...installed.blockedWords, `by ${role}`] }, role);
        expect(rules.blockedWords).toContain(`by ${role}`);
        expect(rules.updatedBy?.name.length).toBeGreaterThan(0);
        expect(rules.updatedAt).not.toBeNull();
      }
    });

    it('an edit is in the feed and the audit log, and an Idempotency-Key applies it once', async () => {
      const audited = async () =>
        await get<Page<{ action: string; details: Record<string, unknown> }>>(
          '/admin/audit-log?limit=10&action=moderation.rules.update',
        );
      const auditedBefore = (await audited()).total;
      const seq = await lastSeq();
      const body = rulesBody({
        blockedWords: [...installed.blockedWords.filter((w) => w !== 'iban'), 'كاش فقط'],
        allowedDomains: ['marketplace.example.com'],
        detectPhones: false,
      });
      const key = { 'idempotency-key': crypto.randomUUID() };
      const first = await put(body, 'moderator', key);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const again = await put(body, 'moderator', key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const events = (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${seq}&limit=100`)).events;
      expect(events).toMatchObject([{ type: 'moderation.rules.updated', rules: first.body }]);
      const entries = await audited();
      expect(entries.total).toBe(auditedBefore + 1);
      expect(entries.items[0]?.details).toEqual({
        blockedWords: { added: ['كاش فقط'], removed: ['iban'] },
        allowedDomains: { added: ['marketplace.example.com'], removed: [] },
        detectPhones: false,
        detectEmails: true,
        detectLinks: true,
      });
      // the same key with another body is refused, not applied
      expectError(await put(rulesBody(), 'moderator', key), 409, 'conflict');
      expect((await get<ModerationRules>('/admin/moderation/rules')).detectPhones).toBe(false);
    });

    it('bad input is refused naming the field and the limit; nothing changes', async () => {
      const before = await rulesRow();
      const cases: Array<[unknown, string]> = [
        [{ ...rulesBody(), blockedWord: [] }, 'blockedWord'],
        [{ ...rulesBody(), detectLinks: undefined }, 'detectLinks'],
        [{ ...rulesBody(), detectPhones: 'yes' }, 'detectPhones'],
        [rulesBody({ blockedWords: 'whatsapp' as never }), 'blockedWords'],
        [rulesBody({ blockedWords: Array.from({ length: MAX_BLOCKED_WORDS + 1 }, (_, i) => `w${i}`) }), 'blockedWords'],
        [rulesBody({ blockedWords: ['ok', 'x'.repeat(MAX_BLOCKED_WORD_LENGTH + 1)] }), 'blockedWords.1'],
        [rulesBody({ blockedWords: ['ok', ' a '] }), 'blockedWords.1'],
        [rulesBody({ blockedWords: ['واتساب', 'WhatsApp', 'وَاتساب'] }), 'blockedWords.2'],
        [rulesBody({ allowedDomains: ['https://shop.example.com/x'] }), 'allowedDomains.0'],
        [rulesBody({ allowedDomains: ['localhost'] }), 'allowedDomains.0'],
        [rulesBody({ allowedDomains: ['a.com', 'A.com'] }), 'allowedDomains.1'],
        [
          rulesBody({ allowedDomains: Array.from({ length: MAX_ALLOWED_DOMAINS + 1 }, (_, i) => `d${i}.com`) }),
          'allowedDomains',
        ],
      ];
      for (const [body, field] of cases) {
        const error = expectError(await put(body), 400, 'bad_request', field);
        expect(error.message).toContain(field);
      }
      const tooMany = expectError(
        await put(rulesBody({ blockedWords: Array.from({ length: MAX_BLOCKED_WORDS + 1 }, (_, i) => `w${i}`) })),
        400,
        'bad_request',
      );
      expect(tooMany.fields?.blockedWords).toContain(String(MAX_BLOCKED_WORDS));
      const tooLong = expectError(
        await put(rulesBody({ blockedWords: ['x'.repeat(MAX_BLOCKED_WORD_LENGTH + 1)] })),
        400,
        'bad_request',
      );
      expect(tooLong.fields?.['blockedWords.0']).toContain(String(MAX_BLOCKED_WORD_LENGTH));
      expectError(
        await b.request('PUT', '/admin/moderation/rules?x=1', { token: tokens.moderator, body: rulesBody() }),
        400,
        'bad_request',
        'x',
      );
      expect(await rulesRow()).toBe(before);
    });

    it('a change applies to the next message, never to those already written', async () => {
      const earlier = await says('الدفع كاش فقط عند الاستلام');
      expect(earlier.flags).toEqual([]);
      await edited({ blockedWords: [...installed.blockedWords, 'كاش فقط'] });
      // folded: diacritics and the taa marbuta forms as B2's search folds them
      expect((await says('نقبل كَاش فقط')).flags).toEqual(['blocklisted']);
      expect(await storedFlags(earlier.id)).toEqual([]);

      const link = 'التفاصيل على marketplace.example.com/p/42';
      expect((await says(link)).flags).toEqual(['link']);
      await edited({ allowedDomains: ['marketplace.example.com'] });
      expect((await says(link)).flags).toEqual([]);
      expect((await says('help.marketplace.example.com/faq')).flags).toEqual([]);
      expect((await says('marketplace.example.com.evil.shop')).flags).toEqual(['link']);

      await edited({ detectPhones: false, blockedWords: [] });
      expect((await says('اتصل ٠٥٥١٢٣٤٥٦٧ واتساب')).flags).toEqual([]);
    });

    it('links by the real list of top-level domains, Arabic text around them; not file names or versions', async () => {
      for (const text of [
        'زوروا shop.example.store الآن',
        'bit.ly/x',
        'الرابط:shop.example.store، شكرا',
        'اطلب من «متجر.السعودية» مباشرة',
      ]) {
        expect((await says(text)).flags, text).toEqual(['link']);
      }
      for (const text of ['أرسلت file.txt', 'التحديث v1.2 ممتاز', 'الصورة image.png', 'السعر 10.5 ريال']) {
        expect((await says(text)).flags, text).toEqual([]);
      }
    });

    it('an edit this process never saw (another instance’s, by its revision) applies to the next message', async () => {
      await b.db.query(
        `UPDATE moderation_rules SET blocked_words = array_append(blocked_words, 'elsewhere-word'),
            revision = gen_random_uuid(), updated_at = now()`,
      );
      expect((await says('a word from elsewhere-word here')).flags).toEqual(['blocklisted']);
    });

    it('an edit through one backend instance applies to the next message through another', async () => {
      const second: RunningServer = await startServer({
        ...(b.databaseUrl ? { databaseUrl: b.databaseUrl } : { db: b.db }),
        logger: 'silent',
        checkResponses: true,
        loginRateLimit: 1000,
        passwordCost: TEST_PASSWORD_COST,
        cleanup: { intervalMs: 0 },
      });
      try {
        const text = 'second-instance-word in a message';
        expect((await says(text, second.url)).flags).toEqual([]);
        expect((await says(text)).flags).toEqual([]);
        // edited through the first instance, written through the second, and the other way round
        await edited({ blockedWords: [...installed.blockedWords, 'second-instance-word'] });
        expect((await says(text, second.url)).flags).toEqual(['blocklisted']);
        const r = await put(rulesBody({ allowedDomains: ['shop.example.store'] }), 'admin', {}, second.url);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect((await says('shop.example.store/p/1')).flags).toEqual([]);
        expect((await says('second-instance-word shop.example.store')).flags).toEqual([]);
      } finally {
        await second.close();
      }
    });
  });
}
