// F7, F9: the desk (offline-first, checking against its cache) and the backend judge a new session's parties by the
// one rule in src/shared/parties.ts, so for the same product, customer and seller both refuse with the same code on
// the same fields. Real backend (PGlite, demo data), real desk core and SQLite cache.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';

describe('session parties: the desk and the backend refuse alike', () => {
  let backend: TestBackend;
  let desk: TestDesk;
  let admin: string;
  const ids = { customer: '', customer2: '', seller: '', seller2: '', product: '' };

  beforeAll(async () => {
    backend = await startTestBackend();
    admin = await backend.adminToken();
    desk = await startDeskCore({ backendUrl: backend.url });
    await desk.settled();
    const customers = (await desk.call('options.users', { role: 'customer', limit: 2 })).items;
    const sellers = (await desk.call('options.users', { role: 'seller', limit: 2 })).items;
    const product = (await desk.call('options.products', { limit: 1 })).items[0];
    ids.customer = customers[0]?.id ?? '';
    ids.customer2 = customers[1]?.id ?? '';
    ids.seller = product?.sellerId ?? '';
    ids.seller2 = sellers.find((s) => s.id !== ids.seller)?.id ?? '';
    ids.product = product?.id ?? '';
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });
  afterAll(async () => {
    await desk?.close();
    await backend?.close();
  });

  /** The backend's answer to creating the session, as code and fields (null: created). */
  const backendVerdict = async (body: { productId: string; customerId: string; sellerId: string }) => {
    const r = await backend.request<{ error?: { code: string; fields?: Record<string, string> } }>(
      'POST',
      '/admin/sessions',
      { token: admin, body },
    );
    return r.body.error ? { code: r.body.error.code, fields: r.body.error.fields } : null;
  };
  const deskVerdict = async (body: { productId: string; customerId: string; sellerId: string }) => {
    const r = await desk.result('sessions.create', { ...body, lastMessageAt: new Date().toISOString() });
    return r.ok ? null : { code: r.error.code, fields: r.error.fields };
  };

  it('for unknown parties, the same person on both sides and wrong roles', async () => {
    const unknown = () => randomUUID();
    const cases: Array<[string, () => { productId: string; customerId: string; sellerId: string }, unknown]> = [
      [
        'unknown product',
        () => ({ productId: unknown(), customerId: ids.customer, sellerId: ids.seller }),
        { code: 'not_found', fields: { productId: 'no such product' } },
      ],
      [
        'unknown customer and seller',
        () => ({ productId: ids.product, customerId: unknown(), sellerId: unknown() }),
        { code: 'not_found', fields: { customerId: 'no such customer', sellerId: 'no such seller' } },
      ],
      [
        'the seller as customer too',
        () => ({ productId: ids.product, customerId: ids.seller, sellerId: ids.seller }),
        { code: 'conflict', fields: { sellerId: 'must differ from the customer' } },
      ],
      [
        'roles swapped',
        () => ({ productId: ids.product, customerId: ids.seller2, sellerId: ids.customer2 }),
        { code: 'bad_request', fields: { customerId: 'is not a customer', sellerId: 'is not a seller' } },
      ],
      [
        'a customer as seller',
        () => ({ productId: ids.product, customerId: ids.customer, sellerId: ids.customer2 }),
        { code: 'bad_request', fields: { sellerId: 'is not a seller' } },
      ],
    ];
    for (const [what, make, expected] of cases) {
      const body = make();
      expect(await deskVerdict(body), `desk: ${what}`).toEqual(expected);
      expect(await backendVerdict(body), `backend: ${what}`).toEqual(expected);
    }
    // Parties that fit: both create the session.
    const fits = { productId: ids.product, customerId: ids.customer, sellerId: ids.seller2 };
    expect(await deskVerdict(fits)).toBeNull();
    expect(await backendVerdict(fits)).toBeNull();
  });
});
