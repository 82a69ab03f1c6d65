// The desk core against the real backend on PGlite (demo marketplace): sign-in, cold sync, live events, every
// query checked against what the backend answers, every outbox action applied at once and then once on the backend.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/main/core/secrets.ts';
import { createFileSecretStore } from '../../../src/main/web/fileSecretStore.ts';
import type { SessionFilter, SessionSort } from '../../../src/shared/api.ts';
import { foldArabic } from '../../../src/shared/arabicFold.ts';
import type { Order, Product, Session, User } from '../../../src/shared/domain.ts';
import { SESSION_SORTS } from '../../../src/shared/sessionSorts.ts';
import { DEMO_PASSWORD, startTestBackend, type TestBackend } from '../../support/backend.ts';
import { startDeskCore, type TestDesk } from '../../support/desk.ts';
import {
  backendMessages,
  backendSessions,
  backendUnread,
  expectCacheEqualsBackend,
  participantPost,
} from './compare.ts';

let backend: TestBackend;
let desk: TestDesk;
let token: string;

beforeAll(async () => {
  backend = await startTestBackend();
  token = await backend.adminToken();
  desk = await startDeskCore({ backendUrl: backend.url });
});
afterAll(async () => {
  await desk?.close();
  await backend?.close();
});

const qs = (filter: SessionFilter, sort: SessionSort, order: 'asc' | 'desc') => {
  const p = new URLSearchParams({ sort, order });
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
};

describe('sign-in', () => {
  it('signs in, says who is signed in, and refuses bad credentials or an unreachable backend clearly', async () => {
    const state = await desk.call('account.state');
    expect(state).toMatchObject({ signedIn: true, backendUrl: backend.url, staff: { email: 'admin@demo.chatdesk' } });
    expect(state.permissions).toContain('sessions.write');

    const other = await startDeskCore({});
    try {
      const wrong = await other.result('account.signIn', {
        backendUrl: backend.url,
        email: 'admin@demo.chatdesk',
        password: 'not-the-password',
      });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.error.code).toBe('unauthenticated');
      const unreachable = await other.result('account.signIn', {
        backendUrl: 'http://127.0.0.1:1',
        email: 'admin@demo.chatdesk',
        password: DEMO_PASSWORD,
      });
      expect(unreachable.ok).toBe(false);
      if (!unreachable.ok) {
        expect(unreachable.error.code).toBe('offline');
        expect(unreachable.error.fields).toHaveProperty('backendUrl');
      }
      expect((await other.call('account.state')).signedIn).toBe(false);
      expect((await other.call('sync.state')).status).toBe('signedOut');
      const notSignedIn = await other.result('sessions.page', {});
      expect(notSignedIn.ok).toBe(false);
      if (!notSignedIn.ok) expect(notSignedIn.error.code).toBe('unauthenticated');
    } finally {
      await other.close();
    }
  });

  it('keeps the token in the secret store and resumes on cached data at the next start; sign-out forgets it', async () => {
    const first = await startDeskCore({ backendUrl: backend.url });
    const dataDir = first.dataDir;
    const secrets = first.secrets;
    const before = await first.call('sessions.page', {});
    await first.close({ keepData: true });

    const again = await startDeskCore({ dataDir, secrets, waitForSync: false });
    // Cached data at once, before any sync.
    const page = await again.call('sessions.page', {});
    expect(page.total).toBe(before.total);
    expect((await again.call('account.state')).signedIn).toBe(true);
    await again.settled();
    const out = await again.call('account.signOut');
    expect(out.signedIn).toBe(false);
    expect(out.backendUrl).toBe(backend.url);
    await again.close({ keepData: true });

    const third = await startDeskCore({ dataDir, secrets, waitForSync: false });
    expect((await third.call('account.state')).signedIn).toBe(false);
    await third.close();
  });

  it('keeps exactly one token while signed in and none after sign-out, even when signing out mid-sync', async () => {
    const secrets = createMemorySecretStore();
    const desk2 = await startDeskCore({ backendUrl: backend.url, secrets, waitForSync: false });
    try {
      // The token the core uses is the one in the shell's store, and nothing else is stored there.
      const token = desk2.core.accounts.require().client.token;
      expect([...secrets.values.values()]).toEqual([token]);
      // Sign out while the first sync is still loading: answered at once, the token forgotten.
      const started = Date.now();
      const out = await desk2.call('account.signOut');
      expect(out).toMatchObject({ signedIn: false, staff: null, permissions: [] });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(secrets.values.size).toBe(0);
      // The backend no longer accepts that token either.
      const me = await backend.request('GET', '/auth/me', { token: token ?? '' });
      expect(me.status).toBe(401);
      expect((await desk2.call('sync.state')).status).toBe('signedOut');
    } finally {
      await desk2.close();
    }
  });

  it('the web edition keeps the token in a file only the user can read (0600, folder 0700)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatdesk-web-secrets-'));
    try {
      const secrets = createFileSecretStore(join(dir, 'secrets'));
      const web = await startDeskCore({ backendUrl: backend.url, secrets, waitForSync: false });
      const files = readdirSync(join(dir, 'secrets'));
      expect(files).toHaveLength(1);
      const file = join(dir, 'secrets', files[0] as string);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
      expect(readFileSync(file, 'utf8')).toBe(web.core.accounts.require().client.token);
      await expect(secrets.set('../outside', 'x')).rejects.toThrow(/Invalid secret key/);
      await web.call('account.signOut');
      expect(readdirSync(join(dir, 'secrets'))).toEqual([]);
      await web.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cold sync and queries', () => {
  it('loads every session, user, product and order of the backend', async () => {
    const remote = await backendSessions(backend);
    const page = await desk.call('sessions.page', { limit: 1000 });
    expect(page.total).toBe(remote.length);
    expect(page.rows).toEqual(remote);
    expect((await desk.call('unread.total')).total).toBe(await backendUnread(backend));
    const users = await backend.request<{ total: number }>('GET', '/admin/users?limit=1', { token });
    expect((await desk.call('users.list', { limit: 1 })).total).toBe(users.body.total);
    const orders = await backend.request<{ total: number }>('GET', '/admin/orders?limit=1', { token });
    expect((await desk.call('orders.list', { limit: 1 })).total).toBe(orders.body.total);
    const state = await desk.call('sync.state');
    expect(state).toMatchObject({ status: 'online', progress: null, offlineSince: null, pendingActions: 0 });
    expect(state.lastSyncedAt).not.toBeNull();
    expect(
      desk.events.some((e) => e.name === 'sync.state' && (e.payload as { status: string }).status === 'syncing'),
    ).toBe(true);
  });

  it('pages every sort in both orders as the backend does (names by their folded form)', async () => {
    for (const sort of SESSION_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const local = await desk.call('sessions.page', { sort, order, offset: 10, limit: 40 });
        const all = await desk.call('sessions.page', { sort, order, limit: 1000 });
        expect(local.rows).toEqual(all.rows.slice(10, 50));
        if (sort === 'product' || sort === 'customer' || sort === 'seller') {
          const keys = all.rows.map((s) => foldArabic(s[sort].name));
          const sorted = [...keys].sort();
          expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
          continue;
        }
        const remote = await backend.request<{ items: Session[] }>(
          'GET',
          `/admin/sessions?${qs({}, sort, order)}&offset=10&limit=40`,
          { token },
        );
        expect(
          local.rows.map((s) => s.id),
          `${sort} ${order}`,
        ).toEqual(remote.body.items.map((s) => s.id));
      }
    }
  });

  it('filters and searches as the backend does, alone and combined, with the matching total', async () => {
    const all = await backendSessions(backend);
    const some = all[7] as Session;
    const arabic = all.find((s) => /[\u0600-\u06FF]/.test(s.customer.name)) as Session;
    const filters: SessionFilter[] = [
      { customerId: some.customer.id },
      { sellerId: some.seller.id },
      { productId: some.product.id },
      { hasUnread: true },
      { hasUnread: false },
      { flagged: true },
      { flagged: false },
      { activeWithinDays: 7 },
      { search: some.product.name.slice(0, 6) },
      { search: some.seller.name.toUpperCase() },
      // Arabic folding: strip the first letter's hamza form and add a tatweel, still found.
      { search: `${arabic.customer.name.slice(1, 4)}\u0640` },
      { hasUnread: true, activeWithinDays: 7 },
      { sellerId: some.seller.id, hasUnread: false },
      { search: 'a', flagged: true, activeWithinDays: 30 },
    ];
    for (const filter of filters) {
      const local = await desk.call('sessions.page', { filter, limit: 1000 });
      const remote = await backend.request<{ items: Session[]; total: number }>(
        'GET',
        `/admin/sessions?${qs(filter, 'lastMessageAt', 'desc')}&limit=500`,
        { token },
      );
      expect(local.total, JSON.stringify(filter)).toBe(remote.body.total);
      expect(
        local.rows.map((s) => s.id),
        JSON.stringify(filter),
      ).toEqual(remote.body.items.map((s) => s.id));
    }
    // Arabic spelled another way than stored: hamza seats, taa marbuta, alef maqsura, tashkeel, tatweel; and case.
    const variants: Array<[RegExp, (name: string) => string]> = [
      [/[أإآ]/, (n) => n.replace(/[أإآ]/g, 'ا')],
      [/ة/, (n) => n.replace(/ة/g, 'ه')],
      [/ى/, (n) => n.replace(/ى/g, 'ي')],
      [/[\u0600-\u06FF]{3}/, (n) => `${n.slice(0, 2)}\u064E\u0640${n.slice(2)}`],
      [/[A-Z]/, (n) => n.toLowerCase()],
    ];
    const names = [...new Set(all.flatMap((s) => [s.product.name, s.customer.name, s.seller.name]))];
    for (const [has, spell] of variants) {
      const name = names.find((n) => has.test(n));
      if (!name) throw new Error(`the demo has a name matching ${has}`);
      const search = spell(name);
      expect(search).not.toBe(name);
      for (const [sort, order] of [
        ['lastMessageAt', 'desc'],
        ['messagesCount', 'asc'],
      ] as const) {
        const local = await desk.call('sessions.page', { filter: { search }, sort, order, limit: 1000 });
        const remote = await backend.request<{ items: Session[]; total: number }>(
          'GET',
          `/admin/sessions?${qs({ search }, sort, order)}&limit=500`,
          { token },
        );
        expect(local.total, search).toBeGreaterThan(0);
        expect(local.total, search).toBe(remote.body.total);
        expect(
          local.rows.map((s) => s.id),
          search,
        ).toEqual(remote.body.items.map((s) => s.id));
      }
    }

    // Every filter with a non-default sort, order and offset: the same page and total as the backend's.
    const sorts: SessionSort[] = ['messagesCount', 'unreadCount', 'flaggedCount', 'createdAt', 'updatedAt'];
    for (const [i, filter] of filters.entries()) {
      const sort = sorts[i % sorts.length] as SessionSort;
      const order = i % 2 ? 'asc' : 'desc';
      const local = await desk.call('sessions.page', { filter, sort, order, offset: 2, limit: 5 });
      const remote = await backend.request<{ items: Session[]; total: number }>(
        'GET',
        `/admin/sessions?${qs(filter, sort, order)}&offset=2&limit=5`,
        { token },
      );
      expect(local.total, JSON.stringify(filter)).toBe(remote.body.total);
      expect(
        local.rows.map((s) => s.id),
        `${JSON.stringify(filter)} ${sort} ${order}`,
      ).toEqual(remote.body.items.map((s) => s.id));
    }
    const none = await desk.call('sessions.page', { filter: { search: 'no such thing anywhere' } });
    expect(none).toEqual({ rows: [], total: 0 });
  });

  it('answers the option lists, related sections and one session as the backend holds them', async () => {
    const [session] = await backendSessions(backend);
    if (!session) throw new Error('demo has sessions');
    expect(await desk.call('sessions.get', { id: session.id })).toEqual(session);
    const missing = await desk.result('sessions.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatchObject({ code: 'not_found', fields: { id: 'no such session' } });

    for (const role of ['customer', 'seller'] as const) {
      const remote = await backend.request<{ items: User[]; total: number }>(
        'GET',
        `/admin/users?role=${role}&limit=500`,
        { token },
      );
      const local = await desk.call('options.users', { role, limit: 500 });
      expect(new Set(local.items.map((o) => o.id))).toEqual(new Set(remote.body.items.map((u) => u.id)));
      const name = remote.body.items[3]?.name ?? '';
      const searched = await desk.call('options.users', { role, search: name.slice(0, 5) });
      expect(searched.items.map((o) => o.id)).toContain(remote.body.items[3]?.id);
      expect(
        searched.items.every((o) => foldArabic(o.label + (o.hint ?? '')).includes(foldArabic(name.slice(0, 5)))),
      ).toBe(true);
    }
    // Every product with its seller, and a search with Arabic folding, as the backend lists them.
    const remoteProducts = await backend.request<{ items: Product[]; total: number }>(
      'GET',
      '/admin/products?limit=500',
      { token },
    );
    const allProducts = await desk.call('options.products', { limit: 500 });
    expect(allProducts.items.map((p) => [p.id, p.label, p.sellerId]).sort()).toEqual(
      remoteProducts.body.items.map((p) => [p.id, p.name, p.sellerId]).sort(),
    );
    const arabicProduct = remoteProducts.body.items.find((p) => /[أإآ]/.test(p.name));
    if (!arabicProduct) throw new Error('the demo has an Arabic product name with a hamza');
    const plain = arabicProduct.name.replace(/[أإآ]/g, 'ا');
    const remoteFound = await backend.request<{ items: Product[] }>(
      'GET',
      `/admin/products?limit=500&search=${encodeURIComponent(plain)}`,
      { token },
    );
    const localFound = await desk.call('options.products', { search: plain, limit: 500 });
    expect(localFound.items.map((p) => p.id).sort()).toEqual(remoteFound.body.items.map((p) => p.id).sort());
    expect(localFound.items.map((p) => p.id)).toContain(arabicProduct.id);
    const products = await desk.call('options.products', { search: session.product.name.slice(0, 5) });
    expect(products.items.map((p) => p.id)).toContain(session.product.id);
    const product = await desk.call('products.get', { id: session.product.id });
    expect(product.sellerId).toBe(products.items.find((p) => p.id === session.product.id)?.sellerId);

    const orders = await backend.request<{ items: Order[] }>(
      'GET',
      `/admin/orders?customerId=${session.customer.id}&productId=${session.product.id}`,
      { token },
    );
    expect((await desk.call('orders.forSession', { sessionId: session.id })).items).toEqual(orders.body.items);
    const byCustomer = await backend.request<{ items: Order[]; total: number }>(
      'GET',
      `/admin/orders?customerId=${session.customer.id}&limit=500`,
      { token },
    );
    const localOrders = await desk.call('orders.list', { customerId: session.customer.id, limit: 500 });
    expect(localOrders.total).toBe(byCustomer.body.total);
    expect(localOrders.items.map((o) => o.id)).toEqual(byCustomer.body.items.map((o) => o.id));
    expect(localOrders.items.every((o) => o.customerName === session.customer.name)).toBe(true);

    const users = await desk.call('users.list', { role: 'customer', search: session.customer.name, limit: 10 });
    const me = users.items.find((u) => u.id === session.customer.id);
    const theirs = await backendSessions(backend, `customerId=${session.customer.id}`);
    expect(me?.sessionsCount).toBe(theirs.length);

    const messages = await desk.call('messages.list', { sessionId: session.id, limit: 500 });
    expect(messages.items).toEqual(await backendMessages(backend, session.id));
    const older = messages.items.length > 2 ? messages.items[2] : undefined;
    if (older) {
      const paged = await desk.call('messages.list', { sessionId: session.id, before: older.id, limit: 2 });
      expect(paged.items).toEqual(messages.items.slice(0, 2));
    }
    const settings = await backend.request('GET', '/admin/settings', { token });
    expect(await desk.call('settings.get')).toEqual(settings.body);
  });

  it('keeps local preferences and the notifications pause', async () => {
    const prefs = await desk.call('prefs.update', { locale: 'ar', savedViews: [] });
    expect(prefs.locale).toBe('ar');
    expect(await desk.call('prefs.get')).toEqual(prefs);
    const since = Date.now();
    expect(await desk.call('notifications.setPaused', { paused: true })).toEqual({ paused: true });
    expect(await desk.waitForEvent('notifications.state', (p) => p.paused, { since })).toEqual({ paused: true });
    expect((await desk.call('prefs.get')).notificationsPaused).toBe(true);
    await desk.call('notifications.setPaused', { paused: false });
  });

  it('tells the shell when the notification rules change, and only then', async () => {
    const since = Date.now();
    await desk.call('prefs.update', { paneWidth: 600 });
    const rules = { notifySound: false, notifyWhich: 'flagged' as const, quietHours: { from: '22:00', to: '07:00' } };
    await desk.call('prefs.update', rules);
    expect(await desk.waitForEvent('notify.rules', () => true, { since })).toEqual(rules);
    expect(desk.events.filter((e) => e.at >= since && e.name === 'notify.rules')).toHaveLength(1);
    await desk.call('prefs.update', { notifySound: true, notifyWhich: 'all', quietHours: null, paneWidth: null });
  });

  it('remembers the conversation pane width, refusing a width outside its limits and keeping the stored one', async () => {
    expect((await desk.call('prefs.update', { paneWidth: 560 })).paneWidth).toBe(560);
    for (const paneWidth of [100, 5000, 450.5]) {
      const bad = await desk.result('prefs.update', { paneWidth });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.fields?.paneWidth).toMatch(/at least 320|at most 900|whole number/);
    }
    expect((await desk.call('prefs.get')).paneWidth).toBe(560);
    expect((await desk.call('prefs.update', { paneWidth: null })).paneWidth).toBeNull();
  });
});

describe('live events', () => {
  it('applies a customer message at once: one notice naming the session, the unread total and the toast', async () => {
    const [session] = await backendSessions(backend);
    if (!session) throw new Error('demo has sessions');
    const before = (await desk.call('unread.total')).total;
    const since = Date.now();
    const notice = desk.waitForEvent('sessions.changed', (p) => p.notify.some((m) => m.body === 'Is it in stock?'), {
      since,
    });
    const sent = await participantPost(backend, session, 'Is it in stock?');
    const changed = await notice;
    expect(changed.sessionIds).toContain(session.id);
    expect(changed.unreadTotal).toBe(before + 1);
    expect(changed.notify).toEqual([{ ...sent, productName: session.product.name }]);
    const local = await desk.call('sessions.get', { id: session.id });
    expect(local.unreadCount).toBe(session.unreadCount + 1);
    await expectCacheEqualsBackend(desk, backend, [session.id]);

    // The seller answers: notified too; a staff reply is not.
    const sellerNotice = desk.waitForEvent('sessions.changed', (p) => p.notify.some((m) => m.body === 'Yes, 3 left'));
    await participantPost(backend, session, 'Yes, 3 left', 'seller');
    expect((await sellerNotice).notify[0]?.senderRole).toBe('seller');
    const replyFrom = desk.events.length;
    await desk.call('messages.send', { sessionId: session.id, body: 'Support here' });
    await desk.settled();
    const notices = desk.events.slice(replyFrom).filter((e) => e.name === 'sessions.changed');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.flatMap((e) => (e.payload as { notify: unknown[] }).notify)).toEqual([]);
    await expectCacheEqualsBackend(desk, backend, [session.id]);
  });

  it('names the sessions read here or elsewhere (readSessionIds) and never notifies staff messages', async () => {
    const sessions = await backendSessions(backend, 'hasUnread=false');
    const [a, b] = sessions as [Session, Session];
    const incoming = desk.waitForEvent('sessions.changed', (p) => p.notify.some((m) => m.body === 'Hello from A'));
    await participantPost(backend, a, 'Hello from A');
    await participantPost(backend, b, 'Hello from B', 'seller');
    await incoming;
    await desk.waitFor(async () => (await desk.call('sessions.get', { id: b.id })).unreadCount === 1);

    // Read by a colleague (the backend's own API): the feed's batch names the session.
    const since = Date.now();
    const readElsewhere = desk.waitForEvent('sessions.changed', (p) => p.readSessionIds?.includes(a.id) ?? false, {
      since,
    });
    const r = await backend.request('POST', '/admin/sessions/mark-read', { token, body: { ids: [a.id] } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const notice = await readElsewhere;
    expect(notice.readSessionIds).toEqual([a.id]);
    expect(notice.notify).toEqual([]);

    // Read here: named at once, by the notice of the queued action.
    const from = desk.events.length;
    await desk.call('messages.markRead', { sessionId: b.id });
    const local = desk.events
      .slice(from)
      .find(
        (e) => e.name === 'sessions.changed' && (e.payload as { readSessionIds?: string[] }).readSessionIds?.length,
      );
    expect((local?.payload as { readSessionIds?: string[] } | undefined)?.readSessionIds).toEqual([b.id]);

    // A colleague's reply and our own: staff messages never notify.
    const quiet = desk.events.length;
    const colleague = await backend.request<{ id: string }>('POST', `/admin/sessions/${a.id}/messages`, {
      token: await backend.token('agent'),
      body: { body: 'A colleague answers' },
    });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(201);
    await desk.call('messages.send', { sessionId: a.id, body: 'We answer too' });
    await desk.waitFor(async () =>
      (await desk.call('messages.list', { sessionId: a.id })).items.some((m) => m.id === colleague.body.id),
    );
    await expectCacheEqualsBackend(desk, backend, [a.id, b.id]);
    const notified = desk.events
      .slice(quiet)
      .filter((e) => e.name === 'sessions.changed')
      .flatMap((e) => (e.payload as { notify: unknown[] }).notify);
    expect(notified).toEqual([]);
  });

  it('follows a moderator’s removal and restoration of a message: the session’s counters, the body kept', async () => {
    const sessions = await backendSessions(backend);
    const s = sessions[5] as Session;
    const m = await participantPost(backend, s, 'call me on +966 55 123 4567', 'seller');
    const moderator = await backend.token('moderator');
    const queued = await backend.db.query<{ id: string }>('SELECT id FROM moderation_items WHERE message_id = $1', [
      m.id,
    ]);
    const itemId = queued.rows[0]?.id as string;
    const decide = async (action: string) => {
      const r = await backend.request('POST', `/admin/moderation/items/${itemId}/decision`, {
        token: moderator,
        body: { action, reason: 'no phone numbers' },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await desk.waitFor(
      async () => (await desk.call('sessions.get', { id: s.id })).messagesCount === s.messagesCount + 1,
    );
    await decide('remove');
    await desk.waitFor(async () => (await desk.call('sessions.get', { id: s.id })).messagesCount === s.messagesCount);
    await expectCacheEqualsBackend(desk, backend);
    const kept = (await desk.call('messages.list', { sessionId: s.id, limit: 500 })).items.find((x) => x.id === m.id);
    expect(kept?.body).toBe(m.body);
    await decide('restore');
    await desk.waitFor(
      async () => (await desk.call('sessions.get', { id: s.id })).messagesCount === s.messagesCount + 1,
    );
    await expectCacheEqualsBackend(desk, backend, [s.id]);
  });

  it('follows renames, new sessions and deletions made by other staff', async () => {
    const sessions = await backendSessions(backend);
    const s = sessions[3] as Session;
    await backend.request('PATCH', `/admin/users/${s.customer.id}`, { token, body: { name: 'Renamed Customer' } });
    await backend.request('DELETE', `/admin/sessions/${(sessions[4] as Session).id}`, { token });
    await desk.waitFor(
      async () => (await desk.call('sessions.get', { id: s.id })).customer.name === 'Renamed Customer',
    );
    const found = await desk.call('sessions.page', { filter: { search: 'renamed cust' } });
    expect(found.rows.map((r) => r.id)).toContain(s.id);
    await expectCacheEqualsBackend(desk, backend);
  });
});

describe('outbox actions', () => {
  it('creates and edits a session: shown at once with its client-made id, then the same on the backend', async () => {
    const customers = await desk.call('options.users', { role: 'customer', limit: 5 });
    const products = await desk.call('options.products', { limit: 5 });
    const product = products.items[0];
    const customer = customers.items[0];
    if (!product || !customer) throw new Error('demo data');
    const created = await desk.call('sessions.create', {
      productId: product.id,
      customerId: customer.id,
      sellerId: product.sellerId,
      lastMessageAt: '2026-01-02T03:04:05.000+03:00',
    });
    expect(created).toMatchObject({ product: { id: product.id }, customer: { id: customer.id }, messagesCount: 0 });
    expect(created.lastMessageAt).toBe('2026-01-02T00:04:05.000Z');
    expect((await desk.call('sessions.get', { id: created.id })).id).toBe(created.id);
    expect((await desk.call('sync.state')).pendingActions).toBeGreaterThanOrEqual(0);
    await desk.settled();
    const remote = await backend.request<Session>('GET', `/admin/sessions/${created.id}`, { token });
    expect(remote.status).toBe(200);

    const other = customers.items[1];
    if (!other) throw new Error('demo data');
    const edited = await desk.call('sessions.update', {
      id: created.id,
      patch: { customerId: other.id, lastMessageAt: '2026-02-01T00:00:00.000Z' },
    });
    expect(edited.customer).toEqual({ id: other.id, name: other.label });
    await expectCacheEqualsBackend(desk, backend, [created.id]);
    const after = await backend.request<Session>('GET', `/admin/sessions/${created.id}`, { token });
    expect(after.body.customer.id).toBe(other.id);

    const bad = await desk.result('sessions.create', {
      productId: product.id,
      customerId: product.sellerId,
      sellerId: product.sellerId,
      lastMessageAt: new Date().toISOString(),
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields).toHaveProperty('sellerId');
  });

  it('sends, marks read and deletes messages once each', async () => {
    const sessions = await backendSessions(backend, 'hasUnread=true');
    const s = sessions[0] as Session;
    const sent = await desk.call('messages.send', { sessionId: s.id, body: 'On its way' });
    const shown = await desk.call('messages.list', { sessionId: s.id });
    // Shown at once; the backend then stamps its own time on it.
    expect(shown.items.at(-1)).toMatchObject({ id: sent.id, body: 'On its way', senderRole: 'staff' });
    expect((await desk.call('sessions.get', { id: s.id })).messagesCount).toBe(s.messagesCount + 1);
    await expectCacheEqualsBackend(desk, backend, [s.id]);
    const remote = await backendMessages(backend, s.id);
    expect(remote.filter((m) => m.id === sent.id)).toHaveLength(1);

    const unread = remote.filter((m) => m.readAt === null && m.senderRole !== 'staff');
    const one = unread[0];
    if (!one) throw new Error('an unread message');
    const marked = await desk.call('messages.markRead', { sessionId: s.id, ids: [one.id] });
    expect(marked.affected).toBe(1);
    expect((await desk.call('sessions.get', { id: s.id })).unreadCount).toBe(s.unreadCount - 1);
    await expectCacheEqualsBackend(desk, backend, [s.id]);

    await desk.call('messages.markRead', { sessionId: s.id });
    expect((await desk.call('sessions.get', { id: s.id })).unreadCount).toBe(0);
    await expectCacheEqualsBackend(desk, backend, [s.id]);

    const victim = (await backendMessages(backend, s.id))[0];
    if (!victim) throw new Error('a message');
    await desk.call('messages.delete', { id: victim.id });
    expect((await desk.call('messages.list', { sessionId: s.id })).items.map((m) => m.id)).not.toContain(victim.id);
    await expectCacheEqualsBackend(desk, backend, [s.id]);
  });

  it('marks read and deletes in bulk, by ids and by "all matching" with the count confirmed', async () => {
    const unread = await backendSessions(backend, 'hasUnread=true');
    const ids = unread.slice(0, 3).map((s) => s.id);
    const r1 = await desk.call('sessions.markRead', { target: { ids } });
    expect(r1.affected).toBe(unread.slice(0, 3).reduce((n, s) => n + s.unreadCount, 0));
    await expectCacheEqualsBackend(desk, backend);

    const query: SessionFilter = { hasUnread: true, activeWithinDays: 30 };
    const expected = (await backendSessions(backend, 'hasUnread=true&activeWithinDays=30')).length;
    expect(expected).toBeGreaterThan(0);
    const confirmedCount = (await desk.call('sessions.page', { filter: query, limit: 1 })).total;
    const asOf = new Date().toISOString();
    await desk.call('sessions.markRead', { target: { allMatching: { filter: query, confirmedCount, asOf } } });
    expect((await desk.call('sessions.page', { filter: query })).total).toBe(0);
    await expectCacheEqualsBackend(desk, backend);

    const del = await backendSessions(backend);
    const r2 = await desk.call('sessions.deleteMany', { target: { ids: del.slice(0, 2).map((s) => s.id) } });
    expect(r2.affected).toBe(2);
    await desk.call('sessions.delete', { id: (del[2] as Session).id });
    await expectCacheEqualsBackend(desk, backend);
    const seller = (del[5] as Session).seller.id;
    const bySeller = (await desk.call('sessions.page', { filter: { sellerId: seller }, limit: 1 })).total;
    await desk.call('sessions.deleteMany', {
      target: {
        allMatching: { filter: { sellerId: seller }, confirmedCount: bySeller, asOf: new Date().toISOString() },
      },
    });
    expect((await desk.call('sessions.page', { filter: { sellerId: seller } })).total).toBe(0);
    await expectCacheEqualsBackend(desk, backend);
    expect(await backendSessions(backend, `sellerId=${seller}`)).toEqual([]);
  });

  it('switches the mobile chat setting', async () => {
    expect(await desk.call('settings.update', { chatMobileEnabled: false })).toEqual({ chatMobileEnabled: false });
    expect(await desk.call('settings.get')).toEqual({ chatMobileEnabled: false });
    await desk.settled();
    const remote = await backend.request('GET', '/admin/settings', { token });
    expect(remote.body).toEqual({ chatMobileEnabled: false });
    await desk.call('settings.update', { chatMobileEnabled: true });
    await desk.settled();
  });

  it('follows a settings change made by another staff member: the change notice says so and the cache has it', async () => {
    const since = Date.now();
    const notice = desk.waitForEvent('sessions.changed', (p) => p.settingsChanged === true, { since });
    const changed = await backend.request('PUT', '/admin/settings', { token, body: { chatMobileEnabled: false } });
    expect(changed.status).toBe(200);
    await notice;
    expect(await desk.call('settings.get')).toEqual({ chatMobileEnabled: false });
    const back = desk.waitForEvent('sessions.changed', (p) => p.settingsChanged === true, { since: Date.now() });
    await backend.request('PUT', '/admin/settings', { token, body: { chatMobileEnabled: true } });
    await back;
    expect(await desk.call('settings.get')).toEqual({ chatMobileEnabled: true });
  });

  it('undoes an action the backend refuses and says why (an agent may not delete)', async () => {
    const agent = await startDeskCore({ backendUrl: backend.url, email: 'agent@demo.chatdesk' });
    try {
      const [s] = await backendSessions(backend);
      if (!s) throw new Error('sessions');
      const since = Date.now();
      const failed = agent.waitForEvent('action.failed', undefined, { since });
      const r = await agent.call('sessions.delete', { id: s.id });
      expect(r.affected).toBe(1);
      const failure = await failed;
      expect(failure).toMatchObject({ kind: 'sessions.delete', error: { code: 'forbidden' } });
      expect(failure.summary).toContain('Delete');
      expect(await agent.call('sessions.get', { id: s.id })).toEqual(s);
      await expectCacheEqualsBackend(agent, backend);
    } finally {
      await agent.close();
    }
  });
});
