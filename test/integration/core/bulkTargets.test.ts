// The desk core refuses, through the bridge, what the backend would refuse (issue 12): a misspelled filter or an
// empty target never becomes "every session", an "all matching" action carries the count the person confirmed and
// is refused when the list now holds more, and text the database cannot store never reaches the outbox. Each refusal
// names the field and leaves the cache, the outbox and the backend as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName } from '../../../src/shared/bridge.ts';
import type { Session } from '../../../src/shared/domain.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import { dataFingerprint } from '../server/apiSuite.ts';

let backend: TestBackend;
let desk: TestDesk;

beforeAll(async () => {
  backend = await startTestBackend();
  desk = await startDeskCore({ backendUrl: backend.url });
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

/** What a refused call must leave alone: the desk's list and queue, and the backend's data. */
async function state() {
  const page = await desk.call('sessions.page', { limit: 1000 });
  return {
    ids: page.rows.map((s) => s.id).sort(),
    unread: (await desk.call('unread.total')).total,
    pending: (await desk.call('sync.state')).pendingActions,
    backend: await dataFingerprint(backend),
  };
}

async function refused<K extends CallName>(name: K, input: unknown, code: string, field: string) {
  const result = await desk.result(name, input as CallInput<K>);
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return undefined;
  expect(result.error.code).toBe(code);
  expect(Object.keys(result.error.fields ?? {}), JSON.stringify(result.error)).toContain(field);
  return result.error;
}

describe('bulk targets through the bridge', () => {
  it('a misspelled filter, an empty target or an unknown key is refused naming it, with nothing changed', async () => {
    await desk.settled();
    const one = (await desk.call('sessions.page', { limit: 1 })).rows[0] as Session;
    const before = await state();
    expect(before.ids.length).toBeGreaterThan(10);
    const asOf = new Date().toISOString();
    for (const name of ['sessions.deleteMany', 'sessions.markRead'] as const) {
      await refused(name, { target: { query: { sessionIds: [one.id] } } }, 'bad_request', 'target.query');
      await refused(
        name,
        { target: { allMatching: { filter: { sesionIds: [one.id] }, confirmedCount: 1, asOf } } },
        'bad_request',
        'target.allMatching.filter.sesionIds',
      );
      await refused(name, { target: {} }, 'bad_request', 'target');
      await refused(name, { target: { ids: [] } }, 'bad_request', 'target.ids');
      await refused(name, { target: { ids: [one.id] }, force: true }, 'bad_request', 'force');
    }
    await refused(
      'export.start',
      { target: { allMatching: { filter: { sellerid: one.seller.id } } }, format: 'csv', locale: 'en' },
      'bad_request',
      'target.allMatching.filter.sellerid',
    );
    await refused('sessions.page', { filter: { sellerid: one.seller.id } }, 'bad_request', 'filter.sellerid');
    expect(await state()).toEqual(before);
  });

  it('"all matching" is refused at once when the list now holds more than was confirmed, with the count', async () => {
    await desk.settled();
    const one = (await desk.call('sessions.page', { limit: 1 })).rows[0] as Session;
    const filter = { sellerId: one.seller.id };
    const total = (await desk.call('sessions.page', { filter, limit: 1 })).total;
    expect(total).toBeGreaterThan(1);
    const before = await state();
    const error = await refused(
      'sessions.deleteMany',
      { target: { allMatching: { filter, confirmedCount: total - 1, asOf: new Date().toISOString() } } },
      'conflict',
      'target.allMatching.confirmedCount',
    );
    expect(error?.currentCount).toBe(total);
    expect(await state()).toEqual(before);
    // Confirmed at the count the list shows, it goes through, here and on the backend.
    const done = await desk.call('sessions.deleteMany', {
      target: { allMatching: { filter, confirmedCount: total, asOf: new Date().toISOString() } },
    });
    expect(done.affected).toBe(total);
    await desk.settled();
    expect((await desk.call('sessions.page', { filter, limit: 1 })).total).toBe(0);
    const left = await backend.request<{ total: number }>('GET', `/admin/sessions?sellerId=${one.seller.id}`, {
      token: await backend.adminToken(),
    });
    expect(left.body.total).toBe(0);
  });

  it('the backend refuses (409 with the count) what the desk confirmed on a list that lacked a session; undone here', async () => {
    await desk.settled();
    const one = (await desk.call('sessions.page', { limit: 1 })).rows[0] as Session;
    const filter = { customerId: one.customer.id, productId: one.product.id };
    const shown = (await desk.call('sessions.page', { filter, limit: 1 })).total;
    // A session the desk has not heard of (written without a feed event), older than the confirmation.
    await backend.db.query(
      `INSERT INTO chat_sessions (id, product_id, customer_id, seller_id, product_name, customer_name, seller_name,
          search_text, last_message_at, created_at)
       SELECT gen_random_uuid(), product_id, customer_id, seller_id, product_name, customer_name, seller_name,
          search_text, last_message_at, now() - interval '1 minute' FROM chat_sessions WHERE id = $1`,
      [one.id],
    );
    const since = desk.events.length;
    const local = await desk.call('sessions.deleteMany', {
      target: { allMatching: { filter, confirmedCount: shown, asOf: new Date().toISOString() } },
    });
    expect(local.affected).toBe(shown);
    const failed = await desk.waitForEvent('action.failed', (e) => e.kind === 'sessions.deleteMany', { since });
    expect(failed.error.code).toBe('conflict');
    expect(failed.error.currentCount).toBe(shown + 1);
    await desk.settled();
    expect((await desk.call('sessions.page', { filter, limit: 1 })).total).toBe(shown);
  });

  it('text the database cannot store and inputs nested too deep are refused naming the field', async () => {
    await desk.settled();
    const one = (await desk.call('sessions.page', { limit: 1 })).rows[0] as Session;
    const before = await state();
    await refused('messages.send', { sessionId: one.id, body: 'a\u0000b' }, 'bad_request', 'body');
    await refused('messages.send', { sessionId: one.id, body: 'half \ud800 a pair' }, 'bad_request', 'body');
    let deep: unknown = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    // Named down to the level where the bound is reached (32: target, ids and 30 arrays).
    const at = ['target', 'ids', ...Array.from({ length: 30 }, () => '0')].join('.');
    await refused('sessions.deleteMany', { target: { ids: deep } }, 'bad_request', at);
    expect(await state()).toEqual(before);
  });
});
