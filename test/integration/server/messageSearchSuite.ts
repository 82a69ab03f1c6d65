// B2 on the backend: `GET /admin/messages/search` against a real database (PGlite and PostgreSQL): Arabic folding
// (diacritics, tatweel, alef/yaa/taa-marbuta forms) both ways, case, LIKE wildcards taken literally, keyset paging
// newest first, the SQL folding of the migration equal to foldArabic, roles, and bad input named by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSearchHit, MessageSearchPage } from '../../../src/shared/api.ts';
import { foldArabic } from '../../../src/shared/arabicFold.ts';
import { type Message, type Session, StaffRole, type User } from '../../../src/shared/domain.ts';
import { ErrorBody } from '../../../src/shared/errors.ts';
import { startTestBackend, type TestBackend, type TestBackendOptions } from '../../support/backend.ts';

type Page<T> = { items: T[]; total: number };

export function defineMessageSearchSuite(label: string, options: TestBackendOptions): void {
  describe(`message search (B2) on ${label}`, () => {
    let b: TestBackend;
    let admin: string;
    let session: Session;
    const sent = new Map<string, Message>();

    const search = async (q: string, extra = '', token: string | null = admin) => {
      const r = await b.request<MessageSearchPage>('GET', `/admin/messages/search?q=${encodeURIComponent(q)}${extra}`, {
        token,
      });
      expect(r.status, `${q}: ${JSON.stringify(r.body)}`).toBe(200);
      // every hit really contains the folded query: no false positive slips through
      for (const hit of r.body.items) expect(foldArabic(hit.body)).toContain(foldArabic(q));
      return r.body;
    };
    const ids = (page: MessageSearchPage) => page.items.map((h) => h.id);
    const send = async (body: string, target = session) => {
      const r = await b.request<Message>('POST', `/admin/sessions/${target.id}/messages`, {
        token: admin,
        body: { body },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      sent.set(body, r.body);
      return r.body;
    };
    const refused = async (query: string, field: string) => {
      const r = await b.request('GET', `/admin/messages/search?${query}`, { token: admin });
      expect(r.status, `${query}: ${JSON.stringify(r.body)}`).toBe(400);
      const error = ErrorBody.parse(r.body).error;
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(field);
      expect(Object.keys(error.fields ?? {})).toContain(field);
      return error;
    };

    beforeAll(async () => {
      b = await startTestBackend(options);
      admin = await b.adminToken();
      const users = (await b.request<Page<User>>('GET', '/admin/users?limit=500', { token: admin })).body.items;
      const products = (
        await b.request<Page<{ id: string; sellerId: string }>>('GET', '/admin/products?limit=500', { token: admin })
      ).body.items;
      const customer = users.find((u) => u.role === 'customer') as User;
      const product = products[3] as { id: string };
      const created = await b.request<Session>('POST', '/admin/sessions', {
        token: admin,
        body: { productId: product.id, customerId: customer.id },
      });
      expect(created.status).toBe(201);
      session = created.body;
      for (const body of [
        'وَصَلَتِ الشُّحْنَةُ إِلَى المُسْتَوْدَعِ الشَّمَالِيِّ',
        'مـــرحـــبـــا بالعميل الكريم',
        'سأرسل إيصال الدفع بعد قليل',
        'الطلب موجود في المبنى الغربي',
        'الهدية المغلفة مجانية',
        'Tracking CODE XyZ-9931 issued',
        'خصم 50% على الطقم اليوم',
        'خصم 500 ريال على الطقم',
        'ملف a_b.pdf مرفق',
        'ملف axb.pdf مرفق',
      ]) {
        await send(body);
      }
    });
    afterAll(async () => {
      await b?.close();
    });

    it('folds diacritics both ways: plain finds marked text, marked finds plain', async () => {
      const marked = sent.get('وَصَلَتِ الشُّحْنَةُ إِلَى المُسْتَوْدَعِ الشَّمَالِيِّ') as Message;
      expect(ids(await search('المستودع الشمالي'))).toContain(marked.id);
      expect(ids(await search('الشُّحْنَة'))).toContain(marked.id);
      // the query itself marked, the stored text plain
      const plain = sent.get('الطلب موجود في المبنى الغربي') as Message;
      expect(ids(await search('المَبْنَى الغَرْبِيّ'))).toContain(plain.id);
    });

    it('folds tatweel, the alef forms (أ إ آ → ا), yaa (ى → ي) and taa marbuta (ة → ه)', async () => {
      const tatweel = sent.get('مـــرحـــبـــا بالعميل الكريم') as Message;
      expect(ids(await search('مرحبا بالعميل'))).toContain(tatweel.id);
      expect(ids(await search('مـرحبـا'))).toContain(tatweel.id);
      const alef = sent.get('سأرسل إيصال الدفع بعد قليل') as Message;
      for (const q of ['ايصال', 'أيصال', 'آيصال', 'إيصال', 'سارسل']) expect(ids(await search(q)), q).toContain(alef.id);
      const yaa = sent.get('الطلب موجود في المبنى الغربي') as Message;
      expect(ids(await search('المبني'))).toContain(yaa.id);
      expect(ids(await search('المبنى'))).toContain(yaa.id);
      const taa = sent.get('الهدية المغلفة مجانية') as Message;
      expect(ids(await search('الهديه المغلفه'))).toContain(taa.id);
      expect(ids(await search('مجانيه'))).toContain(taa.id);
      // a word that is not there finds nothing of ours
      expect(ids(await search('الهديتان')).filter((id) => [...sent.values()].some((m) => m.id === id))).toEqual([]);
    });

    it('ignores case and answers with the message, its sender and its session’s names', async () => {
      const latin = sent.get('Tracking CODE XyZ-9931 issued') as Message;
      for (const q of ['xyz-9931', 'XYZ-9931', 'tracking code']) expect(ids(await search(q)), q).toContain(latin.id);
      const hit = (await search('xyz-9931')).items.find((h) => h.id === latin.id) as MessageSearchHit;
      expect(hit).toMatchObject({
        id: latin.id,
        sessionId: session.id,
        body: 'Tracking CODE XyZ-9931 issued',
        senderRole: 'staff',
        createdAt: latin.createdAt,
        product: session.product,
        customer: session.customer,
        seller: session.seller,
      });
    });

    it('takes % and _ in q literally (no LIKE wildcards)', async () => {
      const percent = sent.get('خصم 50% على الطقم اليوم') as Message;
      const five100 = sent.get('خصم 500 ريال على الطقم') as Message;
      const found = ids(await search('50%'));
      expect(found).toContain(percent.id);
      expect(found).not.toContain(five100.id);
      const underscore = ids(await search('a_b.pdf'));
      expect(underscore).toContain(sent.get('ملف a_b.pdf مرفق')?.id);
      expect(underscore).not.toContain(sent.get('ملف axb.pdf مرفق')?.id);
      expect((await search('%%')).items).toEqual([]);
      expect((await search('__')).items).toEqual([]);
    });

    it('pages newest first by keyset, without repeats or gaps, even with a new message arriving between pages', async () => {
      const word = 'صفحةالاختبار';
      const ours: Message[] = [];
      for (let i = 0; i < 7; i++) ours.push(await send(`${word} رقم ${i}`));
      const expected = [...ours].sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id.localeCompare(x.id));
      const first = await search(word, '&limit=3');
      expect(ids(first)).toEqual(expected.slice(0, 3).map((m) => m.id));
      expect(first.nextBefore).not.toBeNull();
      await send(`${word} وصلت بين الصفحتين`); // newer than every page: must not shift the next pages
      const second = await search(word, `&limit=3&before=${encodeURIComponent(first.nextBefore ?? '')}`);
      expect(ids(second)).toEqual(expected.slice(3, 6).map((m) => m.id));
      const third = await search(word, `&limit=3&before=${encodeURIComponent(second.nextBefore ?? '')}`);
      expect(ids(third)).toEqual(expected.slice(6).map((m) => m.id));
      expect(third.nextBefore).toBeNull();
      const all = await search(word, '&limit=200');
      expect(all.items).toHaveLength(8);
      expect(all.nextBefore).toBeNull();
    });

    it('finds demo messages, and the migration’s SQL folding (chat_fold) equals foldArabic on every stored body', async () => {
      const demo = await search('اَصْلي', '&limit=200'); // the demo's "هل المنتج أصلي؟" and "نعم أصلي ١٠٠٪"
      expect(demo.items.length).toBeGreaterThan(0);
      expect(demo.items.some((h) => h.body.includes('أصلي'))).toBe(true);
      const { rows } = await b.db.query<{ body: string; search_text: string; sql: string }>(
        'SELECT body, search_text, chat_fold(body) AS sql FROM chat_messages',
      );
      expect(rows.length).toBeGreaterThan(100);
      for (const r of rows) {
        expect(r.search_text, r.body).toBe(foldArabic(r.body));
        expect(r.sql, r.body).toBe(foldArabic(r.body));
      }
    });

    it('fills the folded column for a row inserted without it (trigger), so it is found too', async () => {
      const id = crypto.randomUUID();
      await b.db.query(
        `INSERT INTO chat_messages (id, session_id, sender_role, sender_id, sender_name, body)
         VALUES ($1, $2, 'customer', $3, 'x', 'رِسَالَةٌ أُدْخِلَتْ مُبَاشَرَةً')`,
        [id, session.id, session.customer.id],
      );
      expect(ids(await search('ادخلت مباشره'))).toContain(id);
    });

    it('lets every staff role search; refuses participants and anonymous callers', async () => {
      for (const role of StaffRole.options) {
        const page = await search('ايصال', '', await b.token(role));
        expect(page.items.length, role).toBeGreaterThan(0);
      }
      const customer = await b.participantToken('customer1@demo.chatdesk');
      const asCustomer = await b.request('GET', '/admin/messages/search?q=test', { token: customer });
      expect(asCustomer.status).toBe(403);
      expect(ErrorBody.parse(asCustomer.body).error.code).toBe('forbidden');
      const anonymous = await b.request('GET', '/admin/messages/search?q=test', { token: null });
      expect(anonymous.status).toBe(401);
    });

    it('refuses bad input with a 400 naming the field', async () => {
      await refused('', 'q');
      await refused('q=a', 'q');
      await refused(`q=${encodeURIComponent('   a  ')}`, 'q');
      await refused(`q=${'x'.repeat(201)}`, 'q');
      const marks = await refused(`q=${encodeURIComponent('\u064E\u064F\u0640')}`, 'q');
      expect(marks.fields?.q).toMatch(/letters/);
      await refused('q=ok&before=yesterday', 'before');
      await refused('q=ok&limit=0', 'limit');
      await refused('q=ok&limit=201', 'limit');
      expect((await search('x'.repeat(200))).items).toEqual([]);
    });
  });
}
