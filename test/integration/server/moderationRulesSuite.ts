// B9's rules of B3's flags on the backend, against a real database (PGlite and PostgreSQL): read and edited by role,
// strict input naming the field, an Idempotency-Key, an event (the revision only: no words reach agents) and an audit
// entry; an edit made from a revision that is no longer current is refused; a change applies to the next
// message written (through this instance, another instance on the same database, or an edit this process never saw)
// and never to messages already written; links found by the real list of top-level domains.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../src/server/app.ts';
import { loadMigrations, splitStatements } from '../../../src/server/db/migrate.ts';
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
    /** The revision in force, as the last answer gave it (edits are made from it). */
    let latest: string;
    let s: Session;
    let customer: User;

    const get = async <T>(path: string, token: string | null = admin) => {
      const r = await b.request<T>('GET', path, { token });
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      return r.body;
    };
    const rulesBody = (over: Partial<ModerationRulesBody> = {}): ModerationRulesBody => ({
      revision: latest,
      blockedWords: installed.blockedWords,
      allowedDomains: installed.allowedDomains,
      detectPhones: installed.detectPhones,
      detectEmails: installed.detectEmails,
      detectLinks: installed.detectLinks,
      ...over,
    });
    const put = async (
      body: unknown,
      role: StaffRole = 'moderator',
      headers: Record<string, string> = {},
      url = '',
    ) => {
      const r = url
        ? await fetch(`${url}/api/v1/admin/moderation/rules`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          }).then(async (x) => ({ status: x.status, body: (await x.json()) as ModerationRules }))
        : await b.request<ModerationRules>('PUT', '/admin/moderation/rules', { token: tokens[role], body, headers });
      if (r.status === 200) latest = r.body.revision;
      return r;
    };
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
      latest = installed.revision;
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
      latest = (await get<ModerationRules>('/admin/moderation/rules')).revision;
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
      // Replayed: the first answer again, although the revision it names is no longer the current one.
      expect(first.body.revision).not.toBe(body.revision);
      const again = await put(body, 'moderator', key);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const events = (await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${seq}&limit=100`)).events;
      // The event names the revision, when and by whom, never the words or domains: agents read the feed too.
      expect(events).toEqual([
        {
          seq: expect.any(Number),
          at: expect.any(String),
          actor: expect.objectContaining({ kind: 'staff' }),
          type: 'moderation.rules.updated',
          revision: first.body.revision,
          updatedAt: first.body.updatedAt,
          updatedBy: first.body.updatedBy,
        },
      ]);
      const asAgent = await get<{ events: ChangeEvent[] }>(`/admin/changes?after=${seq}&limit=100`, tokens.agent);
      expect(asAgent.events.map((e) => e.type)).toEqual(['moderation.rules.updated']);
      for (const word of ['كاش فقط', 'marketplace.example.com', 'whatsapp']) {
        expect(JSON.stringify(asAgent.events)).not.toContain(word);
      }
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

    it('an edit made from a revision no longer current is refused with 409 naming it; nothing changes', async () => {
      // Moderator A reads the rules; admin B edits them meanwhile (adds a word, turns phone detection off).
      const seenByA = await get<ModerationRules>('/admin/moderation/rules', tokens.moderator);
      const byB = await edited({ blockedWords: [...installed.blockedWords, 'venmo'], detectPhones: false }, 'admin');
      expect(byB.revision).not.toBe(seenByA.revision);
      const before = await rulesRow();
      const seq = await lastSeq();
      const audits = async () =>
        (await get<Page<unknown>>('/admin/audit-log?limit=1&action=moderation.rules.update')).total;
      const auditedBefore = await audits();
      // A's edit, made from what A read, would take B's word away and turn phones on again: refused.
      const fromA = {
        ...rulesBody({ blockedWords: [...installed.blockedWords, 'paypal'] }),
        revision: seenByA.revision,
      };
      const key = { 'idempotency-key': crypto.randomUUID() };
      const error = expectError(await put(fromA, 'moderator', key), 409, 'conflict', 'revision');
      expect(error.fields?.revision).toContain(byB.revision);
      expect(await rulesRow()).toBe(before);
      expect(await lastSeq()).toBe(seq);
      expect(await audits()).toBe(auditedBefore);
      // Sent again with its key (a lost answer): the same refusal, still nothing changed.
      expectError(await put(fromA, 'moderator', key), 409, 'conflict', 'revision');
      expect(await rulesRow()).toBe(before);
      const kept = await get<ModerationRules>('/admin/moderation/rules', tokens.moderator);
      expect(kept).toEqual(byB);
      // Made again from the current revision, it is accepted and keeps B's changes.
      const accepted = await edited({ blockedWords: [...kept.blockedWords, 'paypal'], detectPhones: false });
      expect(accepted.blockedWords).toEqual(expect.arrayContaining(['venmo', 'paypal']));
      expect(accepted.detectPhones).toBe(false);
      expect(accepted.revision).not.toBe(byB.revision);
      expect(await lastSeq()).toBe(seq + 1);
    });

    it('migration 014 cuts an event stored with the whole rules down to the revision, when and by whom', async () => {
      const migration = loadMigrations().find((m) => m.version === 14);
      expect(migration?.name).toBe('rules_event_revision');
      const by = { id: crypto.randomUUID(), name: 'Mona Moderator' };
      const payload = {
        type: 'moderation.rules.updated',
        seq: 0,
        at: '2026-12-05T09:00:00.000Z',
        actor: { kind: 'staff', id: by.id },
        rules: { ...installed, blockedWords: ['leaked-word'], updatedAt: '2026-12-05T09:00:00.000Z', updatedBy: by },
      };
      const cutDown = await b.db
        .transaction(async (tx) => {
          // Below every seq a reader asks after, and rolled back: no reader ever sees it.
          await tx.query(
            `INSERT INTO events (seq, order_key, type, at, actor, payload)
             VALUES (-1, -1, 'moderation.rules.updated', now(), $1::jsonb, $2::jsonb)`,
            [JSON.stringify(payload.actor), JSON.stringify(payload)],
          );
          for (const statement of splitStatements(migration?.sql ?? '')) await tx.query(statement);
          const { rows } = await tx.query<{ payload: unknown }>('SELECT payload FROM events WHERE seq = -1');
          throw Object.assign(new Error('rolled back'), { payload: rows[0]?.payload });
        })
        .catch((error: { payload?: unknown }) => error.payload);
      const { revision } = await get<ModerationRules>('/admin/moderation/rules');
      expect(cutDown).toEqual({
        type: 'moderation.rules.updated',
        seq: 0,
        at: payload.at,
        actor: payload.actor,
        revision,
        updatedAt: payload.rules.updatedAt,
        updatedBy: by,
      });
      expect(JSON.stringify(cutDown)).not.toContain('leaked-word');
    });

    it('bad input is refused naming the field and the limit; nothing changes', async () => {
      const before = await rulesRow();
      const cases: Array<[unknown, string]> = [
        [{ ...rulesBody(), blockedWord: [] }, 'blockedWord'],
        [{ ...rulesBody(), detectLinks: undefined }, 'detectLinks'],
        [{ ...rulesBody(), detectPhones: 'yes' }, 'detectPhones'],
        [{ ...rulesBody(), revision: undefined }, 'revision'],
        [{ ...rulesBody(), revision: 'r1' }, 'revision'],
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
