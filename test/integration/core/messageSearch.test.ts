// B2 through the desk core: `messages.search` asks the backend (every message), and when the network is cut it
// answers from the messages the cache holds, saying so (`source: 'cache'`). Real backend (PGlite, demo data), real
// SQLite cache, the network cut with a loopback proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageSearchHit, MessageSearchPage } from '../../../src/shared/api.ts';
import { foldArabic } from '../../../src/shared/arabicFold.ts';
import { startTestBackend, type TestBackend } from '../../support/backend.ts';
import { type CuttableProxy, startCuttableProxy, startDeskCore, type TestDesk } from '../../support/desk.ts';

describe('desk core: messages.search (B2)', () => {
  let backend: TestBackend;
  let proxy: CuttableProxy;
  let desk: TestDesk;
  let admin: string;

  const backendSearch = async (q: string) => {
    const r = await backend.request<MessageSearchPage>(
      'GET',
      `/admin/messages/search?q=${encodeURIComponent(q)}&limit=200`,
      { token: admin },
    );
    expect(r.status).toBe(200);
    return r.body.items;
  };
  /** Every page of a desk search, following nextBefore. */
  const allPages = async (q: string, limit: number) => {
    const items: MessageSearchHit[] = [];
    const sources = new Set<string>();
    let before: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await desk.call('messages.search', { q, limit, ...(before ? { before } : {}) });
      sources.add(page.source);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    return { items, sources: [...sources] };
  };

  beforeAll(async () => {
    backend = await startTestBackend();
    admin = await backend.adminToken();
    proxy = await startCuttableProxy(backend.url);
    desk = await startDeskCore({ backendUrl: proxy.url });
  });
  afterAll(async () => {
    await desk?.close();
    await proxy?.close();
    await backend?.close();
  });

  it('online: answers from the backend, folded (alef form and diacritics), paged exactly like the backend', async () => {
    const expected = await backendSearch('اَصْلي');
    expect(expected.length).toBeGreaterThan(3);
    const first = await desk.call('messages.search', { q: 'اَصْلي' });
    expect(first.source).toBe('backend');
    expect(first.items.map((h) => h.id)).toEqual(expected.slice(0, 50).map((h) => h.id));
    for (const hit of first.items) expect(foldArabic(hit.body)).toContain('اصلي');
    const paged = await allPages('اصلى', 2); // ى for ي: the same word
    expect(paged.sources).toEqual(['backend']);
    expect(paged.items.map((h) => h.id)).toEqual(expected.map((h) => h.id));
  });

  it('refuses bad input with the field named, online and offline', async () => {
    for (const q of ['a', ' b ', '\u064E\u064F', 'x'.repeat(201)]) {
      const r = await desk.result('messages.search', { q });
      expect(r.ok, q).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request');
        expect(Object.keys(r.error.fields ?? {})).toContain('q');
      }
    }
    const badCursor = await desk.result('messages.search', { q: 'ok', before: 'yesterday' });
    expect(badCursor.ok).toBe(false);
    if (!badCursor.ok) expect(Object.keys(badCursor.error.fields ?? {})).toContain('before');
  });

  it('offline: searches the messages the cache holds, says it is the cache, and finds what was written offline', async () => {
    const expected = await backendSearch('اصلي');
    const opened = expected[0] as MessageSearchHit;
    // Open one conversation (its messages enter the cache), and write a reply in it while online.
    await desk.call('messages.list', { sessionId: opened.sessionId, limit: 500 });
    const online = await desk.call('messages.send', { sessionId: opened.sessionId, body: 'المنتج أصليٌّ ومضمون' });
    await desk.settled();
    const inCache = [online, ...expected.filter((h) => h.sessionId === opened.sessionId)];

    proxy.cut();
    // At once (the sync may not have noticed yet: the failed request falls back) and once the sync says offline.
    const immediate = await desk.call('messages.search', { q: 'أصلي' });
    expect(immediate.source).toBe('cache');
    await desk.waitFor(async () => (await desk.call('sync.state')).status === 'offline', 15_000, 'offline');
    const offline = await desk.call('messages.search', { q: 'أصلي' });
    expect(offline.source).toBe('cache');
    expect(offline.items.map((h) => h.id).sort()).toEqual(inCache.map((m) => m.id).sort());
    expect(offline.items.length).toBeLessThan(expected.length + 1); // partial: only what the cache holds
    const hit = offline.items.find((h) => h.id === opened.id) as MessageSearchHit;
    expect(hit).toMatchObject({
      body: opened.body,
      sessionId: opened.sessionId,
      senderRole: opened.senderRole,
      product: opened.product,
      customer: opened.customer,
      seller: opened.seller,
    });
    // newest first
    const times = offline.items.map((h) => h.createdAt);
    expect(times).toEqual([...times].sort().reverse());

    // A reply written offline (queued) is found locally, with tatweel and taa marbuta folded.
    const queued = await desk.call('messages.send', { sessionId: opened.sessionId, body: 'سنرسل الفاتـــورة الأصلية' });
    const local = await desk.call('messages.search', { q: 'الفاتوره الاصليه' });
    expect(local.source).toBe('cache');
    expect(local.items.map((h) => h.id)).toEqual([queued.id]);

    // Paging over the cache follows the same cursor.
    const paged = await allPages('اصلي', 1);
    expect(paged.sources).toEqual(['cache']);
    const whole = await desk.call('messages.search', { q: 'اصلي', limit: 200 });
    expect(whole.items).toHaveLength(offline.items.length + 1); // the queued reply says "الأصلية"
    expect(paged.items.map((h) => h.id)).toEqual(whole.items.map((h) => h.id));

    const r = await desk.result('messages.search', { q: 'z' });
    expect(r.ok).toBe(false);

    proxy.restore();
    await desk.settled(30_000);
    const back = await desk.call('messages.search', { q: 'الفاتوره الاصليه' });
    expect(back.source).toBe('backend');
    expect(back.items.map((h) => h.id)).toEqual([queued.id]);
  });

  it('is refused before sign-in', async () => {
    const fresh = await startDeskCore({});
    try {
      const r = await fresh.result('messages.search', { q: 'اصلي' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unauthenticated');
    } finally {
      await fresh.close();
    }
  });
});
